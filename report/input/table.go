package input

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gocarina/gocsv"
)

// position is where a cell starts: a physical line and character column
// in a CSV file, a row and column number in a sheet.
type position struct{ line, col int }

// rawRecord is one record as a source read it. The table keeps one
// rawRecord per slot of a batch and sources refill it record after
// record, reusing the room of its slices.
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
	// next reads the next record into rec, reusing the room of its
	// slices. It returns io.EOF after the last record, or a *syntaxError
	// after which reading can go on; rec is undefined after an error.
	next(rec *rawRecord) error
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

// stopError is a problem after which the rest of the file cannot be
// read: it is reported at its position, and the file ends there.
type stopError struct {
	pos position
	msg string
}

func (e *stopError) Error() string { return e.msg }

var errBadHeader = errors.New("bad header")

// batchSize is how many records the table hands to gocsv at a time.
//
// gocsv's streaming call, UnmarshalDecoderToCallback, decodes on a
// goroutine of its own and passes every record through a channel and a
// reflect.Call: that hand-off cost more than the decoding. Handing gocsv
// a batch of records as a whole "file" (gocsv.UnmarshalDecoder, the
// header and then the records) binds them with the same code, in one
// call on this goroutine, and the positions of each record stay next to
// it. The batch is small enough that the rows read ahead of fn cost no
// memory to speak of; above 64 the size makes no measurable difference.
const batchSize = 256

// table sits between a source and gocsv. It finds the header and checks
// it, skips blank rows, rejects text that did not decode, and hands the
// records to gocsv in batches (see batchSize), keeping the positions of
// every record of the batch for the messages.
type table struct {
	file        string
	src         source
	encoding    string                // for the message about text that did not decode; "" for xlsx
	allReadable bool                  // the text is known to have no U+FFFD and no NUL: readable need not look
	cellRef     func(position) string // xlsx: names the cell of a position

	// Set from the header before the first batch.
	header    rawRecord
	fieldCol  [numFields]int // column of each field, -1 when absent
	colField  []int          // field of each column, -1 when ignored
	hasHeader []bool         // whether each column has a header (headerAt(i) != "")
	bound     []string       // the header as gocsv is given it: each column's field name, "" when ignored
	columns   []ColumnChoice // Options.Columns
	titles    []TitleRow     // rows above the header, skipped

	headerless map[int]bool // columns without a header that have data, warned about once

	overLimitTexts map[overLimitKey][2]string // see overLimit

	batch []rawRecord // reused from batch to batch, with the room of their slices
	rows  batchRows   // the header and batch's cells, as gocsv reads them
	recs  []record    // what gocsv binds them to

	errs  []*Error
	warns []Warning
}

// batchRows is a batch as gocsv reads it (a gocsv.Decoder): the header,
// then the records.
type batchRows [][]string

func (b batchRows) GetCSVRows() ([][]string, error) { return b, nil }

// readBatch reads up to batchSize records that are not blank and decoded
// cleanly, and binds them with gocsv. It returns the bound records, the
// records as read (for positions), and the error that ended the batch
// early: io.EOF at the end of the table, or a failure to read. The
// records returned before such an error are valid.
func (t *table) readBatch() ([]record, []rawRecord, error) {
	n := 0
	var err error
	for n < batchSize {
		if n == len(t.batch) {
			t.batch = append(t.batch, rawRecord{})
		}
		rec := &t.batch[n]
		if err = t.nextRecord(rec); err != nil {
			break
		}
		if t.readable(rec, false) {
			t.noteHeaderless(rec)
			n++
		}
	}
	if n == 0 {
		return nil, nil, err
	}
	t.rows = append(t.rows[:0], t.bound)
	for i := range n {
		// gocsv looks up the header of every cell it is given: the cells
		// past the header, which no field reads, stay out.
		cells := t.batch[i].cells
		t.rows = append(t.rows, cells[:min(len(cells), len(t.header.cells))])
	}
	if t.recs == nil {
		t.recs = make([]record, batchSize)
	}
	recs := t.recs[:n] // as long as the batch: gocsv fills it instead of making one
	if uerr := gocsv.UnmarshalDecoder(t.rows, &recs); uerr != nil {
		// The field types never fail (see cell.go): this is a bug.
		return nil, nil, fmt.Errorf("gocsv: %w", uerr)
	}
	return recs, t.batch[:n], err
}

// nextRecord reads the next record that is not blank into rec, recording
// syntax errors on the way.
func (t *table) nextRecord(rec *rawRecord) error {
	for {
		err := t.src.next(rec)
		if se, ok := err.(*syntaxError); ok {
			t.errorAt(se.pos, "", se.msg, "")
			continue
		}
		if se, ok := err.(*stopError); ok {
			t.errorAt(se.pos, "", se.msg, "")
			return io.EOF
		}
		if err != nil {
			return err
		}
		if !blank(rec.cells) {
			return nil
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

// readable reports whether every cell of rec decoded cleanly, and records
// an error for each one that did not: a cell with U+FFFD, the replacement
// character a decoder writes for bytes that are not text in the file's
// encoding, or with a NUL.
func (t *table) readable(rec *rawRecord, isHeader bool) bool {
	if t.encoding == "" || t.allReadable {
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

// decoded reports, without recording anything, whether readable would
// find every cell of rec readable.
func (t *table) decoded(rec *rawRecord) bool {
	if t.encoding == "" || t.allReadable {
		return true
	}
	for _, c := range rec.cells {
		if strings.ContainsRune(c, '\uFFFD') || strings.ContainsRune(c, 0) {
			return false
		}
	}
	return true
}

// noteHeaderless warns, once per column, about data in a column that has
// no header: it is not read.
func (t *table) noteHeaderless(rec *rawRecord) {
	for i, c := range rec.cells {
		if i < len(t.hasHeader) && t.hasHeader[i] || t.headerless[i] || strings.TrimFunc(c, isBlank) == "" {
			continue
		}
		if t.headerless == nil {
			t.headerless = map[int]bool{}
		}
		t.headerless[i] = true
		t.warnZH(rec.line, fmt.Sprintf("ignored data in %s, which has no header: %q", t.src.columnName(i), c),
			fmt.Sprintf("%s 沒有標題，其中的資料已略過：%q", t.src.columnName(i), c))
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
	t.errs = append(t.errs, e)
}

// warnZH records a warning with its Traditional Chinese (see
// Warning.Chinese): every warning of the reader has one.
func (t *table) warnZH(line int, msg, zh string) {
	t.warns = append(t.warns, Warning{File: t.file, Line: line, Message: msg, Chinese: zh})
}
