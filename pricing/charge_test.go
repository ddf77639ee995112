package pricing

import "testing"

// chargeCases: the cost is rounded half-up to the billing decimals once;
// the tax is the rounded cost x the rate, rounded half-up; total = cost + tax.
var chargeCases = []struct {
	decimals       int32
	rate           string
	cost           string // exact, unrounded
	rc, tax, total string
}{
	{0, "0.05", "0", "0", "0", "0"},
	{0, "0.05", "100.5", "101", "5", "106"},                       // .5 rounds up; 101 x 0.05 = 5.05 -> 5
	{0, "0.05", "100.4999", "100", "5", "105"},                    // just below .5 rounds down
	{0, "0.05", "9.5", "10", "1", "11"},                           // 10 x 0.05 = 0.5 -> 1: half-up on the tax too
	{0, "0.1", "4.5", "5", "1", "6"},                              // tax on the rounded cost: 5 x 0.1 = 0.5 -> 1 (4.5 x 0.1 = 0.45 would give 0)
	{0, "0.05", "4750", "4750", "238", "4988"},                    // tw-2019 Pro at 30,000: 4,750 x 0.05 = 237.5 -> 238
	{0, "0.05", "9600", "9600", "480", "10080"},                   // tw-2023 Pro at 48,000
	{0, "0.10", "221000", "221000", "22100", "243100"},            // jp-2023 Standard at 100,000
	{0, "0.10", "18175000.95", "18175001", "1817500", "19992501"}, // 18,175,001 x 0.1 = 1,817,500.1 -> 1,817,500
	{0, "0", "100.4", "100", "0", "100"},
	{2, "0.1", "12.345", "12.35", "1.24", "13.59"},    // 12.35 x 0.1 = 1.235 -> 1.24 (12.345 x 0.1 = 1.2345 would give 1.23)
	{2, "0.1", "12.344999", "12.34", "1.23", "13.57"}, // 12.34 x 0.1 = 1.234 -> 1.23
	{2, "0.1", "0.005", "0.01", "0", "0.01"},          // 0.01 x 0.1 = 0.001 -> 0
	{2, "0.1", "0.004", "0", "0", "0"},
	{2, "0.1", "50.625", "50.63", "5.06", "55.69"}, // 50.63 x 0.1 = 5.063 -> 5.06
	{2, "0.05", "0.1", "0.1", "0.01", "0.11"},      // 0.1 x 0.05 = 0.005 -> 0.01
}

func TestCharge(t *testing.T) {
	for _, tt := range chargeCases {
		c := Catalog{CurrencyDecimals: tt.decimals, TaxRate: dec(tt.rate)}
		got := c.Charge(dec(tt.cost))
		if !got.Cost.Equal(dec(tt.rc)) || !got.Tax.Equal(dec(tt.tax)) || !got.Total.Equal(dec(tt.total)) {
			t.Errorf("%d decimals, tax %s: Charge(%s) = %s + %s = %s, want %s + %s = %s",
				tt.decimals, tt.rate, tt.cost, got.Cost, got.Tax, got.Total, tt.rc, tt.tax, tt.total)
		}
		for _, v := range []struct {
			name string
			exp  int32
		}{{"cost", got.Cost.Exponent()}, {"tax", got.Tax.Exponent()}, {"total", got.Total.Exponent()}} {
			if v.exp < -tt.decimals {
				t.Errorf("Charge(%s).%s has exponent %d, finer than %d decimals", tt.cost, v.name, v.exp, tt.decimals)
			}
		}
		if r := c.Round(dec(tt.cost)); !r.Equal(dec(tt.rc)) {
			t.Errorf("Round(%s) = %s, want %s", tt.cost, r, tt.rc)
		}
	}
}
