package workbook

import (
	"fmt"

	"linecost/report"
)

// gridRefs is where a budget grid lies on the Summary.
type gridRefs struct {
	head        int    // the header row (months)
	first, last int    // the accounts' rows
	totals      int    // the Total row
	cols        int    // columns: the account, the months, the Total
	grand       string // the grand total's cell
}

// grid writes one budget grid: a row per account (every one of them), a
// column per month of the period, a Total column and a Total row, all
// totals SUM formulas with their cached values. value is an account-month's
// figure: money or a count.
func (wb *workbook) grid(s *sheet, title string, value func(report.AccountMonth) cell) (gridRefs, error) {
	b, l := wb.b, wb.l
	n := len(b.Months)
	g := gridRefs{cols: n + 2}
	if s.rows > 0 {
		s.skip(1)
	}
	if err := s.row(lookTitle, text(title)); err != nil {
		return g, err
	}
	head := []cell{text(l.Account)}
	for _, m := range b.Months {
		head = append(head, month(m))
	}
	head = append(head, numHeader(l.Total))
	if err := s.row(lookHeader, head...); err != nil {
		return g, err
	}
	g.head, g.first = s.rows, s.rows+1
	g.last = g.head + len(b.Accounts)
	g.totals = g.last + 1
	sums := make([]total, n+1)
	totalCol := colName(n + 1)
	for _, a := range b.Accounts {
		r := []cell{text(a.Name)}
		var row total
		for mi, m := range a.Months() {
			c := value(m)
			row.add(c)
			sums[mi].add(c)
			r = append(r, c)
		}
		sums[n].add(row.cell())
		at := s.rows + 1
		r = append(r, row.cell().withFormula(fmt.Sprintf("SUM(B%d:%s%d)", at, colName(n), at)))
		if err := s.row(lookBody, r...); err != nil {
			return g, err
		}
	}
	totals := []cell{text(l.Total)}
	for col, x := range sums {
		c := colName(col + 1)
		totals = append(totals, x.cell().withFormula(fmt.Sprintf("SUM(%s%d:%s%d)", c, g.first, c, g.last)))
	}
	if err := s.row(lookTotal, totals...); err != nil {
		return g, err
	}
	g.grand = fmt.Sprintf("%s%d", totalCol, g.totals)
	return g, nil
}
