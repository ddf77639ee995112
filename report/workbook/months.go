package workbook

import (
	"fmt"
	"strings"
	"time"

	"linecost/pricing"
	"linecost/report"
)

// recommendation writes the Recommendation sheet: per account and month
// the recommended plan and its bill, the next-best plan and how much more
// it costs, the plan change the month needs, and the catalog's notes when
// the figures depend on them; a totals row equal to the Summary's. It has
// a row per account-month, thousands with many accounts, so it is streamed
// (see list).
func (wb *workbook) recommendation() (*list, error) {
	b, l := wb.b, wb.l
	const actionCol, noteCol = 10, 12
	head := []cell{
		text(l.Account), numHeader(l.Month), text(l.Catalog), numHeader(l.Messages), text(l.RecommendedPlan),
		numHeader(wb.currency(l.Cost)), numHeader(wb.currency(l.Tax)), numHeader(wb.currency(l.TotalCharge)),
		text(l.RunnerUp), numHeader(wb.currency(l.RunnerUpExtra)), text(l.Action), numHeader(l.ActionDate), text(l.Note),
	}
	ls := wb.newList(wb.recSheets, "Recommendation", head)
	ls.sums, ls.figures, ls.describe = []int{3, 5, 6, 7}, [3]int{3, 5, 6}, describeAccountMonth
	ls.layout.fixed[actionCol], ls.layout.fixed[noteCol] = actionWidth, noteWidth
	wb.measureRecommendation(ls.layout)
	ls.measureTotals(count(b.Messages), money(b.Total.Cost), money(b.Total.Tax), money(b.Total.Total))

	for _, a := range b.Accounts {
		for _, m := range a.Months() {
			best := m.Plan()
			r := []cell{
				text(a.Name), month(m.Month), text(m.Catalog.Name), count(m.Messages), text(l.planName(best.Plan)),
				money(best.Charge.Cost), money(best.Charge.Tax), money(best.Charge.Total),
				blank(), blank(), blank(), blank(), blank(),
			}
			if next, ok := m.RunnerUp(); ok && m.Held == nil {
				r[8], r[9] = text(l.planName(next.Plan)), money(next.Charge.Cost.Sub(best.Charge.Cost))
			}
			if act := m.Action; act != nil {
				r[actionCol] = cell{v: l.action(act), wrap: true}
				r[actionCol+1] = day(act.Date)
			}
			if note := l.monthNote(m); note != "" {
				r[noteCol] = cell{v: note, wrap: true}
			}
			if err := ls.row(lookBody, r...); err != nil {
				return nil, err
			}
		}
	}
	return ls, ls.close()
}

// measureRecommendation measures the widest value of each column of the
// Recommendation sheet before its first row, from what the Budget knows
// (its accounts, catalogs and plans, and the largest and smallest figures
// of its account-months) rather than from every row. The action and note
// columns wrap in fixed widths.
func (wb *workbook) measureRecommendation(s *sheet) {
	b, l := wb.b, wb.l
	plans, runnersUp := set{}, set{}
	var messages int64
	var cost, tax, total, extra span
	actions := false
	for _, a := range b.Accounts {
		for _, m := range a.Months() {
			best := m.Plan()
			messages = max(messages, m.Messages)
			plans.add(l.planName(best.Plan))
			cost.add(best.Charge.Cost)
			tax.add(best.Charge.Tax)
			total.add(best.Charge.Total)
			if next, ok := m.RunnerUp(); ok {
				runnersUp.add(l.planName(next.Plan))
				extra.add(next.Charge.Cost.Sub(best.Charge.Cost))
			}
			actions = actions || m.Action != nil
		}
	}
	wide := make([]cell, 12)
	wide[0], wide[1], wide[2], wide[3] = wb.widestAccount(), month(b.Months[0]), wb.widestCatalog(), count(messages)
	if actions {
		wide[11] = day(b.Months[0].FirstDay())
	}
	s.measure(lookBody, wide)
	s.measureText(lookBody, 4, plans)
	s.measureText(lookBody, 8, runnersUp)
	s.measureSpan(lookBody, 5, kindMoney, cost)
	s.measureSpan(lookBody, 6, kindMoney, tax)
	s.measureSpan(lookBody, 7, kindMoney, total)
	s.measureSpan(lookBody, 9, kindMoney, extra)
}

// action is the text of a plan change.
func (l *labels) action(act *report.Action) string {
	f := l.Change
	switch act.Kind {
	case "upgrade":
		f = l.Upgrade
		if act.Overdue {
			f = l.UpgradeNow
		}
	case "downgrade":
		f = l.Downgrade
	}
	return fmt.Sprintf(f, l.planName(act.From), l.planName(act.To), act.Date.Format(time.DateOnly))
}

// monthNote is the note of an account-month: whether it is past, the plan
// it keeps when the deadline of a cheaper one has passed, and the gist of
// the catalog's notes when its figures depend on them.
func (l *labels) monthNote(m report.AccountMonth) string {
	var parts []string
	if m.Past {
		parts = append(parts, l.PastNote)
	}
	if h := m.Held; h != nil {
		parts = append(parts, fmt.Sprintf(l.HeldNote, l.planName(m.Plan().Plan), l.planName(h.Cheapest), h.Deadline.Format(time.DateOnly)))
	}
	if m.UsesNotes() {
		notes, _ := l.catalogText(m.Catalog)
		parts = append(parts, l.note(notes))
	}
	return strings.Join(parts, " ")
}

