package pricing

import (
	"fmt"
	"testing"
)

// quoteCase is one Plan.Quote boundary case. Feasible is implied:
// undelivered == 0. These cases also seed the fuzz tests.
type quoteCase struct {
	catalog, plan string
	messages      int64
	freeUsed      int64
	additional    int64
	undelivered   int64
	addCost, cost string // exact, unrounded
}

const e10 = 10_000_000_000 // 10^10 messages

var quoteCases = []quoteCase{
	// tw-2023 Light: 0 fee, 200 free, no additional messages.
	{"tw-2023", "light", 0, 0, 0, 0, "0", "0"},
	{"tw-2023", "light", 200, 200, 0, 0, "0", "0"},
	{"tw-2023", "light", 201, 200, 0, 1, "0", "0"},
	{"tw-2023", "light", 48000, 200, 0, 47800, "0", "0"}, // 48,000 - 200
	{"tw-2023", "light", e10, 200, 0, e10 - 200, "0", "0"},
	// tw-2023 Standard: 800 fee, 3,000 free, no additional messages.
	{"tw-2023", "standard", 0, 0, 0, 0, "0", "800"},
	{"tw-2023", "standard", 3000, 3000, 0, 0, "0", "800"},
	{"tw-2023", "standard", 3001, 3000, 0, 1, "0", "800"},
	{"tw-2023", "standard", 48000, 3000, 0, 45000, "0", "800"}, // 48,000 - 3,000
	// tw-2023 Pro: 1,200 fee, 6,000 free, 0.2 flat (upper bound).
	{"tw-2023", "pro", 0, 0, 0, 0, "0", "1200"},
	{"tw-2023", "pro", 6000, 6000, 0, 0, "0", "1200"},
	{"tw-2023", "pro", 6001, 6000, 1, 0, "0.2", "1200.2"},
	{"tw-2023", "pro", 48000, 6000, 42000, 0, "8400", "9600"},                // 42,000 x 0.2 = 8,400; + 1,200
	{"tw-2023", "pro", e10, 6000, e10 - 6000, 0, "1999998800", "2000000000"}, // 9,999,994,000 x 0.2; + 1,200
	// tw-2019 Light: 0 fee, 500 free, no additional messages.
	{"tw-2019", "light", 500, 500, 0, 0, "0", "0"},
	{"tw-2019", "light", 501, 500, 0, 1, "0", "0"},
	{"tw-2019", "light", 30000, 500, 0, 29500, "0", "0"},
	// tw-2019 Standard: 800 fee, 4,000 free, 0.2 flat.
	{"tw-2019", "standard", 4000, 4000, 0, 0, "0", "800"},
	{"tw-2019", "standard", 4001, 4000, 1, 0, "0.2", "800.2"},
	{"tw-2019", "standard", 20000, 4000, 16000, 0, "3200", "4000"}, // 16,000 x 0.2 = 3,200; + 800
	{"tw-2019", "standard", 30000, 4000, 26000, 0, "5200", "6000"}, // 26,000 x 0.2 = 5,200; + 800
	// tw-2019 Pro: 4,000 fee, 25,000 free, 0.15 flat (upper bound).
	{"tw-2019", "pro", 25000, 25000, 0, 0, "0", "4000"},
	{"tw-2019", "pro", 25001, 25000, 1, 0, "0.15", "4000.15"},
	{"tw-2019", "pro", 30000, 25000, 5000, 0, "750", "4750"}, // 5,000 x 0.15 = 750; + 4,000
	// jp-2019 Free: 0 fee, 1,000 free, no additional messages.
	{"jp-2019", "free", 1000, 1000, 0, 0, "0", "0"},
	{"jp-2019", "free", 1001, 1000, 0, 1, "0", "0"},
	// jp-2019 Light: 5,000 fee, 15,000 free, 5 flat.
	{"jp-2019", "light", 15000, 15000, 0, 0, "0", "5000"},
	{"jp-2019", "light", 15001, 15000, 1, 0, "5", "5005"},
	{"jp-2019", "light", 17000, 15000, 2000, 0, "10000", "15000"},    // 2,000 x 5 = 10,000; + 5,000
	{"jp-2019", "light", 50000, 15000, 35000, 0, "175000", "180000"}, // 35,000 x 5 = 175,000; + 5,000
	// jp-2019 Standard: 15,000 fee, 45,000 free, 3.0 flat (upper bound).
	{"jp-2019", "standard", 45000, 45000, 0, 0, "0", "15000"},
	{"jp-2019", "standard", 45001, 45000, 1, 0, "3", "15003"},
	{"jp-2019", "standard", 50000, 45000, 5000, 0, "15000", "30000"}, // 5,000 x 3 = 15,000; + 15,000
	// jp-2023 Communication: 0 fee, 200 free; Light: 5,000 fee, 5,000 free.
	{"jp-2023", "communication", 0, 0, 0, 0, "0", "0"},
	{"jp-2023", "communication", 200, 200, 0, 0, "0", "0"},
	{"jp-2023", "communication", 201, 200, 0, 1, "0", "0"},
	{"jp-2023", "light", 5000, 5000, 0, 0, "0", "5000"},
	{"jp-2023", "light", 5001, 5000, 0, 1, "0", "5000"},
	{"jp-2023", "light", 100000, 5000, 0, 95000, "0", "5000"},
	// jp-2023 Standard: 15,000 fee, 30,000 free, the tier table (see
	// TestQuoteJP2023StandardTierEdges for every edge).
	{"jp-2023", "standard", 0, 0, 0, 0, "0", "15000"},
	{"jp-2023", "standard", 30000, 30000, 0, 0, "0", "15000"},
	{"jp-2023", "standard", 30001, 30000, 1, 0, "3", "15003"},
	// The line-sm.com example: 70,000 additional = 3 x 50,000 + 2.8 x
	// 20,000 = 150,000 + 56,000 = 206,000; + 15,000 = 221,000.
	{"jp-2023", "standard", 100000, 30000, 70000, 0, "206000", "221000"},
	// 10^10: 9,999,970,000 additional; the first 95,000,000 cost 64,160,000
	// (the running total below), the remaining 9,904,970,000 x 0.15 =
	// 1,485,745,500; 64,160,000 + 1,485,745,500 = 1,549,905,500; + 15,000.
	{"jp-2023", "standard", e10, 30000, e10 - 30000, 0, "1549905500", "1549920500"},

	// tw-2026 (from 2026-11-01) Standard: 1,000 fee, 3,000 free, nothing more.
	{"tw-2026", "standard", 3000, 3000, 0, 0, "0", "1000"},
	{"tw-2026", "standard", 3001, 3000, 0, 1, "0", "1000"},
	// tw-2026 Pro: 1,400 fee, 6,000 free; additional 1..50,000 at 0.2, then
	// 0.15 (the bands count additional messages).
	{"tw-2026", "pro", 6000, 6000, 0, 0, "0", "1400"},
	{"tw-2026", "pro", 6001, 6000, 1, 0, "0.2", "1400.2"},
	{"tw-2026", "pro", 48000, 6000, 42000, 0, "8400", "9800"},                // issue 9's quote: 42,000 x 0.2
	{"tw-2026", "pro", 56000, 6000, 50000, 0, "10000", "11400"},              // the band edge: 50,000 x 0.2
	{"tw-2026", "pro", 56001, 6000, 50001, 0, "10000.15", "11400.15"},        // + 1 x 0.15
	{"tw-2026", "pro", 100000, 6000, 94000, 0, "16600", "18000"},             // line-pricing.md: 10,000 + 44,000 x 0.15
	{"tw-2026", "pro", e10, 6000, e10 - 6000, 0, "1500001600", "1500003000"}, // 10,000 + 9,999,944,000 x 0.15 = 1,499,991,600
	// jp-2026 (from 2026-10-01) Standard: 15,000 fee, 30,000 free;
	// additional 1..200,000 at 3, then 2.5.
	{"jp-2026", "standard", 30000, 30000, 0, 0, "0", "15000"},
	{"jp-2026", "standard", 30001, 30000, 1, 0, "3", "15003"},
	{"jp-2026", "standard", 230000, 30000, 200000, 0, "600000", "615000"},     // 200,000 x 3
	{"jp-2026", "standard", 230001, 30000, 200001, 0, "600002.5", "615002.5"}, // + 1 x 2.5
	{"jp-2026", "standard", 500000, 30000, 470000, 0, "1275000", "1290000"},   // line-pricing.md: 600,000 + 270,000 x 2.5
	{"jp-2026", "light", 5001, 5000, 0, 1, "0", "5000"},
	// th-2024 (THB, satang): Free 0 / 300; Basic 1,280 / 15,000, then 0.10;
	// Pro 1,780 / 35,000, then 0.06.
	{"th-2024", "free", 300, 300, 0, 0, "0", "0"},
	{"th-2024", "free", 301, 300, 0, 1, "0", "0"},
	{"th-2024", "basic", 15000, 15000, 0, 0, "0", "1280"},
	{"th-2024", "basic", 15001, 15000, 1, 0, "0.1", "1280.1"},
	{"th-2024", "basic", 20000, 15000, 5000, 0, "500", "1780"}, // ties with Pro
	{"th-2024", "basic", 35001, 15000, 20001, 0, "2000.1", "3280.1"},
	{"th-2024", "pro", 35000, 35000, 0, 0, "0", "1780"},
	{"th-2024", "pro", 35001, 35000, 1, 0, "0.06", "1780.06"},

	// steps/tiered: 25.50 fee, 50 free; additional 1..10 at 1.25, 11..30
	// at 0.5, 31.. at 0.125.
	{"steps", "tiered", 0, 0, 0, 0, "0", "25.5"},
	{"steps", "tiered", 50, 50, 0, 0, "0", "25.5"},
	{"steps", "tiered", 51, 50, 1, 0, "1.25", "26.75"},
	{"steps", "tiered", 60, 50, 10, 0, "12.5", "38"},       // 10 x 1.25
	{"steps", "tiered", 61, 50, 11, 0, "13", "38.5"},       // 12.5 + 1 x 0.5
	{"steps", "tiered", 80, 50, 30, 0, "22.5", "48"},       // 12.5 + 20 x 0.5
	{"steps", "tiered", 81, 50, 31, 0, "22.625", "48.125"}, // 22.5 + 1 x 0.125
	{"steps", "tiered", 100, 50, 50, 0, "25", "50.5"},      // 22.5 + 20 x 0.125
	// 10^10: 9,999,999,950 additional; 22.5 + (9,999,999,950 - 30) x 0.125
	// = 22.5 + 1,249,999,990 = 1,250,000,012.5; + 25.5.
	{"steps", "tiered", e10, 50, e10 - 50, 0, "1250000012.5", "1250000038"},
	// steps/capped: 10 fee, 100 free, nothing more.
	{"steps", "capped", 100, 100, 0, 0, "0", "10"},
	{"steps", "capped", 101, 100, 0, 1, "0", "10"},
	// steps/payg: no fee, no quota, 0.333 from the first message.
	{"steps", "payg", 0, 0, 0, 0, "0", "0"},
	{"steps", "payg", 1, 0, 1, 0, "0.333", "0.333"},
	{"steps", "payg", 3, 0, 3, 0, "0.999", "0.999"},
	{"steps", "payg", e10, 0, e10, 0, "3330000000", "3330000000"},
}

