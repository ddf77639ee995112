package pricing

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Catalog is one tariff generation of one region: the plans LINE sold
// there from EffectiveFrom until the next catalog of the same region took
// effect.
type Catalog struct {
	Name             string          // e.g. "tw-2023"
	Region           string          // e.g. "tw"
	Currency         string          // ISO 4217 code, e.g. "TWD"
	CurrencyDecimals int32           // decimals LINE bills in (TWD 0, JPY 0)
	TaxRate          decimal.Decimal // e.g. 0.05 for Taiwan's business tax
	EffectiveFrom    time.Time       // midnight UTC of the first day in force
	// Verified is the day the figures were last checked against the
	// sources (midnight UTC); zero when a catalog file does not say.
	// Every built-in catalog has one: see [Catalogs.Stale].
	Verified time.Time
	Source   string   // where the figures come from
	Notes    []string // caveats every output shows beside the figures
	// SourceZH and NotesZH are Source and Notes in Traditional Chinese,
	// for outputs in zh-TW: one note for each of Notes, or none.
	SourceZH string
	NotesZH  []string
	Plans    []Plan // in the order LINE lists them
}

// Plan is one monthly plan of a catalog.
type Plan struct {
	ID           string          // stable identifier, e.g. "pro"
	Name         string          // local name, e.g. "高用量"
	NameEN       string          // English name, e.g. "Pro"
	MonthlyFee   decimal.Decimal // tax-exclusive
	FreeMessages int64           // messages included in the fee each month
	// Tiers prices additional messages past the free quota. Nil means the
	// plan sells none: it stops delivering at the quota.
	Tiers []Tier
}

// Tier is one band of an additional-message price table. Bands are
// counted on additional messages: 1 is the first message past the free
// quota.
type Tier struct {
	UpTo  int64           // inclusive upper bound; 0 on the last, open band
	Price decimal.Decimal // per message, tax-exclusive
}

// SellsAdditional reports whether p charges for messages past its quota
// rather than refusing them.
func (p Plan) SellsAdditional() bool { return len(p.Tiers) > 0 }

// Plan returns the plan with the given id.
func (c Catalog) Plan(id string) (Plan, bool) {
	i := slices.IndexFunc(c.Plans, func(p Plan) bool { return p.ID == id })
	if i < 0 {
		return Plan{}, false
	}
	return c.Plans[i], true
}

// Validate checks the rules every catalog obeys. Errors name the field.
func (c Catalog) Validate() error {
	switch {
	case c.Name == "":
		return fmt.Errorf("name: missing")
	case c.Region == "":
		return fmt.Errorf("region: missing")
	case c.Currency == "":
		return fmt.Errorf("currency: missing")
	case c.CurrencyDecimals < 0 || c.CurrencyDecimals > 4:
		return fmt.Errorf("currency_decimals: must be within 0..4, not %d", c.CurrencyDecimals)
	case c.TaxRate.IsNegative() || c.TaxRate.GreaterThanOrEqual(decimal.NewFromInt(1)):
		return fmt.Errorf("tax_rate: must be within 0 (inclusive) and 1, not %s", c.TaxRate)
	case c.EffectiveFrom.IsZero():
		return fmt.Errorf("effective_from: missing")
	case len(c.Plans) == 0:
		return fmt.Errorf("plans: a catalog needs at least one plan")
	}
	seen := map[string]bool{}
	for i, p := range c.Plans {
		field := fmt.Sprintf("plans[%d]", i)
		switch {
		case p.ID == "":
			return fmt.Errorf("%s.id: missing", field)
		case seen[p.ID]:
			return fmt.Errorf("%s.id: %q appears twice", field, p.ID)
		case p.NameEN == "":
			return fmt.Errorf("%s.name_en: missing", field)
		case p.MonthlyFee.IsNegative():
			return fmt.Errorf("%s.monthly_fee: negative: %s", field, p.MonthlyFee)
		case p.FreeMessages < 0:
			return fmt.Errorf("%s.free_messages: negative: %d", field, p.FreeMessages)
		}
		seen[p.ID] = true
		if p.Tiers != nil && len(p.Tiers) == 0 {
			return fmt.Errorf("%s.additional.tiers: missing: a plan that sells additional messages needs at least one tier", field)
		}
		var prev int64
		for j, t := range p.Tiers {
			tf := fmt.Sprintf("%s.additional.tiers[%d]", field, j)
			last := j == len(p.Tiers)-1
			switch {
			case t.Price.IsNegative():
				return fmt.Errorf("%s.price: negative: %s", tf, t.Price)
			case last && t.UpTo != 0:
				return fmt.Errorf("%s.up_to: the last tier must be open (no up_to), not %d", tf, t.UpTo)
			case !last && t.UpTo == 0:
				return fmt.Errorf("%s.up_to: missing: only the last tier may be open", tf)
			case !last && t.UpTo <= prev:
				return fmt.Errorf("%s.up_to: tiers must ascend: %d after %d", tf, t.UpTo, prev)
			}
			prev = t.UpTo
		}
	}
	return nil
}

// FindPlan returns the plan that s names: its id in any case (Pro, PRO),
// or its English or local name (Standard, 高用量). Ids are tried first, so a
// name can never hide another plan's id.
func (c Catalog) FindPlan(s string) (Plan, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Plan{}, false
	}
	for _, p := range c.Plans {
		if strings.EqualFold(p.ID, s) {
			return p, true
		}
	}
	for _, p := range c.Plans {
		if strings.EqualFold(p.NameEN, s) || p.Name == s {
			return p, true
		}
	}
	return Plan{}, false
}

// PlanIDs lists the ids of c's plans in order, for messages.
func (c Catalog) PlanIDs() []string {
	ids := make([]string, len(c.Plans))
	for i, p := range c.Plans {
		ids[i] = p.ID
	}
	return ids
}
