package input

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
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
//
// Only the parts the sheet needs are read, within the bounds of
// xlsxparts.go; tempDir holds the copy of those parts while excelize
// opens it, and excelize's own spill files.
func openSheet(f seekFile, want, tempDir string) (*xlsxSource, string, error) {
	size, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, "", err
	}
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return nil, "not a readable xlsx workbook: " + err.Error(), nil
	}
	parts, err := pickParts(zr, want)
	if pp := (*partProblem)(nil); errors.As(err, &pp) {
		return nil, pp.msg, nil
	}
	if err != nil {
		return nil, "", err
	}
	tmp, err := writeParts(parts, tempDir)
	if err != nil {
		return nil, "", err
	}
	wb, err := excelize.OpenReader(tmp, excelize.Options{UnzipSizeLimit: maxUnzipped, TmpDir: tempDir})
	tmp.Close()
	os.Remove(tmp.Name())
	if err != nil {
		return nil, "not a readable xlsx workbook: " + err.Error(), nil
	}
	s := &xlsxSource{wb: wb, sheet: parts.sheet}
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
//     as 2025-01-15 whatever the format, and as 2025-01-15 20:30:00 when
//     the format shows a time of day (a fraction the cell does not show is
//     no send time); a number shown as a plain number stays a number and
//     is rejected; text is read as text.
//   - times: a number shown through a time format is that time of day,
//     written as 20:30:00.
//   - counts: a stored number within 0.000001 of a whole number is that
//     number (formulas leave floating-point dust such as
//     3599.9999999999995); its display format (#,##0.00) does not matter.
//   - blocked: a number shown with a percent format is that percentage
//     (0.12 shown as 12% is 12%).
//   - everything else, and the header: the shown text.
func cellText(field int, raw, shown string, date1904 bool) string {
	number := excelNumber.MatchString(raw)
	switch field {
	case fDate, fTime:
		// A time of day counts only when the cell shows one: a date cell
		// formatted as a date keeps its date, whatever fraction it holds.
		showsTime := strings.Contains(shown, ":")
		if isoDate.MatchString(raw) {
			if showsTime && len(raw) >= 19 {
				return raw[:10] + " " + raw[11:19] // 2025-01-15T20:30:00
			}
			return raw[:10]
		}
		if _, err := strconv.ParseFloat(strings.ReplaceAll(shown, ",", ""), 64); number && err != nil {
			v, _ := strconv.ParseFloat(raw, 64)
			if text, ok := excelDateTime(v, field == fTime, showsTime, date1904); ok {
				return text
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

// excelDateTime writes the Excel serial date-time v as the text the date
// and time parsers read: 2025-01-15, 2025-01-15 20:30:00 when the cell
// shows a time, or 20:30:00 alone in the time column. The time is rounded
// to the second, since Excel stores 20:30 as 0.8541666..., a float that
// falls a hair short of it.
func excelDateTime(v float64, timeColumn, showsTime bool, date1904 bool) (string, bool) {
	day := math.Floor(v)
	secs := int64(math.Round((v - day) * 86400))
	if secs == 86400 {
		day, secs = day+1, 0
	}
	clock := time.Time{}.Add(time.Duration(secs) * time.Second).Format(time.TimeOnly)
	if timeColumn {
		return clock, showsTime && v >= 0
	}
	t, err := excelize.ExcelDateToTime(day, date1904)
	if err != nil || v < 1 {
		return "", false
	}
	if showsTime {
		return t.Format(time.DateOnly) + " " + clock, true
	}
	return t.Format(time.DateOnly), true
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}
