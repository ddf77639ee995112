package input

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// csvSource yields the records of a delimited text file, already decoded
// to UTF-8, with the physical position of every cell.
type csvSource struct {
	r     *csv.Reader
	text  *lineText
	base  int  // lines consumed before r started: a "sep=;" line
	comma rune // the delimiter
}

// sniffLimit bounds how far the delimiter sniffer looks for the header.
const sniffLimit = 64 << 10

// newCSVSource sniffs the delimiter of the decoded text r and prepares to
// read it. The delimiter is the one of comma, tab and semicolon that
// appears most often, outside quotes, in the first line that is not empty
// (comma on a tie or when none appears). Excel's "sep=;" first line, if
// present, names the delimiter instead and is skipped.
func newCSVSource(r io.Reader) (*csvSource, error) {
	br := bufio.NewReaderSize(r, sniffLimit)
	head, err := br.Peek(sniffLimit)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	s := &csvSource{comma: sniffDelimiter(head)}
	if line, _, _ := bytes.Cut(head, []byte("\n")); len(line) > 0 {
		l := strings.TrimRight(string(line), "\r")
		if v, ok := strings.CutPrefix(strings.ToLower(l), "sep="); ok && utf8.RuneCountInString(v) == 1 {
			if c, _ := utf8.DecodeRuneInString(v); c == ',' || c == '\t' || c == ';' {
				s.comma, s.base = c, 1
				if _, err := br.Discard(len(line) + 1); err != nil && err != io.EOF {
					return nil, err
				}
			}
		}
	}
	s.text = &lineText{r: br, first: 1}
	s.r = csv.NewReader(s.text)
	s.r.Comma = s.comma
	s.r.FieldsPerRecord = -1 // short and long rows are reported cell by cell
	// Leading spaces before a quoted cell (a, "12,000") are common in
	// hand-written files; with tabs as delimiter they would swallow empty
	// cells, so only for comma and semicolon.
	s.r.TrimLeadingSpace = s.comma != '\t'
	return s, nil
}

func sniffDelimiter(head []byte) rune {
	// Skip empty lines, then count delimiters up to the end of the first
	// line, outside quotes (a quoted header may contain line breaks).
	head = bytes.TrimLeft(head, "\r\n")
	counts := map[rune]int{}
	quoted := false
	for _, c := range string(head) {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n':
			return bestDelimiter(counts)
		case c == ',' || c == '\t' || c == ';':
			counts[c]++
		}
	}
	return bestDelimiter(counts)
}