func TestQuoteBoundaries(t *testing.T) {
	for _, tt := range quoteCases {
		t.Run(fmt.Sprintf("%s/%s/%d", tt.catalog, tt.plan, tt.messages), func(t *testing.T) {
			p := planOf(t, catalogByName(t, tt.catalog), tt.plan)
			q := p.Quote(tt.messages)
			if q.FreeUsed != tt.freeUsed || q.Additional != tt.additional || q.Undelivered != tt.undelivered {
				t.Errorf("free used, additional, undelivered = %d, %d, %d; want %d, %d, %d",
					q.FreeUsed, q.Additional, q.Undelivered, tt.freeUsed, tt.additional, tt.undelivered)
			}
			if want := tt.undelivered == 0; q.Feasible != want {
				t.Errorf("Feasible = %v, want %v", q.Feasible, want)
			}
			if !q.AdditionalCost.Equal(dec(tt.addCost)) {
				t.Errorf("AdditionalCost = %s, want %s", q.AdditionalCost, tt.addCost)
			}
			if !q.Cost.Equal(dec(tt.cost)) {
				t.Errorf("Cost = %s, want %s", q.Cost, tt.cost)
			}
			if msg := checkQuote(p, tt.messages, q); msg != "" {
				t.Errorf("invariant broken: %s: %+v", msg, q)
			}
		})
	}
}

