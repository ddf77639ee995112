package report

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// maxChartSeries is the most accounts the monthly chart shows one by one;
// past it, the largest accounts are shown and the rest summed.
const maxChartSeries = 8

// The chart's size in pixels (1/96 inch): as large as it can be while the
// sample's Summary still prints on one landscape page at full size in
// LibreOffice. The chart is anchored to the cells under it, so it prints as
// wide as those columns are in the reader's default font (with a zh-TW
// workbook's CJK font about a sixth wider than excelize reckons), and
// LibreOffice shrinks the page when the chart ends in a column past the
// printable width (297 mm less two margins of 0.4 in: 1045 px), or when the
// content, with the taller rows of a zh-TW workbook, is taller than a page.
const (
	chartWidth  = 800
	chartHeight = 300
)

// chartText is the colour of the chart's title and axis labels: without
// one LibreOffice draws the axis labels pale grey.
const chartText = "262626"

// summary writes the Summary sheet: one row per account and a grand total,
// then the monthly cost table that feeds the chart below it.
func (wb *workbook) summary() error {
	b, l := wb.b, wb.l
	s := wb.newSheet(l.Summary)
	withCurrent := slices.ContainsFunc(b.Accounts, func(a Account) bool { return a.Current != nil })

	head := []cell{
		text(l.Account), numHeader(l.Messages), numHeader(wb.currency(l.Cost)), numHeader(wb.currency(l.Tax)),
		numHeader(wb.currency(l.TotalCharge)), text(l.SinglePlan), numHeader(wb.currency(l.SingleCost)),
	}
	if withCurrent {
		head = append(head, text(l.CurrentPlan), numHeader(wb.currency(l.CurrentCost)),
			numHeader(wb.currency(l.Saving)), text(l.CurrentShortIn))
	}
	if err := s.row(lookHeader, head...); err != nil {
		return err
	}
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
					money(a.Saving()), optText(monthList(a.Current)))
				current, saving = current.Add(a.Current.Charge.Cost), saving.Add(a.Saving())
			} else {
				allCurrent = false
				r = append(r, blank(), blank(), blank(), blank())
			}
		}
		if err := s.row(lookBody, r...); err != nil {
			return err
		}
	}
	total := []cell{
		text(l.Total), count(messages), money(b.Total.Cost), money(b.Total.Tax), money(b.Total.Total),
		blank(), blank(),
	}
	if allSingle {
		total[6] = money(single)
	}
	if withCurrent {
		total = append(total, blank(), blank(), money(saving), blank())
		if allCurrent {
			total[8] = money(current)
		}
	}
	if err := s.table("Summary", 1, s.rows, len(head)); err != nil {
		return err
	}
	if err := s.row(lookTotal, total...); err != nil {
		return err
	}
	if len(b.EmptyMonths) > 0 {
		s.skip(1)
		if err := s.prose(lookBody, 0, len(head)-1, text(fmt.Sprintf(l.EmptyMonthsNote, MonthList(b.EmptyMonths)))); err != nil {
			return err
		}
	}
	if err := s.freeze(1); err != nil {
		return err
	}
	if err := wb.partsOfLists(s, len(head)); err != nil {
		return err
	}
	chart, err := wb.monthlyCost(s)
	if err != nil {
		return err
	}
	if err := s.finish(); err != nil {
		return err
	}
	s.skip(1)
	return wb.f.AddChart(s.name, ref(0, s.rows+1), chart)
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
	notes := []string{fmt.Sprintf(l.SheetLimit, thousands(int64(maxSheetRows)))}
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
					r[1+i] = p.totals[col]
				}
			}
			if err := s.row(lookBody, r...); err != nil {
				return err
			}
		}
	}
	return s.table("Parts", head, s.rows, 7)
}

// thousands writes n with thousands separators: 1,048,576.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// monthList lists the months in which a plan kept all period cannot
// deliver every message.
func monthList(t *PlanTotal) string {
	var ms []string
	for _, m := range t.Infeasible {
		ms = append(ms, m.String())
	}
	return strings.Join(ms, ", ")
}

// series is one column of the monthly cost table: a name and a cost per
// month, nil where there is none (an infeasible plan).
type series struct {
	name  string
	costs []*decimal.Decimal
}

