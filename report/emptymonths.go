package report

import (
	"errors"
	"fmt"
	"strings"

	"linecost/pricing"
	"linecost/report/input"
)

// noteEmptyMonths finds the months of the period in which no account has
// a row, and warns about them once: inside --from/--to (or between the
// first and last month with rows) such a month is budgeted at 0, and a
// Q1-only plan would otherwise look like a complete 12-month budget.
func (b *Budget) noteEmptyMonths() {
	has := map[pricing.Month]bool{}
	for _, g := range b.groups {
		has[g.key.month] = true
	}
	for _, m := range b.Months {
		if !has[m] {
			b.EmptyMonths = append(b.EmptyMonths, m)
		}
	}
	if n := len(b.EmptyMonths); n > 0 {
		b.Warnings = append(b.Warnings, input.Warning{Message: fmt.Sprintf(
			"no account has a row in %s %s: budgeted at 0 (does the plan stop there?)",
			plural(n, "month", "months"), MonthList(b.EmptyMonths))})
	}
}

// MonthList names months, runs of consecutive months as ranges:
// "2025-04 to 2025-12", "2025-02, 2025-05 to 2025-06".
func MonthList(ms []pricing.Month) string {
	var parts []string
	for i := 0; i < len(ms); {
		j := i
		for j+1 < len(ms) && ms[j].Next() == ms[j+1] {
			j++
		}
		if j == i {
			parts = append(parts, ms[i].String())
		} else {
			parts = append(parts, ms[i].String()+" to "+ms[j].String())
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// infeasibleError lists every account-month no plan can deliver, up to
// input.MaxShown, then counts the rest.
func infeasibleError(lines []string) error {
	if len(lines) > input.MaxShown {
		rest := len(lines) - input.MaxShown
		lines = append(lines[:input.MaxShown:input.MaxShown], fmt.Sprintf("... and %d more %s", rest, plural(rest, "account-month", "account-months")))
	}
	return errors.New(strings.Join(lines, "\n"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
