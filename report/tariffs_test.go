package report

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/shopspring/decimal"

	"linecost/pricing"
)

// Tests of the tariffs of issue 9 end to end: the 2026 changes in Taiwan
// and Japan, Thailand in satang, send times on Japan's day, staleness and
// --current-plan by name.

func zoneOptions(t *testing.T, region string) Options {
	t.Helper()
	name, _ := pricing.RegionTimeZone(region)
	zone, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	billing, err := time.LoadLocation(pricing.BillingTimeZone)
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Catalogs: pricing.Builtin(), Region: region}
	opts.Input.Zone, opts.Input.BillingZone = zone, billing
	return opts
}

type monthWant struct {
	account, month, catalog string
	messages                int64
	plan, cost, tax, total  string
}

func checkMonths(t *testing.T, b *Budget, want []monthWant) {
	t.Helper()
	var got []monthWant
	for _, a := range b.Accounts {
		for _, m := range a.Months() {
			p := m.Plan()
			got = append(got, monthWant{a.Name, m.Month.String(), m.Catalog.Name, m.Messages, p.Plan.ID,
				p.Charge.Cost.String(), p.Charge.Tax.String(), p.Charge.Total.String()})
		}
	}
	if len(got) != len(want) {
		t.Fatalf("account-months:\n%v\nwant\n%v", got, want)
	}
	for i := range want {
		w, g := want[i], got[i]
		if g.account != w.account || g.month != w.month || g.catalog != w.catalog || g.messages != w.messages || g.plan != w.plan ||
			!decEq(g.cost, w.cost) || !decEq(g.tax, w.tax) || !decEq(g.total, w.total) {
			t.Errorf("account-month %d = %v, want %v", i, g, w)
		}
	}
}

func decEq(a, b string) bool { return decimal.RequireFromString(a).Equal(decimal.RequireFromString(b)) }

// crossing2026 is a Taiwan plan across 2026-11-01 with send times (the
// golden case testdata/report/tariff-2026): the Halloween send at 23:30 on
// 2026-10-31 is 00:30 on November 1st in Japan, so it is billed in
// November at tw-2026's prices.
var crossing2026 = filepath.Join("..", "testdata", "report", "tariff-2026", "plan.csv")

// thailand is the golden case testdata/report/thailand: satang, the tier
// edges and a send at 22:00 Bangkok time on a month's last day.
var thailand = filepath.Join("..", "testdata", "report", "thailand", "plan.csv")

func TestBuildTaiwan2026(t *testing.T) {
	b := mustBuild(t, []string{crossing2026}, zoneOptions(t, "tw"))
	checkMonths(t, b, []monthWant{
		// 40,000 on tw-2023 Pro: 1,200 + 34,000 x 0.2 = 8,000.
		{"Acme Tea", "2026-09", "tw-2023", 40000, "pro", "8000", "400", "8400"},
		{"Acme Tea", "2026-10", "tw-2023", 40000, "pro", "8000", "400", "8400"},
		// 10,001 + 46,000 = 56,001 on tw-2026 Pro: 1,400 + 10,000 + 0.15.
		{"Acme Tea", "2026-11", "tw-2026", 56001, "pro", "11400", "570", "11970"},
		{"Acme Tea", "2026-12", "tw-2026", 56000, "pro", "11400", "570", "11970"},
		{"Beta Bakery", "2026-09", "tw-2023", 0, "light", "0", "0", "0"},
		// 22:59 is 23:59 in Japan: still October, Standard at 800.
		{"Beta Bakery", "2026-10", "tw-2023", 2999, "standard", "800", "40", "840"},
		// Standard costs 1,000 from November.
		{"Beta Bakery", "2026-11", "tw-2026", 3000, "standard", "1000", "50", "1050"},
		{"Beta Bakery", "2026-12", "tw-2026", 0, "light", "0", "0", "0"},
	})
	cs := collectCampaigns(t, b)
	if c := cs[2]; c.Campaign != "Halloween late" || c.Month().String() != "2026-11" || c.Date.Format(time.DateOnly) != "2026-10-31" ||
		!c.Timed || c.Time != 23*time.Hour+30*time.Minute {
		t.Errorf("the late send: %+v", c.Row)
	}
	// November's 11,400 is shared by 10,001 and 46,000 messages.
	equalMoney(t, "Halloween cost", cs[2].Cost, "2036")
	equalMoney(t, "November cost", cs[3].Cost, "9364")
	var moved []string
	for _, w := range b.Warnings {
		if strings.Contains(w.Message, "where LINE counts messages") {
			moved = append(moved, w.String())
		}
	}
	if want := ":4: date: sent 2026-10-31 23:30 (Asia/Taipei) is 2026-11-01 00:30 in Japan, where LINE counts messages: billed in 2026-11"; len(moved) != 1 || !strings.HasSuffix(moved[0], want) {
		t.Errorf("warnings %q, want one ending %q", moved, want)
	}
	equalCharge(t, "total", b.Total, "40600", "2030", "42630")
	if names := catalogNames(b); names != "tw-2023 tw-2026" {
		t.Errorf("catalogs used %s", names)
	}
}