// jp2023Standard lists the jp-2023 Standard tiers with their running
// totals, each computed by hand: total = previous total + (up_to -
// previous up_to) x price. The last column is the price of the next band.
var jp2023Standard = []struct {
	upTo         int64
	price, total string
	next         string
}{
	{50_000, "3.0", "150000", "2.8"},        // 50,000 x 3.0 = 150,000
	{100_000, "2.8", "290000", "2.6"},       // + 50,000 x 2.8 = 140,000
	{200_000, "2.6", "550000", "2.4"},       // + 100,000 x 2.6 = 260,000
	{300_000, "2.4", "790000", "2.2"},       // + 100,000 x 2.4 = 240,000
	{400_000, "2.2", "1010000", "2.0"},      // + 100,000 x 2.2 = 220,000
	{500_000, "2.0", "1210000", "1.9"},      // + 100,000 x 2.0 = 200,000
	{600_000, "1.9", "1400000", "1.8"},      // + 100,000 x 1.9 = 190,000
	{700_000, "1.8", "1580000", "1.7"},      // + 100,000 x 1.8 = 180,000
	{800_000, "1.7", "1750000", "1.6"},      // + 100,000 x 1.7 = 170,000
	{900_000, "1.6", "1910000", "1.5"},      // + 100,000 x 1.6 = 160,000
	{1_000_000, "1.5", "2060000", "1.4"},    // + 100,000 x 1.5 = 150,000
	{3_000_000, "1.4", "4860000", "1.3"},    // + 2,000,000 x 1.4 = 2,800,000
	{5_000_000, "1.3", "7460000", "1.2"},    // + 2,000,000 x 1.3 = 2,600,000
	{7_000_000, "1.2", "9860000", "1.1"},    // + 2,000,000 x 1.2 = 2,400,000
	{10_000_000, "1.1", "13160000", "1.0"},  // + 3,000,000 x 1.1 = 3,300,000
	{15_000_000, "1.0", "18160000", "0.95"}, // + 5,000,000 x 1.0 = 5,000,000
	{20_000_000, "0.95", "22910000", "0.9"}, // + 5,000,000 x 0.95 = 4,750,000
	{25_000_000, "0.9", "27410000", "0.85"}, // + 5,000,000 x 0.9 = 4,500,000
	{30_000_000, "0.85", "31660000", "0.8"}, // + 5,000,000 x 0.85 = 4,250,000
	{35_000_000, "0.8", "35660000", "0.75"}, // + 5,000,000 x 0.8 = 4,000,000
	{40_000_000, "0.75", "39410000", "0.7"}, // + 5,000,000 x 0.75 = 3,750,000
	{45_000_000, "0.7", "42910000", "0.65"}, // + 5,000,000 x 0.7 = 3,500,000
	{50_000_000, "0.65", "46160000", "0.6"}, // + 5,000,000 x 0.65 = 3,250,000
	{55_000_000, "0.6", "49160000", "0.55"}, // + 5,000,000 x 0.6 = 3,000,000
	{60_000_000, "0.55", "51910000", "0.5"}, // + 5,000,000 x 0.55 = 2,750,000
	{65_000_000, "0.5", "54410000", "0.45"}, // + 5,000,000 x 0.5 = 2,500,000
	{70_000_000, "0.45", "56660000", "0.4"}, // + 5,000,000 x 0.45 = 2,250,000
	{75_000_000, "0.4", "58660000", "0.35"}, // + 5,000,000 x 0.4 = 2,000,000
	{80_000_000, "0.35", "60410000", "0.3"}, // + 5,000,000 x 0.35 = 1,750,000
	{85_000_000, "0.3", "61910000", "0.25"}, // + 5,000,000 x 0.3 = 1,500,000
	{90_000_000, "0.25", "63160000", "0.2"}, // + 5,000,000 x 0.25 = 1,250,000
	{95_000_000, "0.2", "64160000", "0.15"}, // + 5,000,000 x 0.2 = 1,000,000
}