// monthlyCost writes the table of monthly costs below the summary and
// returns the chart of it: with several accounts, each account's cost per
// month, stacked; with one, the recommended cost against every plan's.
func (wb *workbook) monthlyCost(s *sheet) (*excelize.Chart, error) {
	b, l := wb.b, wb.l
	var cols []series
	var title string
	chartType := excelize.ColStacked
	if len(b.Accounts) == 1 {
		title = wb.currency(l.ChartPlans)
		chartType = excelize.Line
		cols = wb.planSeries(b.Accounts[0])
	} else {
		title = wb.currency(l.ChartAccounts)
		cols = wb.accountSeries()
	}
	charted := len(cols)
	if len(b.Accounts) > 1 {
		cols = append(cols, wb.totalSeries())
	}

	s.skip(1)
	if err := s.row(lookTitle, text(title)); err != nil {
		return nil, err
	}
	if shown := charted - 1; len(b.Accounts) > 1 && len(b.Accounts) > charted {
		// The last series sums the accounts not shown one by one.
		note := fmt.Sprintf(l.ChartShows, shown, len(b.Accounts)-shown, cols[shown].name)
		if err := s.prose(lookBody, 0, len(cols), text(note)); err != nil {
			return nil, err
		}
	}
	head := []cell{numHeader(l.Month)}
	names := uniqueHeaders(l.Month, cols)
	for _, n := range names {
		head = append(head, numHeader(n))
	}
	if err := s.row(lookHeader, head...); err != nil {
		return nil, err
	}
	headRow := s.rows
	sums := make([]*decimal.Decimal, len(cols))
	for i, c := range cols {
		if !slices.Contains(c.costs, nil) {
			sum := decimal.Zero
			for _, d := range c.costs {
				sum = sum.Add(*d)
			}
			sums[i] = &sum
		}
	}
	for mi, m := range b.Months {
		r := []cell{month(m)}
		for _, c := range cols {
			r = append(r, optMoney(c.costs[mi]))
		}
		if err := s.row(lookBody, r...); err != nil {
			return nil, err
		}
	}
	lastRow := s.rows
	if err := s.table("MonthlyCost", headRow, lastRow, len(head)); err != nil {
		return nil, err
	}
	total := []cell{text(l.Total)}
	for _, sum := range sums {
		total = append(total, optMoney(sum))
	}
	if err := s.row(lookTotal, total...); err != nil {
		return nil, err
	}

	font := func(size float64) excelize.Font {
		return excelize.Font{Family: wb.styles.font, Size: size, Color: chartText}
	}
	titleFont, legendFont := font(titleSize), font(10)
	titleFont.Bold = true
	chart := &excelize.Chart{
		Type:      chartType,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title, Font: &titleFont}}},
		Dimension: excelize.ChartDimension{Width: chartWidth, Height: chartHeight},
		Legend:    excelize.ChartLegend{Position: "bottom", Font: &legendFont},
		XAxis:     excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: wb.fmts.code[kindMonth]}, Font: font(10)},
		YAxis: excelize.ChartAxis{
			MajorGridLines: true,
			NumFmt:         excelize.ChartNumFmt{CustomNumFmt: "#,##0"},
			Font:           font(10),
		},
		ShowBlanksAs: "gap",
	}
	for i := range charted {
		sr := excelize.ChartSeries{
			Name:       s.absRef(i+1, headRow, i+1, headRow),
			Categories: s.absRef(0, headRow+1, 0, lastRow),
			Values:     s.absRef(i+1, headRow+1, i+1, lastRow),
		}
		if chartType == excelize.Line {
			sr.Marker = excelize.ChartMarker{Symbol: "circle", Size: 5}
			sr.Line = excelize.LineOptions{Width: 1.5}
			if i == 0 { // the recommended cost stands out
				sr.Line.Width = 4
				sr.Marker.Size = 7
			}
		}
		chart.Series = append(chart.Series, sr)
	}
	return chart, nil
}

// planSeries is the recommended cost and every plan's cost (blank where
// the plan cannot deliver the month), plans in the order the catalogs
// list them.
func (wb *workbook) planSeries(a Account) []series {
	rec := series{name: wb.l.Recommended}
	var plans []series
	var ids []string
	for mi, m := range a.Months {
		c := m.Plan().Charge.Cost
		rec.costs = append(rec.costs, &c)
		for _, o := range m.Options {
			i := slices.Index(ids, o.Plan.ID)
			if i < 0 {
				ids = append(ids, o.Plan.ID)
				plans = append(plans, series{name: wb.l.planName(o.Plan), costs: make([]*decimal.Decimal, len(a.Months))})
				i = len(ids) - 1
			}
			if o.Feasible {
				c := o.Charge.Cost
				plans[i].costs[mi] = &c
			}
		}
	}
	return append([]series{rec}, plans...)
}

// accountSeries is each account's recommended cost per month; past
// maxChartSeries accounts, the largest ones (by total cost) and the others
// summed.
func (wb *workbook) accountSeries() []series {
	accounts := wb.b.Accounts
	shown := accounts
	if len(accounts) > maxChartSeries {
		byCost := slices.Clone(accounts)
		slices.SortStableFunc(byCost, func(x, y Account) int { return y.Charge.Cost.Cmp(x.Charge.Cost) })
		shown = byCost[:maxChartSeries-1]
		slices.SortFunc(shown, func(x, y Account) int { return cmp.Compare(x.Name, y.Name) })
	}
	var out []series
	for _, a := range shown {
		s := series{name: a.Name}
		for _, m := range a.Months {
			c := m.Plan().Charge.Cost
			s.costs = append(s.costs, &c)
		}
		out = append(out, s)
	}
	if len(shown) < len(accounts) {
		isShown := map[string]bool{}
		for _, a := range shown {
			isShown[a.Name] = true
		}
		other := series{name: fmt.Sprintf(wb.l.OtherAccounts, len(accounts)-len(shown))}
		for mi := range wb.b.Months {
			sum := decimal.Zero
			for _, a := range accounts {
				if !isShown[a.Name] {
					sum = sum.Add(a.Months[mi].Plan().Charge.Cost)
				}
			}
			other.costs = append(other.costs, &sum)
		}
		out = append(out, other)
	}
	return out
}

// totalSeries is the cost of all accounts per month.
func (wb *workbook) totalSeries() series {
	t := series{name: wb.l.Total}
	for mi := range wb.b.Months {
		sum := decimal.Zero
		for _, a := range wb.b.Accounts {
			sum = sum.Add(a.Months[mi].Plan().Charge.Cost)
		}
		t.costs = append(t.costs, &sum)
	}
	return t
}

// uniqueHeaders returns the series names made unique among themselves and
// first, as an Excel table's headers must be.
func uniqueHeaders(first string, cols []series) []string {
	seen := map[string]bool{first: true}
	var out []string
	for _, c := range cols {
		name := c.name
		for n := 2; seen[name] || name == ""; n++ {
			name = fmt.Sprintf("%s (%d)", c.name, n)
		}
		seen[name] = true
		out = append(out, name)
	}
	return out
}

func optMoney(d *decimal.Decimal) cell {
	if d == nil {
		return blank()
	}
	return money(*d)
}
