package pricing

import (
	"errors"
	"fmt"
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
)

// Send is one planned send to one audience: the figures LINE counts
// messages from.
type Send struct {
	Friends int64   // target friends in the audience
	Blocked int64   // of those, friends who blocked the account: never counted
	Sends   int64   // how many times the send goes out
	Bubbles int64   // bubbles (message objects) per send
	Channel Channel // decides the bubble limit of one send
}

// SendsPerBubbleSet is how many sends it takes to deliver all of s.Bubbles:
// ceil(Bubbles / limit). It is 1 while the bubbles fit in one send.
func (s Send) SendsPerBubbleSet() int64 {
	limit := s.Channel.BubbleLimit()
	if s.Bubbles <= limit {
		return 1
	}
	return (s.Bubbles-1)/limit + 1 // not (Bubbles+limit-1)/limit: that overflows near MaxInt64
}

// ErrTooLarge is returned when a message count does not fit in an int64.
var ErrTooLarge = errors.New("message count too large")

// Messages is the billable message count of s:
// Sends x (Friends - Blocked) x ceil(Bubbles / limit).
func (s Send) Messages() (int64, error) {
	switch {
	case s.Friends < 0, s.Blocked < 0:
		return 0, fmt.Errorf("negative audience: friends %d, blocked %d", s.Friends, s.Blocked)
	case s.Blocked > s.Friends:
		return 0, fmt.Errorf("blocked (%d) exceeds friends (%d)", s.Blocked, s.Friends)
	case s.Sends < 1:
		return 0, fmt.Errorf("sends must be at least 1, not %d", s.Sends)
	case s.Bubbles < 1:
		return 0, fmt.Errorf("bubbles must be at least 1, not %d", s.Bubbles)
	}
	n, ok := mul(s.Sends, s.Friends-s.Blocked)
	if ok {
		n, ok = mul(n, s.SendsPerBubbleSet())
	}
	if !ok {
		return 0, ErrTooLarge
	}
	return n, nil
}

// BlockedShare turns a blocked percentage into a count of friends:
// friends x percent / 100, rounded half-up. percent must be within 0..100.
func BlockedShare(friends int64, percent decimal.Decimal) (int64, error) {
	if n, ok := blockedShareInt(friends, percent); ok {
		return n, nil
	}
	if percent.IsNegative() || percent.GreaterThan(decimal.NewFromInt(100)) {
		return 0, fmt.Errorf("percentage out of range 0..100: %s", percent)
	}
	n := decimal.NewFromInt(friends).Mul(percent).Shift(-2).Round(0)
	return n.IntPart(), nil
}

// blockedShareInt is BlockedShare in integers, without the allocations
// of decimal arithmetic (a plan of a million rows with percentages calls it
// a million times): for friends >= 0 and a percentage of at most 6
// decimals within 0..100, which is what plans write. It reports false for
// anything else, which the decimal arithmetic handles (and rejects).
func blockedShareInt(friends int64, percent decimal.Decimal) (int64, bool) {
	e := percent.Exponent()
	if friends < 0 || e > 0 || e < -6 || percent.NumDigits() > 18 {
		return 0, false
	}
	c, den := percent.CoefficientInt64(), int64(100) // percent = c / 10^-e; share = friends x c / den
	for range -e {
		den *= 10
	}
	if c < 0 || c > den {
		return 0, false
	}
	// friends x c <= friends x den: its high word is below den, as Div64
	// needs.
	hi, lo := bits.Mul64(uint64(friends), uint64(c))
	q, r := bits.Div64(hi, lo, uint64(den))
	if 2*r >= uint64(den) { // half-up; q+1 <= friends, since r > 0 means c < den
		q++
	}
	return int64(q), true
}

// mul multiplies two non-negative int64 values and reports whether the
// product fits.
func mul(a, b int64) (int64, bool) {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	return int64(lo), true
}
