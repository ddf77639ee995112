package pricing

import (
	"cmp"
	"errors"
	"math"
	"math/big"
	"math/bits"
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
	for _, w := range weights {
		if w < 0 {
			return nil, errors.New("allocate: negative weight")
		}
	}
	parts := make([]decimal.Decimal, len(weights))
	if units.LessThanOrEqual(decimal.NewFromInt(math.MaxInt64)) {
		if shares, ok := allocate64(uint64(units.IntPart()), weights); ok {
			if shares == nil {
				return nil, errZeroWeights
			}
			for i, s := range shares {
				parts[i] = decimal.New(int64(s), -decimals) // s <= units <= MaxInt64
			}
			return parts, nil
		}
	}
	shares := allocateBig(units.BigInt(), weights)
	if shares == nil {
		return nil, errZeroWeights
	}
	for i, s := range shares {
		parts[i] = decimal.NewFromBigInt(s, -decimals)
	}
	return parts, nil
}

var errZeroWeights = errors.New("allocate: a non-zero amount cannot be split over zero weights")

// allocate64 is the largest-remainder split of u units in 64-bit integer
// arithmetic: u x w is computed in 128 bits and divided by the sum of the
// weights with bits.Div64, exactly. ok is false when the weights sum to
// more than 64 bits (allocateBig then does the work); the shares are nil
// when the weights sum to 0 while u does not.
func allocate64(u uint64, weights []int64) (shares []uint64, ok bool) {
	var sum, carry uint64
	for _, w := range weights {
		sum, carry = bits.Add64(sum, uint64(w), 0)
		if carry != 0 {
			return nil, false
		}
	}
	if sum == 0 {
		if u != 0 {
			return nil, true
		}
		return make([]uint64, len(weights)), true
	}
	shares = make([]uint64, len(weights))
	rems := make([]uint64, len(weights))
	left := u
	for i, w := range weights {
		hi, lo := bits.Mul64(u, uint64(w))
		shares[i], rems[i] = bits.Div64(hi, lo, sum) // hi < sum because w <= sum
		left -= shares[i]
	}
	for _, i := range largestFirst(len(weights), func(a, b int) int { return cmp.Compare(rems[b], rems[a]) })[:left] {
		shares[i]++
	}
	return shares, true
}

// allocateBig is allocate64 for amounts beyond 64 bits.
func allocateBig(u *big.Int, weights []int64) []*big.Int {
	sum := new(big.Int)
	for _, w := range weights {
		sum.Add(sum, big.NewInt(w))
	}
	if sum.Sign() == 0 {
		if u.Sign() != 0 {
			return nil
		}
		sum.SetInt64(1) // every share is 0 x u / 1
	}
	shares := make([]*big.Int, len(weights))
	rems := make([]*big.Int, len(weights))
	left := new(big.Int).Set(u)
	for i, w := range weights {
		shares[i], rems[i] = new(big.Int).QuoRem(new(big.Int).Mul(u, big.NewInt(w)), sum, new(big.Int))
		left.Sub(left, shares[i])
	}
	for _, i := range largestFirst(len(weights), func(a, b int) int { return rems[b].Cmp(rems[a]) })[:left.Int64()] {
		shares[i].Add(shares[i], big.NewInt(1))
	}
	return shares
}

// largestFirst returns the indexes 0..n-1 ordered by cmp, ties in index
// order. The units left over after the floors are fewer than the parts
// with a remainder, so they never reach a part with weight 0.
func largestFirst(n int, cmp func(a, b int) int) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, cmp)
	return order
}
