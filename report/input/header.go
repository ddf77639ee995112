package input

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// headerSearch is how many rows that are not blank the reader looks at
// for the header: the first of them that has every required column is
// the header, and the rows above it are title rows (a report title, a
// date, a note), skipped and listed in FileInfo.TitleRows.
const headerSearch = 20

// TitleRow is a row above the header, skipped.
type TitleRow struct {
	Line int    `json:"line"` // CSV: physical line; xlsx: sheet row
	Text string `json:"text"` // its cells that are not empty, joined by " | "
}

// ColumnChoice names the column of a field when its header is not one the
// reader knows (--column sends=推播次數, --column sends=F).
type ColumnChoice struct {
	Field  string // a column of the table: date, account, campaign, segment, friends, sends, bubbles, channel or blocked
	Header string // a header as written (compared by headerKey), or a column letter (A is the first column)
}

// ParseColumnChoice reads FIELD=HEADER or FIELD=COLUMN-LETTER, the form of
// the --column flag.
func ParseColumnChoice(s string) (ColumnChoice, error) {
	field, header, ok := strings.Cut(s, "=")
	field, header = strings.TrimSpace(field), strings.TrimSpace(header)
	if !ok || field == "" || header == "" {
		return ColumnChoice{}, fmt.Errorf("want FIELD=HEADER or FIELD=COLUMN-LETTER, not %q", s)
	}
	if fieldNamed(field) < 0 {
		names := make([]string, len(columns))
		for i, c := range columns {
			names[i] = c.Name
		}
		return ColumnChoice{}, fmt.Errorf("%q: no such field (want one of %s)", field, strings.Join(names, ", "))
	}
	return ColumnChoice{Field: strings.ToLower(field), Header: header}, nil
}

// fieldNamed is the field whose English name is name, -1 when none is.
func fieldNamed(name string) int {
	for f, c := range columns {
		if strings.EqualFold(c.Name, name) {
			return f
		}
	}
	return -1
}

var columnLetters = regexp.MustCompile(`^[A-Za-z]{1,3}$`)

// columnIndex is the 0-based index of a column letter: A is 0, AA is 26.
func columnIndex(letters string) int {
	n := 0
	for _, c := range strings.ToUpper(letters) {
		n = n*26 + int(c-'A') + 1
	}
	return n - 1
}

