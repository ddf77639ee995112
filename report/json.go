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
		Accounts []accountJSON `json:"accounts"`
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
	}
	actionJSON struct {
		Kind string `json:"kind"`
		From string `json:"from"`
		To   string `json:"to"`
		Date string `json:"date"`
	}
	campaignJSON struct {
		File     string `json:"file"`
		Line     int    `json:"line"`
		Account  string `json:"account"`
		Campaign string `json:"campaign"`
		Month    string `json:"month"`
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
	head := budgetJSON{Currency: b.Currency, Accounts: []accountJSON{}}
	d := b.Decimals
	for _, a := range b.Accounts {
		aj := accountJSON{
			Account: a.Name, Messages: a.Messages,
			Cost: Money(a.Charge.Cost, d), Tax: Money(a.Charge.Tax, d), Total: Money(a.Charge.Total, d),
			SinglePlan: planTotal(a.Single, d), CurrentPlan: planTotal(a.Current, d),
		}
		if a.Current != nil {
			aj.Saving = moneyPtr(a.Saving(), d)
		}
		for _, m := range a.Months {
			mj := monthJSON{MonthJSON: NewMonthJSON(m.Month, m.Evaluation, m.UsesNotes())}
			if act := m.Action; act != nil {
				mj.Action = &actionJSON{Kind: act.Kind, From: act.From.ID, To: act.To.ID, Date: act.Date.Format(time.DateOnly)}
			}
			aj.Months = append(aj.Months, mj)
		}
		head.Accounts = append(head.Accounts, aj)
	}
	data, err := json.Marshal(head)
	if err != nil {
		return err
	}
	// Reopen the object to append the campaigns, one per line.
	bw.Write(data[:len(data)-1])
	bw.WriteString(",\n\"campaigns\":[")
	first := true
	err = b.EachCampaign(func(c Campaign) error {
		line, err := json.Marshal(campaignJSON{
			File: c.File, Line: c.Line, Account: c.Account, Campaign: c.Campaign,
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
