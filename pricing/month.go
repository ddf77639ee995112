package pricing

import (
	"cmp"
	"fmt"
	"time"
)

// Month is a calendar month, the unit LINE bills in. It carries no time
// zone: callers decide which zone a send date belongs to before they turn
// it into a Month.
type Month struct {
	Year  int
	Month time.Month
}

// ParseMonth reads a month written as YYYY-MM.
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil || len(s) != 7 {
		return Month{}, fmt.Errorf("not a month (want YYYY-MM): %q", s)
	}
	return Month{t.Year(), t.Month()}, nil
}

// MonthOf returns the calendar month of t, read in t's own location.
func MonthOf(t time.Time) Month { return Month{t.Year(), t.Month()} }

// String formats m as YYYY-MM.
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }

// FirstDay returns midnight UTC on the first day of m.
func (m Month) FirstDay() time.Time { return time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, time.UTC) }

// Next returns the month after m.
func (m Month) Next() Month { return MonthOf(m.FirstDay().AddDate(0, 1, 0)) }

// Prev returns the month before m.
func (m Month) Prev() Month { return MonthOf(m.FirstDay().AddDate(0, -1, 0)) }

// Before reports whether m comes before o.
func (m Month) Before(o Month) bool { return m.index() < o.index() }

// Compare returns -1, 0 or +1 as m comes before o, is o, or comes after
// it (for slices.SortFunc and slices.BinarySearchFunc).
func (m Month) Compare(o Month) int { return cmp.Compare(m.index(), o.index()) }

func (m Month) index() int { return m.Year*12 + int(m.Month) - 1 }
