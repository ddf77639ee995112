package workbook

import (
	"fmt"
	"time"

	"linecost/pricing"
	"linecost/report"
)

// measuredCampaigns is how many campaign rows the Campaigns sheet holds in
// memory to measure its columns before it starts streaming.
const measuredCampaigns = 1000

// campaigns writes the Campaigns sheet through a StreamWriter, since it
// has a row per input row: every campaign with its share of the month's
// bill, then a totals row that ties out to the Summary. Past a sheet's
// rows the campaigns continue on "Campaigns (2)" and so on (see list),
// each part with its own totals row.
//
// It reads the campaigns once: Budget.EachCampaign reads the plan files
// again on every call, and a plan may have a million rows. Column widths
// must be set before the first streamed row, so they are measured from
// what is known before the rows come: the header; the totals row, which
// bounds the messages, cost and tax of every row, as a row's share is never
// more than the total; the file names, the account names, the plan names,
// the channels; and the widest numbers a row can plausibly hold. The first
// measuredCampaigns rows are held in memory and measured too before the
// first is written. Text in later rows (campaign names, segments) can be
// wider than its column: it is cut off on screen but stays whole in the
// cell. No text column is wider than maxColWidth, so that one long name
// among the first rows does not push the figures off the page.
//
// Each totals row sums the rows of its part as they are written, so that
// nothing needs a second pass; the tests check that the parts add up to
// the Budget's totals.
func (wb *workbook) campaigns() (*list, error) {
	b, l := wb.b, wb.l
	head := []cell{
		text(l.File), numHeader(l.Line), numHeader(l.Date), text(l.Account), text(l.Campaign), text(l.Segment),
		text(l.Channel), numHeader(l.Friends), numHeader(l.Blocked), numHeader(l.Sends), numHeader(l.Bubbles),
		numHeader(l.Messages), numHeader(l.BillingMonth), text(l.Plan),
		numHeader(wb.currency(l.AllocatedCost)), numHeader(wb.currency(l.AllocatedTax)),
	}
	ls := wb.newList(wb.campSheets, "Campaigns", head)
	ls.sums, ls.figures, ls.describe = []int{11, 14, 15}, [3]int{11, 14, 15}, wb.describeCampaign
	ls.measureTotals(count(b.Messages), money(b.Total.Cost), money(b.Total.Tax))
	ls.layout.measure(lookBody, wb.knownCampaignCells(len(head)))

	var held [][]cell // the first rows, measured before streaming starts
	measured := false
	writeHeld := func() error {
		for _, r := range held {
			ls.layout.measure(lookBody, r)
		}
		measured = true
		for _, r := range held {
			if err := ls.row(lookBody, r...); err != nil {
				return err
			}
		}
		held = nil
		return nil
	}
	err := b.EachCampaign(func(c report.Campaign) error {
		r := wb.campaignCells(c)
		if measured {
			return ls.row(lookBody, r...)
		}
		held = append(held, r)
		if len(held) == measuredCampaigns {
			return writeHeld()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !measured { // fewer rows than measuredCampaigns
		if err := writeHeld(); err != nil {
			return nil, err
		}
	}
	return ls, ls.close()
}

// describeCampaign names a campaign row for the Summary's list of parts by
// its file and line, or, for the row of a month billed without messages,
// by its account and month.
func (wb *workbook) describeCampaign(r []cell) string {
	if r[0].v == nil {
		return fmt.Sprintf("%s %s %s", r[3].v, r[12].v.(time.Time).Format("2006-01"), wb.l.NoMessages)
	}
	return fmt.Sprintf("%s:%d", r[0].v, r[1].v)
}

// knownCampaignCells is a row of the values of the Campaigns sheet known
// before its rows are read, for measuring: per column the widest file,
// account, plan name or channel, and in the columns of figures not bounded
// by the totals row the widest number a row can plausibly hold, since a
// number too wide for its column shows as ####.
func (wb *workbook) knownCampaignCells(cols int) []cell {
	b, l := wb.b, wb.l
	r := make([]cell, cols)
	widest := func(col int, c cell) {
		if wb.fmts.width(c) > wb.fmts.width(r[col]) {
			r[col] = c
		}
	}
	for _, f := range b.Files {
		widest(0, text(f.File))
	}
	for _, a := range b.Accounts {
		widest(3, text(a.Name))
		for _, m := range a.Months() {
			// The row that carries the fee of a month without messages.
			if m.Messages == 0 && (!m.Plan().Charge.Cost.IsZero() || !m.Plan().Charge.Tax.IsZero()) {
				widest(4, text(l.NoMessages))
			}
		}
	}
	widest(6, text(l.ChannelManager))
	widest(6, text(l.ChannelAPI))
	for _, name := range wb.plans {
		widest(13, text(name))
	}
	r[1] = integer(9_999_999)                         // line numbers
	r[7], r[8] = count(99_999_999), count(99_999_999) // friends, blocked
	r[9], r[10] = count(9_999), count(9_999)          // sends, bubbles
	return r
}

// campaignCells is the row of one campaign. The row that carries the fee
// of a month without messages has no file, line or audience.
func (wb *workbook) campaignCells(c report.Campaign) []cell {
	l := wb.l
	channel := l.ChannelManager
	if c.Channel == pricing.API {
		channel = l.ChannelAPI
	}
	r := []cell{
		optText(c.File), integer(c.Line), day(c.Date), text(c.Account), text(c.Campaign), optText(c.Segment),
		text(channel), count(c.Friends), count(c.Blocked), count(c.Sends), count(c.Bubbles),
		count(c.Messages), month(c.Month()), text(wb.plans[monthPlan{c.Month(), c.Plan}]),
		money(c.Cost), money(c.Tax),
	}
	if c.File == "" && c.Campaign == report.NoMessagesCampaign {
		r[1], r[4], r[6] = blank(), text(l.NoMessages), blank()
		for i := 7; i <= 10; i++ {
			r[i] = blank()
		}
	}
	return r
}