func catalogNames(b *Budget) string {
	var names []string
	for _, c := range b.Catalogs {
		names = append(names, c.Name)
	}
	return strings.Join(names, " ")
}

func TestBuildJapan2026(t *testing.T) {
	// 500,000 messages in October 2026: 15,000 + 200,000 x 3 + 270,000 x
	// 2.5 = 1,290,000; the same in September on jp-2023's table.
	plan := `date,account,campaign,friends
2026-09-30 23:59,Shop,September,"500,000"
2026-10-01 00:00,Shop,October,"230,001"
`
	path := writePlanFile(t, t.TempDir(), "plan.csv", plan)
	b := mustBuild(t, []string{path}, zoneOptions(t, "jp"))
	checkMonths(t, b, []monthWant{
		// jp-2023: 470,000 additional = 50,000 x 3 + 50,000 x 2.8 +
		// 100,000 x 2.6 + 100,000 x 2.4 + 100,000 x 2.2 + 70,000 x 2.0 =
		// 1,150,000; + 15,000.
		{"Shop", "2026-09", "jp-2023", 500000, "standard", "1165000", "116500", "1281500"},
		// jp-2026: 15,000 + 600,000 + 2.5 = 615,002.5 -> 615,003 (half-up).
		{"Shop", "2026-10", "jp-2026", 230001, "standard", "615003", "61500", "676503"},
	})
	for _, w := range b.Warnings {
		if strings.Contains(w.Message, "billed in") {
			t.Errorf("a Tokyo send moved: %s", w)
		}
	}
}

