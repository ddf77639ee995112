package pricing

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// planFact is one plan row of line-pricing.md.
type planFact struct {
	id, name, nameEN, fee string
	free                  int64
	flat                  string
}

// builtinFacts restates ../shared/line-pricing.md. A flat additional
// price is a single open tier; "" means the plan sells no additional
// messages. jp-2023 Standard's table is checked in quote_test.go.
var builtinFacts = []struct {
	name, region, currency, tax, from, verified string
	plans                                       []planFact
}{
	{"jp-2019", "jp", "JPY", "0.10", "2019-04-18", "2026-10-04", []planFact{
		{"free", "フリー", "Free", "0", 1000, ""},
		{"light", "ライト", "Light", "5000", 15000, "5"},
		{"standard", "スタンダード", "Standard", "15000", 45000, "3.0"},
	}},
	{"jp-2023", "jp", "JPY", "0.10", "2023-06-01", "2026-10-04", []planFact{
		{"communication", "コミュニケーション", "Communication", "0", 200, ""},
		{"light", "ライト", "Light", "5000", 5000, ""},
		{"standard", "スタンダード", "Standard", "15000", 30000, "tiered"},
	}},
	{"jp-2026", "jp", "JPY", "0.10", "2026-10-01", "2026-10-04", []planFact{
		{"communication", "コミュニケーション", "Communication", "0", 200, ""},
		{"light", "ライト", "Light", "5000", 5000, ""},
		{"standard", "スタンダード", "Standard", "15000", 30000, "200000@3 2.5"},
	}},
	{"th-2024", "th", "THB", "0.07", "2024-08-01", "2026-09-29", []planFact{
		{"free", "ฟรี", "Free", "0", 300, ""},
		{"basic", "เบสิก", "Basic", "1280", 15000, "0.10"},
		{"pro", "โปร", "Pro", "1780", 35000, "0.06"},
	}},
	{"tw-2019", "tw", "TWD", "0.05", "2019-04-18", "2026-10-07", []planFact{
		{"light", "輕用量", "Light", "0", 500, ""},
		{"standard", "中用量", "Standard", "800", 4000, "0.2"},
		{"pro", "高用量", "Pro", "4000", 25000, "0.15"},
	}},
	{"tw-2023", "tw", "TWD", "0.05", "2023-09-01", "2026-10-07", []planFact{
		{"light", "輕用量", "Light", "0", 200, ""},
		{"standard", "中用量", "Standard", "800", 3000, ""},
		{"pro", "高用量", "Pro", "1200", 6000, "0.2"},
	}},
	{"tw-2026", "tw", "TWD", "0.05", "2026-11-01", "2026-10-07", []planFact{
		{"light", "輕用量", "Light", "0", 200, ""},
		{"standard", "中用量", "Standard", "1000", 3000, ""},
		{"pro", "高用量", "Pro", "1400", 6000, "50000@0.2 0.15"},
	}},
}

