package report

import (
	"github.com/shopspring/decimal"

	"linecost/pricing"
)

// campaigns writes the Campaigns sheet through a StreamWriter, since it
// has a row per input row: every campaign with its share of the month's
// bill, then a totals row that ties out to the Summary. Column widths must
// be set before the first streamed row, so a first pass over the rows
// measures them.
func (wb *workbook) campaigns() error {
	b, l := wb.b, wb.l
	s := wb.newSheet(l.Campaigns)
	head := []cell{
		text(l.File), numHeader(l.Line), numHeader(l.Date), text(l.Account), text(l.Campaign), text(l.Segment),
		text(l.Channel), numHeader(l.Friends), numHeader(l.Blocked), numHeader(l.Sends), numHeader(l.Bubbles),
		numHeader(l.Messages), numHeader(l.Month), text(l.Plan),
		numHeader(wb.currency(l.AllocatedCost)), numHeader(wb.currency(l.AllocatedTax)),
	}
	var messages int64
	cost, tax := decimal.New(0, -b.Decimals), decimal.New(0, -b.Decimals)
	s.measure(lookHeader, head)
	err := b.EachCampaign(func(c Campaign) error {
		s.measure(lookBody, wb.campaignCells(c))
		messages += c.Messages
		cost, tax = cost.Add(c.Cost), tax.Add(c.Tax)
		return nil
	})
	if err != nil {
		return err
	}
	total := make([]cell, len(head))
	total[0], total[11], total[14], total[15] = text(l.Total), count(messages), money(cost), money(tax)
	s.measure(lookTotal, total)

	if s.stream, err = wb.f.NewStreamWriter(s.name); err != nil {
		return err
	}
	if err := s.setWidths(); err != nil {
		return err
	}
	if err := s.freeze(1); err != nil {
		return err
	}
	if err := s.row(lookHeader, head...); err != nil {
		return err
	}
	err = b.EachCampaign(func(c Campaign) error { return s.row(lookBody, wb.campaignCells(c)...) })
	if err != nil {
		return err
	}
	last := s.rows
	if err := s.row(lookTotal, total...); err != nil {
		return err
	}
	if err := s.table("Campaigns", 1, last, len(head)); err != nil {
		return err
	}
	return s.stream.Flush()
}

// campaignCells is the row of one campaign. The row that carries the fee
// of a month without messages has no file, line or audience.
func (wb *workbook) campaignCells(c Campaign) []cell {
	l := wb.l
	channel := l.ChannelManager
	if c.Channel == pricing.API {
		channel = l.ChannelAPI
	}
	r := []cell{
		optText(c.File), integer(c.Line), day(c.Date), text(c.Account), text(c.Campaign), optText(c.Segment),
		text(channel), count(c.Friends), count(c.Blocked), count(c.Sends), count(c.Bubbles),
		count(c.Messages), month(c.Month()), text(wb.plans[accountMonthKey{c.Account, c.Month()}]),
		money(c.Cost), money(c.Tax),
	}
	if c.File == "" && c.Campaign == NoMessagesCampaign {
		r[1], r[4], r[6] = blank(), text(l.NoMessages), blank()
		for i := 7; i <= 10; i++ {
			r[i] = blank()
		}
	}
	return r
}