func TestBuildThailand(t *testing.T) {
	b := mustBuild(t, []string{thailand}, zoneOptions(t, "th"))
	if b.Currency != "THB" || b.Decimals != 2 {
		t.Fatalf("currency %s with %d decimals", b.Currency, b.Decimals)
	}
	checkMonths(t, b, []monthWant{
		{"Bangkok Cafe", "2026-08", "th-2024", 299, "free", "0", "0", "0"},
		{"Bangkok Cafe", "2026-09", "th-2024", 0, "free", "0", "0", "0"},
		{"Bangkok Cafe", "2026-10", "th-2024", 0, "free", "0", "0", "0"},
		// One past Basic's quota: 1,280.10; VAT 89.607 -> 89.61.
		{"Siam Shop", "2026-08", "th-2024", 15001, "basic", "1280.1", "89.61", "1369.71"},
		// 22:00 Bangkok on the 31st is midnight in Japan: September, where
		// 20,000 messages tie Basic (1,280 + 500) with Pro (1,780): Basic,
		// listed first, wins.
		{"Siam Shop", "2026-09", "th-2024", 20000, "basic", "1780", "124.6", "1904.6"},
		// One past Pro's quota: 1,780.06; VAT 124.6042 -> 124.60.
		{"Siam Shop", "2026-10", "th-2024", 35001, "pro", "1780.06", "124.6", "1904.66"},
	})
	cs := collectCampaigns(t, b)
	// The month's 1,780.06 and 124.60 split in thirds by largest remainder,
	// in satang: the first row takes the odd satang.
	for i, want := range [][2]string{{"593.36", "41.54"}, {"593.35", "41.53"}, {"593.35", "41.53"}} {
		c := cs[3+i]
		equalMoney(t, c.Campaign+" cost", c.Cost, want[0])
		equalMoney(t, c.Campaign+" tax", c.Tax, want[1])
	}
	equalMoney(t, "Late cost", cs[1].Cost, "890")
	equalMoney(t, "Tie cost", cs[2].Cost, "890")
	doc := budgetJSONOf(t, b)
	if doc.Currency != "THB" || doc.Campaigns[3].Cost != "593.36" || doc.Total.Cost != "4840.16" || doc.Total.Tax != "338.81" {
		t.Errorf("JSON: %s, campaign %s, total %+v", doc.Currency, doc.Campaigns[3].Cost, doc.Total)
	}
	if len(doc.Catalogs) != 1 || doc.Catalogs[0].Name != "th-2024" || doc.Catalogs[0].Verified != "2026-09-29" {
		t.Errorf("JSON catalogs %+v", doc.Catalogs)
	}

	// Before 2024-08 there is no Thai catalog: the error names the way out.
	old := writePlanFile(t, t.TempDir(), "old.csv", "date,campaign,friends\n2024-07-31,c,100\n")
	_, err := Build([]string{old}, zoneOptions(t, "th"))
	var pe *PlanError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "2024-07 is before the first th catalog (th-2024, from 2024-08-01)") ||
		!strings.Contains(err.Error(), "--pricing FILE") {
		t.Errorf("a Thai month before 2024-08: %v", err)
	}
}

// TestBuildStaleWarning: the budget warns once, as a warning of no file,
// when today or its last month lies more than 12 months after the newest
// verified date of the region's catalogs.
func TestBuildStaleWarning(t *testing.T) {
	dir := t.TempDir()
	near := writePlanFile(t, dir, "near.csv", "date,campaign,friends\n2027-01-15,c,100\n2027-02-15,c,100\n")
	far := writePlanFile(t, dir, "far.csv", "date,campaign,friends\n2027-01-15,c,100\n2027-11-15,c,100\n")
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	tests := []struct {
		path  string
		today time.Time
		about string // "" for no warning
	}{
		{near, day("2026-12-01"), ""},
		{near, time.Time{}, ""},
		{far, day("2026-12-01"), "the last month priced (2027-11)"},
		{far, time.Time{}, "the last month priced (2027-11)"},
		{near, day("2027-10-08"), "today (2027-10-08)"},
	}
	for _, tt := range tests {
		opts := twOptions()
		opts.Today = tt.today
		b := mustBuild(t, []string{tt.path}, opts)
		var stale []string
		for _, w := range b.Warnings {
			if strings.Contains(w.Message, "LINE may have changed its prices since") {
				if w.File != "" || w.Line != 0 {
					t.Errorf("the staleness warning names a file: %+v", w)
				}
				stale = append(stale, w.Message)
			}
		}
		switch {
		case tt.about == "" && len(stale) != 0:
			t.Errorf("%s, today %s: warnings %q", tt.path, tt.today, stale)
		case tt.about != "" && (len(stale) != 1 || !strings.Contains(stale[0], "verified on 2026-10-07 (catalog tw-2026), more than 12 months before "+tt.about)):
			t.Errorf("%s, today %s: warnings %q, want one about %s", tt.path, tt.today, stale, tt.about)
		}
		if doc := budgetJSONOf(t, b); tt.about != "" && !strings.Contains(doc.Warnings[len(doc.Warnings)-1].Message, tt.about) {
			t.Errorf("the JSON's warnings lack it: %+v", doc.Warnings)
		}
	}
}

