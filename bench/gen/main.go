// Command gen writes a synthetic campaign plan for the benchmarks: a CSV
// file in the form marketing saves from Excel (UTF-8 with a BOM, CRLF, the
// Chinese header, "12,000"-style quoted numbers, several date forms).
//
// Usage:
//
//	go run ./bench/gen -rows 100000 -accounts 2000 -seed 1 -o plan.csv
//
// The same flags always give the same bytes. The plan has these columns:
//
//	日期,官方帳號,活動名稱,目標分眾,目標好友數,發送次數,對話框數,發送方式,封鎖
//
// Rows fall on random days of 2025, more of them in the busy months
// (January, November, December). Every account gets a friend count drawn
// from a log-normal distribution (median 1,500, so most are small shops and a
// few are national brands with up to 15 million friends), and a share of the
// rows that grows with the square root of its friends (up to 50,000): big
// accounts send more often. A segment reaches a share of the account's friends (全部好友 all of
// them, VIP a few percent). With this skew the account-months spread over
// every plan of the tw-2023 catalog at every size from 10,000 rows up: Light
// (at most 200 messages), Standard (at most 3,000) and Pro with additional
// messages. -stats prints that spread, priced with the pricing package, to
// stderr.
//
// The other columns are mixed the way real plans mix them: channel written as
// manager, 後台 or api; 1 to 7 bubbles per send (a few rows over the channel's
// limit, which linecost counts as extra sends with a warning); blocked
// friends as a count or as a percentage; numbers of 1,000 and more written
// half of the time as "12,000"; dates as 2025-01-15, 2025/1/15, 2025.01.15,
// ROC 114/1/15 or 民國114年1月15日.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"time"

	"linecost/pricing"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	rows := fs.Int("rows", 10000, "number of plan rows")
	accounts := fs.Int("accounts", 2000, "number of LINE Official Accounts")
	seed := fs.Uint64("seed", 1, "random seed; the same flags give the same file")
	out := fs.String("o", "-", "output file (- for stdout)")
	stats := fs.Bool("stats", false, "print the account-months per recommended tw-2023 plan to stderr")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *rows < 0 || *accounts < 1 {
		return fmt.Errorf("need -rows >= 0 and -accounts >= 1")
	}

	g := newGenerator(*seed, *accounts)
	var t *tally
	if *stats {
		t = newTally(*accounts)
	}
	if *out == "-" {
		bw := bufio.NewWriterSize(stdout, 1<<20)
		if err := g.write(bw, *rows, t); err != nil {
			return err
		}
	} else {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(f, 1<<20)
		if err := g.write(bw, *rows, t); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	if t != nil {
		return t.print(stderr)
	}
	return nil
}

const (
	year       = 2025     // the plan year; ROC year 114
	maxFriends = 15000000 // about the largest LINE accounts in Taiwan
)

// monthWeights makes January, November and December the busy months.
var monthWeights = [12]float64{1.4, 1.0, 0.9, 0.9, 1.0, 0.9, 0.9, 1.0, 1.0, 1.0, 1.4, 1.6}

var (
	cities = []string{"台北", "新北", "桃園", "台中", "台南", "高雄", "新竹", "嘉義", "花蓮", "宜蘭"}
	shops  = []string{"咖啡小館", "服飾品牌", "牙醫診所", "健身房", "烘焙坊", "書店", "美髮沙龍", "火鍋店", "寵物用品", "眼鏡行", "花店", "補習班"}

	campaigns = []string{"新年優惠", "春節", "情人節", "婦女節", "母親節", "端午節", "父親節", "七夕", "中秋節", "週年慶",
		"雙11", "雙12", "聖誕節", "會員日", "新品上市", "限時特賣", "集點活動", "生日禮", "清倉", "開學季"}

	// segments and the share of an account's friends each one reaches.
	segments = []struct {
		name  string
		share float64
	}{
		{"全部好友", 1.0}, {"全部好友", 1.0}, {"VIP", 0.04}, {"新客", 0.15}, {"女性", 0.55}, {"男性", 0.45},
		{"沉睡客", 0.25}, {"會員", 0.6}, {"台北地區", 0.3}, {"生日當月", 0.08},
	}
)

