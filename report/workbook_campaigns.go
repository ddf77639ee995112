package report

import "linecost/pricing"

// measuredCampaigns is how many campaign rows the Campaigns sheet holds in
// memory to measure its columns before it starts streaming.
const measuredCampaigns = 1000

// campaigns writes the Campaigns sheet through a StreamWriter, since it
// has a row per input row: every campaign with its share of the month's
// bill, then a totals row that ties out to the Summary.
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
// The totals row is the Budget's totals, not a sum of the rows written, so
// that nothing needs a second pass; the tests check that the rows add up
// to it.
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
	for _, a := range b.Accounts {
		messages += a.Messages
	}
	total := make([]cell, len(head))
	total[0], total[11], total[14], total[15] = text(l.Total), count(messages), money(b.Total.Cost), money(b.Total.Tax)

	s.measure(lookHeader, head)
	s.measure(lookTotal, total)
	s.measure(lookBody, wb.knownCampaignCells(len(head)))

	var held [][]cell // the first rows, measured before streaming starts
	start := func() error {
		var err error
		for _, r := range held {
			s.measure(lookBody, r)
		}
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
		for _, r := range held {
			if err := s.row(lookBody, r...); err != nil {
				return err
			}
		}
		held = nil
		return nil
	}
	err := b.EachCampaign(func(c Campaign) error {
		r := wb.campaignCells(c)
		if s.stream != nil {
			return s.row(lookBody, r...)
		}
		held = append(held, r)
		if len(held) == measuredCampaigns {
			return start()
		}
		return nil
	})
	if err != nil {
		return err
	}
	if s.stream == nil { // fewer rows than measuredCampaigns
		if err := start(); err != nil {
			return err
		}
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
		for _, m := range a.Months {
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
