package report

import (
	"github.com/shopspring/decimal"

	"linecost/pricing"
)

// MonthJSON is one account-month priced on every plan, as `linecost quote
// --json` prints it and as each month of `linecost report --json` holds it.
// Money is a decimal string: cost, tax and total are the rounded bill;
// additional_cost is exact. Fields of a month without a feasible plan, and
// the cost of an infeasible plan, are null.
type MonthJSON struct {
	Month       string     `json:"month"`
	Catalog     string     `json:"catalog"`
	Verified    string     `json:"verified,omitempty"` // when the catalog's figures were last checked
	Messages    int64      `json:"messages"`
	Recommended *string    `json:"recommended"`
	Cost        *string    `json:"cost"`
	Tax         *string    `json:"tax"`
	Total       *string    `json:"total"`
	Notes       []string   `json:"notes,omitempty"`
	Plans       []PlanJSON `json:"plans"`
}

// PlanJSON is one plan's quote within a MonthJSON.
type PlanJSON struct {
	Plan               string  `json:"plan"`
	Feasible           bool    `json:"feasible"`
	Undelivered        int64   `json:"undelivered"`
	Fee                string  `json:"fee"`
	AdditionalMessages int64   `json:"additional_messages"`
	AdditionalCost     string  `json:"additional_cost"`
	Cost               *string `json:"cost"`
}

// NewMonthJSON renders an evaluation of month m. Notes are included when
// withNotes is set.
func NewMonthJSON(m pricing.Month, e pricing.Evaluation, withNotes bool) MonthJSON {
	c := e.Catalog
	j := MonthJSON{Month: m.String(), Catalog: c.Name, Verified: dateOrEmpty(c.Verified), Messages: e.Messages, Plans: []PlanJSON{}}
	if withNotes {
		j.Notes = c.Notes
	}
	if best, ok := e.Recommended(); ok {
		j.Recommended = &best.Plan.ID
		j.Cost = moneyPtr(best.Charge.Cost, c.CurrencyDecimals)
		j.Tax = moneyPtr(best.Charge.Tax, c.CurrencyDecimals)
		j.Total = moneyPtr(best.Charge.Total, c.CurrencyDecimals)
	}
	for _, o := range e.Options {
		p := PlanJSON{
			Plan: o.Plan.ID, Feasible: o.Feasible, Undelivered: o.Undelivered,
			Fee: Money(o.Fee, c.CurrencyDecimals), AdditionalMessages: o.Additional,
			AdditionalCost: o.AdditionalCost.String(),
		}
		if o.Feasible {
			p.Cost = moneyPtr(o.Charge.Cost, c.CurrencyDecimals)
		}
		j.Plans = append(j.Plans, p)
	}
	return j
}

// Money formats an amount already rounded to decimals as a decimal string
// with exactly that many decimals.
func Money(d decimal.Decimal, decimals int32) string { return d.StringFixed(decimals) }

func moneyPtr(d decimal.Decimal, decimals int32) *string {
	s := Money(d, decimals)
	return &s
}
