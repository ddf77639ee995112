package report

import (
	"fmt"
	"math"
	"strings"
	"time"

	"linecost/pricing"
	"linecost/report/input"
)

// DefaultMaxMonths is the longest period a budget covers unless
// Options.MaxMonths says otherwise: 10 years. Every account is priced in
// every month of the period, so a typo such as 2205 for 2025 would
// otherwise cost memory and time by the century.
const DefaultMaxMonths = 120

// futureYears is how far after today a row may be dated unless
// Options.MaxMonths is set: further is most likely a typo.
const futureYears = 5

// maxMonths is the period bound in force.
func (o Options) maxMonths() int {
	if o.MaxMonths > 0 {
		return o.MaxMonths
	}
	return DefaultMaxMonths
}

// ReadOptions is Input with the rule that a row dated too far after today
// is an input error, with its position: more than 5 years after Today, or
// MaxMonths months when set. Without Today (zero) only the period bound
// applies. Build reads with it; `linecost check` too, so that both agree.
func (o Options) ReadOptions() input.Options {
	in := o.Input
	if o.Today.IsZero() {
		return in
	}
	if o.MaxMonths > 0 {
		in.NotAfter = o.Today.AddDate(0, o.MaxMonths, 0)
		in.NotAfterReason = fmt.Sprintf("--max-months %d after today, %s", o.MaxMonths, o.Today.Format(time.DateOnly))
	} else {
		in.NotAfter = o.Today.AddDate(futureYears, 0, 0)
		in.NotAfterReason = fmt.Sprintf("%d years after today, %s", futureYears, o.Today.Format(time.DateOnly))
	}
	return in
}

func monthIndex(m pricing.Month) int { return m.Year*12 + int(m.Month) - 1 }

// rowAt is where a row is, for a message: plan.csv:12 (2025-01-15).
type rowAt struct {
	file string
	line int
	date time.Time
}

func (r rowAt) String() string {
	return fmt.Sprintf("%s:%d (%s)", r.file, r.line, r.date.Format(time.DateOnly))
}

// rowSpan tracks the earliest and the latest row read.
type rowSpan struct{ first, last *rowAt }

func (s *rowSpan) add(r input.Row) {
	if s.first == nil || r.Date.Before(s.first.date) {
		s.first = &rowAt{r.File, r.Line, r.Date}
	}
	if s.last == nil || r.Date.After(s.last.date) {
		s.last = &rowAt{r.File, r.Line, r.Date}
	}
}

// checkPeriod refuses a period of more than opts.maxMonths() months,
// naming the rows or the flags that make it.
func checkPeriod(opts Options, lo, hi pricing.Month, s rowSpan) error {
	n := monthIndex(hi) - monthIndex(lo) + 1
	limit := opts.maxMonths()
	if n <= limit {
		return nil
	}
	from, to := "--from "+lo.String(), "--to "+hi.String()
	if (opts.From == pricing.Month{}) && s.first != nil {
		from = "the earliest row, " + s.first.String()
	}
	if (opts.To == pricing.Month{}) && s.last != nil {
		to = "the latest row, " + s.last.String()
	}
	flag := "--max-months N allows a longer one"
	if opts.MaxMonths > 0 {
		flag = fmt.Sprintf("--max-months %d is in force", opts.MaxMonths)
	}
	return &PlanError{fmt.Errorf("the period %s to %s is %s months, more than %s (from %s to %s): a typo in a date? %s",
		lo, hi, Count(int64(n)), Count(int64(limit)), from, to, flag)}
}

// addCount adds two message counts, reporting false past int64.
func addCount(a, b int64) (int64, bool) {
	if b > 0 && a > math.MaxInt64-b {
		return 0, false
	}
	return a + b, true
}

// tooMany is the error of a sum of messages past int64.
func tooMany(what string, files []string) error {
	return &PlanError{fmt.Errorf("%s: the billable messages add up to more than %d, too many to count (rows from %s)",
		what, int64(math.MaxInt64), strings.Join(files, ", "))}
}
