package input

import (
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// xlsxSource yields the rows of one worksheet. Excel keeps two things per
// cell: the value (a number, for dates too) and the text it shows after
// applying the cell's number format. The sheet is read twice in step, once
// for each, and bind decides per column which one a field needs.
type xlsxSource struct {
	wb          *excelize.File
	sheet       string
	raw, shown  *excelize.Rows
	row         int
	date1904    bool
	kinds       []int // field of each column, -1 for an ignored one
	headerWidth int
}

// openSheet opens the sheet named (case-insensitively) by want, or the
// first sheet when want is "". A missing sheet is a problem reported as a
// message; other failures are errors.
func openSheet(r io.Reader, want string) (*xlsxSource, string, error) {
	wb, err := excelize.OpenReader(r)
	if err != nil {
		return nil, "not a readable xlsx workbook: " + err.Error(), nil
	}
	sheets := wb.GetSheetList()
	s := &xlsxSource{wb: wb}
	for _, name := range sheets {
		if want == "" || strings.EqualFold(strings.TrimSpace(name), strings.TrimSpace(want)) {
			s.sheet = name
			break
		}
	}
	if s.sheet == "" {
		wb.Close()
		if len(sheets) == 0 {
			return nil, "the workbook has no sheets", nil
		}
		return nil, fmt.Sprintf("no sheet named %q (the workbook has %s)", want, quoteAll(sheets)), nil
	}
	if props, err := wb.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		s.date1904 = *props.Date1904
	}
	if s.raw, err = wb.Rows(s.sheet); err == nil {
		s.shown, err = wb.Rows(s.sheet)
	}
	if err != nil {
		s.close()
		return nil, "cannot read sheet " + strconv.Quote(s.sheet) + ": " + err.Error(), nil
	}
	return s, "", nil
}

func (s *xlsxSource) close() error {
	for _, r := range []*excelize.Rows{s.raw, s.shown} {
		if r != nil {
			r.Close()
		}
	}
	return s.wb.Close()
}

func (s *xlsxSource) next(rec *rawRecord) error {
	if !s.shown.Next() {
		if err := s.shown.Error(); err != nil {
			return err
		}
		return io.EOF
	}
	s.raw.Next()
	s.row++
	shown, err := s.shown.Columns()
	if err != nil {
		return err
	}
	raw, err := s.raw.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return err
	}
	*rec = rawRecord{line: s.row, cells: rec.cells[:0], pos: rec.pos[:0], grid: true}
	s.fill(rec, raw, shown)
	return nil
}

// fill sets the cells of rec from the stored values and shown text of a
// row. Every column of the header has a cell in every row, empty or not.
func (s *xlsxSource) fill(rec *rawRecord, raw, shown []string) {
	n := max(len(shown), len(raw), s.headerWidth)
	rec.cells, rec.pos = rec.cells[:0], rec.pos[:0]
	for i := range n {
		field := -1
		if i < len(s.kinds) {
			field = s.kinds[i]
		}
		rec.cells = append(rec.cells, cellText(field, at(raw, i), at(shown, i), s.date1904))
		rec.pos = append(rec.pos, position{s.row, i + 1})
	}
}

func at(cells []string, i int) string {
	if i < len(cells) {
		return cells[i]
	}
	return ""
}

func (s *xlsxSource) columnName(i int) string {
	name, _ := excelize.ColumnNumberToName(i + 1)
	return "column " + name
}

// bind tells the source the field of each column, from the header.
func (s *xlsxSource) bind(fields []int) {
	s.kinds, s.headerWidth = fields, len(fields)
}

// cellRef names a cell the way Excel does: Sheet1!C5, 'My plan'!C5.
func (s *xlsxSource) cellRef(p position) string {
	name, err := excelize.CoordinatesToCellName(p.col, p.line)
	if err != nil {
		name = fmt.Sprintf("R%dC%d", p.line, p.col)
	}
	return quoteSheet(s.sheet) + "!" + name
}

func quoteSheet(name string) string {
	plain := name != ""
	for i, r := range name {
		if !(unicode.IsLetter(r) || r == '_' || i > 0 && unicode.IsDigit(r)) {
			plain = false
		}
	}
	if plain {
		return name
	}
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// excelNumber is how a worksheet stores a number.
var excelNumber = regexp.MustCompile(`^-?\d+(\.\d+)?([eE][-+]?\d+)?$`)

// isoDate is a date cell of type "d" (ISO 8601), as LibreOffice may write.
var isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}(T|$)`)

// cellText is the text the field parsers read for one cell, from the
// cell's stored value and its shown text:
//   - dates: a number shown through a date format is a real date, written
//     as 2025-01-15 whatever the format (a time of day is dropped); a
//     number shown as a plain number stays a number and is rejected; text
//     is read as text.
//   - counts: a stored number within 0.000001 of a whole number is that
//     number (formulas leave floating-point dust such as
//     3599.9999999999995); its display format (#,##0.00) does not matter.
//   - blocked: a number shown with a percent format is that percentage
//     (0.12 shown as 12% is 12%).
//   - everything else, and the header: the shown text.
func cellText(field int, raw, shown string, date1904 bool) string {
	number := excelNumber.MatchString(raw)
	switch field {
	case fDate:
		if isoDate.MatchString(raw) {
			return raw[:10]
		}
		if _, err := strconv.ParseFloat(strings.ReplaceAll(shown, ",", ""), 64); number && err != nil {
			v, _ := strconv.ParseFloat(raw, 64)
			if t, err := excelize.ExcelDateToTime(v, date1904); err == nil && v >= 1 {
				return t.Format("2006-01-02")
			}
		}
		if number {
			return raw
		}
	case fBlocked:
		if number && strings.HasSuffix(strings.TrimSpace(shown), "%") {
			if d, err := decimal.NewFromString(raw); err == nil {
				return d.Shift(2).String() + "%"
			}
		}
		fallthrough
	case fFriends, fSends, fBubbles:
		if number {
			v, _ := strconv.ParseFloat(raw, 64)
			if r := math.Round(v); math.Abs(r) < 1<<53 && math.Abs(v-r) < 1e-6 {
				return strconv.FormatInt(int64(r), 10)
			}
			return raw
		}
	}
	return shown
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}