func TestBuiltin(t *testing.T) {
	cs := Builtin()
	if len(cs) != len(builtinFacts) {
		t.Fatalf("%d built-in catalogs, want %d", len(cs), len(builtinFacts))
	}
	for i, f := range builtinFacts {
		c := cs[i]
		if c.Name != f.name {
			t.Errorf("catalog %d is %s, want %s (sorted by region, then date)", i, c.Name, f.name)
			continue
		}
		if err := c.Validate(); err != nil {
			t.Errorf("%s: %v", c.Name, err)
		}
		from, _ := time.Parse(time.DateOnly, f.from)
		verified, _ := time.Parse(time.DateOnly, f.verified)
		decimals := int32(0)
		if f.currency == "THB" {
			decimals = 2 // satang
		}
		if c.Region != f.region || c.Currency != f.currency || c.CurrencyDecimals != decimals ||
			!c.TaxRate.Equal(dec(f.tax)) || !c.EffectiveFrom.Equal(from) || !c.Verified.Equal(verified) {
			t.Errorf("%s: header %s %s %d %s %v verified %v", c.Name, c.Region, c.Currency, c.CurrencyDecimals, c.TaxRate, c.EffectiveFrom, c.Verified)
		}
		if c.Source == "" || len(c.Notes) == 0 {
			t.Errorf("%s: needs its source and notes", c.Name)
		}
		if len(c.Plans) != len(f.plans) {
			t.Errorf("%s: %d plans, want %d", c.Name, len(c.Plans), len(f.plans))
			continue
		}
		for j, fp := range f.plans {
			p := c.Plans[j]
			if p.ID != fp.id || p.Name != fp.name || p.NameEN != fp.nameEN || !p.MonthlyFee.Equal(dec(fp.fee)) || p.FreeMessages != fp.free {
				t.Errorf("%s plan %d = %s %s %s %s %d, want %+v", c.Name, j, p.ID, p.Name, p.NameEN, p.MonthlyFee, p.FreeMessages, fp)
			}
			switch fp.flat {
			case "":
				if p.SellsAdditional() {
					t.Errorf("%s %s sells additional messages", c.Name, p.ID)
				}
			case "tiered":
				if len(p.Tiers) < 2 {
					t.Errorf("%s %s: tiers %+v", c.Name, p.ID, p.Tiers)
				}
			case "200000@3 2.5", "50000@0.2 0.15":
				var bands []string
				for _, tier := range p.Tiers {
					band := tier.Price.String()
					if tier.UpTo != 0 {
						band = fmt.Sprintf("%d@%s", tier.UpTo, tier.Price)
					}
					bands = append(bands, band)
				}
				if got := strings.Join(bands, " "); got != fp.flat {
					t.Errorf("%s %s: tiers %s, want %s", c.Name, p.ID, got, fp.flat)
				}
			default:
				if len(p.Tiers) != 1 || p.Tiers[0].UpTo != 0 || !p.Tiers[0].Price.Equal(dec(fp.flat)) {
					t.Errorf("%s %s: tiers %+v, want one open tier at %s", c.Name, p.ID, p.Tiers, fp.flat)
				}
			}
		}
	}
	// The upper-bound rule of line-pricing.md must be stated where the
	// band table is not public.
	for _, name := range []string{"tw-2019", "tw-2023", "jp-2019"} {
		if c := builtin(t, name); !strings.Contains(c.Notes[0], "Upper bound") {
			t.Errorf("%s: notes do not state the upper bound: %q", name, c.Notes)
		}
	}
	// tw-2026's table is exact: no upper-bound note; its note says what
	// the bands count.
	if c := builtin(t, "tw-2026"); strings.Contains(strings.Join(c.Notes, " "), "Upper bound") ||
		!strings.Contains(c.Notes[0], "count additional messages") {
		t.Errorf("tw-2026 notes: %q", c.Notes)
	}
	// No package-level mutable state: changing one result leaves the next alone.
	cs[0].Plans[0].FreeMessages = -5
	cs[0].Notes[0] = "changed"
	if again := Builtin(); again[0].Plans[0].FreeMessages == -5 || again[0].Notes[0] == "changed" {
		t.Error("Builtin shares state between calls")
	}
}

// cat builds a minimal catalog for the set tests.
func cat(name, region, from string) Catalog {
	d, err := time.Parse(time.DateOnly, from)
	if err != nil {
		panic(err)
	}
	return Catalog{Name: name, Region: region, EffectiveFrom: d}
}

