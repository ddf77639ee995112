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
// appears most often, outside quotes, in the first line that has one (a
// title line above the header may have none; comma on a tie or when none
// appears). Excel's "sep=;" first line, if
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
	s.text = newLineText(br)
	s.r = csv.NewReader(s.text)
	s.r.ReuseRecord = true // next copies the cells into a record of its caller
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
		case c == '\n' && len(counts) > 0:
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

// next reads the next record into rec. A syntax error (a stray quote)
// comes back as *syntaxError, and reading can go on after it.
func (s *csvSource) next(rec *rawRecord) error {
	cells, err := s.r.Read()
	if err != nil {
		return s.readError(err)
	}
	// cells is reused by the next Read (ReuseRecord): copy it.
	rec.cells = append(rec.cells[:0], cells...)
	rec.pos = rec.pos[:0]
	for i := range cells {
		line, col := s.r.FieldPos(i)
		rec.pos = append(rec.pos, s.position(line, s.cellStart(line, col)))
	}
	rec.line = rec.pos[0].line
	last := len(cells) - 1
	endLine, _ := s.r.FieldPos(last)
	endLine += strings.Count(cells[last], "\n")
	rec.end = position{endLine + s.base, s.text.width(endLine) + 1}
	rec.grid = false
	s.text.forget(endLine + 1)
	return nil
}

// readError turns an error of csv.Reader.Read into what next returns.
// (It is apart from next because errors.As makes its target escape to
// the heap, and next runs once per record.)
func (s *csvSource) readError(err error) error {
	if errors.Is(err, errRecordTooLong) {
		return &stopError{pos: position{s.text.first + s.base, 1},
			msg: "a row of more than " + sizeText(int64(maxRecordBytes)) + ": a quote never closed, or not a plan? The rest of the file is not read"}
	}
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return err
	}
	e := &syntaxError{pos: s.position(pe.Line, pe.Column), msg: csvProblem(pe.Err)}
	if open, ok := s.unclosedQuote(pe.StartLine, pe.Line); ok && errors.Is(pe.Err, csv.ErrQuote) {
		e.pos, e.msg = open, msgUnclosed
	} else if pe.StartLine != pe.Line {
		e.msg += fmt.Sprintf(" (in the row that starts on line %d)", pe.StartLine+s.base)
	}
	s.text.forget(pe.Line + 1)
	return e
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
//
// The lines are kept in one buffer, text, that is reused: forgetting
// lines only moves an offset, and the bytes still needed move to the
// front of the buffer once the forgotten ones fill half of it. Offsets
// count bytes from the start of the stream, so that they survive that
// move.
type lineText struct {
	r      io.Reader
	first  int    // line number of the first line kept: starts[0]
	starts []int  // stream offset where each kept line starts; the last line may be incomplete
	text   []byte // the stream from offset base on
	base   int    // stream offset of text[0]

	// A cursor on a line, so that the columns of a line's cells are
	// counted from the cell before, not each from the start of the line.
	curLine, curByte, curCol int
}

func newLineText(r io.Reader) *lineText {
	return &lineText{r: r, first: 1, starts: []int{0}}
}

// maxRecordBytes bounds one record of a CSV file (a row, with the lines
// of its quoted cells): 1 MiB. A 200 MB line used 1.8 GB of memory.
var maxRecordBytes = 1 << 20

// errRecordTooLong is a record past maxRecordBytes.
var errRecordTooLong = errors.New("record too long")

func (t *lineText) Read(p []byte) (int, error) {
	if t.base+len(t.text)-t.starts[0] > maxRecordBytes {
		return 0, errRecordTooLong
	}
	n, err := t.r.Read(p)
	if n > 0 {
		if drop := t.starts[0] - t.base; drop > 0 && drop >= len(t.text)-drop {
			t.text = t.text[:copy(t.text, t.text[drop:])]
			t.base += drop
		}
		end := t.base + len(t.text)
		t.text = append(t.text, p[:n]...)
		for i := 0; ; {
			j := bytes.IndexByte(p[i:n], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			t.starts = append(t.starts, end+i)
		}
	}
	return n, err
}

// line returns the text of line n, line break included, or nil when the
// line is not kept.
func (t *lineText) line(n int) []byte {
	i := n - t.first
	if i < 0 || i >= len(t.starts) {
		return nil
	}
	end := t.base + len(t.text)
	if i+1 < len(t.starts) {
		end = t.starts[i+1]
	}
	return t.text[t.starts[i]-t.base : end-t.base]
}

// column turns a 1-based byte column of line n into a character column.
func (t *lineText) column(n, byteCol int) int {
	b := t.line(n)
	if byteCol-1 > len(b) || byteCol < 1 {
		return max(byteCol, 1)
	}
	if n != t.curLine || byteCol-1 < t.curByte {
		t.curLine, t.curByte, t.curCol = n, 0, 1
	}
	col := t.curCol + runeCount(b[t.curByte:byteCol-1])
	// Counting on from here gives the same count only at the start of
	// a character.
	if byteCol-1 < len(b) && utf8.RuneStart(b[byteCol-1]) {
		t.curByte, t.curCol = byteCol-1, col
	}
	return col
}

// width is the number of characters on line n, line break excluded.
func (t *lineText) width(n int) int {
	b := bytes.TrimRight(t.line(n), "\r\n")
	return t.column(n, len(b)+1) - 1 // counted on from the last cell
}

// runeCount is utf8.RuneCount, which copies non-ASCII text longer than
// 32 bytes to the heap (Go 1.26 counts it as a string).
func runeCount(b []byte) int {
	n := 0
	for i := 0; i < len(b); n++ {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, w := utf8.DecodeRune(b[i:])
		i += w
	}
	return n
}

// forget drops the lines before line n; the last line is always kept.
func (t *lineText) forget(n int) {
	k := min(n-t.first, len(t.starts)-1)
	if k > 0 {
		t.starts = t.starts[k:]
		t.first += k
	}
}
