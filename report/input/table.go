package input

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
)

// position is where a cell starts: a physical line and character column
// in a CSV file, a row and column number in a sheet.
type position struct{ line, col int }

// rawRecord is one record as a source read it.
type rawRecord struct {
	line  int        // where the record starts
	cells []string   // the text of each cell
	pos   []position // where each cell starts
	end   position   // CSV: just past the last cell, where a missing cell is reported
	grid  bool       // xlsx: every column has a cell, even past the end of cells
}

// at is the position of column i of the record.
func (r *rawRecord) at(i int) position {
	switch {
	case i < len(r.pos):
		return r.pos[i]
	case r.grid:
		return position{r.line, i + 1}
	}
	return r.end
}

// source is a file format: CSV text or an xlsx sheet.
type source interface {
	// next returns the next record, io.EOF after the last, or a
	// *syntaxError after which reading can go on.
	next() (rawRecord, error)
	// columnName names column i (0-based) in a message: "column 8".
	columnName(i int) string
	// bind tells the source the field of each column (-1 for none), once
	// the header is known.
	bind(fields []int)
}

// syntaxError is a record a source could not split into cells.
type syntaxError struct {
	pos position
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

var (
	errBadHeader = errors.New("bad header")
	errStopped   = errors.New("stopped")
)

// table sits between a source and gocsv: it is the gocsv.CSVReader gocsv
// decodes from. It finds the header and checks it, skips blank rows,
// rejects text that did not decode, and remembers the positions of every
// record it hands to gocsv, so that the record gocsv returns can be
// matched with them. gocsv decodes on its own goroutine and hands records
// back in order through an unbuffered channel: pending is a queue, and it
// and errs are shared between the two goroutines.
type table struct {
	file     string
	src      source
	encoding string                // for the message about text that did not decode; "" for xlsx
	cellRef  func(position) string // xlsx: names the cell of a position

	// Set from the header before gocsv reads a row.
	header   rawRecord
	fieldCol [numFields]int // column of each field, -1 when absent
	colField []int          // field of each column, -1 when ignored

	headerless map[int]bool // columns without a header that have data, warned about once

	mu      sync.Mutex
	pending []rawRecord
	errs    []*Error
	warns   []Warning

	stopped atomic.Bool
}

// Read implements gocsv.CSVReader.
func (t *table) Read() ([]string, error) {
	if t.stopped.Load() {
		return nil, errStopped
	}
	if t.colField == nil {
		return t.readHeader()
	}
	for {
		rec, err := t.nextRecord()
		if err != nil {
			return nil, err
		}
		if t.readable(rec, false) {
			t.noteHeaderless(rec)
			t.mu.Lock()
			t.pending = append(t.pending, rec)
			t.mu.Unlock()
			return rec.cells, nil
		}
	}
}

// ReadAll implements gocsv.CSVReader; the reader streams and never calls it.
func (t *table) ReadAll() ([][]string, error) {
	return nil, errors.New("input: table.ReadAll is not supported")
}

// pop returns the positions of the record gocsv decoded last.
func (t *table) pop() rawRecord {
	t.mu.Lock()
	defer t.mu.Unlock()
	rec := t.pending[0]
	t.pending = t.pending[1:]
	return rec
}

// nextRecord returns the next record that is not blank, recording syntax
// errors on the way.
func (t *table) nextRecord() (rawRecord, error) {
	for {
		rec, err := t.src.next()
		var se *syntaxError
		if errors.As(err, &se) {
			t.errorAt(se.pos, "", se.msg, "")
			continue
		}
		if err != nil {
			return rawRecord{}, err
		}
		if !blank(rec.cells) {
			return rec, nil
		}
	}
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimFunc(c, isBlank) != "" {
			return false
		}
	}
	return true
}

