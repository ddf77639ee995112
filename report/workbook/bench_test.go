package workbook

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"linecost/pricing"
	"linecost/report"
)

// BenchmarkWriteWorkbook measures Write alone: the plan is
// generated and priced before the clock starts, and the workbook goes to
// io.Discard. Profile it with
//
//	go test ./report/workbook/ -run '^$' -bench 'WriteWorkbook/rows=10000$' -benchmem \
//	    -cpuprofile /tmp/cpu.out -memprofile /tmp/mem.out
//	go tool pprof -top /tmp/cpu.out
//
// (-bench takes a pattern per level of sub-benchmark: rows=10000 alone
// would match rows=100000 too.) -short skips the million rows.
//
// LINECOST_BENCH_PLAN=plan.csv measures that plan instead, e.g. one of
// bench/gen's, which have warnings for the Issues sheet too (go test runs
// in report/: give an absolute path).
func BenchmarkWriteWorkbook(b *testing.B) { benchPlans(b, 1_000_000, benchmarkWorkbook) }

// benchPlans runs fn on LINECOST_BENCH_PLAN when set, else on the bench
// plans of 10k, 100k and 1M rows over 2,000 accounts up to maxRows (-short:
// up to 100k), each generated into a temporary folder.
func benchPlans(b *testing.B, maxRows int, fn func(b *testing.B, path string)) {
	if path := os.Getenv("LINECOST_BENCH_PLAN"); path != "" {
		b.Run(filepath.Base(path), func(b *testing.B) { fn(b, path) })
		return
	}
	const accounts = 2000
	for _, rows := range []int{10_000, 100_000, 1_000_000} {
		if rows > maxRows {
			break
		}
		b.Run(fmt.Sprintf("rows=%d/accounts=%d", rows, accounts), func(b *testing.B) {
			if testing.Short() && rows > 100_000 {
				b.Skip("-short")
			}
			path := filepath.Join(b.TempDir(), "plan.csv")
			if err := writeBenchPlan(path, rows, accounts, 1); err != nil {
				b.Fatal(err)
			}
			fn(b, path)
		})
	}
}

// benchmarkWorkbook prices the plan at path, then measures writing its
// workbook.
func benchmarkWorkbook(b *testing.B, path string) {
	budget, err := report.Build([]string{path}, report.Options{Catalogs: pricing.Builtin(), Region: "tw"})
	if err != nil {
		b.Fatal(err)
	}
	defer budget.Close()
	meta := Meta{Version: "bench", Generated: generated}
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, budget, meta); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild measures Build: reading the plan, pricing every
// account-month on every plan and allocating the bills to the rows, on the
// plans of BenchmarkWriteWorkbook (LINECOST_BENCH_PLAN too).
func BenchmarkBuild(b *testing.B) {
	benchPlans(b, 100_000, func(b *testing.B, path string) {
		b.ReportAllocs()
		for b.Loop() {
			budget, err := report.Build([]string{path}, report.Options{Catalogs: pricing.Builtin(), Region: "tw"})
			if err != nil {
				b.Fatal(err)
			}
			budget.Close()
		}
	})
}

// writeBenchPlan writes a plan of rows rows over accounts accounts and the
// 12 months of 2025, the same for the same seed. Friend counts are
// log-normal (median 1,500, a few accounts with millions), and big accounts
// send more often, so that the account-months fall on every plan and tier
// of tw-2023; campaign and segment names mix English and Chinese.
func writeBenchPlan(path string, rows, accounts int, seed uint64) error {
	rnd := rand.New(rand.NewPCG(seed, seed))
	friends := make([]int64, accounts)
	upTo := make([]float64, accounts) // the accounts' weights, summed
	var sum float64
	for i := range friends {
		friends[i] = min(int64(1500*math.Exp(1.6*rnd.NormFloat64())), 15_000_000) + 10
		sum += math.Sqrt(float64(friends[i]))
		upTo[i] = sum
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "date,account,campaign,segment,friends,sends,bubbles,channel,blocked")
	segments := []string{"all", "VIP", "全部好友", "新會員"}
	channels := []string{"manager", "api"}
	for range rows {
		// An account drawn in proportion to its weight.
		a, _ := slices.BinarySearch(upTo, rnd.Float64()*sum)
		a = min(a, accounts-1)
		seg := rnd.IntN(len(segments))
		reach := friends[a]
		if seg%2 == 1 {
			reach = max(reach/20, 1)
		}
		fmt.Fprintf(w, "2025-%02d-%02d,Account %04d,%s %d,%s,%d,%d,%d,%s,%d%%\n",
			1+rnd.IntN(12), 1+rnd.IntN(28), a+1, []string{"Promo", "週年慶", "Newsletter"}[rnd.IntN(3)], rnd.IntN(50),
			segments[seg], reach, 1+rnd.IntN(2), 1+rnd.IntN(3), channels[rnd.IntN(2)], rnd.IntN(10))
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