// TestQuoteJP2023StandardTierEdges checks the catalog's tier table against
// line-pricing.md and prices every edge: up_to additional messages cost
// the running total; one more costs the next band's price on top.
func TestQuoteJP2023StandardTierEdges(t *testing.T) {
	c := builtin(t, "jp-2023")
	p := planOf(t, c, "standard")
	if len(p.Tiers) != len(jp2023Standard)+1 {
		t.Fatalf("%d tiers, want %d", len(p.Tiers), len(jp2023Standard)+1)
	}
	for i, e := range jp2023Standard {
		if p.Tiers[i].UpTo != e.upTo || !p.Tiers[i].Price.Equal(dec(e.price)) {
			t.Errorf("tier %d = %d at %s, want %d at %s", i, p.Tiers[i].UpTo, p.Tiers[i].Price, e.upTo, e.price)
		}
	}
	if last := p.Tiers[len(p.Tiers)-1]; last.UpTo != 0 || !last.Price.Equal(dec("0.15")) {
		t.Errorf("last tier = %d at %s, want open at 0.15", last.UpTo, last.Price)
	}
	fee := dec("15000")
	for i, e := range jp2023Standard {
		// At the edge: up_to additional messages, i+1 bands, the last ending at up_to.
		m := 30_000 + e.upTo
		q := p.Quote(m)
		if !q.AdditionalCost.Equal(dec(e.total)) || !q.Cost.Equal(fee.Add(dec(e.total))) {
			t.Errorf("%d messages: additional cost %s, cost %s; want %s, 15000 + %s", m, q.AdditionalCost, q.Cost, e.total, e.total)
		}
		if len(q.Bands) != i+1 || q.Bands[i].To != e.upTo || !q.Bands[i].Price.Equal(dec(e.price)) {
			t.Errorf("%d messages: bands %+v", m, q.Bands)
		}
		if msg := checkQuote(p, m, q); msg != "" {
			t.Errorf("%d messages: %s", m, msg)
		}
		// One past the edge: one message in the next band.
		q = p.Quote(m + 1)
		want := dec(e.total).Add(dec(e.next))
		if !q.AdditionalCost.Equal(want) || !q.Cost.Equal(fee.Add(want)) {
			t.Errorf("%d messages: additional cost %s, want %s", m+1, q.AdditionalCost, want)
		}
		if len(q.Bands) != i+2 || q.Bands[i+1].From != e.upTo+1 || q.Bands[i+1].To != e.upTo+1 || !q.Bands[i+1].Cost.Equal(dec(e.next)) {
			t.Errorf("%d messages: bands %+v", m+1, q.Bands)
		}
		if msg := checkQuote(p, m+1, q); msg != "" {
			t.Errorf("%d messages: %s", m+1, msg)
		}
	}
}

