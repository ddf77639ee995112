package pricing

import (
	"strings"
	"testing"
	"time"
)

func TestCatalogPlan(t *testing.T) {
	c := builtin(t, "tw-2023")
	p, ok := c.Plan("pro")
	if !ok || p.ID != "pro" || p.NameEN != "Pro" || p.Name != "高用量" {
		t.Errorf("Plan(pro) = %+v, %v", p, ok)
	}
	if p, ok := c.Plan("enterprise"); ok || p.ID != "" {
		t.Errorf("Plan(enterprise) = %+v, %v", p, ok)
	}
}

// TestValidate covers the rules a catalog built in code (not read from a
// file) must obey; the file reader's errors are in catalogfile_test.go.
func TestValidate(t *testing.T) {
	good := func() Catalog {
		return Catalog{
			Name: "x", Region: "tw", Currency: "TWD", TaxRate: dec("0.05"),
			EffectiveFrom: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
			Plans: []Plan{
				{ID: "a", NameEN: "A", MonthlyFee: dec("0"), FreeMessages: 10},
				{ID: "b", NameEN: "B", MonthlyFee: dec("5"), FreeMessages: 10,
					Tiers: []Tier{{UpTo: 5, Price: dec("1")}, {Price: dec("0.5")}}},
			},
		}
	}
	if err := good().Validate(); err != nil {
		t.Fatalf("good catalog: %v", err)
	}
	tests := []struct {
		name   string
		change func(*Catalog)
		err    string
	}{
		{"no name", func(c *Catalog) { c.Name = "" }, "name: missing"},
		{"no effective date", func(c *Catalog) { c.EffectiveFrom = time.Time{} }, "effective_from: missing"},
		{"no plans", func(c *Catalog) { c.Plans = nil }, "plans: a catalog needs at least one plan"},
		{"empty tier table", func(c *Catalog) { c.Plans[1].Tiers = []Tier{} },
			"plans[1].additional.tiers: missing: a plan that sells additional messages needs at least one tier"},
		{"open tier first", func(c *Catalog) { c.Plans[1].Tiers[0].UpTo = 0 },
			"plans[1].additional.tiers[0].up_to: missing: only the last tier may be open"},
		{"negative price", func(c *Catalog) { c.Plans[1].Tiers[0].Price = dec("-1") },
			"plans[1].additional.tiers[0].price: negative: -1"},
		{"duplicate id", func(c *Catalog) { c.Plans[1].ID = "a" }, `plans[1].id: "a" appears twice`},
		{"tax rate 1", func(c *Catalog) { c.TaxRate = dec("1") }, "tax_rate: must be within 0 (inclusive) and 1, not 1"},
	}
	for _, tt := range tests {
		c := good()
		tt.change(&c)
		if err := c.Validate(); err == nil || err.Error() != tt.err {
			t.Errorf("%s: Validate() = %v, want %s", tt.name, err, tt.err)
		}
	}
	// A zero tax rate and a single open tier are fine.
	c := good()
	c.TaxRate = dec("0")
	c.Plans[1].Tiers = []Tier{{Price: dec("0")}}
	if err := c.Validate(); err != nil {
		t.Errorf("zero tax, one free open tier: %v", err)
	}
}

func TestFindPlan(t *testing.T) {
	c := builtin(t, "tw-2026")
	for s, want := range map[string]string{
		"pro": "pro", "Pro": "pro", "PRO": "pro", " pro ": "pro", "高用量": "pro",
		"standard": "standard", "Standard": "standard", "中用量": "standard",
		"light": "light", "LIGHT": "light", "輕用量": "light",
	} {
		if p, ok := c.FindPlan(s); !ok || p.ID != want {
			t.Errorf("FindPlan(%q) = %q, %v; want %q", s, p.ID, ok, want)
		}
	}
	for _, s := range []string{"", "gold", "高", "pro plan"} {
		if p, ok := c.FindPlan(s); ok {
			t.Errorf("FindPlan(%q) = %q; want none", s, p.ID)
		}
	}
	// An id wins over another plan's name.
	x := Catalog{Plans: []Plan{{ID: "a", NameEN: "b"}, {ID: "b", NameEN: "c"}}}
	if p, _ := x.FindPlan("b"); p.ID != "b" {
		t.Errorf("FindPlan(b) = %s; want the plan whose id is b", p.ID)
	}
	if got := strings.Join(c.PlanIDs(), " "); got != "light standard pro" {
		t.Errorf("PlanIDs = %s", got)
	}
}
