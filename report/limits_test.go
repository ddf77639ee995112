package report

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"linecost/pricing"
	"linecost/report/input"
)

// TestBuildSameFileTwice: the sample given as plan.csv and ./plan.csv (or
// through a link) was counted twice without a word; now the second name
// is an input error, and a copy with the same bytes is a warning.
func TestBuildSameFileTwice(t *testing.T) {
	dir := t.TempDir()
	plan := writePlanFile(t, dir, "plan.csv", "date,campaign,friends\n2025-01-15,a,100\n")
	link := filepath.Join(dir, "link.csv")
	if err := osSymlink(plan, link); err != nil {
		t.Fatal(err)
	}
	for _, second := range []string{filepath.Join(dir, ".", "plan.csv"), link} {
		b, err := Build([]string{plan, second}, twOptions())
		if b != nil {
			b.Close()
		}
		var es input.Errors
		if !errors.As(err, &es) || len(es) != 1 || !strings.Contains(es[0].Error(), "the same file as "+plan) || es[0].File != second {
			t.Errorf("%s after %s: got %v, want one error naming the first", second, plan, err)
		}
	}
	cp := writePlanFile(t, dir, "copy.csv", "date,campaign,friends\n2025-01-15,a,100\n")
	b := mustBuild(t, []string{plan, cp}, twOptions())
	if b.Messages != 200 || len(b.Warnings) != 1 || b.Warnings[0].File != cp || !strings.Contains(b.Warnings[0].Message, "the same content as "+plan) {
		t.Errorf("a copy: %d messages, warnings %v", b.Messages, b.Warnings)
	}
}

// TestBuildRowsPastTheLimit: two files, each a row of 5e18 friends for one
// account-month, added up past int64 to a negative count, Light
// recommended, TWD 0. Each row is now past the per-row bound, an error
// with its position.
func TestBuildRowsPastTheLimit(t *testing.T) {
	dir := t.TempDir()
	text := "date,account,campaign,friends\n2025-01-15,A,big,5000000000000000000\n"
	a, c := writePlanFile(t, dir, "a.csv", text), writePlanFile(t, dir, "b.csv", text)
	b, err := Build([]string{a, c}, twOptions())
	if b != nil {
		b.Close()
	}
	var es input.Errors
	if !errors.As(err, &es) || len(es) != 2 || es[0].File != a || es[1].File != c || es[0].Line != 2 {
		t.Fatalf("got %v, want an error on line 2 of each file", err)
	}
}

// TestPriceSumsChecked: the sums themselves are checked, whatever the
// per-row bound: an account-month whose rows add up past int64 is an
// error naming the account, the month and the files.
func TestPriceSumsChecked(t *testing.T) {
	m := pricing.Month{Year: 2025, Month: time.January}
	b := &Budget{
		groups: []group{{key: accountMonthKey{"A", m}, files: []string{"a.csv", "b.csv"}}},
		row:    []rowCost{{group: 0}, {group: 0}},
	}
	err := b.price(twOptions(), []int64{math.MaxInt64 - 1, 2}, rowSpan{})
	var pe *PlanError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "account A, 2025-01") || !strings.Contains(err.Error(), "a.csv, b.csv") {
		t.Fatalf("got %v", err)
	}
	// The grand total over accounts, each within int64.
	n := pricing.Month{Year: 2025, Month: time.February}
	b = &Budget{
		groups: []group{{key: accountMonthKey{"A", m}}, {key: accountMonthKey{"B", n}}},
		row:    []rowCost{{group: 0}, {group: 1}},
	}
	err = b.price(Options{Catalogs: hugeCatalogs(t, "1"), Region: "zz"}, []int64{math.MaxInt64 - 1, 2}, rowSpan{})
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "all accounts") {
		t.Fatalf("grand total: got %v", err)
	}
}

