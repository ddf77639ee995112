package workbook

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"
)

// maxSheetRows is the most rows a worksheet holds: 1,048,576 in Excel and
// LibreOffice alike. A list longer than that continues on further sheets.
// Only tests change it, to split short lists into parts.
var maxSheetRows = 1 << 20

// list writes one of the long lists of the workbook (Recommendation, Plan
// comparison, Campaigns) through excelize's StreamWriter: rows go straight
// to the sheet's XML, with styles created once, instead of into excelize's
// in-memory model of the sheet.
//
// A list longer than a sheet continues on sheets "Name (2)", "Name (3)",
// ... Each part has the list's header row, its own Excel table and, when
// the list has totals, its own totals row, which sums the part. Every part
// has the column widths of the first, measured before any row is written:
// a StreamWriter takes widths before the first row only.
//
// The lists are written side by side (see writeLists): a list touches the
// File only to start a part, under workbook.mu, and leaves its tables and
// the flushing of its sheets to finish, which runs after all of them, in
// workbook order, so that the tables are numbered the same every time.
type list struct {
	wb     *workbook
	sheets []string // the sheets of the parts, planned by Write
	table  string   // the first part's table name; later parts add _2, _3...
	head   []cell
	// sums are the columns the totals row sums, ascending; a list without
	// sums has no totals row. figures are the columns of messages, cost and
	// tax that the Summary's list of parts shows (-1: none).
	sums    []int
	figures [3]int
	// describe names a row for the Summary's list of parts: "plan.csv:12".
	describe func([]cell) string

	layout *sheet // the measured widths every part shares

	cur   *sheet  // the part being written, nil before the first row
	rows  int     // rows of the list in cur
	total []total // per sums column, the sum over cur's rows
	first string  // cur's first row, described
	last  []cell  // cur's last row so far
	parts []part  // the parts written
	ended []ended // the parts' sheets, for finish
}

// ended is a part whose rows are all written: finish makes it a table and
// flushes its sheet.
type ended struct {
	sheet *sheet
	table string
	last  int // the table's last row: the part's last row before its totals
}

// part is one sheet of a list, as the Summary lists it.
type part struct {
	sheet       string
	rows        int
	first, last string // the first and last row, described
	totals      []cell // the totals row; nil when the list has none
	totalsAt    int    // the totals row's number
}

// rowsPerSheet is how many rows of a list fit on one sheet beside its
// header and, when it has one, its totals row.
func rowsPerSheet(totals bool) int {
	if totals {
		return maxSheetRows - 2
	}
	return maxSheetRows - 1
}

// partsFor is how many sheets a list of n rows takes.
func partsFor(n int, totals bool) int {
	per := rowsPerSheet(totals)
	return max(1, (n+per-1)/per)
}

// partNames names the n sheets of a list: name, then "name (2)", ...
func (l *labels) partNames(name string, n int) []string {
	names := []string{name}
	for i := 2; i <= n; i++ {
		names = append(names, fmt.Sprintf(l.SheetPart, name, i))
	}
	return names
}

// newList starts a list on the sheets planned for it. The caller sets
// sums, figures and describe, measures the rows to come on its layout and
// then writes them with row.
func (wb *workbook) newList(sheets []string, table string, head []cell) *list {
	ls := &list{wb: wb, sheets: sheets, table: table, head: head, figures: [3]int{-1, -1, -1}}
	ls.layout = wb.newSheet(sheets[0])
	ls.layout.measure(lookHeader, head)
	return ls
}

// measureTotals measures the totals rows of every part, given the list's
// grand totals in the sums columns: a part's sums are never more, since
// the summed figures are never negative.
func (ls *list) measureTotals(grand ...cell) {
	ls.layout.measure(lookTotal, ls.totalsRow(ls.wb.l.Total, grand))
	if len(ls.sheets) > 1 {
		for i := range ls.sheets {
			ls.layout.measure(lookTotal, []cell{text(ls.totalLabel(i))})
		}
	}
}

// totalLabel labels part i's totals row: "Total", or "Total, part 2 of 3"
// when the list has several parts.
func (ls *list) totalLabel(i int) string {
	if len(ls.sheets) == 1 {
		return ls.wb.l.Total
	}
	return fmt.Sprintf(ls.wb.l.PartTotal, i+1, len(ls.sheets))
}

// totalsRow is a totals row: the label, then the sums in their columns.
func (ls *list) totalsRow(label string, sums []cell) []cell {
	r := make([]cell, ls.sums[len(ls.sums)-1]+1)
	r[0] = text(label)
	for i, col := range ls.sums {
		r[col] = sums[i]
	}
	return r
}

