package report

import (
	"fmt"
	"strings"
	"time"
)

// recommendation writes the Recommendation sheet: per account and month
// the recommended plan and its bill, the next-best plan and how much more
// it costs, the plan change the month needs, and the catalog's notes when
// the figures depend on them; a totals row equal to the Summary's.
func (wb *workbook) recommendation() error {
	b, l := wb.b, wb.l
	s := wb.newSheet(l.Recommendation)
	const actionCol, noteCol = 10, 12
	s.fixed[actionCol], s.fixed[noteCol] = actionWidth, noteWidth
	head := []cell{
		text(l.Account), numHeader(l.Month), text(l.Catalog), numHeader(l.Messages), text(l.RecommendedPlan),
		numHeader(wb.currency(l.Cost)), numHeader(wb.currency(l.Tax)), numHeader(wb.currency(l.TotalCharge)),
		text(l.RunnerUp), numHeader(wb.currency(l.RunnerUpExtra)), text(l.Action), numHeader(l.ActionDate), text(l.Note),
	}
	if err := s.row(lookHeader, head...); err != nil {
		return err
	}
	var messages int64
	for _, a := range b.Accounts {
		for _, m := range a.Months {
			messages += m.Messages
			best := m.Plan()
			r := []cell{
				text(a.Name), month(m.Month), text(m.Catalog.Name), count(m.Messages), text(l.planName(best.Plan)),
				money(best.Charge.Cost), money(best.Charge.Tax), money(best.Charge.Total),
				blank(), blank(), blank(), blank(), blank(),
			}
			if next, ok := m.RunnerUp(); ok {
				r[8], r[9] = text(l.planName(next.Plan)), money(next.Charge.Cost.Sub(best.Charge.Cost))
			}
			if act := m.Action; act != nil {
				r[actionCol] = cell{v: l.action(act.Kind, l.planName(act.From), l.planName(act.To), act.Date), wrap: true}
				r[actionCol+1] = day(act.Date)
			}
			if m.UsesNotes() {
				r[noteCol] = cell{v: l.note(m.Catalog.Notes), wrap: true}
			}
			if err := s.row(lookBody, r...); err != nil {
				return err
			}
		}
	}
	if err := s.table("Recommendation", 1, s.rows, len(head)); err != nil {
		return err
	}
	err := s.row(lookTotal, text(l.Total), blank(), blank(), count(messages), blank(),
		money(b.Total.Cost), money(b.Total.Tax), money(b.Total.Total))
	if err != nil {
		return err
	}
	if err := s.freeze(1); err != nil {
		return err
	}
	return s.finish()
}

// action is the text of a plan change.
func (l *labels) action(kind, from, to string, date time.Time) string {
	f := l.Change
	switch kind {
	case "upgrade":
		f = l.Upgrade
	case "downgrade":
		f = l.Downgrade
	}
	return fmt.Sprintf(f, from, to, date.Format(time.DateOnly))
}

// note is the gist of a catalog's notes for the month it bears on: the
// first sentence of each, and where to read them in full.
func (l *labels) note(notes []string) string {
	var b strings.Builder
	for _, n := range notes {
		if i := strings.Index(n, ". "); i >= 0 {
			n = n[:i+1]
		}
		b.WriteString(n)
		b.WriteString(" ")
	}
	b.WriteString(fmt.Sprintf(l.SeeNotes, l.Pricing))
	return b.String()
}

// comparison writes the Plan comparison sheet: every plan's quote for
// every account-month, the recommended row filled and starred.
func (wb *workbook) comparison() error {
	b, l := wb.b, wb.l
	s := wb.newSheet(l.Comparison)
	head := []cell{
		text(l.Account), numHeader(l.Month), text(l.Catalog), text(l.Plan), text(l.Marker), text(l.Feasible),
		numHeader(l.Undelivered), numHeader(wb.currency(l.Fee)), numHeader(l.Additional),
		numHeader(wb.currency(l.AdditionalCost)), numHeader(wb.currency(l.Cost)),
	}
	if err := s.row(lookHeader, head...); err != nil {
		return err
	}
	for _, a := range b.Accounts {
		for _, m := range a.Months {
			for i, o := range m.Options {
				lk, marker, feasible, cost := lookBody, blank(), text(l.No), blank()
				if i == m.Best {
					lk, marker = lookMarked, text(l.MarkerValue)
				}
				if o.Feasible {
					feasible, cost = text(l.Yes), money(o.Charge.Cost)
				}
				err := s.row(lk, text(a.Name), month(m.Month), text(m.Catalog.Name), text(l.planName(o.Plan)),
					marker, feasible, count(o.Undelivered), amount(kindFee, o.Fee), count(o.Additional),
					amount(kindExact, o.AdditionalCost), cost)
				if err != nil {
					return err
				}
			}
		}
	}
	if err := s.table("PlanComparison", 1, s.rows, len(head)); err != nil {
		return err
	}
	if err := s.freeze(1); err != nil {
		return err
	}
	return s.finish()
}