// catalogText is a catalog's notes and source in the workbook's language:
// in Chinese when the catalog gives them in Chinese (one note for each),
// else as written.
func (l *labels) catalogText(c pricing.Catalog) (notes []string, source string) {
	notes, source = c.Notes, c.Source
	if l.Language != "zh-TW" {
		return notes, source
	}
	if len(c.NotesZH) == len(c.Notes) && len(c.NotesZH) > 0 {
		notes = c.NotesZH
	}
	if c.SourceZH != "" {
		source = c.SourceZH
	}
	return notes, source
}

// note is the gist of a catalog's notes for the month it bears on: the
// first sentence of each, and where to read them in full.
func (l *labels) note(notes []string) string {
	var b strings.Builder
	for _, n := range notes {
		if i := strings.Index(n, ". "); i >= 0 {
			n = n[:i+1]
		} else if i := strings.Index(n, "。"); i >= 0 && i+len("。") < len(n) {
			n = n[:i+len("。")]
		}
		b.WriteString(n)
		b.WriteString(l.Gap)
	}
	b.WriteString(fmt.Sprintf(l.SeeNotes, l.Pricing))
	return b.String()
}

// comparison writes the Plan comparison sheet: every plan's quote for
// every account-month with messages (see compared), the recommended row
// filled, bold and starred. It has a row per account, month and plan, tens
// of thousands with many accounts, so it is streamed (see list); its mark
// is the row's style, as a streamed sheet takes no conditional formats. It
// has no totals row: the costs of plans that are alternatives to each
// other do not add up to anything.
func (wb *workbook) comparison() (*list, error) {
	b, l := wb.b, wb.l
	head := []cell{
		text(l.Account), numHeader(l.Month), text(l.Catalog), text(l.Plan), text(l.Marker), text(l.Feasible),
		numHeader(l.Undelivered), numHeader(wb.currency(l.Fee)), numHeader(l.Additional),
		numHeader(wb.currency(l.AdditionalCost)), numHeader(wb.currency(l.Cost)),
	}
	ls := wb.newList(wb.cmpSheets, "PlanComparison", head)
	ls.describe = describeAccountMonth
	wb.measureComparison(ls.layout)

	for _, a := range b.Accounts {
		for _, m := range a.Months() {
			if !compared(m) {
				continue
			}
			for i, o := range m.Options {
				lk, marker, feasible, cost := lookBody, blank(), text(l.No), blank()
				if i == m.Billed() {
					lk, marker = lookMarked, text(l.MarkerValue)
				}
				if o.Feasible {
					feasible, cost = text(l.Yes), money(o.Charge.Cost)
				}
				err := ls.row(lk, text(a.Name), month(m.Month), text(m.Catalog.Name), text(l.planName(o.Plan)),
					marker, feasible, count(o.Undelivered), amount(kindFee, o.Fee), count(o.Additional),
					amount(kindExact, o.AdditionalCost), cost)
				if err != nil {
					return nil, err
				}
			}
		}
	}
	return ls, ls.close()
}

// compared reports whether the Plan comparison lists the plans of m: only
// months with messages. In a month without messages every plan bills its
// monthly fee (the Pricing sheet lists them) and the plan with the lowest
// fee is recommended, which the Recommendation sheet shows with any plan
// change it needs. Agencies budget thousands of accounts, most of which
// are quiet in most months: listed, these months would be most of the
// sheet (42,654 of 64,044 rows for bench/gen's 10,000 rows over 2,000
// accounts) and the longest part of writing the workbook. The About sheet
// says how many months are compared.
func compared(m report.AccountMonth) bool { return m.Messages > 0 }

// measureComparison measures the widest value of each column of the Plan
// comparison sheet before its first row, from the Budget's accounts,
// catalogs and plans and the largest and smallest figures of the quotes;
// the recommended rows apart, as they are bold.
func (wb *workbook) measureComparison(s *sheet) {
	b, l := wb.b, wb.l
	type quotes struct {
		any                     bool
		plans, feasible         set
		undelivered, additional int64
		fee, additionalCost     span
		cost                    span
	}
	body, marked := quotes{plans: set{}, feasible: set{}}, quotes{plans: set{}, feasible: set{}}
	for _, a := range b.Accounts {
		for _, m := range a.Months() {
			if !compared(m) {
				continue
			}
			for i, o := range m.Options {
				q := &body
				if i == m.Billed() {
					q = &marked
				}
				q.any = true
				q.plans.add(l.planName(o.Plan))
				q.undelivered, q.additional = max(q.undelivered, o.Undelivered), max(q.additional, o.Additional)
				q.fee.add(o.Fee)
				q.additionalCost.add(o.AdditionalCost)
				if o.Feasible {
					q.feasible.add(l.Yes)
					q.cost.add(o.Charge.Cost)
				} else {
					q.feasible.add(l.No)
				}
			}
		}
	}
	for _, x := range []struct {
		look look
		q    *quotes
	}{{lookBody, &body}, {lookMarked, &marked}} {
		q, lk := x.q, x.look
		if !q.any {
			continue
		}
		wide := []cell{wb.widestAccount(), month(b.Months[0]), wb.widestCatalog(), blank(), blank(), blank(),
			count(q.undelivered), blank(), count(q.additional)}
		if lk == lookMarked {
			wide[4] = text(l.MarkerValue)
		}
		s.measure(lk, wide)
		s.measureText(lk, 3, q.plans)
		s.measureText(lk, 5, q.feasible)
		s.measureSpan(lk, 7, kindFee, q.fee)
		s.measureSpan(lk, 9, kindExact, q.additionalCost)
		s.measureSpan(lk, 10, kindMoney, q.cost)
	}
}
