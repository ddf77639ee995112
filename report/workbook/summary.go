package workbook

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"linecost/report"
)

// summary writes the Summary sheet, what finance files and prints: a
// title block with the grand totals (on page 1 whatever the number of
// accounts), then the budget as grids of every account by month (before
// tax, including tax, messages) with SUM formulas, the accounts with their
// plans, where lists longer than a sheet continue, and a chart of the
// monthly total. Every total is a formula with its cached value.
func (wb *workbook) summary() error {
	b, l := wb.b, wb.l
	s := wb.newSheet(l.Summary)
	withCurrent := slices.ContainsFunc(b.Accounts, func(a report.Account) bool { return a.Current != nil })

	// The title block refers to the grids' totals below it: its rows are
	// left free and written once the grids are.
	top := titleRows(withCurrent)
	s.skip(top + 1)
	cost, err := wb.grid(s, wb.currency(l.GridCost), func(m report.AccountMonth) cell { return money(m.Plan().Charge.Cost) })
	if err != nil {
		return err
	}
	withTax, err := wb.grid(s, wb.currency(l.GridTotal), func(m report.AccountMonth) cell { return money(m.Plan().Charge.Total) })
	if err != nil {
		return err
	}
	if _, err := wb.grid(s, l.GridMessages, func(m report.AccountMonth) cell { return count(m.Messages) }); err != nil {
		return err
	}
	taxRef, saving, err := wb.accountsTable(s, withCurrent)
	if err != nil {
		return err
	}
	if len(b.EmptyMonths) > 0 {
		s.skip(1)
		if err := s.prose(lookBody, 0, max(cost.cols-1, 5), text(fmt.Sprintf(l.EmptyMonthsNote, report.MonthList(b.EmptyMonths)))); err != nil {
			return err
		}
	}
	if err := wb.partsOfLists(s, cost.cols); err != nil {
		return err
	}
	chart, err := wb.chartData(s, cost)
	if err != nil {
		return err
	}
	end := s.rows
	s.rows = 0
	if err := wb.titleBlock(s, cost, withTax, taxRef, saving); err != nil {
		return err
	}
	s.rows = end
	if err := s.freezeAt(cost.head, 1); err != nil {
		return err
	}
	if err := s.finish(); err != nil {
		return err
	}
	// Printed, the Summary repeats no rows: its blocks have headers of
	// their own. When it is too wide for a page, the account column is
	// repeated on the pages that continue the months.
	fit := s.fits(cost.cols)
	if err := wb.setFit(s.name, fit); err != nil {
		return err
	}
	if err := wb.printTitles(s.name, ""); err != nil {
		return err
	}
	if !fit {
		if err := wb.printTitles(s.name, fmt.Sprintf("'%s'!$A:$A", s.name)); err != nil {
			return err
		}
	}
	s.skip(1)
	return wb.f.AddChart(s.name, ref(0, s.rows+1), chart)
}

// titleRows is the number of rows of the title block.
func titleRows(withCurrent bool) int {
	if withCurrent {
		return 8
	}
	return 7
}

