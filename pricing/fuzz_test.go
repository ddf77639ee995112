package pricing

// Fuzz tests state the pricing engine's properties. Each is seeded with the
// table cases of the other test files, so `go test` runs those seeds as
// regression tests and `go test -fuzz=FuzzX` explores from them.

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// count turns any fuzzed int64 into a message count >= 0, keeping the
// non-negative values as they are.
func count(v int64) int64 {
	if v < 0 {
		return -(v + 1)
	}
	return v
}

// seedMessages lists the message counts of the table tests.
func seedMessages() []int64 {
	var ms []int64
	for _, q := range quoteCases {
		ms = append(ms, q.messages)
	}
	for _, e := range evalCases {
		ms = append(ms, e.messages)
	}
	for _, c := range Builtin() {
		ms = append(ms, boundaries(c)...)
	}
	return append(ms, math.MaxInt64)
}

// FuzzCostMonotoneBuiltin: on every plan of every built-in catalog, cost
// never falls as messages rise, before or after rounding, a plan that
// delivers more messages also delivers fewer, and undelivered messages
// never fall.
func FuzzCostMonotoneBuiltin(f *testing.F) {
	for _, m := range seedMessages() {
		f.Add(m, m+1)
		f.Add(m, m)
	}
	cs := Builtin()
	f.Fuzz(func(t *testing.T, a, b int64) {
		lo, hi := min(count(a), count(b)), max(count(a), count(b))
		for _, c := range cs {
			for _, p := range c.Plans {
				ql, qh := p.Quote(lo), p.Quote(hi)
				if msg := checkQuote(p, lo, ql); msg != "" {
					t.Fatalf("%s %s at %d: %s", c.Name, p.ID, lo, msg)
				}
				if msg := checkQuote(p, hi, qh); msg != "" {
					t.Fatalf("%s %s at %d: %s", c.Name, p.ID, hi, msg)
				}
				if qh.Cost.LessThan(ql.Cost) {
					t.Fatalf("%s %s: %d messages cost %s, %d cost %s", c.Name, p.ID, lo, ql.Cost, hi, qh.Cost)
				}
				if c.Charge(qh.Cost).Total.LessThan(c.Charge(ql.Cost).Total) {
					t.Fatalf("%s %s: the bill falls from %d to %d messages", c.Name, p.ID, lo, hi)
				}
				if (qh.Feasible && !ql.Feasible) || qh.Undelivered < ql.Undelivered {
					t.Fatalf("%s %s: feasibility %v/%d at %d, %v/%d at %d", c.Name, p.ID, ql.Feasible, ql.Undelivered, lo, qh.Feasible, qh.Undelivered, hi)
				}
			}
		}
	})
}

// bytesReader hands out fuzzed bytes as numbers; past the end it gives zeros.
type bytesReader []byte

func (r *bytesReader) uint(n int) uint64 {
	var v uint64
	for range n {
		v <<= 8
		if len(*r) > 0 {
			v |= uint64((*r)[0])
			*r = (*r)[1:]
		}
	}
	return v
}

// fuzzPlan reads one plan: fee in hundredths (4 bytes), free messages (4
// bytes), a tier count (1 byte, mod 64, 0 = sells none), and per tier a
// width (4 bytes, at least 1) and a price in thousandths (2 bytes). The
// last tier is open whatever its width.
func fuzzPlan(r *bytesReader, id string) Plan {
	p := Plan{ID: id, NameEN: id}
	p.MonthlyFee = decimal.New(int64(r.uint(4)), -2)
	p.FreeMessages = int64(r.uint(4))
	n := int(r.uint(1) % 64)
	var upTo int64
	for i := range n {
		width := int64(r.uint(4)) + 1
		price := decimal.New(int64(r.uint(2)), -3)
		if i == n-1 {
			p.Tiers = append(p.Tiers, Tier{Price: price})
			break
		}
		upTo += width
		p.Tiers = append(p.Tiers, Tier{UpTo: upTo, Price: price})
	}
	return p
}

