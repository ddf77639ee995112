package pricing

import (
	"errors"
	"math/big"
	"slices"

	"github.com/shopspring/decimal"
)

// Allocate splits total, an amount already rounded to decimals, into parts
// proportional to weights (>= 0) by the largest-remainder method in units
// of 10^-decimals: each part first gets the floor of its exact share, and
// the units left over go one each to the parts with the largest remainders,
// the earliest part winning a tie. The parts always sum exactly to total,
// and a part with weight 0 gets 0.
//
// Allocate fails when total is not a whole number of units, is negative,
// or is non-zero while every weight is 0.
func Allocate(total decimal.Decimal, decimals int32, weights []int64) ([]decimal.Decimal, error) {
	units := total.Shift(decimals)
	if !units.IsInteger() || units.IsNegative() {
		return nil, errors.New("allocate: total must be a non-negative whole number of billing units")
	}
	u := units.BigInt()
	sum := new(big.Int)
	for _, w := range weights {
		if w < 0 {
			return nil, errors.New("allocate: negative weight")
		}
		sum.Add(sum, big.NewInt(w))
	}
	parts := make([]decimal.Decimal, len(weights))
	if sum.Sign() == 0 {
		if u.Sign() != 0 {
			return nil, errors.New("allocate: a non-zero amount cannot be split over zero weights")
		}
		for i := range parts {
			parts[i] = decimal.New(0, -decimals)
		}
		return parts, nil
	}
	shares := make([]*big.Int, len(weights))
	rems := make([]*big.Int, len(weights))
	left := new(big.Int).Set(u)
	for i, w := range weights {
		q, r := new(big.Int).QuoRem(new(big.Int).Mul(u, big.NewInt(w)), sum, new(big.Int))
		shares[i], rems[i] = q, r
		left.Sub(left, q)
	}
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return rems[b].Cmp(rems[a]) })
	for _, i := range order[:left.Int64()] {
		shares[i].Add(shares[i], big.NewInt(1))
	}
	for i, s := range shares {
		parts[i] = decimal.NewFromBigInt(s, -decimals)
	}
	return parts, nil
}