// hugeCatalogs is a catalog with one plan of the given fee and unlimited
// free messages.
func hugeCatalogs(t *testing.T, fee string) pricing.Catalogs {
	t.Helper()
	cats, err := pricing.NewCatalogs(parseCatalog(t, `{
  "name": "zz-2024", "region": "zz", "currency": "USD", "currency_decimals": 2,
  "tax_rate": "0.075", "effective_from": "2024-01-01", "source": "invented for a test",
  "plans": [{"id": "big", "name": "大", "name_en": "Big", "monthly_fee": "`+fee+`", "free_messages": 9223372036854775807}]
}`))
	if err != nil {
		t.Fatal(err)
	}
	return cats
}

// TestBuildHugePrice: a --pricing fee of 10^400 made one campaign's cost
// negative (its share wrapped in int64). Shares past int64 are kept exact.
func TestBuildHugePrice(t *testing.T) {
	dir := t.TempDir()
	plan := writePlanFile(t, dir, "plan.csv", "date,campaign,friends\n2025-01-15,a,1\n2025-01-16,b,2\n")
	fee := "1" + strings.Repeat("0", 400)
	b := mustBuild(t, []string{plan}, Options{Catalogs: hugeCatalogs(t, fee), Region: "zz"})
	cs := collectCampaigns(t, b)
	sum := cs[0].Cost.Add(cs[1].Cost)
	for _, c := range cs {
		if c.Cost.IsNegative() || c.Tax.IsNegative() {
			t.Errorf("campaign %s: cost %s tax %s", c.Campaign, c.Cost, c.Tax)
		}
	}
	if !sum.Equal(b.Total.Cost) || !cs[1].Cost.GreaterThan(cs[0].Cost) {
		t.Errorf("shares %s + %s, total %s", cs[0].Cost, cs[1].Cost, b.Total.Cost)
	}
}

// TestBuildFarFuture: one typo row 2205-01-15 among 2025 rows priced every
// account for 2,161 months (8 GB with 2,000 accounts). A row more than 5
// years after today is an input error at its position; without today, the
// period bound of 120 months names the rows; --max-months lifts both.
func TestBuildFarFuture(t *testing.T) {
	dir := t.TempDir()
	plan := writePlanFile(t, dir, "plan.csv", "date,campaign,friends\n2025-01-15,a,1\n2205-01-15,b,2\n")
	opts := twOptions()
	opts.Today = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	b, err := Build([]string{plan}, opts)
	if b != nil {
		b.Close()
	}
	want := plan + `:3:1: date: dated after 2031-12-01 (5 years after today, 2026-12-01): a typo? --max-months allows it: "2205-01-15"`
	if err == nil || err.Error() != want {
		t.Errorf("with today:\n got %v\nwant %s", err, want)
	}

	opts.Today = time.Time{}
	b, err = Build([]string{plan}, opts)
	if b != nil {
		b.Close()
	}
	want = "the period 2025-01 to 2205-01 is 2,161 months, more than 120 (from the earliest row, " + plan + ":2 (2025-01-15) to the latest row, " +
		plan + ":3 (2205-01-15)): a typo in a date? --max-months N allows a longer one"
	if err == nil || err.Error() != want {
		t.Errorf("without today:\n got %v\nwant %s", err, want)
	}

	opts.To = pricing.Month{Year: 9999, Month: time.December}
	plan2 := writePlanFile(t, dir, "plan2.csv", "date,campaign,friends\n2025-01-15,a,1\n")
	b, err = Build([]string{plan2}, opts)
	if b != nil {
		b.Close()
	}
	if err == nil || !strings.Contains(err.Error(), "to --to 9999-12)") {
		t.Errorf("--to 9999-12: got %v", err)
	}

	opts = twOptions()
	opts.Today, opts.MaxMonths = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), 2200
	if b := mustBuild(t, []string{plan}, opts); len(b.Months) != 2161 {
		t.Errorf("--max-months 2200: %d months", len(b.Months))
	}

	// Re-billing the past is fine: 2020 to 2024 with today in 2026.
	opts = twOptions()
	opts.Today = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	past := writePlanFile(t, dir, "past.csv", "date,campaign,friends\n2020-01-15,a,1\n2024-12-15,b,2\n")
	mustBuild(t, []string{past}, opts)
}

var osSymlink = os.Symlink // a link to a plan is the plan
