package report

import (
	"bufio"
	"encoding/json"
	"io"
	"time"

	"linecost/report/input"
)

// The JSON shape of `linecost report --json`. Money is a decimal string
// with the currency's billing decimals.
type (
	budgetJSON struct {
		Currency string        `json:"currency"`
		Catalogs []catalogJSON `json:"catalogs"`
		Accounts []accountJSON `json:"accounts"`
	}
	// catalogJSON is a catalog used, as the budget names it; `linecost
	// plans --json --catalog NAME` prints the whole catalog.
	catalogJSON struct {
		Name          string `json:"name"`
		Region        string `json:"region"`
		Currency      string `json:"currency"`
		EffectiveFrom string `json:"effective_from"`
		Verified      string `json:"verified,omitempty"`
		Source        string `json:"source"`
	}
	accountJSON struct {
		Account     string         `json:"account"`
		Messages    int64          `json:"messages"`
		Cost        string         `json:"cost"`
		Tax         string         `json:"tax"`
		Total       string         `json:"total"`
		SinglePlan  *planTotalJSON `json:"single_plan"`
		CurrentPlan *planTotalJSON `json:"current_plan,omitempty"`
		Saving      *string        `json:"saving,omitempty"`
		Months      []monthJSON    `json:"months"`
	}
	planTotalJSON struct {
		Plan             string   `json:"plan"`
		Cost             string   `json:"cost"`
		InfeasibleMonths []string `json:"infeasible_months,omitempty"`
	}
	monthJSON struct {
		MonthJSON
		Action *actionJSON `json:"action,omitempty"`
		Held   *heldJSON   `json:"held,omitempty"`
		Past   bool        `json:"past,omitempty"`
	}
	// heldJSON is a month that stays on the plan the account has (its
	// "recommended" is that plan): the change to the cheapest plan had to
	// be requested by deadline.
	heldJSON struct {
		Cheapest string `json:"cheapest"`
		Deadline string `json:"deadline"`
		Extra    string `json:"extra"`
	}
	actionJSON struct {
		Kind string `json:"kind"`
		From string `json:"from"`
		To   string `json:"to"`
		Date string `json:"date"`
		// Overdue: an upgrade of this month whose day, the 1st, has
		// passed: due at once.
		Overdue bool `json:"overdue,omitempty"`
	}
	campaignJSON struct {
		File     string `json:"file"`
		Line     int    `json:"line"`
		Account  string `json:"account"`
		Campaign string `json:"campaign"`
		Date     string `json:"date"`           // as written
		Time     string `json:"time,omitempty"` // the send time as written, when the plan gives one
		Month    string `json:"month"`          // the month LINE bills the send in
		Messages int64  `json:"messages"`
		Plan     string `json:"plan"`
		Cost     string `json:"cost"`
		Tax      string `json:"tax"`
	}
	totalJSON struct {
		Cost  string `json:"cost"`
		Tax   string `json:"tax"`
		Total string `json:"total"`
	}
)

