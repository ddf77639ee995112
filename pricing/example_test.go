package pricing_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"linecost/pricing"
)

// The jp-2023 Standard plan at 100,000 messages: 30,000 free, then 70,000
// additional priced band by band.
func ExamplePlan_Quote() {
	c, _ := pricing.Builtin().Named("jp-2023")
	p, _ := c.Plan("standard")
	q := p.Quote(100_000)
	fmt.Printf("fee %s, free %d, additional %d\n", q.Fee, q.FreeUsed, q.Additional)
	for _, b := range q.Bands {
		fmt.Printf("  %d-%d: %d x %s = %s\n", b.From, b.To, b.Messages(), b.Price, b.Cost)
	}
	fmt.Printf("cost %s %s\n", q.Cost, c.Currency)
	// Output:
	// fee 15000, free 30000, additional 70000
	//   1-50000: 50000 x 3 = 150000
	//   50001-70000: 20000 x 2.8 = 56000
	// cost 221000 JPY
}

// Every tw-2023 plan at 48,000 messages: Light and Standard stop at their
// quotas; Pro buys 42,000 additional messages.
func ExampleEvaluate() {
	c, _ := pricing.Builtin().Named("tw-2023")
	e := pricing.Evaluate(48_000, c)
	for i, o := range e.Options {
		mark := " "
		if i == e.Best {
			mark = "*"
		}
		if !o.Feasible {
			fmt.Printf("%s %-8s infeasible: %d undelivered\n", mark, o.Plan.ID, o.Undelivered)
			continue
		}
		fmt.Printf("%s %-8s %s + tax %s = %s\n", mark, o.Plan.ID, o.Charge.Cost, o.Charge.Tax, o.Charge.Total)
	}
	// Output:
	//   light    infeasible: 47800 undelivered
	//   standard infeasible: 45000 undelivered
	// * pro      9600 + tax 480 = 10080
}

// The cost is rounded half-up once, and the tax is computed on the rounded
// cost: 4,750 TWD at 5% is 237.5, billed 238.
func ExampleCatalog_Charge() {
	c, _ := pricing.Builtin().Named("tw-2019")
	ch := c.Charge(decimal.RequireFromString("4750"))
	fmt.Println(ch.Cost, ch.Tax, ch.Total)
	ch = c.Charge(decimal.RequireFromString("4000.6"))
	fmt.Println(ch.Cost, ch.Tax, ch.Total)
	// Output:
	// 4750 238 4988
	// 4001 200 4201
}

// A bill of 100 split over three equal campaigns: the parts add up to the
// total, and the leftover unit goes to the first.
func ExampleAllocate() {
	parts, _ := pricing.Allocate(decimal.NewFromInt(100), 0, []int64{1, 1, 1})
	fmt.Println(parts)
	parts, _ = pricing.Allocate(decimal.RequireFromString("10.00"), 2, []int64{3, 0, 1})
	fmt.Println(parts)
	// Output:
	// [34 33 33]
	// [7.5 0 2.5]
}

// tw-2023 took effect on 2023-09-01; tw-2019 on 2019-04-18, so the first
// whole month it covers is 2019-05.
func ExampleCatalogs_ForMonth() {
	cs := pricing.Builtin()
	for _, s := range []string{"2023-08", "2023-09", "2019-04"} {
		m, _ := pricing.ParseMonth(s)
		c, err := cs.ForMonth("tw", m)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(m, c.Name)
	}
	// Output:
	// 2023-08 tw-2019
	// 2023-09 tw-2023
	// 2019-04 is before the first tw catalog (tw-2019, from 2019-04-18): covered months are 2019-05 onward
}