// titleBlock writes the title, the period, the region and catalogs, the
// generation time in the region's zone, and the grand totals before tax,
// tax and including tax (formulas on the grids' totals and on the
// accounts' tax: a difference of two totals would show the float64 error
// of the subtraction), and the saving against the current plans with what
// they cannot deliver.
func (wb *workbook) titleBlock(s *sheet, cost, withTax gridRefs, taxRef string, saving *cell) error {
	b, l, meta := wb.b, wb.l, wb.meta
	last := max(cost.cols-1, 5) // the last column a text spans
	if err := s.row(lookTitle, text(l.Title)); err != nil {
		return err
	}
	var catalogs []string
	for _, c := range b.Catalogs {
		catalogs = append(catalogs, c.Name)
	}
	generated := l.None
	if !meta.Generated.IsZero() {
		generated = zoned(meta.Generated, meta.Zone)
	}
	first, end := b.Months[0], b.Months[len(b.Months)-1]
	for _, it := range [][2]string{
		{l.Period, fmt.Sprintf(l.PeriodMonths, first, end, len(b.Months))},
		{l.RegionCatalogs, fmt.Sprintf("%s: %s", b.Catalogs[0].Region, strings.Join(catalogs, ", "))},
		{l.GeneratedAt, generated},
	} {
		s.measure(lookBody, []cell{text(it[0])})
		if err := s.prose(lookBody, 0, last, text(it[0]), text(it[1])); err != nil {
			return err
		}
	}
	totals := []struct {
		label string
		value cell
	}{
		{wb.currency(l.TotalBeforeTax), money(b.Total.Cost).withFormula(cost.grand)},
		{wb.currency(l.TaxTotal), money(b.Total.Tax).withFormula(taxRef)},
		{wb.currency(l.TotalWithTax), money(b.Total.Total).withFormula(withTax.grand)},
	}
	for i, t := range totals {
		lk := lookBody
		if i == len(totals)-1 {
			lk = lookTotal
		}
		if err := s.row(lk, text(t.label), t.value); err != nil {
			return err
		}
	}
	if saving == nil {
		return nil
	}
	note := ""
	if messages, months := b.CurrentShortfall(); months > 0 {
		note = fmt.Sprintf(l.CannotDeliver, report.Count(messages), l.plural(messages, l.MessageOne, l.MessageMany),
			months, l.plural(int64(months), l.MonthOne, l.MonthMany))
	}
	s.measure(lookBody, []cell{text(wb.currency(l.SavingCurrent)), *saving})
	return s.prose(lookBody, 0, last, text(wb.currency(l.SavingCurrent)), *saving, optText(note))
}

// zoned is t in zone (UTC when nil) with the zone's name and offset:
// "2025-04-01 17:30 Asia/Taipei (UTC+08:00)".
func zoned(t time.Time, zone *time.Location) string {
	if zone == nil {
		zone = time.UTC
	}
	t = t.In(zone)
	return fmt.Sprintf("%s %s (UTC%s)", t.Format("2006-01-02 15:04"), zone, t.Format("-07:00"))
}

// accountsTable writes every account's messages, cost, tax and total, its
// best single plan and, with current plans, the current plan, its cost,
// the saving and the months it cannot deliver; a totals row of SUBTOTAL
// formulas below the table. It returns the total tax's cell reference and
// the total saving's cell (a formula on the table), nil without current
// plans.
func (wb *workbook) accountsTable(s *sheet, withCurrent bool) (string, *cell, error) {
	b, l := wb.b, wb.l
	s.skip(1)
	if err := s.pageBreak(); err != nil {
		return "", nil, err
	}
	if err := s.row(lookTitle, text(l.AccountsTitle)); err != nil {
		return "", nil, err
	}
	head := []cell{
		text(l.Account), numHeader(l.Messages), numHeader(wb.currency(l.Cost)), numHeader(wb.currency(l.Tax)),
		numHeader(wb.currency(l.TotalCharge)), text(l.SinglePlan), numHeader(wb.currency(l.SingleCost)),
	}
	if withCurrent {
		head = append(head, text(l.CurrentPlan), numHeader(wb.currency(l.CurrentCost)),
			numHeader(wb.currency(l.Saving)), text(l.CurrentShortIn))
	}
	if err := s.row(lookHeader, head...); err != nil {
		return "", nil, err
	}
	first := s.rows + 1
	var messages int64
	var single, current, saving decimal.Decimal
	allSingle, allCurrent := true, true
	for _, a := range b.Accounts {
		messages += a.Messages
		r := []cell{
			text(a.Name), count(a.Messages), money(a.Charge.Cost), money(a.Charge.Tax), money(a.Charge.Total),
			text(l.NoSinglePlan), blank(),
		}
		if a.Single != nil {
			r[5], r[6] = text(l.planName(a.Single.Plan)), money(a.Single.Charge.Cost)
			single = single.Add(a.Single.Charge.Cost)
		} else {
			allSingle = false
		}
		if withCurrent {
			if a.Current != nil {
				r = append(r, text(l.planName(a.Current.Plan)), money(a.Current.Charge.Cost),
					money(a.Saving()), cell{v: optText(monthList(a.Current)).v, wrap: true})
				current, saving = current.Add(a.Current.Charge.Cost), saving.Add(a.Saving())
			} else {
				allCurrent = false
				r = append(r, blank(), blank(), blank(), blank())
			}
		}
		if err := s.row(lookBody, r...); err != nil {
			return "", nil, err
		}
	}
	last := s.rows
	sub := func(c cell, col int) cell {
		return c.withFormula(fmt.Sprintf("SUBTOTAL(109,%s%d:%s%d)", colName(col), first, colName(col), last))
	}
	total := []cell{
		text(l.Total), sub(count(messages), 1), sub(money(b.Total.Cost), 2), sub(money(b.Total.Tax), 3),
		sub(money(b.Total.Total), 4), blank(), blank(),
	}
	if allSingle {
		total[6] = sub(money(single), 6)
	}
	var savingCell *cell
	if withCurrent {
		total = append(total, blank(), blank(), sub(money(saving), 9), blank())
		if allCurrent {
			total[8] = sub(money(current), 8)
		}
		c := money(saving).withFormula(ref(9, last+1))
		savingCell = &c
	}
	if err := s.table("Accounts", first-1, last, len(head)); err != nil {
		return "", nil, err
	}
	return ref(3, last+1), savingCell, s.row(lookTotal, total...)
}

