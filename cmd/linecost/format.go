package main

import (
	"github.com/shopspring/decimal"

	"linecost/report"
)

// price formats a unit price exactly as the catalog gives it, without
// trailing zeros: 0.200 -> "0.2".
func price(d decimal.Decimal) string { return d.String() }

// plural formats n with its noun: "1 send", "4 sends".
func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return report.Count(n) + " " + many
}