// fuzzCatalog reads a catalog: billing decimals (1 byte, mod 3), a tax rate
// in percent (1 byte, mod 100), a plan count (1 byte, 1 + mod 4), then the
// plans as fuzzPlan reads them.
func fuzzCatalog(data []byte) Catalog {
	r := bytesReader(data)
	c := Catalog{
		Name: "fuzz", Region: "zz", Currency: "XXX",
		CurrencyDecimals: int32(r.uint(1) % 3),
		TaxRate:          decimal.New(int64(r.uint(1)%100), -2),
		EffectiveFrom:    time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	n := 1 + int(r.uint(1)%4)
	for i := range n {
		c.Plans = append(c.Plans, fuzzPlan(&r, fmt.Sprintf("p%d", i)))
	}
	return c
}

// encodeCatalog writes c in fuzzCatalog's format, so the table catalogs
// seed the fuzzers. It fails on figures the format cannot hold.
func encodeCatalog(c Catalog) ([]byte, error) {
	be := func(v uint64, n int) []byte {
		b := binary.BigEndian.AppendUint64(nil, v)
		return b[8-n:]
	}
	units := func(d decimal.Decimal, exp int32, limit uint64) (uint64, error) {
		s := d.Shift(-exp)
		if !s.IsInteger() || s.IsNegative() || s.GreaterThan(decimal.NewFromUint64(limit)) {
			return 0, fmt.Errorf("%s does not fit", d)
		}
		return s.BigInt().Uint64(), nil
	}
	tax, err := units(c.TaxRate, -2, 99)
	if err != nil || len(c.Plans) > 4 || c.CurrencyDecimals > 2 {
		return nil, fmt.Errorf("catalog %s does not fit", c.Name)
	}
	out := []byte{byte(c.CurrencyDecimals), byte(tax), byte(len(c.Plans) - 1)}
	for _, p := range c.Plans {
		fee, err := units(p.MonthlyFee, -2, math.MaxUint32)
		if err != nil || p.FreeMessages > math.MaxUint32 || len(p.Tiers) > 63 {
			return nil, fmt.Errorf("plan %s does not fit", p.ID)
		}
		out = append(out, be(fee, 4)...)
		out = append(out, be(uint64(p.FreeMessages), 4)...)
		out = append(out, byte(len(p.Tiers)))
		var prev int64
		for _, t := range p.Tiers {
			var width uint64
			if t.UpTo != 0 {
				width = uint64(t.UpTo - prev - 1)
				prev = t.UpTo
			}
			price, err := units(t.Price, -3, math.MaxUint16)
			if err != nil || width > math.MaxUint32 {
				return nil, fmt.Errorf("plan %s tier does not fit", p.ID)
			}
			out = append(out, be(width, 4)...)
			out = append(out, be(price, 2)...)
		}
	}
	return out, nil
}

// seedCatalogs encodes the built-in and hand-made catalogs.
func seedCatalogs(t testing.TB) [][]byte {
	cs := append(Catalogs{}, Builtin()...)
	cs = append(cs, mustParse(t, stepsJSON), mustParse(t, tieJSON), mustParse(t, cappedJSON), mustParse(t, acmeJSON))
	var out [][]byte
	for _, c := range cs {
		b, err := encodeCatalog(c)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// TestFuzzCatalogEncoding checks that the seeds mean what they say: each
// table catalog survives encodeCatalog and fuzzCatalog with its figures.
func TestFuzzCatalogEncoding(t *testing.T) {
	cs := append(Catalogs{}, Builtin()...)
	cs = append(cs, mustParse(t, stepsJSON), mustParse(t, tieJSON), mustParse(t, cappedJSON))
	for _, c := range cs {
		b, err := encodeCatalog(c)
		if err != nil {
			t.Fatal(err)
		}
		got := fuzzCatalog(b)
		if err := got.Validate(); err != nil {
			t.Errorf("%s: %v", c.Name, err)
		}
		if got.CurrencyDecimals != c.CurrencyDecimals || !got.TaxRate.Equal(c.TaxRate) || len(got.Plans) != len(c.Plans) {
			t.Fatalf("%s: decoded as %+v", c.Name, got)
		}
		for i, p := range c.Plans {
			g := got.Plans[i]
			if !g.MonthlyFee.Equal(p.MonthlyFee) || g.FreeMessages != p.FreeMessages || len(g.Tiers) != len(p.Tiers) {
				t.Fatalf("%s %s: decoded as %+v", c.Name, p.ID, g)
			}
			for j := range p.Tiers {
				if g.Tiers[j].UpTo != p.Tiers[j].UpTo || !g.Tiers[j].Price.Equal(p.Tiers[j].Price) {
					t.Errorf("%s %s tier %d: decoded as %+v", c.Name, p.ID, j, g.Tiers[j])
				}
			}
		}
	}
}

// FuzzCostMonotoneTiers: on a plan with a fuzz-built tier table (prices
// never negative, not necessarily falling), cost never falls as messages
// rise, and every quote's bands add up.
func FuzzCostMonotoneTiers(f *testing.F) {
	for _, cb := range seedCatalogs(f) {
		for _, m := range seedMessages() {
			f.Add(m, m+1, cb[3:]) // the catalog's first plan
		}
	}
	f.Fuzz(func(t *testing.T, a, b int64, plan []byte) {
		r := bytesReader(plan)
		p := fuzzPlan(&r, "p")
		if err := (Catalog{Name: "f", Region: "f", Currency: "F", EffectiveFrom: time.Unix(0, 0), Plans: []Plan{p}}).Validate(); err != nil {
			t.Fatalf("fuzz-built plan is invalid: %v: %+v", err, p)
		}
		lo, hi := min(count(a), count(b)), max(count(a), count(b))
		ql, qh := p.Quote(lo), p.Quote(hi)
		for _, x := range []struct {
			m int64
			q Quote
		}{{lo, ql}, {hi, qh}} {
			if msg := checkQuote(p, x.m, x.q); msg != "" {
				t.Fatalf("%d messages on %+v: %s", x.m, p, msg)
			}
		}
		if qh.Cost.LessThan(ql.Cost) {
			t.Fatalf("%d messages cost %s, %d cost %s on %+v", lo, ql.Cost, hi, qh.Cost, p)
		}
	})
}

// FuzzQuoteBands: band costs sum to AdditionalCost and band message counts
// to Additional, on the built-ins and on fuzz-built plans.
func FuzzQuoteBands(f *testing.F) {
	for _, cb := range seedCatalogs(f) {
		for _, m := range seedMessages() {
			f.Add(m, cb)
		}
	}
	cs := Builtin()
	f.Fuzz(func(t *testing.T, messages int64, catalog []byte) {
		m := count(messages)
		plans := fuzzCatalog(catalog).Plans
		for _, c := range cs {
			plans = append(plans, c.Plans...)
		}
		for _, p := range plans {
			q := p.Quote(m)
			var n int64
			sum := decimal.Zero
			for _, b := range q.Bands {
				n += b.Messages()
				sum = sum.Add(b.Cost)
			}
			if n != q.Additional || !sum.Equal(q.AdditionalCost) {
				t.Fatalf("%s at %d: bands hold %d messages costing %s; Additional %d costing %s", p.ID, m, n, sum, q.Additional, q.AdditionalCost)
			}
			if msg := checkQuote(p, m, q); msg != "" {
				t.Fatalf("%s at %d: %s", p.ID, m, msg)
			}
		}
	})
}

// FuzzRecommendation: the recommended plan is feasible, never beaten by a
// feasible plan, and first among equals; Best is -1 only when no plan is
// feasible. Checked on the built-ins and on a fuzz-built catalog.
func FuzzRecommendation(f *testing.F) {
	seeds := seedCatalogs(f)
	for _, e := range evalCases {
		for _, cb := range seeds {
			f.Add(e.messages, cb)
		}
	}
	cs := Builtin()
	f.Fuzz(func(t *testing.T, messages int64, catalog []byte) {
		m := count(messages)
		fc := fuzzCatalog(catalog)
		if err := fc.Validate(); err != nil {
			t.Fatalf("fuzz-built catalog is invalid: %v", err)
		}
		for _, c := range append(Catalogs{fc}, cs...) {
			if msg := checkEvaluation(Evaluate(m, c)); msg != "" {
				t.Fatalf("%s at %d messages: %s\n%+v", c.Name, m, msg, c.Plans)
			}
		}
	})
}

// FuzzAllocate: the parts sum to the total, each within one unit of its
// exact share, zero weights get 0, leftovers go by largest remainder.
// weights holds 8 bytes per weight (sign dropped).
func FuzzAllocate(f *testing.F) {
	for _, a := range allocateCases {
		if a.err {
			continue
		}
		var w []byte
		for _, x := range a.weights {
			w = binary.BigEndian.AppendUint64(w, uint64(x))
		}
		f.Add(dec(a.total).Shift(a.decimals).BigInt().Uint64(), uint8(a.decimals), w)
	}
	f.Fuzz(func(t *testing.T, units uint64, decimals uint8, weights []byte) {
		d := int32(decimals % 5)
		total := decimal.NewFromBigInt(new(big.Int).SetUint64(units), -d)
		var ws []int64
		sum := new(big.Int)
		for len(weights) >= 8 && len(ws) < 64 {
			w := int64(binary.BigEndian.Uint64(weights) & math.MaxInt64)
			ws = append(ws, w)
			sum.Add(sum, big.NewInt(w))
			weights = weights[8:]
		}
		parts, err := Allocate(total, d, ws)
		if sum.Sign() == 0 && units != 0 {
			if err == nil {
				t.Fatalf("Allocate(%s, %v) split over zero weights: %v", total, ws, parts)
			}
			return
		}
		if err != nil {
			t.Fatalf("Allocate(%s, %d, %v): %v", total, d, ws, err)
		}
		if msg := checkAllocation(total, d, ws, parts); msg != "" {
			t.Fatalf("Allocate(%s, %d, %v) = %v: %s", total, d, ws, parts, msg)
		}
	})
}

// FuzzSendMessages: Messages is sends x (friends - blocked) x
// ceil(bubbles / limit) exactly, ErrTooLarge exactly when that does not
// fit in an int64, and an error naming the figure for impossible input.
func FuzzSendMessages(f *testing.F) {
	for _, c := range sendCases {
		f.Add(c.send.Friends, c.send.Blocked, c.send.Sends, c.send.Bubbles, c.send.Channel == API)
	}
	f.Fuzz(func(t *testing.T, friends, blocked, sends, bubbles int64, api bool) {
		s := Send{Friends: friends, Blocked: blocked, Sends: sends, Bubbles: bubbles, Channel: Manager}
		if api {
			s.Channel = API
		}
		got, err := s.Messages()
		if friends < 0 || blocked < 0 || blocked > friends || sends < 1 || bubbles < 1 {
			if err == nil || errors.Is(err, ErrTooLarge) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("%+v: Messages() = %d, %v; want an input error", s, got, err)
			}
			return
		}
		limit := big.NewInt(s.Channel.BubbleLimit())
		per := new(big.Int).Add(big.NewInt(bubbles), new(big.Int).Sub(limit, big.NewInt(1)))
		per.Quo(per, limit)
		want := new(big.Int).Mul(big.NewInt(sends), big.NewInt(friends-blocked))
		want.Mul(want, per)
		if !want.IsInt64() {
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("%+v: Messages() = %d, %v; want ErrTooLarge (%s)", s, got, err, want)
			}
			return
		}
		if err != nil || got != want.Int64() {
			t.Fatalf("%+v: Messages() = %d, %v; want %s", s, got, err, want)
		}
	})
}

// FuzzParseCatalog: ParseCatalog never panics; an accepted file is a valid
// catalog that MarshalJSON writes back to a file ParseCatalog reads as the
// same catalog; a rejected one gets a one-line error.
func FuzzParseCatalog(f *testing.F) {
	f.Add([]byte(acmeJSON))
	f.Add([]byte(stepsJSON))
	f.Add([]byte(tieJSON))
	f.Add([]byte(cappedJSON))
	for _, c := range invalidCatalogs {
		if c.old == "" {
			f.Add([]byte(c.new))
		} else {
			f.Add([]byte(strings.Replace(acmeJSON, c.old, c.new, 1)))
		}
	}
	for _, c := range Builtin() {
		b, _ := json.Marshal(c)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseCatalog(data)
		if err != nil {
			if msg := err.Error(); msg == "" || strings.Contains(msg, "\n") {
				t.Fatalf("error %q is not one line", msg)
			}
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("accepted an invalid catalog: %v", err)
		}
		out, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseCatalog(out)
		if err != nil {
			t.Fatalf("MarshalJSON wrote a file ParseCatalog rejects: %v\n%s", err, out)
		}
		if !sameCatalog(c, back) {
			t.Fatalf("round trip changed the catalog:\n%s", out)
		}
	})
}
