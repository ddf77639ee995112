package workbook

import (
	"fmt"
	"math"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// Row heights, in points.
const (
	// defaultRowHeight is the height of a row without a height of its own:
	// excelize's default, which LibreOffice keeps whatever the row holds.
	defaultRowHeight = 15
	// cjkLineHeight is one line of 11 pt text in a CJK font (Microsoft
	// JhengHei, or Noto Sans CJK standing in for it): Chinese text in a
	// 15 pt row overlaps the row's borders.
	cjkLineHeight = 18
	// maxRowHeight is the highest row Excel allows (excelize refuses more).
	maxRowHeight = 409
)

// Column widths, in characters of the default font.
const (
	minColWidth  = 6
	maxColWidth  = 50 // longer text is cut off on screen, but stays whole in the cell
	headerWrapAt = 10 // a header wider than this wraps rather than widen its column
	colPadding   = 3  // two for the cell's margins, one to keep the widest value clear of its neighbours
	filterButton = 2  // room for a table header's filter button
	noteWidth    = 42 // width of a column of wrapped notes
	actionWidth  = 28 // width of the plan-change column
	warningWidth = 80 // width of the column of warnings
)

// sheet writes one worksheet top to bottom: in normal mode through the
// File, or streamed through a StreamWriter. It measures every value it
// writes so that the columns fit their contents, Chinese text included,
// and sets the heights of rows with wrapped or Chinese text.
type sheet struct {
	wb     *workbook
	name   string
	stream *excelize.StreamWriter // nil in normal mode
	rows   int                    // rows written so far

	values  []float64       // widest value per column
	headers []float64       // widest header per column
	words   []float64       // widest word of a header per column: headers wrap between words
	fixed   map[int]float64 // column -> width, for columns of wrapped text
	heights []rowText       // rows whose height may follow their text (normal mode)
	merges  []merge

	buf   []excelize.Cell // a streamed row's cells
	vals  []any           // pointers to buf's cells, for SetRow
	wraps map[wrapKey]int // the lines of each wrapped text laid out so far
}

// maxWraps bounds the wrapped texts a sheet remembers the lines of.
const maxWraps = 1000

type wrapKey struct {
	text  string
	width float64
}

// rowText is what a row's height depends on: its look (a title's font is
// larger), whether it holds Chinese text, and its wrapped cells.
type rowText struct {
	row     int
	look    look
	cjk     bool
	wrapped []wrappedCell
}

type wrappedCell struct {
	col, last int // first and last column it spans
	text      string
}

type merge struct{ from, to string }

func (wb *workbook) newSheet(name string) *sheet {
	return &sheet{wb: wb, name: name, fixed: map[int]float64{}}
}

// ref is the A1 reference of column col (0-based) in row (1-based).
func ref(col, row int) string {
	s, err := excelize.CoordinatesToCellName(col+1, row)
	if err != nil {
		// Lists are split at maxSheetRows, so this is a bug, not bad input.
		panic(fmt.Sprintf("report: cell (%d, %d) is outside a sheet: %v", col+1, row, err))
	}
	return s
}

// colName is the letter name of column col (0-based).
func colName(col int) string {
	s, _ := excelize.ColumnNumberToName(col + 1)
	return s
}

// absRef is an absolute reference to a range of the sheet, for charts.
func (s *sheet) absRef(col, row, lastCol, lastRow int) string {
	r := fmt.Sprintf("'%s'!$%s$%d", s.name, colName(col), row)
	if lastCol != col || lastRow != row {
		r += fmt.Sprintf(":$%s$%d", colName(lastCol), lastRow)
	}
	return r
}

func grow(ws []float64, n int) []float64 {
	for len(ws) < n {
		ws = append(ws, 0)
	}
	return ws
}

// measure records the widths of a row's values without writing it: a
// streamed sheet measures every row before the first is written.
func (s *sheet) measure(lk look, cells []cell) {
	if lk == lookHeader {
		s.headers = grow(s.headers, len(cells))
		s.words = grow(s.words, len(cells))
		for i, c := range cells {
			s.headers[i] = max(s.headers[i], s.wb.fmts.width(c)*1.1) // bold
			if str, ok := c.v.(string); ok {
				for _, w := range splitWords(str) {
					s.words[i] = max(s.words[i], textWidth(w)*1.1)
				}
			}
		}
		return
	}
	if lk == lookTitle {
		return // a title runs on over the empty cells to its right
	}
	s.values = grow(s.values, len(cells))
	for i, c := range cells {
		if c.wrap {
			continue
		}
		w := s.wb.fmts.width(c)
		if lk == lookTotal || lk == lookMarked {
			w *= 1.1 // bold
		}
		s.values[i] = max(s.values[i], w)
	}
}

// measureText measures each of texts as a value of column col.
func (s *sheet) measureText(lk look, col int, texts set) {
	r := make([]cell, col+1)
	for t := range texts {
		r[col] = text(t)
		s.measure(lk, r)
	}
}

// measureSpan measures the numbers of kind k that bound column col.
func (s *sheet) measureSpan(lk look, col int, k kind, sp span) {
	if !sp.ok {
		return
	}
	r := make([]cell, col+1)
	for _, d := range []decimal.Decimal{sp.hi, sp.lo} {
		r[col] = amount(k, d)
		s.measure(lk, r)
	}
}

// width is the width of column col.
func (s *sheet) width(col int) float64 {
	if w, ok := s.fixed[col]; ok {
		return w
	}
	var v, h, word float64
	if col < len(s.values) {
		v = s.values[col]
	}
	if col < len(s.headers) {
		h, word = s.headers[col]+filterButton, s.words[col]
	}
	w := max(v, min(h, headerWrapAt), word) + colPadding
	return math.Ceil(min(max(w, minColWidth), maxColWidth))
}

// row writes the next row with one look.
func (s *sheet) row(lk look, cells ...cell) error {
	if s.stream == nil {
		s.measure(lk, cells)
	}
	s.rows++
	r := s.rows
	rt := rowText{row: r, look: lk}
	for i, c := range cells {
		if str, ok := c.v.(string); ok {
			rt.cjk = rt.cjk || hasWide(str)
			if c.wrap || lk == lookHeader {
				rt.wrapped = append(rt.wrapped, wrappedCell{col: i, last: i, text: str})
			}
		}
	}
	if s.stream != nil {
		// The cells go to SetRow as pointers into a buffer the sheet
		// reuses: SetRow writes them out before it returns.
		if len(s.buf) < len(cells) {
			s.buf, s.vals = make([]excelize.Cell, len(cells)), make([]any, len(cells))
		}
		vals := s.vals[:len(cells)]
		for i, c := range cells {
			vals[i] = &s.buf[i]
			if c.v == nil && lk == lookBody {
				// A blank cell of a plain row looks the same without a
				// style, and not writing it keeps a long list small.
				vals[i] = nil
				continue
			}
			id, err := s.wb.styles.id(styleKey{c.kind, lk, c.wrap, c.right})
			if err != nil {
				return err
			}
			s.noteInexact(c, i, r)
			s.buf[i] = excelize.Cell{StyleID: id, Value: c.value(), Formula: c.f}
		}
		var opts []excelize.RowOpts
		if h := s.height(rt); h > 0 {
			opts = append(opts, excelize.RowOpts{Height: h})
		}
		return s.stream.SetRow(ref(0, r), vals, opts...)
	}
	for i, c := range cells {
		id, err := s.wb.styles.id(styleKey{c.kind, lk, c.wrap, c.right})
		if err != nil {
			return err
		}
		// The style goes first: excelize gives a time without a date
		// style one of its own.
		if err := s.wb.f.SetCellStyle(s.name, ref(i, r), ref(i, r), id); err != nil {
			return err
		}
		s.noteInexact(c, i, r)
		if c.v != nil {
			if err := s.wb.f.SetCellValue(s.name, ref(i, r), c.value()); err != nil {
				return err
			}
		}
		if c.f != "" {
			// excelize marks the cached value a string (t="str"); the
			// zip writer makes it a number again (see numericFormulas).
			if err := s.wb.f.SetCellFormula(s.name, ref(i, r), c.f); err != nil {
				return err
			}
		}
	}
	// Heights wait for the column widths, known once every row is written.
	s.heights = append(s.heights, rt)
	return nil
}

// noteInexact records a money cell that a float64 cannot hold exactly
// (see inexactCells).
func (s *sheet) noteInexact(c cell, col, row int) {
	if d, ok := c.v.(decimal.Decimal); ok {
		s.wb.inexact.note(s.name, ref(col, row), d)
	}
}

// pageBreak starts a new printed page at the next row (normal mode only),
// so that a block of the sheet prints with its title and header together.
func (s *sheet) pageBreak() error { return s.wb.f.InsertPageBreak(s.name, ref(0, s.rows+1)) }

// skip leaves n empty rows.
func (s *sheet) skip(n int) { s.rows += n }

// prose writes a paragraph that spans columns col..last, wrapped, in one
// merged cell (normal mode only).
func (s *sheet) prose(lk look, col, last int, cells ...cell) error {
	s.rows++
	r := s.rows
	rt := rowText{row: r, look: lk}
	for i, c := range cells {
		id, err := s.wb.styles.id(styleKey{c.kind, lk, true, c.right})
		if err != nil {
			return err
		}
		at := col + i
		end := at
		if i == len(cells)-1 {
			end = last
		}
		if err := s.wb.f.SetCellStyle(s.name, ref(at, r), ref(end, r), id); err != nil {
			return err
		}
		if c.v != nil {
			if err := s.wb.f.SetCellValue(s.name, ref(at, r), c.value()); err != nil {
				return err
			}
		}
		if c.f != "" {
			if err := s.wb.f.SetCellFormula(s.name, ref(at, r), c.f); err != nil {
				return err
			}
		}
		if end > at {
			s.merges = append(s.merges, merge{ref(at, r), ref(end, r)})
		}
		if str, ok := c.v.(string); ok {
			rt.cjk = rt.cjk || hasWide(str)
			rt.wrapped = append(rt.wrapped, wrappedCell{col: at, last: end, text: str})
		}
	}
	s.heights = append(s.heights, rt)
	return nil
}

// height is the height in points row r needs, or 0 when the default
// height is enough: as many lines as its longest wrapped cell takes, each
// as high as a line of the workbook's font, or of a CJK font when the row
// holds Chinese text (LibreOffice does not grow a row to fit it), or of
// the title's larger font.
func (s *sheet) height(r rowText) float64 {
	lines := 1
	for _, c := range r.wrapped {
		var w float64
		for col := c.col; col <= c.last; col++ {
			w += s.width(col)
		}
		w-- // the cell's margins; a filter button overlaps the text
		k := wrapKey{c.text, w}
		n, ok := s.wraps[k]
		if !ok {
			// Rows repeat their wrapped texts (a catalog's note, a
			// plan change): each is laid out once, up to a bound for
			// texts that do not repeat (warnings).
			n = wrappedLines(c.text, w)
			if s.wraps == nil {
				s.wraps = map[wrapKey]int{}
			}
			if len(s.wraps) < maxWraps {
				s.wraps[k] = n
			}
		}
		lines = max(lines, n)
	}
	line := s.wb.l.LineHeight
	if r.cjk {
		line = max(line, cjkLineHeight)
	}
	if r.look == lookTitle {
		line *= titleSize / fontSize
	}
	h := float64(lines) * line
	if lines > 1 {
		h += 3
	}
	if h = math.Ceil(h); h <= defaultRowHeight {
		return 0
	}
	// A longer text stays whole in its cell (up to Excel's limit) and
	// shows in full in the formula bar.
	return min(h, maxRowHeight)
}

// table makes rows first..last (the first being the header) of columns
// 0..cols-1 an Excel table with filter buttons.
func (s *sheet) table(name string, first, last, cols int) error {
	t := &excelize.Table{
		Range:     ref(0, first) + ":" + ref(cols-1, max(last, first+1)),
		Name:      name,
		StyleName: "TableStyleLight9",
	}
	if s.stream != nil {
		return s.stream.AddTable(t)
	}
	return s.wb.f.AddTable(s.name, t)
}

// setWidths sets every measured column's width. A streamed sheet calls it
// before its first row.
func (s *sheet) setWidths() error {
	n := max(len(s.values), len(s.headers))
	for col := range s.fixed {
		n = max(n, col+1)
	}
	for col := 0; col < n; col++ {
		w := s.width(col)
		var err error
		if s.stream != nil {
			err = s.stream.SetColWidth(col+1, col+1, w)
		} else {
			err = s.wb.f.SetColWidth(s.name, colName(col), colName(col), w)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// finish sets the column widths, the heights of rows with wrapped or
// Chinese text and the merges of a sheet written in normal mode.
func (s *sheet) finish() error {
	if err := s.setWidths(); err != nil {
		return err
	}
	for _, rt := range s.heights {
		if h := s.height(rt); h > 0 {
			if err := s.wb.f.SetRowHeight(s.name, rt.row, h); err != nil {
				return err
			}
		}
	}
	for _, m := range s.merges {
		if err := s.wb.f.MergeCell(s.name, m.from, m.to); err != nil {
			return err
		}
	}
	return nil
}

// freezeAt keeps the first rows rows and cols columns in view while
// scrolling (normal mode only).
func (s *sheet) freezeAt(rows, cols int) error {
	at := ref(cols, rows+1)
	return s.wb.f.SetPanes(s.name, &excelize.Panes{
		Freeze: true, XSplit: cols, YSplit: rows, TopLeftCell: at, ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: at, ActiveCell: at, Pane: "bottomRight"}},
	})
}

// freeze keeps the first rows rows in view while scrolling.
func (s *sheet) freeze(rows int) error {
	p := &excelize.Panes{
		Freeze: true, YSplit: rows, TopLeftCell: ref(0, rows+1), ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: ref(0, rows+1), ActiveCell: ref(0, rows+1), Pane: "bottomLeft"}},
	}
	if s.stream != nil {
		return s.stream.SetPanes(p)
	}
	return s.wb.f.SetPanes(s.name, p)
}