// partsOfLists writes, below the grand total, where the lists longer than
// a sheet continue, and a table of their parts: each part's sheet, its
// totals (which add up to the grand total) and its first and last rows.
// It writes nothing when every list fits on one sheet. width is the number
// of columns its notes span.
func (wb *workbook) partsOfLists(s *sheet, width int) error {
	l := wb.l
	var split []*list
	for _, ls := range wb.lists {
		if len(ls.parts) > 1 {
			split = append(split, ls)
		}
	}
	if len(split) == 0 {
		return nil
	}
	s.skip(1)
	if err := s.row(lookTitle, text(l.PartsTitle)); err != nil {
		return err
	}
	notes := []string{fmt.Sprintf(l.SheetLimit, report.Count(int64(maxSheetRows)))}
	for _, ls := range split {
		notes = append(notes, fmt.Sprintf(l.Spans, ls.sheets[0], len(ls.sheets), strings.Join(ls.sheets, l.ListSeparator)))
	}
	for _, n := range notes {
		if err := s.prose(lookBody, 0, width-1, text(n)); err != nil {
			return err
		}
	}
	err := s.row(lookHeader, text(l.Sheet), numHeader(l.Messages), numHeader(wb.currency(l.Cost)),
		numHeader(wb.currency(l.Tax)), numHeader(l.Rows), text(l.FirstRow), text(l.LastRow))
	if err != nil {
		return err
	}
	head := s.rows
	for _, ls := range split {
		for _, p := range ls.parts {
			r := []cell{text(p.sheet), blank(), blank(), blank(), count(int64(p.rows)), text(p.first), text(p.last)}
			for i, col := range ls.figures {
				if col >= 0 && p.totals != nil {
					r[1+i] = p.totals[col].withFormula(fmt.Sprintf("'%s'!%s", p.sheet, ref(col, p.totalsAt)))
				}
			}
			if err := s.row(lookBody, r...); err != nil {
				return err
			}
		}
	}
	return s.table("Parts", head, s.rows, 7)
}

// monthList lists the months in which a plan kept all period cannot
// deliver every message.
func monthList(t *report.PlanTotal) string {
	var ms []string
	for _, m := range t.Infeasible {
		ms = append(ms, m.String())
	}
	return strings.Join(ms, ", ")
}
