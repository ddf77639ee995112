package pricing

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

func TestParseChannel(t *testing.T) {
	tests := []struct {
		in    string
		want  Channel
		limit int64
	}{
		{"manager", Manager, 3},
		{"  OA   Manager ", Manager, 3},
		{"oa", Manager, 3},
		{"後台", Manager, 3},
		{"api", API, 5},
		{"API", API, 5},
		{"push", API, 5},
		{"Messaging\tAPI", API, 5},
	}
	for _, tt := range tests {
		got, err := ParseChannel(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseChannel(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if got.BubbleLimit() != tt.limit {
			t.Errorf("%v.BubbleLimit() = %d, want %d", got, got.BubbleLimit(), tt.limit)
		}
	}
	for _, in := range []string{"", "line", "messaging-api", "apis"} {
		_, err := ParseChannel(in)
		want := `not a channel (want manager or api): "` + in + `"`
		if err == nil || err.Error() != want {
			t.Errorf("ParseChannel(%q) error = %v, want %s", in, err, want)
		}
	}
	if Manager.String() != "manager" || API.String() != "api" {
		t.Errorf("String: %q, %q", Manager, API)
	}
}

// sendCases are Send.Messages cases; they also seed FuzzSendMessages.
var sendCases = []struct {
	name string
	send Send
	want int64
	err  string // exact error text; "" for none
}{
	// sends x (friends - blocked) x ceil(bubbles / limit)
	{"one bubble", Send{Friends: 12000, Sends: 4, Bubbles: 1}, 4 * 12000 * 1, ""},
	{"blocked not counted", Send{Friends: 12000, Blocked: 2000, Sends: 4, Bubbles: 1}, 4 * 10000 * 1, ""},
	{"manager 3 bubbles fit one send", Send{Friends: 100, Sends: 2, Bubbles: 3, Channel: Manager}, 2 * 100 * 1, ""},
	{"manager 4 bubbles need two sends", Send{Friends: 100, Sends: 2, Bubbles: 4, Channel: Manager}, 2 * 100 * 2, ""},
	{"manager 6 bubbles need two sends", Send{Friends: 100, Sends: 2, Bubbles: 6, Channel: Manager}, 2 * 100 * 2, ""},
	{"manager 7 bubbles need three sends", Send{Friends: 100, Sends: 2, Bubbles: 7, Channel: Manager}, 2 * 100 * 3, ""},
	{"api 5 bubbles fit one send", Send{Friends: 100, Sends: 2, Bubbles: 5, Channel: API}, 2 * 100 * 1, ""},
	{"api 6 bubbles need two sends", Send{Friends: 100, Sends: 2, Bubbles: 6, Channel: API}, 2 * 100 * 2, ""},
	{"api 11 bubbles need three sends", Send{Friends: 100, Sends: 2, Bubbles: 11, Channel: API}, 2 * 100 * 3, ""},
	{"everyone blocked", Send{Friends: 50, Blocked: 50, Sends: 3, Bubbles: 1}, 0, ""},
	{"no friends", Send{Friends: 0, Sends: 1, Bubbles: 1}, 0, ""},
	{"largest that fits", Send{Friends: math.MaxInt64, Sends: 1, Bubbles: 1}, math.MaxInt64, ""},
	// ceil(MaxInt64 / 3) = 3074457345618258603 fits in an int64.
	{"huge bubble count", Send{Friends: 1, Sends: 1, Bubbles: math.MaxInt64, Channel: Manager}, 3074457345618258603, ""},
	{"huge bubble count api", Send{Friends: 2, Sends: 1, Bubbles: math.MaxInt64, Channel: API}, 2 * 1844674407370955162, ""},
	{"blocked exceeds friends", Send{Friends: 10, Blocked: 11, Sends: 1, Bubbles: 1}, 0, "blocked (11) exceeds friends (10)"},
	{"negative friends", Send{Friends: -1, Sends: 1, Bubbles: 1}, 0, "negative audience: friends -1, blocked 0"},
	{"negative blocked", Send{Friends: 1, Blocked: -1, Sends: 1, Bubbles: 1}, 0, "negative audience: friends 1, blocked -1"},
	{"no sends", Send{Friends: 1, Sends: 0, Bubbles: 1}, 0, "sends must be at least 1, not 0"},
	{"no bubbles", Send{Friends: 1, Sends: 1, Bubbles: 0}, 0, "bubbles must be at least 1, not 0"},
	{"overflow sends x friends", Send{Friends: math.MaxInt64, Sends: 2, Bubbles: 1}, 0, ErrTooLarge.Error()},
	{"overflow x bubble sends", Send{Friends: math.MaxInt64/2 + 1, Sends: 1, Bubbles: 4}, 0, ErrTooLarge.Error()},
	{"overflow 2^32 x 2^32", Send{Friends: 1 << 32, Sends: 1 << 32, Bubbles: 1}, 0, ErrTooLarge.Error()},
}

func TestSendMessages(t *testing.T) {
	for _, tt := range sendCases {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.send.Messages()
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("Messages() = %d, %v; want error %s", got, err, tt.err)
				}
				if (tt.err == ErrTooLarge.Error()) != errors.Is(err, ErrTooLarge) {
					t.Errorf("errors.Is(%v, ErrTooLarge) = %v", err, errors.Is(err, ErrTooLarge))
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Messages() = %d, %v; want %d", got, err, tt.want)
			}
		})
	}
}

