package report

import (
	"errors"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"linecost/pricing"
	"linecost/report/input"
)

// FuzzBuildFiles feeds two or three plan files together, so that the sums
// across files are exercised: the same account-month in several files,
// counts near the per-row bound, the same bytes twice. Whatever the
// bytes, Build must not panic, must fail only with an input, plan or
// option error, and when it succeeds its sums must be exact: the files'
// messages add up to the budget's (in big integers, never wrapped), every
// account's months to the account, the campaigns' costs to the total,
// and no share is negative.
func FuzzBuildFiles(f *testing.F) {
	atBound := "date,account,campaign,friends\n2025-01-15,A,big,1000000000000\n"
	f.Add([]byte(atBound), []byte(atBound), []byte(atBound), uint8(3))
	f.Add([]byte("date,account,campaign,friends\n2025-01-15,A,big,5000000000000000000\n"),
		[]byte("date,account,campaign,friends\n2025-01-15,A,big,5000000000000000000\n"), []byte(""), uint8(2))
	sample, _ := os.ReadFile("../testdata/sample/campaigns.csv")
	f.Add(sample, sample, []byte("date,campaign,friends,sends,bubbles\n2025-02-01,x,999999,9,7\n"), uint8(3))
	f.Add([]byte("date,account,campaign,friends\n2025-01-15,A,a,1\n2205-01-15,A,b,2\n"), sample, []byte{}, uint8(2))
	f.Add([]byte("日期,帳號,活動,好友數\n2025/1/15,咖啡店,春節,\"12,000\"\n"), []byte("date,account,campaign,friends,blocked\n2025-03-01,咖啡店,x,100,5%\n"), []byte{}, uint8(2))
	catalogs := pricing.Builtin()
	today := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, a, b, c []byte, n uint8) {
		dir := t.TempDir()
		files := [][]byte{a, b, c}[:2+int(n)%2]
		var paths []string
		for i, data := range files {
			p := filepath.Join(dir, string(rune('a'+i))+".csv")
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, p)
		}
		opts := Options{Catalogs: catalogs, Region: "tw", Today: today, Input: input.Options{TempDir: dir}}
		bud, err := Build(paths, opts)
		defer func() {
			if bud != nil {
				bud.Close()
			}
			if left, _ := filepath.Glob(filepath.Join(dir, "linecost-*")); len(left) > 0 {
				t.Errorf("temporary files left: %q", left)
			}
		}()
		if err != nil {
			var (
				es input.Errors
				pe *PlanError
				oe *OptionError
			)
			if !errors.As(err, &es) && !errors.As(err, &pe) && !errors.As(err, &oe) {
				t.Fatalf("error %T: %v", err, err)
			}
			return
		}
		fileSum := new(big.Int)
		for _, fi := range bud.Files {
			fileSum.Add(fileSum, new(big.Int).SetInt64(fi.Messages))
		}
		if fileSum.Cmp(new(big.Int).SetInt64(bud.Messages)) != 0 || bud.Messages < 0 {
			t.Errorf("files hold %s messages, the budget %d", fileSum, bud.Messages)
		}
		var accounts int64
		for _, acc := range bud.Accounts {
			var months int64
			var charge pricing.Charge
			listed := 0 // the Listed months met, in order
			for i, m := range acc.Months() {
				if m.Messages < 0 || months > math.MaxInt64-m.Messages {
					t.Fatalf("account %s: month sum wraps", acc.Name)
				}
				months += m.Messages
				charge = add(charge, m.Plan().Charge)
				switch {
				case m.Month != bud.Months[i]:
					t.Fatalf("account %s: month %d is %s, want %s", acc.Name, i, m.Month, bud.Months[i])
				case listed < len(acc.Listed) && acc.Listed[listed].Month == m.Month:
					listed++
				case !m.quiet():
					t.Errorf("account %s, %s: not listed, but not quiet: %+v", acc.Name, m.Month, m)
				}
			}
			if months != acc.Messages || !charge.Total.Equal(acc.Charge.Total) || listed != len(acc.Listed) {
				t.Errorf("account %s: months add up to %d messages and %s, account says %d and %s; %d of %d listed months met",
					acc.Name, months, charge.Total, acc.Messages, acc.Charge.Total, listed, len(acc.Listed))
			}
			accounts += acc.Messages
		}
		if accounts != bud.Messages {
			t.Errorf("accounts add up to %d, budget says %d", accounts, bud.Messages)
		}
		cost, tax := decimal.Zero, decimal.Zero
		err = bud.EachCampaign(func(c Campaign) error {
			if c.Cost.IsNegative() || c.Tax.IsNegative() {
				t.Errorf("campaign %s:%d: cost %s, tax %s", c.File, c.Line, c.Cost, c.Tax)
			}
			cost, tax = cost.Add(c.Cost), tax.Add(c.Tax)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !cost.Equal(bud.Total.Cost) || !tax.Equal(bud.Total.Tax) {
			t.Errorf("campaigns add up to %s + %s, total %s + %s", cost, tax, bud.Total.Cost, bud.Total.Tax)
		}
	})
}