func bestDelimiter(counts map[rune]int) rune {
	best := ','
	for _, c := range []rune{'\t', ';'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// next returns the next record. A syntax error (a stray quote) comes back
// as *syntaxError, and reading can go on after it.
func (s *csvSource) next() (rawRecord, error) {
	cells, err := s.r.Read()
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		e := &syntaxError{pos: s.position(pe.Line, pe.Column), msg: csvProblem(pe.Err)}
		if open, ok := s.unclosedQuote(pe.StartLine, pe.Line); ok && errors.Is(pe.Err, csv.ErrQuote) {
			e.pos, e.msg = open, msgUnclosed
		} else if pe.StartLine != pe.Line {
			e.msg += fmt.Sprintf(" (in the row that starts on line %d)", pe.StartLine+s.base)
		}
		s.text.forget(pe.Line + 1)
		return rawRecord{}, e
	}
	if err != nil {
		return rawRecord{}, err
	}
	rec := rawRecord{cells: cells, pos: make([]position, len(cells))}
	for i := range cells {
		line, col := s.r.FieldPos(i)
		rec.pos[i] = s.position(line, s.cellStart(line, col))
	}
	rec.line = rec.pos[0].line
	last := len(cells) - 1
	endLine, _ := s.r.FieldPos(last)
	endLine += strings.Count(cells[last], "\n")
	rec.end = position{endLine + s.base, s.text.width(endLine) + 1}
	s.text.forget(endLine + 1)
	return rec, nil
}

const msgUnclosed = `quote (") is never closed`

// unclosedQuote finds the quote that opens a cell and is still open at
// line last, in the row that starts on line start. encoding/csv reports
// such a quote where it gave up, at the end of the file; the person
// fixing the file needs the quote.
func (s *csvSource) unclosedQuote(start, last int) (position, bool) {
	var open position
	quoted, cellStart := false, true
	for n := start; n <= last; n++ {
		b := s.text.line(n)
		col := 0
		for i := 0; i < len(b); {
			r, w := utf8.DecodeRune(b[i:])
			i += w
			col++
			switch {
			case quoted && r == '"' && i < len(b) && b[i] == '"': // an escaped quote
				i++
				col++
			case quoted:
				quoted = r != '"'
			case cellStart && r == ' ' && s.r.TrimLeadingSpace:
			case cellStart && r == '"':
				quoted, cellStart = true, false
				open = s.position(n, 1)
				open.col = col
			case r == s.comma || r == '\n':
				cellStart = true
			default:
				cellStart = false
			}
		}
	}
	return open, quoted
}

// cellStart moves a FieldPos byte column back over the spaces that
// TrimLeadingSpace dropped: a cell starts right after its delimiter.
func (s *csvSource) cellStart(line, byteCol int) int {
	if !s.r.TrimLeadingSpace {
		return byteCol
	}
	b := s.text.line(line)
	i := min(byteCol-1, len(b))
	for i > 0 {
		r, w := utf8.DecodeLastRune(b[:i])
		if r == s.comma || !unicode.IsSpace(r) {
			break
		}
		i -= w
	}
	return i + 1
}

// position turns a csv.Reader position (line, 1-based byte column) into a
// physical line of the file and a character column.
func (s *csvSource) position(line, byteCol int) position {
	return position{line + s.base, s.text.column(line, byteCol)}
}

func (s *csvSource) columnName(i int) string { return "column " + strconv.Itoa(i+1) }

func (s *csvSource) bind([]int) {}

// csvProblem words encoding/csv's syntax errors for a person fixing a
// spreadsheet.
func csvProblem(err error) string {
	switch {
	case errors.Is(err, csv.ErrBareQuote):
		return `stray quote (") in a cell that does not start with a quote`
	case errors.Is(err, csv.ErrQuote):
		return `quote (") not closed, or followed by text before the next delimiter`
	}
	return err.Error()
}

// lineText passes text through to csv.Reader and remembers the lines it
// has not finished with, so that FieldPos byte columns can be turned into
// character columns: what an editor shows, and the same whatever the
// file's encoding was.
type lineText struct {
	r     io.Reader
	first int      // line number of lines[0]
	lines [][]byte // the last one may be incomplete
}

func (t *lineText) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	for chunk := p[:n]; len(chunk) > 0; {
		if len(t.lines) == 0 {
			t.lines = append(t.lines, nil)
		}
		last := len(t.lines) - 1
		i := bytes.IndexByte(chunk, '\n')
		if i < 0 {
			t.lines[last] = append(t.lines[last], chunk...)
			break
		}
		t.lines[last] = append(t.lines[last], chunk[:i+1]...)
		t.lines = append(t.lines, nil)
		chunk = chunk[i+1:]
	}
	return n, err
}

func (t *lineText) line(n int) []byte {
	if i := n - t.first; i >= 0 && i < len(t.lines) {
		return t.lines[i]
	}
	return nil
}

// column turns a 1-based byte column of line n into a character column.
func (t *lineText) column(n, byteCol int) int {
	b := t.line(n)
	if byteCol-1 > len(b) || byteCol < 1 {
		return max(byteCol, 1)
	}
	return utf8.RuneCount(b[:byteCol-1]) + 1
}

// width is the number of characters on line n, line break excluded.
func (t *lineText) width(n int) int {
	b := bytes.TrimRight(t.line(n), "\r\n")
	return utf8.RuneCount(b)
}

// forget drops the lines before line n.
func (t *lineText) forget(n int) {
	k := min(n-t.first, len(t.lines)-1)
	if k > 0 {
		t.lines = t.lines[k:]
		t.first += k
	}
}