// columnLetter is the letter of column i (0-based), as a spreadsheet
// names it.
func columnLetter(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// lookAlikes are the parts of a header that make it look like a column of
// the table, most specific first: an unknown header with one of them is an
// error when that column is otherwise absent (the rows would silently
// take its default), a warning like any unknown column otherwise.
var lookAlikes = []struct {
	field int
	parts []string
}{
	{fBlocked, []string{"封鎖", "封锁", "block", "ブロック"}},
	{fBubbles, []string{"對話框", "对话框", "泡泡", "則數", "bubble", "吹き出し"}},
	{fSends, []string{"次數", "次数", "回数", "send", "push"}},
	{fAccount, []string{"帳號", "账号", "帳戶", "account", "品牌", "brand"}},
	{fFriends, []string{"好友", "人數", "人数", "friend", "recipient", "audience", "友だち"}},
	{fDate, []string{"日期", "date"}},
}

// timeParts are parts of a send-time header (預計發送時間, send time): a
// look-alike of the time column, never of sends or the date. "times" is
// a sends synonym, not a time.
var timeParts = []string{"時間", "时间", "time"}

// lookAlike is the field an unknown header key looks like, -1 for none,
// among the fields that have no column (fieldCol < 0). A send-time header
// looks like the time column only: a second one beside it is not taken
// for sends ("send time") or the date.
func lookAlike(key string, fieldCol [numFields]int) int {
	for _, p := range timeParts {
		if strings.Contains(key, p) && !strings.Contains(key, "times") {
			if fieldCol[fTime] < 0 {
				return fTime
			}
			return -1
		}
	}
	for _, l := range lookAlikes {
		if fieldCol[l.field] >= 0 {
			continue
		}
		for _, p := range l.parts {
			if strings.Contains(key, p) {
				return l.field
			}
		}
	}
	return -1
}

// headerProblem is an error found in a header candidate, kept until the
// candidate is chosen.
type headerProblem struct {
	col        int // -1: the row as a whole
	field, msg string
}

// headerMap is what a candidate row would make of the columns.
type headerMap struct {
	fieldCol [numFields]int
	colField []int
	problems []headerProblem
	warnings [][2]string // English, Traditional Chinese
	unknown  []int       // columns with a header the table does not know
	required int         // required columns found
	known    int         // columns bound to a field
}

// mapHeader binds the columns of a header candidate to fields: first the
// columns named by Options.Columns, then the headers of the column table.
func (t *table) mapHeader(rec *rawRecord) headerMap {
	var m headerMap
	for f := range m.fieldCol {
		m.fieldCol[f] = -1
	}
	m.colField = make([]int, len(rec.cells))
	keys := make([]string, len(rec.cells))
	for i, h := range rec.cells {
		m.colField[i] = -1
		keys[i] = headerKey(h)
	}
	chosen := make([]bool, len(rec.cells))
	for _, c := range t.columns {
		f := fieldNamed(c.Field)
		flag := "--column " + c.Field + "=" + c.Header
		col := -1
		for i, k := range keys {
			if k != "" && k == headerKey(c.Header) {
				col = i
				break
			}
		}
		if col < 0 && columnLetters.MatchString(c.Header) {
			col = columnIndex(c.Header)
			if col >= len(rec.cells) || keys[col] == "" {
				m.problems = append(m.problems, headerProblem{-1, "", fmt.Sprintf("%s: the header has no column %s", flag, strings.ToUpper(c.Header))})
				continue
			}
		}
		switch {
		case col < 0:
			m.problems = append(m.problems, headerProblem{-1, "", fmt.Sprintf("%s: no column has that header", flag)})
		case m.fieldCol[f] >= 0:
			m.problems = append(m.problems, headerProblem{-1, "", fmt.Sprintf("%s: --column %s is given twice", flag, c.Field)})
		case m.colField[col] >= 0:
			m.problems = append(m.problems, headerProblem{col, trim(rec.cells[col]), fmt.Sprintf("%s: the column is already %s", flag, columns[m.colField[col]].Name)})
		default:
			m.fieldCol[f], m.colField[col], chosen[col] = col, f, true
		}
	}
	for i, k := range keys {
		if k == "" || chosen[i] {
			continue
		}
		f, known := fieldOf[k]
		switch {
		case !known:
			m.unknown = append(m.unknown, i)
		case m.fieldCol[f] >= 0 && chosen[m.fieldCol[f]]:
			h, col, name, took, tookCol := trim(rec.cells[i]), t.src.columnName(i), columns[f].Name, trim(rec.cells[m.fieldCol[f]]), t.src.columnName(m.fieldCol[f])
			m.warnings = append(m.warnings, [2]string{
				fmt.Sprintf("ignored column %q (%s): --column %s takes %q (%s)", h, col, name, took, tookCol),
				fmt.Sprintf("略過欄位 %q（%s）：--column %s 取用 %q（%s）", h, col, name, took, tookCol)})
		case m.fieldCol[f] >= 0:
			first := m.fieldCol[f]
			m.problems = append(m.problems, headerProblem{i, trim(rec.cells[i]), fmt.Sprintf("duplicate column: same as %q (%s)",
				trim(rec.cells[first]), t.src.columnName(first))})
		default:
			m.fieldCol[f], m.colField[i] = i, f
		}
	}
	for f, c := range columns {
		if m.fieldCol[f] >= 0 {
			m.known++
			if c.Required {
				m.required++
			}
		}
	}
	return m
}

// complete reports a candidate with every required column.
func (m *headerMap) complete() bool {
	n := 0
	for _, c := range columns {
		if c.Required {
			n++
		}
	}
	return m.required == n
}

// readHeader finds the header: the first row, of the first headerSearch
// rows that are not blank, that has every required column. The rows above
// it are title rows (the search stops at the header: no data row is read
// before the header is bound). It then checks the header: no column twice (aliases count: 日期 is date),
// every --column found, and no unknown header that looks like a column
// the file lacks.
func (t *table) readHeader() error {
	var cands []rawRecord
	var maps []headerMap
	chosen := -1
	for len(cands) < headerSearch && chosen < 0 {
		var rec rawRecord
		err := t.nextRecord(&rec)
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		cands = append(cands, rec)
		maps = append(maps, t.mapHeader(&cands[len(cands)-1]))
		// A row with text that did not decode is taken as the header, so
		// that the error says so rather than that columns are missing.
		if maps[len(maps)-1].complete() || !t.decoded(&rec) {
			chosen = len(cands) - 1
		}
	}
	if len(cands) == 0 {
		t.errorAt(position{1, 1}, "", "no header row: the file is empty", "")
		return errBadHeader
	}
	if chosen < 0 {
		best := 0
		for i, m := range maps {
			if m.required > maps[best].required || m.required == maps[best].required && m.known > maps[best].known {
				best = i
			}
		}
		t.header = cands[best]
		t.missingColumns(&cands[best], maps[best], len(cands))
		return errBadHeader
	}
	rec, m := cands[chosen], maps[chosen]
	for _, title := range cands[:chosen] {
		t.readable(&title, true)
		t.titles = append(t.titles, TitleRow{Line: title.line, Text: rowText(title.cells)})
	}
	t.header = rec
	if !t.readable(&rec, true) {
		return errBadHeader
	}
	ok := len(m.problems) == 0
	for _, p := range m.problems {
		at := position{rec.line, 1}
		if p.col >= 0 {
			at = rec.at(p.col)
		}
		t.errorAt(at, p.field, p.msg, "")
	}
	var unknown []string
	for _, i := range m.unknown {
		h := trim(rec.cells[i])
		if f := lookAlike(headerKey(h), m.fieldCol); f >= 0 {
			name := columns[f].Name
			flag := name + "=" + h
			if strings.ContainsFunc(h, isBlank) {
				flag = strconv.Quote(flag) // as a shell needs it
			}
			t.errorAt(rec.at(i), h, fmt.Sprintf("unknown header in %s looks like the %s column, which the file lacks: "+
				"give --column %s (or --column %s=%s) to read it as %s, or rename it", t.src.columnName(i), name,
				flag, name, columnLetter(i), name), "")
			ok = false
			continue
		}
		unknown = append(unknown, fmt.Sprintf("%q (%s)", h, t.src.columnName(i)))
	}
	if !ok {
		return errBadHeader
	}
	for _, w := range m.warnings {
		t.warnZH(rec.line, w[0], w[1])
	}
	if len(unknown) > 0 {
		t.warnZH(rec.line, fmt.Sprintf("ignored unknown %s: %s",
			plural(len(unknown), "column", "columns"), strings.Join(unknown, ", ")),
			"略過無法辨識的欄位："+strings.Join(unknown, "、"))
	}
	t.fieldCol, t.colField = m.fieldCol, m.colField
	t.hasHeader = make([]bool, len(rec.cells))
	t.bound = make([]string, len(rec.cells))
	for i := range t.hasHeader {
		t.hasHeader[i] = t.headerAt(i) != ""
		if f := t.colField[i]; f >= 0 {
			t.bound[i] = columns[f].Name
		}
	}
	t.src.bind(t.colField)
	return nil
}

// missingColumns reports the header candidate closest to a header (rec,
// one of n candidates) and the required columns it lacks.
func (t *table) missingColumns(rec *rawRecord, m headerMap, n int) {
	var missing []string
	for f, c := range columns {
		if c.Required && m.fieldCol[f] < 0 {
			missing = append(missing, fmt.Sprintf("%q (or %s)", c.Name, strings.Join(firstAliases(c), ", ")))
		}
	}
	what := fmt.Sprintf("missing required %s %s; --column FIELD=HEADER names another header",
		plural(len(missing), "column", "columns"), strings.Join(missing, ", "))
	if n > 1 {
		what = fmt.Sprintf("no header row (one with every required column) in the first %d rows; the closest, line %d, is %s",
			n, rec.line, what)
	} else {
		what = "the header row is " + what
	}
	t.errorAt(position{rec.line, 1}, "", what, rowText(rec.cells))
}

// firstAliases is the start of a column's aliases, for a message.
func firstAliases(c Column) []string {
	if len(c.Aliases) <= 3 {
		return c.Aliases
	}
	return append(c.Aliases[:3:3], "…")
}

// rowText is a row's cells that are not empty, trimmed, joined by " | ".
func rowText(cells []string) string {
	var parts []string
	for _, c := range cells {
		if c = trim(c); c != "" {
			parts = append(parts, c)
		}
	}
	return strings.Join(parts, " | ")
}

func trim(s string) string { return strings.TrimFunc(s, isBlank) }
