package pricing

import (
	"fmt"
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// allocateCases also seed FuzzAllocate.
var allocateCases = []struct {
	total    string
	decimals int32
	weights  []int64
	want     string // the parts joined by spaces, or the exact error
	err      bool
}{
	{"10080", 0, []int64{1, 1, 1}, "3360 3360 3360", false},
	// 100/3 = 33.33 each: floors 33 x 3 = 99; the one unit left goes to
	// the earliest of three equal remainders.
	{"100", 0, []int64{1, 1, 1}, "34 33 33", false},
	{"2", 0, []int64{1, 1, 1}, "1 1 0", false},
	{"1", 0, []int64{1, 1}, "1 0", false},
	// 100 x 3/7 = 42.857, 100 x 1/7 = 14.286: floors 42 + 42 + 14 = 98;
	// remainders 6/7, 6/7, 2/7: the two units go to the first two.
	{"100", 0, []int64{3, 3, 1}, "43 43 14", false},
	// 10 x 1/7 = 1.43, 10 x 6/7 = 8.57: the larger remainder wins, not the earlier part.
	{"10", 0, []int64{1, 6}, "1 9", false},
	{"10", 0, []int64{1, 2, 3, 4}, "1 2 3 4", false},
	// In hundredths: 100.00 / 3 = 33.333...
	{"100", 2, []int64{1, 1, 1}, "33.34 33.33 33.33", false},
	{"0.05", 2, []int64{1, 1, 1, 1, 1, 1}, "0.01 0.01 0.01 0.01 0.01 0", false},
	{"12.3", 1, []int64{2, 1}, "8.2 4.1", false},
	// Zero weights get nothing, even when units are left over.
	{"7", 0, []int64{0, 1, 1}, "0 4 3", false},
	{"100", 0, []int64{0, 1, 0, 1}, "0 50 0 50", false},
	{"1", 0, []int64{0, 0, 1}, "0 0 1", false},
	{"0", 0, []int64{1, 2}, "0 0", false},
	{"0", 2, []int64{0, 0}, "0 0", false},
	{"0", 0, nil, "", false},
	// 10^12 over weights summing to 2^64 - 1: exact shares just below
	// 500,000,000,000 each and 0.000000054 for the last; two units left
	// go to the two large remainders.
	{"1000000000000", 0, []int64{math.MaxInt64, math.MaxInt64, 1}, "500000000000 500000000000 0", false},
	{"100.5", 0, []int64{1, 1}, "allocate: total must be a non-negative whole number of billing units", true},
	{"0.001", 2, []int64{1}, "allocate: total must be a non-negative whole number of billing units", true},
	{"-1", 0, []int64{1, 1}, "allocate: total must be a non-negative whole number of billing units", true},
	{"5", 0, []int64{1, -1}, "allocate: negative weight", true},
	{"5", 0, []int64{0, 0}, "allocate: a non-zero amount cannot be split over zero weights", true},
	{"5", 0, nil, "allocate: a non-zero amount cannot be split over zero weights", true},
}

// TestAllocateManyTies: with many equal remainders the leftover units go
// to the earliest parts, in order (a sort that is not stable would scatter
// them).
func TestAllocateManyTies(t *testing.T) {
	for _, n := range []int{13, 40, 200} {
		weights := make([]int64, n)
		for i := range weights {
			weights[i] = 1 + int64(i%2)*int64(n) // 1, n+1, 1, n+1, ...
		}
		// Many parts of two sizes: checked against the stated property.
		parts, err := Allocate(decimal.NewFromInt(int64(n)*7+3), 0, weights)
		if err != nil {
			t.Fatal(err)
		}
		if msg := checkAllocation(decimal.NewFromInt(int64(n)*7+3), 0, weights, parts); msg != "" {
			t.Errorf("%d parts: %s", n, msg)
		}
		ones := make([]int64, n)
		for i := range ones {
			ones[i] = 1
		}
		// n parts of weight 1 share n/2 + n units: each gets 1, and the
		// n/2 left over go to the first n/2 parts.
		total := int64(n + n/2)
		parts, err = Allocate(decimal.NewFromInt(total), 0, ones)
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range parts {
			want := int64(1)
			if i < n/2 {
				want = 2
			}
			if !p.Equal(decimal.NewFromInt(want)) {
				t.Errorf("%d equal parts of %d: part %d = %s, want %d", n, total, i, p, want)
			}
		}
	}
}

func TestAllocate(t *testing.T) {
	for _, tt := range allocateCases {
		name := fmt.Sprintf("%s/%d/%v", tt.total, tt.decimals, tt.weights)
		parts, err := Allocate(dec(tt.total), tt.decimals, tt.weights)
		if tt.err {
			if err == nil || err.Error() != tt.want {
				t.Errorf("%s: error = %v, want %s", name, err, tt.want)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var want []string
		if tt.want != "" {
			want = strings.Split(tt.want, " ")
		}
		if len(parts) != len(want) {
			t.Errorf("%s: %v, want %s", name, parts, tt.want)
			continue
		}
		for i, p := range parts {
			if !p.Equal(dec(want[i])) {
				t.Errorf("%s: part %d = %s, want %s", name, i, p, want[i])
			}
		}
		if msg := checkAllocation(dec(tt.total), tt.decimals, tt.weights, parts); msg != "" {
			t.Errorf("%s: %s", name, msg)
		}
	}
}

// checkAllocation states what Allocate promises: the parts sum exactly to
// the total, each is a whole number of units within one unit of its exact
// share (never below its floor), a zero weight gets 0, and the leftover
// units went to the largest remainders, the earliest part on a tie.
func checkAllocation(total decimal.Decimal, decimals int32, weights []int64, parts []decimal.Decimal) string {
	if len(parts) != len(weights) {
		return "one part per weight"
	}
	sum := decimal.Zero
	u := total.Shift(decimals).BigInt()
	wsum := new(big.Int)
	for _, w := range weights {
		wsum.Add(wsum, big.NewInt(w))
	}
	if wsum.Sign() == 0 {
		for i, p := range parts {
			if !p.IsZero() {
				return fmt.Sprintf("part %d gets %s from zero weights", i, p)
			}
		}
		if !total.IsZero() {
			return "a non-zero total split over zero weights"
		}
		return ""
	}
	type extra struct {
		rem *big.Int
		got bool
	}
	var ex []extra
	for i, p := range parts {
		sum = sum.Add(p)
		pu := p.Shift(decimals)
		if !pu.IsInteger() {
			return fmt.Sprintf("part %d (%s) is not a whole number of units", i, p)
		}
		if weights[i] == 0 && !p.IsZero() {
			return fmt.Sprintf("part %d has weight 0 but gets %s", i, p)
		}
		// floor = u x w / wsum, rem = u x w mod wsum; the part is floor or floor+1.
		floor, rem := new(big.Int).QuoRem(new(big.Int).Mul(u, big.NewInt(weights[i])), wsum, new(big.Int))
		switch d := new(big.Int).Sub(pu.BigInt(), floor); {
		case d.Sign() == 0:
			ex = append(ex, extra{rem, false})
		case d.Cmp(big.NewInt(1)) == 0 && rem.Sign() > 0:
			ex = append(ex, extra{rem, true})
		default:
			return fmt.Sprintf("part %d (%s) is not within one unit above its exact share", i, p)
		}
	}
	if !sum.Equal(total) {
		return fmt.Sprintf("parts sum to %s, not %s", sum, total)
	}
	// Largest remainder, earliest on a tie: a part that got a unit never
	// has a smaller remainder than one that did not, nor an equal one
	// while listed after it.
	for i, a := range ex {
		for j, b := range ex {
			if a.got && !b.got {
				if c := a.rem.Cmp(b.rem); c < 0 || (c == 0 && i > j) {
					return fmt.Sprintf("part %d got a leftover unit before part %d", i, j)
				}
			}
		}
	}
	return ""
}

// Amounts beyond 64 bits take the big-integer path and follow the same
// rules: 10^25 + 1 units over weights 1 and 2 give floors 3333...3 and
// 6666...7 (remainders 2 and 1, in thirds), which sum to 10^25; the one
// unit left goes to the larger remainder, the first part.
func TestAllocateBeyond64Bits(t *testing.T) {
	total := dec("10000000000000000000000001")
	parts, err := Allocate(total, 0, []int64{1, 2, 0})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"3333333333333333333333334", "6666666666666666666666667", "0"}
	for i, p := range parts {
		if p.String() != want[i] {
			t.Errorf("part %d = %s, want %s", i, p, want[i])
		}
	}
	if _, err := Allocate(total, 0, []int64{0, 0}); err == nil {
		t.Error("a non-zero amount over zero weights: no error")
	}
}
