package workbook

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// maxChartSeries is the most series the monthly chart stacks: past it, the
// largest accounts are shown one by one and the rest as one series.
const maxChartSeries = 8

// The chart's size in pixels (1/96 inch): as large as it can be while it
// still prints on one landscape page at full size in LibreOffice (297 mm
// less two margins of 0.4 in: 1045 px).
const (
	chartWidth  = 800
	chartHeight = 300
)

// chartText is the colour of the chart's title and axis labels: without
// one LibreOffice draws the axis labels pale grey.
const chartText = "262626"

// chartData writes, below the rest of the Summary, the rows the chart
// draws (formulas on the before-tax grid: the largest accounts, and the
// others as one row) and returns the chart: the monthly total before tax,
// stacked by account.
func (wb *workbook) chartData(s *sheet, cost gridRefs) (*excelize.Chart, error) {
	b, l := wb.b, wb.l
	n := len(b.Months)
	order := make([]int, len(b.Accounts))
	for i := range order {
		order[i] = i
	}
	shown := order
	if len(order) > maxChartSeries {
		byCost := slices.Clone(order)
		slices.SortStableFunc(byCost, func(x, y int) int { return b.Accounts[y].Charge.Cost.Cmp(b.Accounts[x].Charge.Cost) })
		shown = byCost[:maxChartSeries-1]
		slices.SortFunc(shown, cmp.Compare)
	}
	others := len(order) - len(shown)
	title := wb.currency(l.ChartByAccount)
	if others > 0 {
		title = fmt.Sprintf(l.ChartLargest, b.Currency, len(shown), others)
	}

	s.skip(1)
	if err := s.pageBreak(); err != nil {
		return nil, err
	}
	if err := s.row(lookTitle, text(l.ChartData)); err != nil {
		return nil, err
	}
	head := []cell{text(l.Account)}
	for _, m := range b.Months {
		head = append(head, month(m))
	}
	if err := s.row(lookHeader, head...); err != nil {
		return nil, err
	}
	headRow := s.rows
	rest := make([]decimal.Decimal, n) // the month's total less the accounts shown
	for _, a := range b.Accounts {
		for mi, m := range a.Months() {
			rest[mi] = rest[mi].Add(m.Plan().Charge.Cost)
		}
	}
	for _, i := range shown {
		a := b.Accounts[i]
		r := []cell{text(a.Name)}
		for mi, m := range a.Months() {
			c := m.Plan().Charge.Cost
			rest[mi] = rest[mi].Sub(c)
			r = append(r, money(c).withFormula(fmt.Sprintf("%s%d", colName(mi+1), cost.first+i)))
		}
		if err := s.row(lookBody, r...); err != nil {
			return nil, err
		}
	}
	if others > 0 {
		r := []cell{text(fmt.Sprintf(l.OtherAccounts, others))}
		for mi := range b.Months {
			c := colName(mi + 1)
			r = append(r, money(rest[mi]).withFormula(fmt.Sprintf("%s%d-SUM(%s%d:%s%d)", c, cost.totals, c, headRow+1, c, s.rows)))
		}
		if err := s.row(lookBody, r...); err != nil {
			return nil, err
		}
	}

	font := func(size float64) excelize.Font {
		return excelize.Font{Family: wb.styles.font, Size: size, Color: chartText}
	}
	titleFont, legendFont := font(titleSize), font(10)
	titleFont.Bold = true
	chart := &excelize.Chart{
		Type:      excelize.ColStacked,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title, Font: &titleFont}}},
		Dimension: excelize.ChartDimension{Width: chartWidth, Height: chartHeight},
		Legend:    excelize.ChartLegend{Position: "bottom", Font: &legendFont},
		XAxis: excelize.ChartAxis{
			NumFmt: excelize.ChartNumFmt{CustomNumFmt: wb.fmts.code[kindMonth]}, Font: font(10),
			// At most about 12 labels, so that they stay apart at 24
			// months and more.
			TickLabelSkip: (n + 11) / 12,
		},
		YAxis: excelize.ChartAxis{
			MajorGridLines: true,
			NumFmt:         excelize.ChartNumFmt{CustomNumFmt: "#,##0"},
			Font:           font(10),
		},
		ShowBlanksAs: "gap",
	}
	for r := headRow + 1; r <= s.rows; r++ {
		chart.Series = append(chart.Series, excelize.ChartSeries{
			Name:       s.absRef(0, r, 0, r),
			Categories: s.absRef(1, headRow, n, headRow),
			Values:     s.absRef(1, r, n, r),
		})
	}
	return chart, nil
}