func TestBuildCurrentPlanByName(t *testing.T) {
	for _, id := range []string{"pro", "Pro", "PRO", "高用量"} {
		opts := zoneOptions(t, "tw")
		opts.CurrentPlans = map[string]string{"": id}
		b := mustBuild(t, []string{crossing2026}, opts)
		a := accountNamed(t, b, "Beta Bakery")
		if a.Current == nil || a.Current.Plan.ID != "pro" {
			t.Fatalf("--current-plan %s: current %+v", id, a.Current)
		}
		// 1,200 x 2 (tw-2023) + 1,400 x 2 (tw-2026).
		equalMoney(t, "--current-plan "+id+" cost", a.Current.Charge.Cost, "5200")
	}
	opts := zoneOptions(t, "tw")
	opts.CurrentPlans = map[string]string{"Acme Tea": "gold"}
	_, err := Build([]string{crossing2026}, opts)
	var oe *OptionError
	want := `--current-plan for account Acme Tea: catalog tw-2023 has no plan "gold" (its plans: light, standard, pro)`
	if !errors.As(err, &oe) || err.Error() != want {
		t.Errorf("unknown plan: %v, want %s", err, want)
	}
}

// TestEmptyMonthsJSON: a Q1 plan budgeted for the half year names the
// months without rows in the JSON and warns once (issue 10).
func TestEmptyMonthsJSON(t *testing.T) {
	opts := twOptions()
	opts.From, opts.To = mustMonth(t, "2025-01"), mustMonth(t, "2025-06")
	b := mustBuild(t, []string{filepath.Join("..", "testdata", "report", "empty-months", "plan.csv")}, opts)
	doc := budgetJSONOf(t, b)
	if got := strings.Join(doc.EmptyMonths, " "); got != "2025-04 2025-05 2025-06" {
		t.Errorf("empty_months = %q", got)
	}
	var warned []string
	for _, w := range doc.Warnings {
		if w.File == "" && strings.Contains(w.Message, "2025-04") {
			warned = append(warned, w.Message)
		}
	}
	if len(warned) != 1 || !strings.Contains(warned[0], "2025-06") {
		t.Errorf("warnings about the empty months: %q", warned)
	}
	// A plan without gaps has none.
	opts.To = mustMonth(t, "2025-03")
	if doc := budgetJSONOf(t, mustBuild(t, []string{filepath.Join("..", "testdata", "report", "empty-months", "plan.csv")}, opts)); len(doc.EmptyMonths) != 0 {
		t.Errorf("empty_months without gaps = %q", doc.EmptyMonths)
	}
}

// TestBuildCurrentPlanSpelling: --current-plan names an account in any
// spelling the reader merges (issue 10's ShopA, shopa, ＳｈｏｐＡ).
func TestBuildCurrentPlanSpelling(t *testing.T) {
	path := writePlanFile(t, t.TempDir(), "plan.csv", "date,account,campaign,friends\n2025-01-10,ShopA,a,100\n2025-01-11,shopa,b,100\n")
	opts := twOptions()
	opts.CurrentPlans = map[string]string{"ＳＨＯＰＡ": "pro"}
	b := mustBuild(t, []string{path}, opts)
	if a := accountNamed(t, b, "ShopA"); a.Current == nil || a.Current.Plan.ID != "pro" {
		t.Errorf("current plan of ShopA: %+v", a.Current)
	}
	opts.CurrentPlans = map[string]string{"ShopA": "pro", "shopa": "light"}
	_, err := Build([]string{path}, opts)
	var oe *OptionError
	if !errors.As(err, &oe) || err.Error() != "--current-plan: account ShopA is named twice (ShopA and shopa)" {
		t.Errorf("named twice: %v", err)
	}
	opts.CurrentPlans = map[string]string{"Shop B": "pro"}
	if _, err := Build([]string{path}, opts); !errors.As(err, &oe) || !strings.Contains(err.Error(), `no account "Shop B" in the plans`) {
		t.Errorf("unknown account: %v", err)
	}
}