func TestSendsPerBubbleSet(t *testing.T) {
	tests := []struct {
		bubbles int64
		ch      Channel
		want    int64
	}{
		{1, Manager, 1}, {3, Manager, 1}, {4, Manager, 2}, {9, Manager, 3}, {10, Manager, 4},
		{1, API, 1}, {5, API, 1}, {6, API, 2}, {10, API, 2}, {11, API, 3},
		{math.MaxInt64, Manager, 3074457345618258603}, // ceil((2^63-1)/3)
		{math.MaxInt64, API, 1844674407370955162},     // ceil((2^63-1)/5)
	}
	for _, tt := range tests {
		s := Send{Bubbles: tt.bubbles, Channel: tt.ch}
		if got := s.SendsPerBubbleSet(); got != tt.want {
			t.Errorf("%d bubbles on %v: SendsPerBubbleSet() = %d, want %d", tt.bubbles, tt.ch, got, tt.want)
		}
	}
}

func TestBlockedShare(t *testing.T) {
	tests := []struct {
		friends int64
		percent string
		want    int64
		err     string
	}{
		{1234, "12", 148, ""},   // 1,234 x 12 / 100 = 148.08 -> 148
		{3, "50", 2, ""},        // 3 x 50 / 100 = 1.5 -> 2 (half-up)
		{1, "50", 1, ""},        // 0.5 -> 1
		{1, "49.99", 0, ""},     // 0.4999 -> 0
		{7, "35", 2, ""},        // 2.45 -> 2
		{7, "36", 3, ""},        // 2.52 -> 3
		{1000, "12.5", 125, ""}, // exact
		{1000, "0", 0, ""},
		{1000, "100", 1000, ""},
		{0, "37", 0, ""},
		{math.MaxInt64, "100", math.MaxInt64, ""},
		{1000, "-0.1", 0, "percentage out of range 0..100: -0.1"},
		{1000, "100.01", 0, "percentage out of range 0..100: 100.01"},
	}
	for _, tt := range tests {
		got, err := BlockedShare(tt.friends, dec(tt.percent))
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("BlockedShare(%d, %s) error = %v, want %s", tt.friends, tt.percent, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("BlockedShare(%d, %s) = %d, %v; want %d", tt.friends, tt.percent, got, err, tt.want)
		}
	}
}

// TestBlockedShareIntegers: the integer path of BlockedShare gives what
// the decimal arithmetic gives, at the edges of its range and for random
// friends and percentages of 0 to 6 decimals; outside its range it steps
// aside.
func TestBlockedShareIntegers(t *testing.T) {
	viaDecimal := func(friends int64, p decimal.Decimal) int64 {
		return decimal.NewFromInt(friends).Mul(p).Shift(-2).Round(0).IntPart()
	}
	friends := []int64{0, 1, 2, 3, 7, 99, 100, 101, 1234, 999_999, 1 << 40, math.MaxInt64 - 1, math.MaxInt64}
	percents := []string{"0", "0.000001", "0.5", "1", "12", "12.5", "12.50", "33.333333", "49.99", "50", "66.666667", "99.999999", "100", "100.000000"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		friends = append(friends, rng.Int64N(math.MaxInt64))
		exp := -int32(rng.IntN(7))
		max := int64(100)
		for range -exp {
			max *= 10
		}
		percents = append(percents, decimal.New(rng.Int64N(max+1), exp).String())
	}
	for _, f := range friends {
		for _, ps := range percents {
			p := decimal.RequireFromString(ps)
			got, ok := blockedShareInt(f, p)
			if !ok {
				t.Fatalf("blockedShareInt(%d, %s) stepped aside", f, ps)
			}
			if want := viaDecimal(f, p); got != want {
				t.Fatalf("blockedShareInt(%d, %s) = %d, decimal arithmetic gives %d", f, ps, got, want)
			}
		}
	}
	for _, ps := range []string{"-0.1", "100.01", "100.0000001", "0.0000001", "1e3"} {
		if _, ok := blockedShareInt(1000, decimal.RequireFromString(ps)); ok {
			t.Errorf("blockedShareInt(1000, %s) took it; it is the decimal path's", ps)
		}
	}
	if _, ok := blockedShareInt(-1, decimal.NewFromInt(5)); ok {
		t.Errorf("blockedShareInt took negative friends")
	}
}
