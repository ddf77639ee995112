package pricing

import "github.com/shopspring/decimal"

// Charge is a month's bill in the currency's billing unit.
type Charge struct {
	Cost  decimal.Decimal // tax-exclusive cost, rounded
	Tax   decimal.Decimal // Cost x tax rate, rounded
	Total decimal.Decimal // Cost + Tax
}

// Round is linecost's one rounding step: half-up (away from zero; money
// here is never negative) to the currency's billing decimals.
func (c Catalog) Round(amount decimal.Decimal) decimal.Decimal {
	return amount.Round(c.CurrencyDecimals)
}

// Charge turns an exact, unrounded monthly cost into the bill: the cost is
// rounded once, the tax is computed on the rounded cost and rounded, and
// the total is their sum. See the package documentation for an example.
func (c Catalog) Charge(cost decimal.Decimal) Charge {
	rc := c.Round(cost)
	tax := c.Round(rc.Mul(c.TaxRate))
	return Charge{Cost: rc, Tax: tax, Total: rc.Add(tax)}
}
