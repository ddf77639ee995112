package report

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"linecost/pricing"
)

// Tests of the quiet months (see Account): issue 11 found that 2,000
// accounts and one typo row dated far ahead priced, and held in memory,
// every account on every month up to that date. Past the period bound that
// is an error (limits_test.go); within it, a month an account does not
// list must cost no memory of its own.

// spreadPlan writes a plan of accounts accounts with a row each in
// 2025-01 and in month last, and returns its path.
func spreadPlan(t *testing.T, dir string, accounts int, last string) string {
	t.Helper()
	var sb strings.Builder
	sb.WriteString("date,account,campaign,friends\n")
	for i := range accounts {
		fmt.Fprintf(&sb, "2025-01-15,Shop%04d,spring,%d\n", i, 1000+i*10)
		fmt.Fprintf(&sb, "%s-15,Shop%04d,far,%d\n", last, i, 500)
	}
	path := filepath.Join(dir, "plan-"+last+".csv")
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// retained builds a budget of path and returns the heap it keeps (after
// a collection) beyond what was live before, and the budget.
func retained(t *testing.T, path string, opts Options) (uint64, *Budget) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b := mustBuild(t, []string{path}, opts)
	runtime.GC()
	runtime.ReadMemStats(&after)
	if after.HeapAlloc < before.HeapAlloc {
		return 0, b
	}
	return after.HeapAlloc - before.HeapAlloc, b
}

// TestQuietMonthsCostNoMemory: the same 2,000 accounts with the same
// rows, once over 12 months and once over 120, keep about the same
// memory: a month an account has no row in is the period's shared quiet
// month. Before, each account held every month (about 300 bytes each: 65
// MB more for the 120 months).
func TestQuietMonthsCostNoMemory(t *testing.T) {
	dir := t.TempDir()
	opts := twOptions()
	opts.MaxMonths = 120
	short, long := spreadPlan(t, dir, 2000, "2025-12"), spreadPlan(t, dir, 2000, "2034-12")
	shortHeap, sb := retained(t, short, opts)
	longHeap, lb := retained(t, long, opts)
	if len(sb.Months) != 12 || len(lb.Months) != 120 {
		t.Fatalf("periods of %d and %d months, want 12 and 120", len(sb.Months), len(lb.Months))
	}
	const slack = 4 << 20 // the quiet months of the period, catalogs, maps grown to other sizes
	if longHeap > shortHeap+slack {
		t.Errorf("120 months keep %d MB, 12 months %d MB: the quiet months cost memory", longHeap>>20, shortHeap>>20)
	}
	listed := 0
	for _, a := range lb.Accounts {
		listed += len(a.Listed)
	}
	// Each account lists its two months with rows and the downgrade
	// after January (the only change): three months, never 120.
	if listed > 3*len(lb.Accounts) {
		t.Errorf("%d months listed for %d accounts, want at most 3 each", listed, len(lb.Accounts))
	}
	runtime.KeepAlive(sb)
	runtime.KeepAlive(lb)
}

// TestQuietMonthsReadBack: every month of every account, listed or quiet,
// reads the same through Months and Month, a month not listed is the
// period's quiet month (no rows, no messages, no change), and the
// account's charge is the sum of all of them.
func TestQuietMonthsReadBack(t *testing.T) {
	dir := t.TempDir()
	plan := writePlanFile(t, dir, "plan.csv", "date,account,campaign,friends\n"+
		"2025-01-15,A,a,6000\n"+ // pro
		"2025-04-15,A,b,100\n"+ // light; February and March quiet, with the downgrade in February
		"2025-02-15,B,c,2000\n"+ // standard
		"2025-06-15,B,d,2000\n")
	opts := twOptions()
	opts.CurrentPlans = map[string]string{"B": "pro"}
	opts.Today = time.Date(2024, 12, 10, 0, 0, 0, 0, time.UTC)
	b := mustBuild(t, []string{plan}, opts)
	if len(b.Months) != 6 {
		t.Fatalf("%d months, want 6", len(b.Months))
	}
	for _, a := range b.Accounts {
		var n int
		var sum pricing.Charge
		j := 0
		for i, m := range a.Months() {
			n++
			if m.Month != b.Months[i] {
				t.Errorf("%s: month %d is %s, want %s", a.Name, i, m.Month, b.Months[i])
			}
			if got := a.Month(i); !reflect.DeepEqual(got, m) {
				t.Errorf("%s %s: Month(%d) = %+v, Months gives %+v", a.Name, m.Month, i, got, m)
			}
			if j < len(a.Listed) && a.Listed[j].Month == m.Month {
				if m.quiet() {
					t.Errorf("%s %s is listed but quiet", a.Name, m.Month)
				}
				j++
			} else if q := b.Quiet(i); !reflect.DeepEqual(m, q) || m.Rows != 0 || m.Messages != 0 || m.Action != nil || m.Held != nil {
				t.Errorf("%s %s: not listed, %+v, want the quiet month %+v", a.Name, m.Month, m, q)
			}
			sum = add(sum, m.Plan().Charge)
		}
		if n != len(b.Months) || j != len(a.Listed) {
			t.Errorf("%s: %d months (want %d), %d of %d listed met in order", a.Name, n, len(b.Months), j, len(a.Listed))
		}
		if !sum.Total.Equal(a.Charge.Total) {
			t.Errorf("%s: months sum to %s, charge %s", a.Name, sum.Total, a.Charge.Total)
		}
	}
	// A's February has no row but carries the downgrade pro -> light, so
	// it is listed; its March is quiet. B's January has no row either, and
	// is listed: the downgrade from its current plan, pro.
	a, bb := b.Accounts[0], b.Accounts[1]
	if m := a.Month(1); m.Action == nil || m.Action.Kind != "downgrade" || len(a.Listed) != 3 {
		t.Errorf("A: February %+v, %d listed; want the downgrade, 3 listed", m.Action, len(a.Listed))
	}
	if m := bb.Month(0); m.Rows != 0 || m.Action == nil || m.Action.From.ID != "pro" || bb.Listed[0].Month != b.Months[0] {
		t.Errorf("B January: %d rows, change %+v, first listed %s; want 0 rows, the downgrade from pro, listed", m.Rows, m.Action, bb.Listed[0].Month)
	}
}