// row writes the next row of the list, on a new part when this one is
// full.
func (ls *list) row(lk look, cells ...cell) error {
	if ls.wb.failed.Load() {
		return errListsStopped
	}
	if ls.cur == nil || ls.rows == rowsPerSheet(ls.sums != nil) {
		if err := ls.endPart(); err != nil {
			return err
		}
		if err := ls.startPart(); err != nil {
			return err
		}
	}
	if ls.rows == 0 {
		ls.first = ls.describe(cells)
	}
	ls.last = append(ls.last[:0], cells...)
	for i, col := range ls.sums {
		ls.total[i].add(cells[col])
	}
	ls.rows++
	return ls.cur.row(lk, cells...)
}

// startPart starts the next part's sheet with the widths, the frozen
// header and the header row.
func (ls *list) startPart() error {
	i := len(ls.parts)
	if i == len(ls.sheets) {
		return fmt.Errorf("workbook: %s has more rows than the %d sheets planned for it", ls.sheets[0], len(ls.sheets))
	}
	s := *ls.layout
	s.name = ls.sheets[i]
	var err error
	ls.wb.mu.Lock()
	// The print setup goes first: a StreamWriter takes it when created.
	// (The first column repeated on every page waits for finish: defined
	// names are listed in the order they are set.)
	if !s.fits(len(ls.head)) {
		err = ls.wb.setFit(s.name, false)
	}
	if err == nil {
		s.stream, err = ls.wb.f.NewStreamWriter(s.name)
	}
	ls.wb.mu.Unlock()
	if err != nil {
		return err
	}
	ls.cur, ls.rows, ls.total = &s, 0, make([]total, len(ls.sums))
	if err := s.setWidths(); err != nil {
		return err
	}
	if err := s.freeze(1); err != nil {
		return err
	}
	return s.row(lookHeader, ls.head...)
}

// endPart ends the part being written: its totals row, its table.
func (ls *list) endPart() error {
	s := ls.cur
	if s == nil {
		return nil
	}
	i := len(ls.parts)
	p := part{sheet: s.name, rows: ls.rows, first: ls.first}
	if ls.rows > 0 {
		p.last = ls.describe(ls.last)
	}
	last := s.rows
	if ls.sums != nil {
		// SUBTOTAL(109, ...) sums the rows a filter shows, so the totals
		// follow a filter or a corrected cell; the sum of the rows as
		// written is its cached result.
		sums := make([]cell, len(ls.total))
		for j, t := range ls.total {
			col := colName(ls.sums[j])
			sums[j] = t.cell().withFormula(fmt.Sprintf("SUBTOTAL(109,%s2:%s%d)", col, col, max(last, 2)))
		}
		p.totals = ls.totalsRow(ls.totalLabel(i), sums)
		p.totalsAt = last + 1
		if err := s.row(lookTotal, p.totals...); err != nil {
			return err
		}
	}
	name := ls.table
	if i > 0 {
		name = fmt.Sprintf("%s_%d", ls.table, i+1)
	}
	ls.parts = append(ls.parts, p)
	ls.ended = append(ls.ended, ended{sheet: s, table: name, last: last})
	ls.cur = nil
	return nil
}

// finish makes every part a table and flushes its sheet.
func (ls *list) finish() error {
	for _, e := range ls.ended {
		if err := e.sheet.table(e.table, 1, e.last, len(ls.head)); err != nil {
			return err
		}
		if !e.sheet.fits(len(ls.head)) {
			name := e.sheet.name
			if err := ls.wb.printTitles(name, fmt.Sprintf("'%s'!$A:$A,'%s'!$1:$1", name, name)); err != nil {
				return err
			}
		}
		if err := e.sheet.stream.Flush(); err != nil {
			return err
		}
	}
	ls.ended = nil
	return nil
}

// close ends the last part. Every sheet planned for the list must have
// been written; a list without rows is its header alone.
func (ls *list) close() error {
	if len(ls.parts) == 0 && ls.cur == nil {
		if err := ls.startPart(); err != nil {
			return err
		}
	}
	if err := ls.endPart(); err != nil {
		return err
	}
	if len(ls.parts) != len(ls.sheets) {
		return fmt.Errorf("workbook: %s filled %d of the %d sheets planned for it", ls.sheets[0], len(ls.parts), len(ls.sheets))
	}
	return nil
}

// total sums one column of a part: counts as integers, money as decimals.
type total struct {
	n    int64
	d    decimal.Decimal
	kind kind
}

func (t *total) add(c cell) {
	switch v := c.v.(type) {
	case int64:
		t.n += v
		t.kind = c.kind
	case decimal.Decimal:
		t.d = t.d.Add(v)
		t.kind = c.kind
	}
}

func (t total) cell() cell {
	if t.kind == kindCount || t.kind == kindInt {
		return cell{v: t.n, kind: t.kind}
	}
	return amount(t.kind, t.d)
}

// describeAccountMonth names a row of a list by account and month:
// "Cafe 2025-01".
func describeAccountMonth(r []cell) string {
	return fmt.Sprintf("%s %s", r[0].v, r[1].v.(time.Time).Format("2006-01"))
}