func TestQuoteBands(t *testing.T) {
	// steps/tiered at 81 messages: 31 additional in three bands.
	p := planOf(t, mustParse(t, stepsJSON), "tiered")
	q := p.Quote(81)
	want := []Band{
		{From: 1, To: 10, Price: dec("1.25"), Cost: dec("12.5")},
		{From: 11, To: 30, Price: dec("0.5"), Cost: dec("10")},
		{From: 31, To: 31, Price: dec("0.125"), Cost: dec("0.125")},
	}
	if len(q.Bands) != len(want) {
		t.Fatalf("bands = %+v, want %+v", q.Bands, want)
	}
	for i, b := range q.Bands {
		w := want[i]
		if b.From != w.From || b.To != w.To || !b.Price.Equal(w.Price) || !b.Cost.Equal(w.Cost) {
			t.Errorf("band %d = %+v, want %+v", i, b, w)
		}
	}
	if n := q.Bands[1].Messages(); n != 20 {
		t.Errorf("band 1 Messages() = %d, want 20", n)
	}
	// No additional messages: no bands at all, and an infeasible plan has none either.
	if q := p.Quote(50); len(q.Bands) != 0 {
		t.Errorf("at the quota: bands %+v", q.Bands)
	}
	if q := planOf(t, mustParse(t, stepsJSON), "capped").Quote(1000); len(q.Bands) != 0 || q.Plan.ID != "capped" {
		t.Errorf("infeasible: bands %+v, plan %q", q.Bands, q.Plan.ID)
	}
}
