package report

import (
	"fmt"
	"strings"
	"time"

	"linecost/pricing"
	"linecost/report/input"
)

// planActions sets the plan change of every month whose billed plan
// differs from the month before (for the first month: from the current
// plan, when known), judging deadlines against today (zero: unknown, no
// judgement).
//
// An upgrade takes effect at once, so it is always possible. A downgrade,
// or a change to a plan of the same fee, takes effect on the 1st only when
// requested by the last day of the month before: when that day is before
// today, the month cannot be on the cheaper plan. It stays on the plan the
// account has (or, should that plan not deliver the month, the cheapest
// plan of at least its fee that does: an upgrade, possible at once) and is
// budgeted on it (Held); the change then comes up again the next month,
// the first in which it can still take effect. Months that ended before
// today are budgeted as before and marked Past. The warnings say which
// months are held and where their change went.
func planActions(a *Account, months []AccountMonth, today time.Time) []warning {
	judged := !today.IsZero()
	var prev *pricing.Plan
	var lost []lostPlan
	if a.Current != nil {
		prev = &a.Current.Plan
	}
	for i := range months {
		m := &months[i]
		m.Past = past(m.Month, today)
		to := m.Plan().Plan
		deadline := requestDeadline(m.Month)
		if prev != nil && prev.ID != to.ID && judged && !m.Past && deadline.Before(today) &&
			to.MonthlyFee.Cmp(prev.MonthlyFee) <= 0 {
			if h, ok := holdOn(*m, *prev); ok {
				m.Held = &Held{
					Index: h, Cheapest: to, Deadline: deadline,
					Extra: m.Options[h].Charge.Cost.Sub(m.Options[m.Best].Charge.Cost),
				}
				to = m.Plan().Plan
			} else {
				lost = append(lost, lostPlan{i, *prev})
			}
		}
		if prev != nil && prev.ID != to.ID {
			act := &Action{From: *prev, To: to}
			switch to.MonthlyFee.Cmp(prev.MonthlyFee) {
			case 1:
				act.Kind, act.Date = "upgrade", m.Month.FirstDay()
				act.Overdue = judged && !m.Past && act.Date.Before(today)
			case -1:
				act.Kind, act.Date = "downgrade", deadline
			default:
				act.Kind, act.Date = "change", deadline
			}
			m.Action = act
		}
		prev = &to
	}
	var ws []warning
	for i, m := range months {
		if m.Held != nil {
			en, zh := heldMessage(a, months, i)
			ws = append(ws, warning{input.Warning{Message: en}, zh})
		}
	}
	for _, l := range lost {
		ws = append(ws, lostMessage(a, months[l.month], l.plan))
	}
	return ws
}

// lostPlan is a month whose plan change had to be requested by a day
// already past, but whose catalog no longer has the plan the account has:
// month's index, and that plan.
type lostPlan struct {
	month int
	plan  pricing.Plan
}

// lostMessage is the warning of a month that cannot be held on plan p, as
// its catalog (a new tariff) has no such plan: it is budgeted on its
// cheapest plan as if LINE moved the account there, which linecost cannot
// know.
func lostMessage(a *Account, m AccountMonth, p pricing.Plan) warning {
	to, day := m.Plan().Plan.ID, requestDeadline(m.Month).Format(time.DateOnly)
	return warning{
		Warning: input.Warning{Message: fmt.Sprintf("account %s, %s: catalog %s has no plan %s, the plan the account has, and a change had to be requested by %s, which has passed: "+
			"%s is budgeted on %s, the cheapest plan, as if LINE moved the account there; check which plan LINE moves %s accounts to",
			a.Name, m.Month, m.Catalog.Name, p.ID, day, m.Month, to, p.ID)},
		zh: fmt.Sprintf("帳號 %s，%s：%s 沒有帳號目前的方案 %s，而方案變更須於 %s 前申請，已逾期：%s 以最便宜的方案 %s 計算，假設 LINE 已將帳號轉到該方案；請確認 LINE 將 %s 方案的帳號轉到哪個方案",
			a.Name, m.Month, m.Catalog.Name, p.ID, day, m.Month, to, p.ID),
	}
}

// past reports whether month m ended before today (zero: unknown, never).
func past(m pricing.Month, today time.Time) bool {
	return !today.IsZero() && !today.Before(m.Next().FirstDay())
}

// requestDeadline is the last day to request a downgrade that takes effect
// in month m: the last day of the month before.
func requestDeadline(m pricing.Month) time.Time { return m.FirstDay().AddDate(0, 0, -1) }

// holdOn is the option a month is billed on when it cannot change from
// plan p: p itself when it delivers the month, else the cheapest plan that
// does and costs at least p's fee (an upgrade); p when none does. It
// reports false when the month's catalog has no plan p.
func holdOn(m AccountMonth, p pricing.Plan) (int, bool) {
	at, best := -1, -1
	for i, o := range m.Options {
		if o.Plan.ID == p.ID {
			at = i
		}
		if o.Feasible && o.Plan.MonthlyFee.Cmp(p.MonthlyFee) >= 0 &&
			(best < 0 || o.Charge.Cost.LessThan(m.Options[best].Charge.Cost)) {
			best = i
		}
	}
	switch {
	case at < 0:
		return 0, false
	case m.Options[at].Feasible || best < 0:
		return at, true
	}
	return best, true
}