// readHeader finds the header, the first row that is not blank, and
// checks it: every required column present, no column twice (aliases
// count: 日期 is date).
func (t *table) readHeader() ([]string, error) {
	rec, err := t.nextRecord()
	if err == io.EOF {
		t.errorAt(position{1, 1}, "", "no header row: the file is empty", "")
		return nil, errBadHeader
	}
	if err != nil {
		return nil, err
	}
	t.header = rec
	if !t.readable(rec, true) {
		return nil, errBadHeader
	}
	for f := range t.fieldCol {
		t.fieldCol[f] = -1
	}
	t.colField = make([]int, len(rec.cells))
	var unknown []string
	ok := true
	for i, h := range rec.cells {
		t.colField[i] = -1
		name := normalizeHeader(h)
		if name == "" {
			continue
		}
		f, known := fieldOf[name]
		switch {
		case !known:
			unknown = append(unknown, fmt.Sprintf("%q (%s)", strings.TrimFunc(h, isBlank), t.src.columnName(i)))
		case t.fieldCol[f] >= 0:
			first := t.fieldCol[f]
			t.errorAt(rec.at(i), strings.TrimFunc(h, isBlank), fmt.Sprintf("duplicate column: same as %q (%s)",
				strings.TrimFunc(rec.cells[first], isBlank), t.src.columnName(first)), "")
			ok = false
		default:
			t.fieldCol[f], t.colField[i] = i, f
		}
	}
	for f, c := range columns {
		if c.Required && t.fieldCol[f] < 0 {
			t.errorAt(position{rec.line, 1}, "", fmt.Sprintf("missing required column %q (or %s)",
				c.Name, strings.Join(c.Aliases, ", ")), "")
			ok = false
		}
	}
	if !ok {
		return nil, errBadHeader
	}
	if len(unknown) > 0 {
		t.warn(rec.line, fmt.Sprintf("ignored unknown %s: %s",
			plural(len(unknown), "column", "columns"), strings.Join(unknown, ", ")))
	}
	t.src.bind(t.colField)
	return rec.cells, nil
}

// readable reports whether every cell of rec decoded cleanly, and records
// an error for each one that did not: a cell with U+FFFD, the replacement
// character a decoder writes for bytes that are not text in the file's
// encoding, or with a NUL.
func (t *table) readable(rec rawRecord, isHeader bool) bool {
	if t.encoding == "" {
		return true
	}
	ok := true
	for i, c := range rec.cells {
		var msg string
		switch {
		case strings.ContainsRune(c, '\uFFFD'):
			msg = fmt.Sprintf("bytes that are not valid %s text (if the file has another encoding, give --encoding)", t.encoding)
		case strings.ContainsRune(c, 0):
			msg = "NUL character in the text (if the file is UTF-16, give --encoding utf-16le or utf-16be)"
		default:
			continue
		}
		field := ""
		if !isHeader {
			field = t.headerAt(i)
		}
		t.errorAt(rec.at(i), field, msg, c)
		ok = false
	}
	return ok
}

// noteHeaderless warns, once per column, about data in a column that has
// no header: it is not read.
func (t *table) noteHeaderless(rec rawRecord) {
	for i, c := range rec.cells {
		if (i >= len(t.colField) || t.headerAt(i) == "") && strings.TrimFunc(c, isBlank) != "" && !t.headerless[i] {
			if t.headerless == nil {
				t.headerless = map[int]bool{}
			}
			t.headerless[i] = true
			t.warn(rec.line, fmt.Sprintf("ignored data in %s, which has no header: %q", t.src.columnName(i), c))
		}
	}
}

// headerAt is the header of column i as written, "" past the header.
func (t *table) headerAt(i int) string {
	if i < len(t.header.cells) {
		return strings.TrimFunc(t.header.cells[i], isBlank)
	}
	return ""
}

func (t *table) errorAt(p position, field, msg, text string) {
	e := &Error{File: t.file, Line: p.line, Column: p.col, Field: field, Message: msg, Text: text}
	if t.cellRef != nil {
		e.Cell = t.cellRef(p)
	}
	t.mu.Lock()
	t.errs = append(t.errs, e)
	t.mu.Unlock()
}

func (t *table) warn(line int, msg string) {
	t.mu.Lock()
	t.warns = append(t.warns, Warning{File: t.file, Line: line, Message: msg})
	t.mu.Unlock()
}