func TestNewCatalogs(t *testing.T) {
	// Sorted by region, then by date, whatever the order given.
	set, err := NewCatalogs(cat("tw-b", "tw", "2023-09-01"), cat("jp-a", "jp", "2019-04-18"),
		cat("tw-a", "tw", "2019-04-18"), cat("jp-b", "jp", "2023-06-01"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range set {
		names = append(names, c.Name)
	}
	if got := strings.Join(names, " "); got != "jp-a jp-b tw-a tw-b" {
		t.Errorf("order = %s", got)
	}
	if got := strings.Join(set.Regions(), " "); got != "jp tw" {
		t.Errorf("Regions = %s", got)
	}
	// The same day in two regions is fine.
	if _, err := NewCatalogs(cat("a", "tw", "2024-01-01"), cat("b", "jp", "2024-01-01")); err != nil {
		t.Errorf("same day, two regions: %v", err)
	}
	if _, err := NewCatalogs(); err != nil {
		t.Errorf("empty set: %v", err)
	}
	tests := []struct {
		name string
		cs   []Catalog
		err  string
	}{
		{"duplicate name", []Catalog{cat("a", "tw", "2019-04-18"), cat("a", "tw", "2023-09-01")},
			`catalog "a" is given twice`},
		{"duplicate name across regions", []Catalog{cat("a", "tw", "2019-04-18"), cat("a", "jp", "2023-09-01")},
			`catalog "a" is given twice`},
		{"same day, same region", []Catalog{cat("a", "tw", "2024-01-01"), cat("b", "tw", "2024-01-01")},
			`catalogs "a" and "b" both take effect in region tw on 2024-01-01`},
		{"a user's file beside a built-in", []Catalog{builtin(t, "tw-2023"), cat("mine", "tw", "2023-09-01")},
			`catalogs "tw-2023" and "mine" both take effect in region tw on 2023-09-01`},
	}
	for _, tt := range tests {
		if _, err := NewCatalogs(tt.cs...); err == nil || err.Error() != tt.err {
			t.Errorf("%s: NewCatalogs error = %v, want %s", tt.name, err, tt.err)
		}
	}
}

// forMonthCases also seed the fuzz tests' month inputs.
var forMonthCases = []struct {
	region, month string
	want          string // catalog name, or the exact error
	err           bool
}{
	{"tw", "2023-08", "tw-2019", false},
	{"tw", "2023-09", "tw-2023", false},
	{"tw", "2026-10", "tw-2023", false},
	{"tw", "2026-11", "tw-2026", false},
	{"tw", "2027-12", "tw-2026", false},
	{"jp", "2026-09", "jp-2023", false},
	{"jp", "2026-10", "jp-2026", false},
	{"th", "2024-08", "th-2024", false},
	{"th", "2026-12", "th-2024", false},
	{"th", "2024-07", "2024-07 is before the first th catalog (th-2024, from 2024-08-01): covered months are 2024-08 onward", true},
	{"tw", "2019-05", "tw-2019", false}, // the first month tw-2019 covers from its first day
	{"tw", "2019-04", "2019-04 is before the first tw catalog (tw-2019, from 2019-04-18): covered months are 2019-05 onward", true},
	{"tw", "2001-01", "2001-01 is before the first tw catalog (tw-2019, from 2019-04-18): covered months are 2019-05 onward", true},
	{"jp", "2023-05", "jp-2019", false},
	{"jp", "2023-06", "jp-2023", false},
	{"jp", "2019-04", "2019-04 is before the first jp catalog (jp-2019, from 2019-04-18): covered months are 2019-05 onward", true},
	{"sg", "2024-01", `no catalog for region "sg" (have jp, th, tw)`, true},
	{"TW", "2024-01", `no catalog for region "TW" (have jp, th, tw)`, true},
}

func TestForMonth(t *testing.T) {
	cs := Builtin()
	for _, tt := range forMonthCases {
		m, err := ParseMonth(tt.month)
		if err != nil {
			t.Fatal(err)
		}
		c, err := cs.ForMonth(tt.region, m)
		switch {
		case tt.err && (err == nil || err.Error() != tt.want):
			t.Errorf("ForMonth(%s, %s) error = %v, want %s", tt.region, tt.month, err, tt.want)
		case !tt.err && (err != nil || c.Name != tt.want):
			t.Errorf("ForMonth(%s, %s) = %s, %v; want %s", tt.region, tt.month, c.Name, err, tt.want)
		}
	}
	// A region whose first catalog starts on the 1st covers that month.
	set, err := NewCatalogs(cat("x-1", "xx", "2024-03-01"))
	if err != nil {
		t.Fatal(err)
	}
	if c, err := set.ForMonth("xx", Month{2024, time.March}); err != nil || c.Name != "x-1" {
		t.Errorf("ForMonth(xx, 2024-03) = %s, %v", c.Name, err)
	}
	want := "2024-02 is before the first xx catalog (x-1, from 2024-03-01): covered months are 2024-03 onward"
	if _, err := set.ForMonth("xx", Month{2024, time.February}); err == nil || err.Error() != want {
		t.Errorf("ForMonth(xx, 2024-02) error = %v, want %s", err, want)
	}
	// A catalog that takes effect mid-month applies from the next month:
	// the month's first day decides.
	set, err = NewCatalogs(cat("y-1", "yy", "2020-01-01"), cat("y-2", "yy", "2020-06-15"))
	if err != nil {
		t.Fatal(err)
	}
	for m, want := range map[Month]string{{2020, time.June}: "y-1", {2020, time.July}: "y-2"} {
		if c, err := set.ForMonth("yy", m); err != nil || c.Name != want {
			t.Errorf("ForMonth(yy, %s) = %s, %v; want %s", m, c.Name, err, want)
		}
	}
}

func TestUntil(t *testing.T) {
	cs := Builtin()
	tests := []struct {
		name  string
		until string // "" while the catalog is current
	}{
		{"tw-2019", "2023-09-01"},
		{"tw-2023", "2026-11-01"},
		{"tw-2026", ""},
		{"jp-2019", "2023-06-01"},
		{"jp-2023", "2026-10-01"},
		{"jp-2026", ""},
		{"th-2024", ""},
	}
	for _, tt := range tests {
		got, ok := cs.Until(builtin(t, tt.name))
		if tt.until == "" {
			if ok || !got.IsZero() {
				t.Errorf("Until(%s) = %v, %v; want current", tt.name, got, ok)
			}
			continue
		}
		if want, _ := time.Parse(time.DateOnly, tt.until); !ok || !got.Equal(want) {
			t.Errorf("Until(%s) = %v, %v; want %s", tt.name, got, ok, tt.until)
		}
	}
	if _, ok := cs.Until(cat("stranger", "tw", "2020-01-01")); ok {
		t.Error("Until of a catalog not in the set reports an end")
	}
}

func TestNamedAndRegion(t *testing.T) {
	cs := Builtin()
	if c, err := cs.Named("jp-2023"); err != nil || c.Name != "jp-2023" {
		t.Errorf("Named(jp-2023) = %s, %v", c.Name, err)
	}
	want := `no catalog named "tw-2027" (have jp-2019, jp-2023, jp-2026, th-2024, tw-2019, tw-2023, tw-2026)`
	if _, err := cs.Named("tw-2027"); err == nil || err.Error() != want {
		t.Errorf("Named(tw-2027) error = %v, want %s", err, want)
	}
	var names []string
	for _, c := range cs.Region("tw") {
		names = append(names, c.Name)
	}
	if got := strings.Join(names, " "); got != "tw-2019 tw-2023 tw-2026" {
		t.Errorf("Region(tw) = %s", got)
	}
	if got := cs.Region("th"); len(got) != 1 || got[0].Name != "th-2024" {
		t.Errorf("Region(th) = %v", got)
	}
	if got := cs.Region("sg"); len(got) != 0 {
		t.Errorf("Region(sg) = %v", got)
	}
}

// TestBuiltinFiles parses each embedded file on its own, so a broken file
// fails here with its name instead of panicking inside Builtin.
func TestBuiltinFiles(t *testing.T) {
	entries, err := builtinFiles.ReadDir("catalogs")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		data, err := builtinFiles.ReadFile("catalogs/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		c, err := ParseCatalog(data)
		if err != nil {
			t.Errorf("catalogs/%s: %v", e.Name(), err)
			continue
		}
		if e.Name() != c.Name+".json" {
			t.Errorf("catalogs/%s holds catalog %q", e.Name(), c.Name)
		}
		names = append(names, c.Name)
	}
	if got := strings.Join(names, " "); got != "jp-2019 jp-2023 jp-2026 th-2024 tw-2019 tw-2023 tw-2026" {
		t.Errorf("built-in files hold %s", got)
	}
}

func TestStale(t *testing.T) {
	cs := Builtin()
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		region, day string
		stale       bool
		verified    string // the newest verified date found
	}{
		{"tw", "2026-12-01", false, "2026-10-07"},
		{"tw", "2027-10-07", false, "2026-10-07"}, // exactly 12 months: not yet
		{"tw", "2027-10-08", true, "2026-10-07"},
		{"jp", "2027-10-04", false, "2026-10-04"},
		{"jp", "2027-10-05", true, "2026-10-04"},
		{"th", "2027-09-29", false, "2026-09-29"},
		{"th", "2027-09-30", true, "2026-09-29"},
		{"th", "2030-01-01", true, "2026-09-29"},
	}
	for _, tt := range tests {
		c, stale := cs.Stale(tt.region, day(tt.day))
		if stale != tt.stale || c.Verified.Format(time.DateOnly) != tt.verified {
			t.Errorf("Stale(%s, %s) = %s verified %s, %v; want %v, verified %s",
				tt.region, tt.day, c.Name, c.Verified.Format(time.DateOnly), stale, tt.stale, tt.verified)
		}
	}
	// The newest verified date wins, whichever catalog carries it; ties go
	// to the later catalog.
	a, b := cat("x-1", "xx", "2020-01-01"), cat("x-2", "xx", "2024-01-01")
	a.Verified, b.Verified = day("2025-06-01"), day("2025-01-01")
	set, err := NewCatalogs(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if c, stale := set.Stale("xx", day("2026-05-31")); c.Name != "x-1" || stale {
		t.Errorf("Stale(xx, 2026-05-31) = %s, %v; want x-1, false", c.Name, stale)
	}
	b.Verified = a.Verified
	set, _ = NewCatalogs(a, b)
	if c, _ := set.LastVerified("xx"); c.Name != "x-2" {
		t.Errorf("LastVerified(xx) with a tie = %s, want x-2", c.Name)
	}
	// Catalogs that do not say when they were verified are never stale.
	set, _ = NewCatalogs(cat("y-1", "yy", "2020-01-01"))
	if _, ok := set.LastVerified("yy"); ok {
		t.Error("LastVerified found a date in a catalog without one")
	}
	if _, stale := set.Stale("yy", day("2099-01-01")); stale {
		t.Error("a catalog without a verified date is stale")
	}
}

func TestRegionTimeZone(t *testing.T) {
	for region, want := range map[string]string{"tw": "Asia/Taipei", "jp": "Asia/Tokyo", "th": "Asia/Bangkok"} {
		if got, ok := RegionTimeZone(region); !ok || got != want {
			t.Errorf("RegionTimeZone(%s) = %s, %v; want %s", region, got, ok, want)
		}
	}
	if got, ok := RegionTimeZone("sg"); ok || got != "" {
		t.Errorf("RegionTimeZone(sg) = %s, %v; want none", got, ok)
	}
	// Every built-in region has a zone.
	for _, r := range Builtin().Regions() {
		if _, ok := RegionTimeZone(r); !ok {
			t.Errorf("built-in region %s has no time zone", r)
		}
	}
}

// TestBuiltinChinese: every built-in catalog gives its source and each of
// its notes in Traditional Chinese, for the zh-TW workbook.
func TestBuiltinChinese(t *testing.T) {
	for _, c := range Builtin() {
		if c.SourceZH == "" || len(c.NotesZH) != len(c.Notes) {
			t.Errorf("%s: source_zh %q, %d notes_zh for %d notes", c.Name, c.SourceZH, len(c.NotesZH), len(c.Notes))
		}
	}
}