// heldMessage is the warning of account a's held month i of months (every
// month of the period), in English and in Chinese.
func heldMessage(a *Account, months []AccountMonth, i int) (en, zh string) {
	m := months[i]
	h := m.Held
	c := m.Catalog
	var from string
	if i > 0 {
		from = months[i-1].Plan().Plan.ID
	} else {
		from = a.Current.Plan.ID
	}
	var b, z strings.Builder
	deadline, extra := h.Deadline.Format(time.DateOnly), Amount(h.Extra, c.CurrencyDecimals)
	fmt.Fprintf(&b, "account %s, %s: the change %s -> %s had to be requested by %s, which has passed: %s is budgeted on %s (%s %s more before tax)",
		a.Name, m.Month, from, h.Cheapest.ID, deadline, m.Month, m.Plan().Plan.ID, c.Currency, extra)
	fmt.Fprintf(&z, "帳號 %s，%s：%s -> %s 的方案變更須於 %s 前申請，已逾期：%s 以 %s 計算（未稅多 %s %s）",
		a.Name, m.Month, from, h.Cheapest.ID, deadline, m.Month, m.Plan().Plan.ID, c.Currency, extra)
	for _, n := range months[i+1:] {
		if act := n.Action; act != nil {
			day := act.Date.Format(time.DateOnly)
			verb, verbZH := "request by", "申請期限"
			if act.Kind == "upgrade" {
				verb, verbZH = "upgrade on", "升級日"
			}
			fmt.Fprintf(&b, "; the next change, %s -> %s, takes effect in %s (%s %s)", act.From.ID, act.To.ID, n.Month, verb, day)
			fmt.Fprintf(&z, "；下一次變更 %s -> %s 於 %s 生效（%s %s）", act.From.ID, act.To.ID, n.Month, verbZH, day)
			return b.String(), z.String()
		}
	}
	b.WriteString("; no later month of the period changes the plan")
	z.WriteString("；期間內之後的月份沒有方案變更")
	return b.String(), z.String()
}

// unknownPlanWarning is the warning, if any, for the accounts whose plan
// is unknown (no --current-plan) when the period starts in the month of
// today: a change for that month had to be requested by the day before the
// month began, so the budget cannot know whether the plan it recommends
// can still be had.
func unknownPlanWarning(accounts []Account, today time.Time) []warning {
	if today.IsZero() || len(accounts) == 0 {
		return nil
	}
	first := accounts[0].Month(0)
	deadline := requestDeadline(first.Month)
	if first.Past || !deadline.Before(today) {
		return nil
	}
	var names []string
	for _, a := range accounts {
		if a.Current == nil {
			names = append(names, a.Name)
		}
	}
	if len(names) == 0 {
		return nil
	}
	const shown = 5
	list := strings.Join(names[:min(shown, len(names))], ", ")
	listZH := strings.Join(names[:min(shown, len(names))], "、")
	if len(names) > shown {
		list += fmt.Sprintf(" and %d more", len(names)-shown)
		listZH += fmt.Sprintf(" 等另 %d 個", len(names)-shown)
	}
	noun := "accounts"
	if len(names) == 1 {
		noun = "account"
	}
	day := deadline.Format(time.DateOnly)
	return []warning{{
		Warning: input.Warning{Message: fmt.Sprintf("%s: a downgrade for this month had to be requested by %s, which has passed, and no --current-plan says which plan "+
			"%d %s (%s) %s on: the budget takes the plans recommended for %s as had; give --current-plan ACCOUNT=PLAN to budget the plans they have",
			first.Month, day, len(names), noun, list, isAre(len(names)), first.Month)},
		zh: fmt.Sprintf("%s：本月的降級須於 %s 前申請，已逾期，且沒有 --current-plan 指明 %d 個帳號（%s）目前的方案："+
			"預算假設它們已在使用 %s 的建議方案；請以 --current-plan 帳號=方案 指明目前的方案",
			first.Month, day, len(names), listZH, first.Month),
	}}
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// warning is a warning about the budget (of no file) with its text in
// Chinese.
type warning struct {
	input.Warning
	zh string
}

// warn adds ws to the budget's warnings, keeping their Chinese.
func (b *Budget) warn(ws ...warning) {
	for _, w := range ws {
		b.Warnings = append(b.Warnings, w.Warning)
		if w.zh != "" {
			if b.warningsZH == nil {
				b.warningsZH = map[string]string{}
			}
			b.warningsZH[w.Message] = w.zh
		}
	}
}

// Chinese is warning w in Traditional Chinese, when there is one: the
// plan files' warnings carry theirs (input.Warning.Chinese), the budget's
// own are kept by their English.
func (b *Budget) Chinese(w input.Warning) (string, bool) {
	if w.Chinese != "" {
		return w.Chinese, true
	}
	if w.File != "" {
		return "", false
	}
	zh, ok := b.warningsZH[w.Message]
	return zh, ok
}
