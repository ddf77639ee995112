package pricing

import (
	"testing"

	"github.com/shopspring/decimal"
)

// dec reads a decimal written in a test table. Money is compared with
// decimal.Equal, never through float64.
func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// builtin returns one built-in catalog by name.
func builtin(t testing.TB, name string) Catalog {
	t.Helper()
	c, err := Builtin().Named(name)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// mustParse reads a hand-made catalog written in the catalog file format,
// so the test catalogs also exercise ParseCatalog.
func mustParse(t testing.TB, js string) Catalog {
	t.Helper()
	c, err := ParseCatalog([]byte(js))
	if err != nil {
		t.Fatalf("hand-made catalog: %v\n%s", err, js)
	}
	return c
}

// Hand-made catalogs. Their figures are chosen to make the arithmetic in
// the tables easy to check by hand, not to match any real tariff.
const (
	// steps bills in hundredths, so fractional prices survive rounding.
	// tiered: 50 free, then additional 1..10 at 1.25, 11..30 at 0.5,
	// 31.. at 0.125.
	stepsJSON = `{"name": "steps", "region": "xx", "currency": "XXX", "currency_decimals": 2,
	 "tax_rate": "0.1", "effective_from": "2024-01-01", "source": "test",
	 "plans": [
	  {"id": "capped", "name": "capped", "name_en": "Capped", "monthly_fee": "10", "free_messages": 100},
	  {"id": "tiered", "name": "tiered", "name_en": "Tiered", "monthly_fee": "25.50", "free_messages": 50,
	   "additional": {"tiers": [{"up_to": 10, "price": "1.25"}, {"up_to": 30, "price": "0.5"}, {"price": "0.125"}]}},
	  {"id": "payg", "name": "payg", "name_en": "Pay as you go", "monthly_fee": "0", "free_messages": 0,
	   "additional": {"tiers": [{"price": "0.333"}]}}]}`

	// tie has two plans that always cost the same (the first listed must
	// win) and a rounding tie: "rough" costs 100.4 at 0 messages, which
	// bills as 100, the same as "even".
	tieJSON = `{"name": "tie", "region": "xx", "currency": "XXX", "currency_decimals": 0,
	 "tax_rate": "0", "effective_from": "2024-02-01", "source": "test",
	 "plans": [
	  {"id": "rough", "name": "rough", "name_en": "Rough", "monthly_fee": "100.4", "free_messages": 10},
	  {"id": "even", "name": "even", "name_en": "Even", "monthly_fee": "100", "free_messages": 10},
	  {"id": "twin-a", "name": "twin-a", "name_en": "Twin A", "monthly_fee": "50", "free_messages": 5,
	   "additional": {"tiers": [{"price": "10"}]}},
	  {"id": "twin-b", "name": "twin-b", "name_en": "Twin B", "monthly_fee": "50", "free_messages": 5,
	   "additional": {"tiers": [{"price": "10"}]}}]}`

	// capped sells no additional messages on any plan: above 20 messages
	// no plan is feasible.
	cappedJSON = `{"name": "capped", "region": "yy", "currency": "XXX", "currency_decimals": 0,
	 "tax_rate": "0.05", "effective_from": "2024-01-01", "source": "test",
	 "plans": [
	  {"id": "small", "name": "small", "name_en": "Small", "monthly_fee": "0", "free_messages": 10},
	  {"id": "big", "name": "big", "name_en": "Big", "monthly_fee": "7", "free_messages": 20}]}`
)

// catalogByName finds a built-in or a hand-made catalog.
func catalogByName(t testing.TB, name string) Catalog {
	t.Helper()
	switch name {
	case "steps":
		return mustParse(t, stepsJSON)
	case "tie":
		return mustParse(t, tieJSON)
	case "capped":
		return mustParse(t, cappedJSON)
	}
	return builtin(t, name)
}

// planOf returns one plan of a catalog.
func planOf(t testing.TB, c Catalog, id string) Plan {
	t.Helper()
	p, ok := c.Plan(id)
	if !ok {
		t.Fatalf("catalog %s has no plan %q", c.Name, id)
	}
	return p
}

// checkQuote asserts the invariants every quote obeys, whatever the plan:
// the messages split into free, additional and undelivered; the bands run
// contiguously from 1 to Additional inside their tiers; band costs and
// band messages sum to AdditionalCost and Additional; Cost = Fee +
// AdditionalCost. It returns a description of the first broken one.
func checkQuote(p Plan, messages int64, q Quote) string {
	switch {
	case q.Messages != messages:
		return "Messages differs from the input"
	case !q.Fee.Equal(p.MonthlyFee):
		return "Fee is not the monthly fee"
	case q.FreeUsed < 0 || q.FreeUsed > p.FreeMessages || q.FreeUsed > messages:
		return "FreeUsed out of range"
	case q.FreeUsed+q.Additional+q.Undelivered != messages:
		return "FreeUsed + Additional + Undelivered != Messages"
	case q.Feasible != (q.Undelivered == 0):
		return "Feasible disagrees with Undelivered"
	case q.Undelivered != 0 && p.SellsAdditional():
		return "a plan that sells additional messages left some undelivered"
	case q.Additional != 0 && !p.SellsAdditional():
		return "a plan without additional messages bought some"
	case (q.Additional > 0 || q.Undelivered > 0) && q.FreeUsed != p.FreeMessages:
		return "messages past the quota while the quota is not used up"
	}
	// Band i is the part of tier i that the additional messages reach: it
	// starts one past the previous tier's bound and ends at the tier's bound
	// or at Additional, whichever comes first. Every tier that starts at or
	// below Additional has its band.
	var n, start int64 = 0, 1
	sum := decimal.Zero
	bands := 0
	for i, t := range p.Tiers {
		if start > q.Additional {
			break
		}
		end := q.Additional
		if t.UpTo != 0 {
			end = min(end, t.UpTo)
		}
		if i >= len(q.Bands) {
			return "a tier the additional messages reach has no band"
		}
		b := q.Bands[i]
		switch {
		case b.From != start || b.To != end:
			return "a band's bounds are not its tier's part"
		case !b.Price.Equal(t.Price):
			return "a band's price is not its tier's"
		case b.Messages() != b.To-b.From+1 || b.Messages() < 1:
			return "a band's message count is wrong"
		case !b.Cost.Equal(b.Price.Mul(decimal.NewFromInt(b.Messages()))):
			return "a band's cost is not messages x price"
		}
		n += b.Messages()
		sum = sum.Add(b.Cost)
		bands++
		start = t.UpTo + 1
	}
	if bands != len(q.Bands) {
		return "more bands than tiers reached"
	}
	switch {
	case n != q.Additional:
		return "band messages do not sum to Additional"
	case !sum.Equal(q.AdditionalCost):
		return "band costs do not sum to AdditionalCost"
	case !q.Cost.Equal(q.Fee.Add(q.AdditionalCost)):
		return "Cost != Fee + AdditionalCost"
	}
	return ""
}