// account is one LINE Official Account of the plan.
type account struct {
	name    string
	friends int64
}

// generator draws rows from a seeded random source.
type generator struct {
	r        *rand.Rand
	accounts []account
	cum      []float64 // cumulative row weights of accounts, for picking one
	monthCum [12]float64
}

func newGenerator(seed uint64, n int) *generator {
	g := &generator{r: rand.New(rand.NewPCG(seed, 0x6c696e65636f7374))}
	total := 0.0
	for i := range n {
		// Log-normal friends: median 1,500; sigma 1.8 puts 1 in 20 accounts
		// under about 80 friends and 1 in 20 over 29,000. (The float64
		// conversions here and below forbid fused multiply-adds, so that
		// every architecture writes the same file.)
		f := math.Exp(math.Log(1500) + float64(1.8*g.r.NormFloat64()))
		if g.r.IntN(200) == 0 {
			f *= 100 // the odd national brand with millions of friends
		}
		friends := min(max(int64(f), 5), maxFriends)
		name := cities[g.r.IntN(len(cities))] + shops[g.r.IntN(len(shops))] + fmt.Sprintf("%04d", i+1)
		g.accounts = append(g.accounts, account{name, friends})
		// Row share: bigger accounts send more often, but a brand with
		// millions of friends does not send a hundred times a day.
		total += math.Sqrt(float64(min(friends, 50000)))
		g.cum = append(g.cum, total)
	}
	sum := 0.0
	for i, w := range monthWeights {
		sum += w
		g.monthCum[i] = sum
	}
	return g
}

// pick returns the index i of the first cum[i] >= x: a weighted choice when
// x is uniform over [0, cum[len-1]).
func pick(cum []float64, x float64) int {
	i, _ := slices.BinarySearch(cum, x)
	return min(i, len(cum)-1)
}

// weighted chooses one of ws by weight.
func (g *generator) weighted(ws ...int) int {
	total := 0
	for _, w := range ws {
		total += w
	}
	x := g.r.IntN(total)
	for i, w := range ws {
		if x < w {
			return i
		}
		x -= w
	}
	return len(ws) - 1
}