// WriteJSON writes b as JSON: {"currency", "accounts", "campaigns", "total",
// "warnings", "files", "empty_months"}, one campaign per line so that a large budget streams.
func WriteJSON(w io.Writer, b *Budget) error {
	bw := bufio.NewWriter(w)
	catalogs := []catalogJSON{}
	for _, c := range b.Catalogs {
		catalogs = append(catalogs, catalogJSON{
			Name: c.Name, Region: c.Region, Currency: c.Currency,
			EffectiveFrom: c.EffectiveFrom.Format(time.DateOnly), Verified: dateOrEmpty(c.Verified), Source: c.Source,
		})
	}
	d := b.Decimals
	// The accounts are marshalled one at a time, in the bytes
	// json.Marshal gives the whole: with every month of every account
	// (2,000 accounts over 120 months) the tree of them all took 750 MB.
	head, err := json.Marshal(budgetJSON{Currency: b.Currency, Catalogs: catalogs, Accounts: []accountJSON{}})
	if err != nil {
		return err
	}
	bw.Write(head[:len(head)-len("]}")])
	for i, a := range b.Accounts {
		aj := accountJSON{
			Account: a.Name, Messages: a.Messages,
			Cost: Money(a.Charge.Cost, d), Tax: Money(a.Charge.Tax, d), Total: Money(a.Charge.Total, d),
			SinglePlan: planTotal(a.Single, d), CurrentPlan: planTotal(a.Current, d),
		}
		if a.Current != nil {
			aj.Saving = moneyPtr(a.Saving(), d)
		}
		for _, m := range a.Months() {
			mj := monthJSON{MonthJSON: NewMonthJSON(m.Month, m.Evaluation, m.UsesNotes()), Past: m.Past}
			if h := m.Held; h != nil {
				billed := m.Plan()
				mj.Recommended = &billed.Plan.ID
				mj.Cost, mj.Tax, mj.Total = moneyPtr(billed.Charge.Cost, d), moneyPtr(billed.Charge.Tax, d), moneyPtr(billed.Charge.Total, d)
				mj.Held = &heldJSON{Cheapest: h.Cheapest.ID, Deadline: h.Deadline.Format(time.DateOnly), Extra: Money(h.Extra, d)}
			}
			if act := m.Action; act != nil {
				mj.Action = &actionJSON{Kind: act.Kind, From: act.From.ID, To: act.To.ID, Date: act.Date.Format(time.DateOnly), Overdue: act.Overdue}
			}
			aj.Months = append(aj.Months, mj)
		}
		data, err := json.Marshal(aj)
		if err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.Write(data)
	}
	// Leave the object open to append the campaigns, one per line.
	bw.WriteString("]")
	bw.WriteString(",\n\"campaigns\":[")
	first := true
	err = b.EachCampaign(func(c Campaign) error {
		line, err := json.Marshal(campaignJSON{
			File: c.File, Line: c.Line, Account: c.Account, Campaign: c.Campaign,
			Date: dateOrEmpty(c.Date), Time: clockOrEmpty(c.Row),
			Month: c.Month().String(), Messages: c.Messages, Plan: c.Plan,
			Cost: Money(c.Cost, d), Tax: Money(c.Tax, d),
		})
		if err != nil {
			return err
		}
		if !first {
			bw.WriteByte(',')
		}
		first = false
		bw.WriteString("\n")
		_, err = bw.Write(line)
		return err
	})
	if err != nil {
		return err
	}
	empty := []string{}
	for _, m := range b.EmptyMonths {
		empty = append(empty, m.String())
	}
	tail, err := json.Marshal(struct {
		Total       totalJSON        `json:"total"`
		Warnings    []input.Warning  `json:"warnings"`
		Files       []input.FileInfo `json:"files"`        // with the defaults, title and totals rows of each
		EmptyMonths []string         `json:"empty_months"` // months without rows, budgeted at 0
	}{
		Total:       totalJSON{Money(b.Total.Cost, d), Money(b.Total.Tax, d), Money(b.Total.Total, d)},
		Warnings:    append([]input.Warning{}, b.Warnings...),
		Files:       append([]input.FileInfo{}, b.Files...),
		EmptyMonths: empty,
	})
	if err != nil {
		return err
	}
	bw.WriteString("\n],\n")
	bw.Write(tail[1:])
	bw.WriteString("\n")
	return bw.Flush()
}

func planTotal(t *PlanTotal, d int32) *planTotalJSON {
	if t == nil {
		return nil
	}
	j := &planTotalJSON{Plan: t.Plan.ID, Cost: Money(t.Charge.Cost, d)}
	for _, m := range t.Infeasible {
		j.InfeasibleMonths = append(j.InfeasibleMonths, m.String())
	}
	return j
}

// dateOrEmpty is t as YYYY-MM-DD, or "" for the zero time (the campaign
// row that carries the fee of a month without messages has no date).
func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// clockOrEmpty is the row's send time as HH:MM:SS, or "" without one.
func clockOrEmpty(r input.Row) string {
	if !r.Timed {
		return ""
	}
	return time.Time{}.Add(r.Time).Format(time.TimeOnly)
}
