package workbook

import (
	"fmt"
	"slices"
	"time"

	"linecost/report"
)

// change is one plan change of the Plan changes sheet: account a's
// listed month i (a change is never in a quiet month).
type change struct {
	a *report.Account
	i int
}

// month is the month of the change.
func (c change) month() report.AccountMonth { return c.a.Listed[c.i] }

// changes lists every plan change of the budget by date, then account.
func (wb *workbook) changes() []change {
	var cs []change
	for ai := range wb.b.Accounts {
		a := &wb.b.Accounts[ai]
		for i, m := range a.Listed {
			if m.Action != nil {
				cs = append(cs, change{a, i})
			}
		}
	}
	slices.SortStableFunc(cs, func(x, y change) int {
		return x.month().Action.Date.Compare(y.month().Action.Date)
	})
	return cs
}

// planChanges writes the Plan changes sheet, the list finance acts on:
// every plan change by date, with the account, what to do (upgrade on the
// 1st, or request the downgrade by the last day of the month before), the
// plans from and to, the difference in monthly fee, the months it affects
// (until the next change) and its status: past (its month has ended), or
// moved from the month before, whose deadline had passed. It is a list
// (see list): with thousands of accounts it has thousands of rows.
func (wb *workbook) planChanges() (*list, error) {
	l := wb.l
	const whatCol, statusCol = 2, 7
	head := []cell{
		text(l.Account), numHeader(l.ActionDate), text(l.WhatToDo), text(l.FromPlan), text(l.ToPlan),
		numHeader(wb.currency(l.FeeChange)), text(l.MonthsAffected), text(l.Status),
	}
	ls := wb.newList(wb.chgSheets, "PlanChanges", head)
	ls.describe = func(r []cell) string {
		if r[0].v == nil {
			return l.NoChanges
		}
		return describeAccountMonth(r)
	}
	ls.layout.fixed[whatCol], ls.layout.fixed[statusCol] = actionWidth, actionWidth

	var rows [][]cell
	last := wb.b.Months[len(wb.b.Months)-1]
	for _, c := range wb.changes() {
		a, m := c.a, c.month()
		act := m.Action
		end := last // the month before the next change, or the period's last
		for _, n := range a.Listed[c.i+1:] {
			if n.Action != nil {
				end = n.Month.Prev()
				break
			}
		}
		affects := m.Month.String()
		if end != m.Month {
			affects = fmt.Sprintf(l.PeriodValue, m.Month, end)
		}
		status := blank()
		switch {
		case m.Past:
			status = text(l.StatusPast)
		case act.Overdue:
			status = text(l.StatusOverdue)
		case c.i > 0 && a.Listed[c.i-1].Month == m.Month.Prev() && a.Listed[c.i-1].Held != nil:
			h := a.Listed[c.i-1].Held
			status = cell{v: fmt.Sprintf(l.StatusMoved, m.Month.Prev(), h.Deadline.Format(time.DateOnly)), wrap: true}
		}
		rows = append(rows, []cell{
			text(a.Name), day(act.Date),
			{v: l.action(act), wrap: true},
			text(l.planName(act.From)), text(l.planName(act.To)),
			amount(kindFee, act.To.MonthlyFee.Sub(act.From.MonthlyFee)), text(affects), status,
		})
	}
	for _, r := range rows {
		ls.layout.measure(lookBody, r)
	}
	if len(rows) == 0 {
		rows = append(rows, []cell{blank(), blank(), text(l.NoChanges)})
	}
	for _, r := range rows {
		if err := ls.row(lookBody, r...); err != nil {
			return nil, err
		}
	}
	return ls, ls.close()
}