// write writes the header and n rows to w and flushes it, counting messages
// in t when t is not nil.
func (g *generator) write(w *bufio.Writer, n int, t *tally) error {
	w.WriteString("\uFEFF日期,官方帳號,活動名稱,目標分眾,目標好友數,發送次數,對話框數,發送方式,封鎖\r\n")
	var b []byte
	for range n {
		b = g.row(b[:0], t)
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return w.Flush()
}

// row appends one CSV row, CRLF-terminated, to b.
func (g *generator) row(b []byte, t *tally) []byte {
	ai := pick(g.cum, g.r.Float64()*g.cum[len(g.cum)-1])
	a := g.accounts[ai]
	m := pick(g.monthCum[:], g.r.Float64()*g.monthCum[11])
	month := time.Month(m + 1)
	day := 1 + g.r.IntN(daysIn(month))

	seg := segments[g.r.IntN(len(segments))]
	friends := int64(math.Round(float64(a.friends) * seg.share * (0.9 + float64(0.2*g.r.Float64()))))
	sends := int64(1 + g.weighted(85, 10, 5))
	channel := g.weighted(45, 25, 30) // 後台, manager, api
	limit := 3
	if channel == 2 {
		limit = 5
	}
	// Mostly within the channel's limit; about 1 row in 25 over it.
	bubbles := 1 + g.r.IntN(limit)
	if g.r.IntN(25) == 0 {
		bubbles = limit + 1 + g.r.IntN(7-limit)
	}

	b = g.date(b, month, day)
	b = append(b, ',')
	b = append(b, a.name...)
	b = append(b, ',')
	b = append(b, campaigns[g.r.IntN(len(campaigns))]...)
	b = append(b, ',')
	b = append(b, seg.name...)
	b = append(b, ',')
	b = g.number(b, friends)
	b = append(b, ',')
	b = strconv.AppendInt(b, sends, 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(bubbles), 10)
	b = append(b, ',')
	b = append(b, [...]string{"後台", "manager", "api"}[channel]...)
	b = append(b, ',')
	var blocked int64
	switch g.weighted(40, 40, 20) {
	case 0: // a percentage, 0% to 15%
		p := int64(g.r.IntN(16))
		blocked = (friends*p + 50) / 100 // half-up, as linecost counts it
		b = strconv.AppendInt(b, p, 10)
		b = append(b, '%')
	case 1: // a count, up to 15% of the segment
		blocked = int64(float64(friends) * 0.15 * g.r.Float64())
		b = g.number(b, blocked)
	default:
		b = append(b, '0')
	}
	b = append(b, '\r', '\n')

	if t != nil {
		t.add(ai, m, pricing.Send{Friends: friends, Blocked: blocked, Sends: sends,
			Bubbles: int64(bubbles), Channel: [...]pricing.Channel{pricing.Manager, pricing.Manager, pricing.API}[channel]})
	}
	return b
}

// date appends a date of year in one of the forms plans use.
func (g *generator) date(b []byte, month time.Month, day int) []byte {
	switch g.weighted(50, 30, 5, 12, 3) {
	case 0: // 2025-01-15
		return fmt.Appendf(b, "%d-%02d-%02d", year, month, day)
	case 1: // 2025/1/15
		return fmt.Appendf(b, "%d/%d/%d", year, month, day)
	case 2: // 2025.01.15
		return fmt.Appendf(b, "%d.%02d.%02d", year, month, day)
	case 3: // ROC 114/1/15
		return fmt.Appendf(b, "%d/%d/%d", year-1911, month, day)
	default: // 民國114年1月15日
		return fmt.Appendf(b, "民國%d年%d月%d日", year-1911, month, day)
	}
}

// number appends n; from 1,000 on, half of the time as "12,000" (quoted,
// with thousands separators) the way Excel exports formatted numbers.
func (g *generator) number(b []byte, n int64) []byte {
	if n < 1000 || g.r.IntN(2) == 0 {
		return strconv.AppendInt(b, n, 10)
	}
	s := strconv.FormatInt(n, 10)
	b = append(b, '"')
	for i, c := range []byte(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, c)
	}
	return append(b, '"')
}

func daysIn(m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// tally sums billable messages per account-month, for -stats.
type tally struct {
	messages [][12]int64 // [account][month]
}

func newTally(accounts int) *tally { return &tally{messages: make([][12]int64, accounts)} }

func (t *tally) add(account, month int, s pricing.Send) {
	n, err := s.Messages()
	if err != nil {
		panic(err) // the generator never writes an invalid row
	}
	t.messages[account][month] += n
}

// print prices every account-month that has rows with the tw-2023 catalog
// and prints how many are recommended each plan, and how many of those buy
// additional messages.
func (t *tally) print(w io.Writer) error {
	c, err := pricing.Builtin().Named("tw-2023")
	if err != nil {
		return err
	}
	plans := map[string]int{}
	additional := map[string]int{}
	var months, infeasible int
	var biggest int64
	for _, a := range t.messages {
		for _, n := range a {
			if n == 0 {
				continue
			}
			months++
			biggest = max(biggest, n)
			o, ok := pricing.Evaluate(n, c).Recommended()
			if !ok {
				infeasible++
				continue
			}
			plans[o.Plan.NameEN]++
			if o.Additional > 0 {
				additional[o.Plan.NameEN]++
			}
		}
	}
	fmt.Fprintf(w, "account-months with rows: %d; largest: %d messages\n", months, biggest)
	for _, p := range c.Plans {
		fmt.Fprintf(w, "  %-10s %7d  (%d with additional messages)\n", p.NameEN, plans[p.NameEN], additional[p.NameEN])
	}
	if infeasible > 0 {
		fmt.Fprintf(w, "  no plan   %7d\n", infeasible)
	}
	return nil
}
