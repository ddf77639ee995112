package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"linecost/pricing"
	"linecost/report/input"
)

// Tests of the computation of a Budget: what Build prices, recommends and
// allocates, checked against exact decimal arithmetic done here, apart
// from the code under test.

// writePlanFile writes a plan file into dir and returns its path.
func writePlanFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// twOptions prices with the built-in Taiwan catalogs.
func twOptions() Options { return Options{Catalogs: pricing.Builtin(), Region: "tw"} }

// mustBuild builds a budget that must succeed and is closed at the end of
// the test.
func mustBuild(t *testing.T, paths []string, opts Options) *Budget {
	t.Helper()
	b, err := Build(paths, opts)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

func collectCampaigns(t *testing.T, b *Budget) []Campaign {
	t.Helper()
	var cs []Campaign
	if err := b.EachCampaign(func(c Campaign) error { cs = append(cs, c); return nil }); err != nil {
		t.Fatalf("EachCampaign: %v", err)
	}
	return cs
}

// equalMoney reports got against want, an exact decimal string.
func equalMoney(t *testing.T, what string, got decimal.Decimal, want string) {
	t.Helper()
	if !got.Equal(decimal.RequireFromString(want)) {
		t.Errorf("%s = %s, want %s", what, got, want)
	}
}

func equalCharge(t *testing.T, what string, got pricing.Charge, cost, tax, total string) {
	t.Helper()
	equalMoney(t, what+" cost", got.Cost, cost)
	equalMoney(t, what+" tax", got.Tax, tax)
	equalMoney(t, what+" total", got.Total, total)
}

func mustMonth(t *testing.T, s string) pricing.Month {
	t.Helper()
	m, err := pricing.ParseMonth(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func monthStrings(ms []pricing.Month) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.String())
	}
	return out
}

func accountNamed(t *testing.T, b *Budget, name string) Account {
	t.Helper()
	for _, a := range b.Accounts {
		if a.Name == name {
			return a
		}
	}
	t.Fatalf("no account %q in the budget", name)
	return Account{}
}

func optionOf(t *testing.T, m AccountMonth, id string) pricing.Option {
	t.Helper()
	for _, o := range m.Options {
		if o.Plan.ID == id {
			return o
		}
	}
	t.Fatalf("%s: no plan %q", m.Month, id)
	return pricing.Option{}
}

// ---------------------------------------------------------------------
// The property test.

// genRow is one generated plan row with the messages it must count.
type genRow struct {
	file     int // index into genPlan.files
	line     int // physical line in its file
	date     time.Time
	account  string
	campaign string // unique: identifies the row
	fields   []string
	messages int64 // computed here: sends x (friends - blocked) x ceil(bubbles / limit)
}

type genPlan struct {
	files   []string // base names, in the order given
	rows    []genRow // in input order: files in order, then line
	current map[string]string
}

func (p genPlan) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "current plans %v\n", p.current)
	for _, r := range p.rows {
		fmt.Fprintf(&b, "%s:%d: %s (%d messages)\n", p.files[r.file], r.line, strings.Join(r.fields, ","), r.messages)
	}
	return b.String()
}

const genHeader = "date,account,campaign,segment,friends,sends,bubbles,channel,blocked\n"

// randomPlan makes a plan of 1-60 rows, 1-4 accounts and 1-2 files, with
// send dates from 2023-07 to 2023-11 (tw-2019 until August, tw-2023 from
// September), both channels, bubbles over the limits, blocked friends as
// counts and percentages, defaults left empty, and rows with 0 friends.
func randomPlan(rng *rand.Rand) genPlan {
	names := []string{"Cafe", "Books", "茶館", "Zoo"}
	rng.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	accounts := names[:1+rng.IntN(len(names))]
	p := genPlan{files: []string{"plan-b.csv"}}
	if rng.IntN(2) == 0 {
		p.files = append(p.files, "plan-a.csv") // given after b: order is as given, not by name
	}
	n := 1 + rng.IntN(60)
	if len(p.files) > 1 {
		n = max(n, 2) // every file has a row: a file without one is an error
	}
	scale := []int64{300, 3000, 12000, 40000}[rng.IntN(4)]
	// Months around a change of tariff: 2023-07..11 (tw-2019 to tw-2023)
	// or 2026-09..12 (tw-2023 to tw-2026).
	year, firstMonth, months := 2023, 7, 5
	if rng.IntN(2) == 0 {
		year, firstMonth, months = 2026, 9, 4
	}
	lines := make([]int, len(p.files))
	for i := range lines {
		lines[i] = 1
	}
	for i := range n {
		r := genRow{file: 0, account: accounts[rng.IntN(len(accounts))], campaign: fmt.Sprintf("c%02d", i)}
		if i > 0 && len(p.files) > 1 && (rng.IntN(2) == 0 || p.rows[i-1].file == 1) {
			r.file = 1
		}
		if i == n-1 && len(p.files) > 1 && lines[1] == 1 {
			r.file = 1
		}
		lines[r.file]++
		r.line = lines[r.file]
		r.date = time.Date(year, time.Month(firstMonth+rng.IntN(months)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)

		var friends int64
		if rng.IntN(10) > 0 {
			friends = rng.Int64N(scale + 1)
		}
		sends, sendsText := int64(1), ""
		if rng.IntN(3) > 0 {
			sends = 1 + rng.Int64N(3)
			sendsText = fmt.Sprint(sends)
		}
		bubbles, bubblesText := int64(1), ""
		if rng.IntN(3) > 0 {
			bubbles = 1 + rng.Int64N(7)
			bubblesText = fmt.Sprint(bubbles)
		}
		limit, channel := int64(3), []string{"", "manager", "後台"}[rng.IntN(3)]
		if rng.IntN(2) == 0 {
			limit, channel = 5, []string{"api", "push"}[rng.IntN(2)]
		}
		var blocked int64
		blockedText := ""
		switch rng.IntN(3) {
		case 1:
			blocked = rng.Int64N(friends + 1)
			blockedText = fmt.Sprint(blocked)
		case 2:
			// A percentage with one decimal; the count is friends x p / 100
			// rounded half-up: floor((friends x tenths + 500) / 1000).
			tenths := rng.Int64N(1001)
			blocked = (friends*tenths + 500) / 1000
			blockedText = fmt.Sprintf("%d.%d%%", tenths/10, tenths%10)
		}
		r.messages = sends * (friends - blocked) * ((bubbles + limit - 1) / limit)
		r.fields = []string{r.date.Format(time.DateOnly), r.account, r.campaign, "seg",
			fmt.Sprint(friends), sendsText, bubblesText, channel, blockedText}
		p.rows = append(p.rows, r)
	}
	// Input order is files in the order given, then line.
	slices.SortStableFunc(p.rows, func(a, b genRow) int {
		if a.file != b.file {
			return a.file - b.file
		}
		return a.line - b.line
	})
	switch rng.IntN(4) {
	case 1:
		p.current = map[string]string{"": []string{"light", "standard", "pro"}[rng.IntN(3)]}
	case 2:
		p.current = map[string]string{
			"":                []string{"light", "standard", "pro"}[rng.IntN(3)],
			p.rows[0].account: []string{"light", "standard", "pro"}[rng.IntN(3)],
		}
	}
	return p
}

func (p genPlan) write(t *testing.T, dir string) []string {
	t.Helper()
	texts := make([]strings.Builder, len(p.files))
	for i := range texts {
		texts[i].WriteString(genHeader)
	}
	for _, r := range p.rows {
		texts[r.file].WriteString(strings.Join(r.fields, ",") + "\n")
	}
	var paths []string
	for i, name := range p.files {
		paths = append(paths, writePlanFile(t, dir, name, texts[i].String()))
	}
	return paths
}

// largestRemainder splits total units over weights by the largest
// remainder method, the earliest part winning equal remainders: the
// allocation the README promises, computed here independently.
func largestRemainder(total *big.Int, weights []int64) []*big.Int {
	sum := new(big.Int)
	for _, w := range weights {
		sum.Add(sum, big.NewInt(w))
	}
	shares := make([]*big.Int, len(weights))
	rems := make([]*big.Int, len(weights))
	left := new(big.Int).Set(total)
	for i, w := range weights {
		shares[i], rems[i] = new(big.Int), new(big.Int)
		if sum.Sign() > 0 {
			shares[i].QuoRem(new(big.Int).Mul(total, big.NewInt(w)), sum, rems[i])
		}
		left.Sub(left, shares[i])
	}
	given := make([]bool, len(weights))
	for ; left.Sign() > 0; left.Sub(left, big.NewInt(1)) {
		best := -1
		for i := range weights {
			if !given[i] && (best < 0 || rems[i].Cmp(rems[best]) > 0) {
				best = i
			}
		}
		given[best] = true
		shares[best].Add(shares[best], big.NewInt(1))
	}
	return shares
}

// catalogInForce is the Taiwan catalog in force on the first day of m.
func catalogInForce(m pricing.Month) string {
	switch {
	case m.Before(pricing.Month{Year: 2023, Month: time.September}):
		return "tw-2019"
	case m.Before(pricing.Month{Year: 2026, Month: time.November}):
		return "tw-2023"
	}
	return "tw-2026"
}

func TestBuildProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(20230901, 4))
	catalogs := pricing.Builtin()
	for i := range 200 {
		p := randomPlan(rng)
		ok := t.Run(fmt.Sprintf("plan%03d", i), func(t *testing.T) {
			dir := t.TempDir()
			paths := p.write(t, dir)
			opts := Options{Catalogs: catalogs, Region: "tw", CurrentPlans: p.current}
			b := mustBuild(t, paths, opts)
			checkBudget(t, p, paths, b, catalogs)
			if t.Failed() {
				t.Logf("the plan:\n%s", p)
			}
		})
		if !ok {
			break // one failing plan is enough to read
		}
	}
}

type amKey struct {
	account string
	month   pricing.Month
}

func checkBudget(t *testing.T, p genPlan, paths []string, b *Budget, catalogs pricing.Catalogs) {
	t.Helper()
	// What the plan holds, added up here.
	msgs := map[amKey]int64{}
	rowsIn := map[amKey]int{}
	byCampaign := map[string]genRow{}
	var names []string
	lo, hi := pricing.MonthOf(p.rows[0].date), pricing.MonthOf(p.rows[0].date)
	for _, r := range p.rows {
		m := pricing.MonthOf(r.date)
		k := amKey{r.account, m}
		msgs[k] += r.messages
		rowsIn[k]++
		byCampaign[r.campaign] = r
		if !slices.Contains(names, r.account) {
			names = append(names, r.account)
		}
		if m.Before(lo) {
			lo = m
		}
		if hi.Before(m) {
			hi = m
		}
	}
	slices.Sort(names)

	if b.Rows != len(p.rows) || b.Skipped != 0 || len(b.Files) != len(paths) {
		t.Fatalf("rows %d skipped %d files %d, want %d, 0, %d", b.Rows, b.Skipped, len(b.Files), len(p.rows), len(paths))
	}
	if b.Currency != "TWD" || b.Decimals != 0 {
		t.Errorf("currency %s decimals %d", b.Currency, b.Decimals)
	}

	// The period: every month from the first to the last with rows.
	var wantMonths []pricing.Month
	for m := lo; !hi.Before(m); m = m.Next() {
		wantMonths = append(wantMonths, m)
	}
	if !slices.Equal(b.Months, wantMonths) {
		t.Fatalf("months %v, want %v", monthStrings(b.Months), monthStrings(wantMonths))
	}
	var wantCatalogs []string
	for _, m := range wantMonths {
		if c := catalogInForce(m); !slices.Contains(wantCatalogs, c) {
			wantCatalogs = append(wantCatalogs, c)
		}
	}
	var gotCatalogs []string
	for _, c := range b.Catalogs {
		gotCatalogs = append(gotCatalogs, c.Name)
	}
	if !slices.Equal(gotCatalogs, wantCatalogs) {
		t.Errorf("catalogs used %v, want %v (oldest first)", gotCatalogs, wantCatalogs)
	}

	var gotNames []string
	for _, a := range b.Accounts {
		gotNames = append(gotNames, a.Name)
	}
	if !slices.Equal(gotNames, names) {
		t.Fatalf("accounts %q, want %q (sorted)", gotNames, names)
	}

	var total pricing.Charge
	var totalMessages int64
	recommended := map[amKey]pricing.Option{}
	for _, a := range b.Accounts {
		if len(allMonths(a)) != len(wantMonths) {
			t.Fatalf("%s: %d months, want %d", a.Name, len(allMonths(a)), len(wantMonths))
		}
		var charge pricing.Charge
		var messages int64
		evals := make([]pricing.Evaluation, len(allMonths(a)))
		for i, m := range a.Months() {
			k := amKey{a.Name, wantMonths[i]}
			if m.Month != wantMonths[i] {
				t.Errorf("%s: month %d is %s, want %s", a.Name, i, m.Month, wantMonths[i])
			}
			// The catalog in force on the month's first day.
			if want := catalogInForce(m.Month); m.Catalog.Name != want {
				t.Errorf("%s %s: catalog %s, want %s", a.Name, m.Month, m.Catalog.Name, want)
			}
			if m.Messages != msgs[k] || m.Rows != rowsIn[k] {
				t.Errorf("%s %s: %d messages in %d rows, want %d in %d", a.Name, m.Month, m.Messages, m.Rows, msgs[k], rowsIn[k])
			}
			// Never beaten: every feasible plan of the catalog costs at
			// least as much, and plans listed earlier cost more.
			cat, err := catalogs.Named(catalogInForce(m.Month))
			if err != nil {
				t.Fatal(err)
			}
			e := pricing.Evaluate(msgs[k], cat)
			evals[i] = e
			best, ok := m.Recommended()
			if !ok || !best.Feasible {
				t.Fatalf("%s %s: no feasible recommendation", a.Name, m.Month)
			}
			for j, o := range e.Options {
				if !o.Feasible {
					continue
				}
				if o.Charge.Cost.LessThan(best.Charge.Cost) {
					t.Errorf("%s %s: %s costs %s, less than the recommended %s at %s",
						a.Name, m.Month, o.Plan.ID, o.Charge.Cost, best.Plan.ID, best.Charge.Cost)
				}
				if j < m.Best && o.Charge.Cost.Equal(best.Charge.Cost) {
					t.Errorf("%s %s: %s is listed before %s and costs the same: the tie goes to it",
						a.Name, m.Month, o.Plan.ID, best.Plan.ID)
				}
			}
			want := e.Options[e.Best]
			if best.Plan.ID != want.Plan.ID || !best.Charge.Cost.Equal(want.Charge.Cost) ||
				!best.Charge.Tax.Equal(want.Charge.Tax) || !best.Charge.Total.Equal(want.Charge.Total) {
				t.Errorf("%s %s: recommended %s %v, pricing.Evaluate says %s %v", a.Name, m.Month, best.Plan.ID, best.Charge, want.Plan.ID, want.Charge)
			}
			if !best.Charge.Total.Equal(best.Charge.Cost.Add(best.Charge.Tax)) {
				t.Errorf("%s %s: total %s is not cost %s + tax %s", a.Name, m.Month, best.Charge.Total, best.Charge.Cost, best.Charge.Tax)
			}
			recommended[k] = best
			charge = chargeSum(charge, best.Charge)
			messages += m.Messages
		}
		// Account.Charge is the sum of its months.
		if !chargeEqual(a.Charge, charge) || a.Messages != messages {
			t.Errorf("%s: charge %v messages %d, months sum to %v and %d", a.Name, a.Charge, a.Messages, charge, messages)
		}
		total = chargeSum(total, a.Charge)
		totalMessages += a.Messages

		checkSinglePlan(t, a, evals)
		checkCurrentPlan(t, a, evals, p.current)
		checkActions(t, a)
	}
	if !chargeEqual(b.Total, total) || b.Messages != totalMessages {
		t.Errorf("Budget.Total %v messages %d, accounts sum to %v and %d", b.Total, b.Messages, total, totalMessages)
	}

	// The campaigns: every row once, in input order, with its share.
	cs := collectCampaigns(t, b)
	if len(cs) != len(p.rows) {
		t.Fatalf("%d campaigns, want %d (the free plan leaves no fee-only rows)", len(cs), len(p.rows))
	}
	groups := map[amKey][]int{} // indexes into cs
	for i, c := range cs {
		r := p.rows[i]
		if c.Campaign != r.campaign || c.File != paths[r.file] || c.Line != r.line {
			t.Fatalf("campaign %d is %s at %s:%d, want %s at %s:%d (files in the order given, then line)",
				i, c.Campaign, c.File, c.Line, r.campaign, paths[r.file], r.line)
		}
		if c.Messages != r.messages || c.Account != r.account || c.Month() != pricing.MonthOf(r.date) {
			t.Errorf("%s: %s %s %d messages, want %s %s %d", c.Campaign, c.Account, c.Month(), c.Messages, r.account, pricing.MonthOf(r.date), r.messages)
		}
		k := amKey{c.Account, c.Month()}
		if c.Plan != recommended[k].Plan.ID {
			t.Errorf("%s: plan %s, the month's recommendation is %s", c.Campaign, c.Plan, recommended[k].Plan.ID)
		}
		if c.Messages == 0 && (!c.Cost.IsZero() || !c.Tax.IsZero()) {
			t.Errorf("%s: 0 messages but allocated cost %s tax %s", c.Campaign, c.Cost, c.Tax)
		}
		groups[k] = append(groups[k], i)
	}
	var sumCost, sumTax decimal.Decimal
	for k, idx := range groups {
		best := recommended[k]
		weights := make([]int64, len(idx))
		for j, i := range idx {
			weights[j] = cs[i].Messages
		}
		for _, part := range []struct {
			name  string
			total decimal.Decimal
			got   func(Campaign) decimal.Decimal
		}{
			{"cost", best.Charge.Cost, func(c Campaign) decimal.Decimal { return c.Cost }},
			{"tax", best.Charge.Tax, func(c Campaign) decimal.Decimal { return c.Tax }},
		} {
			units := part.total.Shift(b.Decimals).BigInt()
			want := largestRemainder(units, weights)
			var W int64
			for _, w := range weights {
				W += w
			}
			sum := decimal.Zero
			for j, i := range idx {
				got := part.got(cs[i])
				sum = sum.Add(got)
				if !got.Equal(decimal.NewFromBigInt(want[j], -b.Decimals)) {
					t.Errorf("%s %s %s: %s gets %s, largest remainder gives %s (weights %v)",
						k.account, k.month, part.name, cs[i].Campaign, got, decimal.NewFromBigInt(want[j], -b.Decimals), weights)
				}
				// Within one billing unit of the exact proportional share:
				// |got x W - total x w| < W, in units.
				if W > 0 {
					diff := new(big.Int).Mul(got.Shift(b.Decimals).BigInt(), big.NewInt(W))
					diff.Sub(diff, new(big.Int).Mul(units, big.NewInt(weights[j])))
					if diff.CmpAbs(big.NewInt(W)) >= 0 {
						t.Errorf("%s %s %s: %s gets %s, more than one unit from its exact share %s x %d / %d",
							k.account, k.month, part.name, cs[i].Campaign, got, part.total, weights[j], W)
					}
				}
			}
			if !sum.Equal(part.total) {
				t.Errorf("%s %s: campaign %s sums to %s, the month's is %s", k.account, k.month, part.name, sum, part.total)
			}
		}
		for _, i := range idx {
			sumCost, sumTax = sumCost.Add(cs[i].Cost), sumTax.Add(cs[i].Tax)
		}
	}
	// Account-months without rows cost nothing here (the free plan).
	for _, a := range b.Accounts {
		for _, m := range a.Months() {
			if _, has := groups[amKey{a.Name, m.Month}]; !has && !m.Plan().Charge.Total.IsZero() {
				t.Errorf("%s %s: no rows, yet the bill %s has no campaign row", a.Name, m.Month, m.Plan().Charge.Total)
			}
		}
	}
	if !sumCost.Equal(b.Total.Cost) || !sumTax.Equal(b.Total.Tax) {
		t.Errorf("campaigns sum to %s + tax %s, Budget.Total is %s + tax %s", sumCost, sumTax, b.Total.Cost, b.Total.Tax)
	}

	checkJSON(t, b, cs)
}

func chargeSum(a, b pricing.Charge) pricing.Charge {
	return pricing.Charge{Cost: a.Cost.Add(b.Cost), Tax: a.Tax.Add(b.Tax), Total: a.Total.Add(b.Total)}
}

func chargeEqual(a, b pricing.Charge) bool {
	return a.Cost.Equal(b.Cost) && a.Tax.Equal(b.Tax) && a.Total.Equal(b.Total)
}

// checkSinglePlan: the best single plan is feasible every month and no
// plan feasible every month is cheaper (the first listed on a tie).
func checkSinglePlan(t *testing.T, a Account, evals []pricing.Evaluation) {
	t.Helper()
	var best string
	var bestCharge pricing.Charge
	for _, p := range evals[0].Catalog.Plans {
		var sum pricing.Charge
		feasible := true
		for _, e := range evals {
			i := slices.IndexFunc(e.Options, func(o pricing.Option) bool { return o.Plan.ID == p.ID })
			if i < 0 || !e.Options[i].Feasible {
				feasible = false
				break
			}
			sum = chargeSum(sum, e.Options[i].Charge)
		}
		if feasible && (best == "" || sum.Cost.LessThan(bestCharge.Cost)) {
			best, bestCharge = p.ID, sum
		}
	}
	switch {
	case best == "" && a.Single != nil:
		t.Errorf("%s: single plan %s, but no plan is feasible every month", a.Name, a.Single.Plan.ID)
	case best != "" && a.Single == nil:
		t.Errorf("%s: no single plan, want %s at %s", a.Name, best, bestCharge.Cost)
	case best != "":
		if a.Single.Plan.ID != best || !chargeEqual(a.Single.Charge, bestCharge) || len(a.Single.Infeasible) > 0 {
			t.Errorf("%s: single plan %s %v infeasible in %v, want %s %v feasible every month",
				a.Name, a.Single.Plan.ID, a.Single.Charge, monthStrings(a.Single.Infeasible), best, bestCharge)
		}
		if a.Single.Charge.Cost.LessThan(a.Charge.Cost) {
			t.Errorf("%s: the single plan %s costs %s, less than the monthly recommendations %s", a.Name, best, a.Single.Charge.Cost, a.Charge.Cost)
		}
	}
}

// checkCurrentPlan: the current plan is billed every month, infeasible
// months at their fee and listed.
func checkCurrentPlan(t *testing.T, a Account, evals []pricing.Evaluation, current map[string]string) {
	t.Helper()
	id, ok := current[a.Name]
	if !ok {
		id, ok = current[""]
	}
	if !ok {
		if a.Current != nil || !a.Saving().IsZero() {
			t.Errorf("%s: current plan %v and saving %s without --current-plan", a.Name, a.Current, a.Saving())
		}
		return
	}
	var sum pricing.Charge
	var infeasible []pricing.Month
	for i, e := range evals {
		j := slices.IndexFunc(e.Options, func(o pricing.Option) bool { return o.Plan.ID == id })
		sum = chargeSum(sum, e.Options[j].Charge)
		if !e.Options[j].Feasible {
			infeasible = append(infeasible, a.Month(i).Month)
		}
	}
	if a.Current == nil {
		t.Fatalf("%s: no current plan, want %s", a.Name, id)
	}
	if a.Current.Plan.ID != id || !chargeEqual(a.Current.Charge, sum) || !slices.Equal(a.Current.Infeasible, infeasible) {
		t.Errorf("%s: current plan %s %v infeasible in %v, want %s %v infeasible in %v", a.Name,
			a.Current.Plan.ID, a.Current.Charge, monthStrings(a.Current.Infeasible), id, sum, monthStrings(infeasible))
	}
	if want := sum.Cost.Sub(a.Charge.Cost); !a.Saving().Equal(want) {
		t.Errorf("%s: saving %s, want %s", a.Name, a.Saving(), want)
	}
}

// checkActions: a plan change in every month whose recommendation differs
// from the month before (the first month: from the current plan).
func checkActions(t *testing.T, a Account) {
	t.Helper()
	var prev *pricing.Plan
	if a.Current != nil {
		prev = &a.Current.Plan
	}
	for _, m := range a.Months() {
		to := m.Plan().Plan
		if prev == nil || prev.ID == to.ID {
			if m.Action != nil {
				t.Errorf("%s %s: action %+v, want none", a.Name, m.Month, *m.Action)
			}
		} else {
			kind, date := "change", m.Month.FirstDay().AddDate(0, 0, -1)
			switch to.MonthlyFee.Cmp(prev.MonthlyFee) {
			case 1:
				kind, date = "upgrade", m.Month.FirstDay()
			case -1:
				kind = "downgrade"
			}
			if act := m.Action; act == nil || act.Kind != kind || act.From.ID != prev.ID || act.To.ID != to.ID || !act.Date.Equal(date) {
				t.Errorf("%s %s: action %+v, want %s %s -> %s on %s", a.Name, m.Month, act, kind, prev.ID, to.ID, date.Format(time.DateOnly))
			}
		}
		prev = &to
	}
}

// budgetDoc is the JSON of WriteJSON, as a reader would take it.
type budgetDoc struct {
	Currency string `json:"currency"`
	Catalogs []struct {
		Name          string `json:"name"`
		Region        string `json:"region"`
		Currency      string `json:"currency"`
		EffectiveFrom string `json:"effective_from"`
		Verified      string `json:"verified"`
		Source        string `json:"source"`
	} `json:"catalogs"`
	Accounts []struct {
		Account     string                       `json:"account"`
		Messages    int64                        `json:"messages"`
		Cost        string                       `json:"cost"`
		Tax         string                       `json:"tax"`
		Total       string                       `json:"total"`
		SinglePlan  *struct{ Plan, Cost string } `json:"single_plan"`
		CurrentPlan *struct {
			Plan             string   `json:"plan"`
			Cost             string   `json:"cost"`
			InfeasibleMonths []string `json:"infeasible_months"`
		} `json:"current_plan"`
		Saving *string `json:"saving"`
		Months []struct {
			Month       string   `json:"month"`
			Catalog     string   `json:"catalog"`
			Verified    string   `json:"verified"`
			Messages    int64    `json:"messages"`
			Recommended *string  `json:"recommended"`
			Cost        *string  `json:"cost"`
			Tax         *string  `json:"tax"`
			Total       *string  `json:"total"`
			Notes       []string `json:"notes"`
			Plans       []struct {
				Plan               string  `json:"plan"`
				Feasible           bool    `json:"feasible"`
				Undelivered        int64   `json:"undelivered"`
				Fee                string  `json:"fee"`
				AdditionalMessages int64   `json:"additional_messages"`
				AdditionalCost     string  `json:"additional_cost"`
				Cost               *string `json:"cost"`
			} `json:"plans"`
			Action *struct {
				Kind, From, To, Date string
				Overdue              bool
			} `json:"action"`
			Held *struct {
				Cheapest, Deadline, Extra string
			} `json:"held"`
			Past bool `json:"past"`
		} `json:"months"`
	} `json:"accounts"`
	Campaigns []struct {
		File     string `json:"file"`
		Line     int    `json:"line"`
		Account  string `json:"account"`
		Campaign string `json:"campaign"`
		Date     string `json:"date"`
		Time     string `json:"time"`
		Month    string `json:"month"`
		Messages int64  `json:"messages"`
		Plan     string `json:"plan"`
		Cost     string `json:"cost"`
		Tax      string `json:"tax"`
	} `json:"campaigns"`
	Total       struct{ Cost, Tax, Total string } `json:"total"`
	Warnings    []input.Warning                   `json:"warnings"`
	Files       []input.FileInfo                  `json:"files"`
	EmptyMonths []string                          `json:"empty_months"`
}

func budgetJSONOf(t *testing.T, b *Budget) budgetDoc {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteJSON(&buf, b); err != nil {
		t.Fatalf("WriteJSON: %v", err)
	}
	if !json.Valid(buf.Bytes()) {
		t.Fatalf("WriteJSON wrote invalid JSON:\n%s", buf.String())
	}
	var doc budgetDoc
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("decoding the JSON: %v", err)
	}
	return doc
}

// checkJSON: WriteJSON parses and says what the Budget says.
func checkJSON(t *testing.T, b *Budget, cs []Campaign) {
	t.Helper()
	doc := budgetJSONOf(t, b)
	d := b.Decimals
	if doc.Total.Cost != Money(b.Total.Cost, d) || doc.Total.Tax != Money(b.Total.Tax, d) || doc.Total.Total != Money(b.Total.Total, d) {
		t.Errorf("JSON total %+v, Budget.Total %v", doc.Total, b.Total)
	}
	if doc.Currency != b.Currency || len(doc.Accounts) != len(b.Accounts) || len(doc.Campaigns) != len(cs) {
		t.Fatalf("JSON: currency %s, %d accounts, %d campaigns; want %s, %d, %d",
			doc.Currency, len(doc.Accounts), len(doc.Campaigns), b.Currency, len(b.Accounts), len(cs))
	}
	for i, a := range b.Accounts {
		ja := doc.Accounts[i]
		if ja.Account != a.Name || ja.Cost != Money(a.Charge.Cost, d) || ja.Tax != Money(a.Charge.Tax, d) || ja.Total != Money(a.Charge.Total, d) {
			t.Errorf("JSON account %d: %s %s/%s/%s, want %s %v", i, ja.Account, ja.Cost, ja.Tax, ja.Total, a.Name, a.Charge)
		}
		if (ja.SinglePlan == nil) != (a.Single == nil) || (a.Single != nil && (ja.SinglePlan.Plan != a.Single.Plan.ID || ja.SinglePlan.Cost != Money(a.Single.Charge.Cost, d))) {
			t.Errorf("JSON %s single_plan %+v, want %+v", a.Name, ja.SinglePlan, a.Single)
		}
		if (ja.CurrentPlan == nil) != (a.Current == nil) || (a.Current != nil && (ja.Saving == nil || *ja.Saving != Money(a.Saving(), d))) {
			t.Errorf("JSON %s current_plan %+v saving %v, want %+v saving %s", a.Name, ja.CurrentPlan, ja.Saving, a.Current, a.Saving())
		}
		if len(ja.Months) != len(allMonths(a)) {
			t.Fatalf("JSON %s: %d months, want %d", a.Name, len(ja.Months), len(allMonths(a)))
		}
		for j, m := range a.Months() {
			jm := ja.Months[j]
			best := m.Plan()
			if jm.Month != m.Month.String() || jm.Catalog != m.Catalog.Name || jm.Messages != m.Messages ||
				jm.Recommended == nil || *jm.Recommended != best.Plan.ID || jm.Cost == nil || *jm.Cost != Money(best.Charge.Cost, d) {
				t.Errorf("JSON %s month %d: %+v, want %s %s %d %s %s", a.Name, j, jm, m.Month, m.Catalog.Name, m.Messages, best.Plan.ID, best.Charge.Cost)
			}
			if len(jm.Plans) != len(m.Options) {
				t.Fatalf("JSON %s %s: %d plans, want %d", a.Name, m.Month, len(jm.Plans), len(m.Options))
			}
			for k, o := range m.Options {
				jp := jm.Plans[k]
				cost := "<nil>"
				if o.Feasible {
					cost = Money(o.Charge.Cost, d)
				}
				if jp.Plan != o.Plan.ID || jp.Feasible != o.Feasible || jp.Undelivered != o.Undelivered ||
					jp.AdditionalMessages != o.Additional || strOr(jp.Cost) != cost ||
					!decimal.RequireFromString(jp.Fee).Equal(o.Fee) || !decimal.RequireFromString(jp.AdditionalCost).Equal(o.AdditionalCost) {
					t.Errorf("JSON %s %s plan %d: %+v cost %s, want %s feasible %v cost %s", a.Name, m.Month, k, jp, strOr(jp.Cost), o.Plan.ID, o.Feasible, cost)
				}
			}
			if (jm.Action == nil) != (m.Action == nil) {
				t.Errorf("JSON %s %s: action %+v, want %+v", a.Name, m.Month, jm.Action, m.Action)
			}
		}
	}
	sumCost, sumTax := decimal.Zero, decimal.Zero
	for i, c := range cs {
		jc := doc.Campaigns[i]
		if jc.File != c.File || jc.Line != c.Line || jc.Campaign != c.Campaign || jc.Account != c.Account ||
			jc.Month != c.Month().String() || jc.Messages != c.Messages || jc.Plan != c.Plan ||
			jc.Cost != Money(c.Cost, d) || jc.Tax != Money(c.Tax, d) {
			t.Errorf("JSON campaign %d: %+v, want %s:%d %s %s %s", i, jc, c.File, c.Line, c.Campaign, c.Cost, c.Tax)
		}
		sumCost = sumCost.Add(decimal.RequireFromString(jc.Cost))
		sumTax = sumTax.Add(decimal.RequireFromString(jc.Tax))
	}
	if sumCost.StringFixed(d) != doc.Total.Cost || sumTax.StringFixed(d) != doc.Total.Tax {
		t.Errorf("JSON campaigns sum to %s + tax %s, JSON total %+v", sumCost, sumTax, doc.Total)
	}
}

// ---------------------------------------------------------------------
// Worked cases, checked by hand.

// TestBuildCatalogChange is issue 4's acceptance case: a plan spanning
// 2023-08 and 2023-09 is priced with tw-2019 in August and tw-2023 in
// September.
func TestBuildCatalogChange(t *testing.T) {
	dir := t.TempDir()
	plan := writePlanFile(t, dir, "plan.csv", "date,account,campaign,friends\n"+
		"2023-08-03,Shop,Summer A,20000\n"+
		"2023-08-20,Shop,Summer B,10001\n"+
		"2023-09-10,Shop,Autumn,3500\n")
	b := mustBuild(t, []string{plan}, twOptions())

	if got := monthStrings(b.Months); !slices.Equal(got, []string{"2023-08", "2023-09"}) {
		t.Fatalf("months %v", got)
	}
	a := accountNamed(t, b, "Shop")
	aug, sep := a.Month(0), a.Month(1)
	if aug.Catalog.Name != "tw-2019" || sep.Catalog.Name != "tw-2023" {
		t.Errorf("catalogs %s, %s; want tw-2019 in August, tw-2023 in September", aug.Catalog.Name, sep.Catalog.Name)
	}

	// August, tw-2019, 20,000 + 10,001 = 30,001 messages:
	//   light:    500 free, sells none: 29,501 not delivered
	//   standard: 800 + 0.2 x (30,001 - 4,000) = 800 + 5,200.2 = 6,000.2 -> 6,000
	//   pro:      4,000 + 0.15 x (30,001 - 25,000) = 4,000 + 750.15 = 4,750.15 -> 4,750
	// Recommended pro: 4,750, tax 5% = 237.5 -> 238 (half-up), total 4,988.
	// (tw-2023 would have charged pro 1,200 + 0.2 x 24,001 = 6,000.2 -> 6,000.)
	if aug.Messages != 30001 {
		t.Errorf("August messages %d, want 30001", aug.Messages)
	}
	if o := optionOf(t, aug, "light"); o.Feasible || o.Undelivered != 29501 {
		t.Errorf("August light: feasible %v undelivered %d, want infeasible, 29501", o.Feasible, o.Undelivered)
	}
	equalMoney(t, "August standard exact cost", optionOf(t, aug, "standard").Cost, "6000.2")
	equalMoney(t, "August standard cost", optionOf(t, aug, "standard").Charge.Cost, "6000")
	equalMoney(t, "August pro exact cost", optionOf(t, aug, "pro").Cost, "4750.15")
	if aug.Plan().Plan.ID != "pro" {
		t.Errorf("August recommended %s, want pro", aug.Plan().Plan.ID)
	}
	equalCharge(t, "August", aug.Plan().Charge, "4750", "238", "4988")

	// September, tw-2023, 3,500 messages:
	//   light:    200 free: 3,300 not delivered
	//   standard: 3,000 free, sells none: 500 not delivered
	//   pro:      1,200, 6,000 free: 1,200, tax 60, total 1,260
	// (tw-2019 would have recommended standard at 800.)
	if o := optionOf(t, sep, "standard"); o.Feasible || o.Undelivered != 500 {
		t.Errorf("September standard: feasible %v undelivered %d, want infeasible, 500", o.Feasible, o.Undelivered)
	}
	if sep.Plan().Plan.ID != "pro" {
		t.Errorf("September recommended %s, want pro", sep.Plan().Plan.ID)
	}
	equalCharge(t, "September", sep.Plan().Charge, "1200", "60", "1260")
	// pro stays pro across the catalogs: no plan change.
	if aug.Action != nil || sep.Action != nil {
		t.Errorf("actions %+v, %+v; want none", aug.Action, sep.Action)
	}

	// The account and the budget: 4,750 + 1,200 = 5,950; 238 + 60 = 298; 6,248.
	equalCharge(t, "Shop", a.Charge, "5950", "298", "6248")
	equalCharge(t, "Budget.Total", b.Total, "5950", "298", "6248")
	// Single plan: light and standard cannot deliver September; pro costs
	// 4,750 + 1,200 = 5,950.
	if a.Single == nil || a.Single.Plan.ID != "pro" {
		t.Fatalf("single plan %+v, want pro", a.Single)
	}
	equalMoney(t, "single plan cost", a.Single.Charge.Cost, "5950")
	var used []string
	for _, c := range b.Catalogs {
		used = append(used, c.Name)
	}
	if !slices.Equal(used, []string{"tw-2019", "tw-2023"}) {
		t.Errorf("catalogs used %v, want [tw-2019 tw-2023]", used)
	}

	// Campaigns: August's 4,750 over 20,000 : 10,001:
	//   4,750 x 20,000 / 30,001 = 3,166.561..  -> 3,166, remainder .561
	//   4,750 x 10,001 / 30,001 = 1,583.438..  -> 1,583, remainder .438
	//   1 unit left -> the larger remainder: 3,167 and 1,583.
	// Tax 238: 158.661.. and 79.338.. -> 159 and 79.
	cs := collectCampaigns(t, b)
	want := []struct{ campaign, plan, cost, tax string }{
		{"Summer A", "pro", "3167", "159"},
		{"Summer B", "pro", "1583", "79"},
		{"Autumn", "pro", "1200", "60"},
	}
	if len(cs) != len(want) {
		t.Fatalf("%d campaigns, want %d", len(cs), len(want))
	}
	for i, w := range want {
		c := cs[i]
		if c.Campaign != w.campaign || c.Plan != w.plan || c.Line != i+2 {
			t.Errorf("campaign %d: %s line %d plan %s, want %s line %d plan %s", i, c.Campaign, c.Line, c.Plan, w.campaign, i+2, w.plan)
		}
		equalMoney(t, w.campaign+" cost", c.Cost, w.cost)
		equalMoney(t, w.campaign+" tax", c.Tax, w.tax)
	}

	doc := budgetJSONOf(t, b)
	if doc.Total.Cost != "5950" || doc.Total.Tax != "298" || doc.Total.Total != "6248" {
		t.Errorf("JSON total %+v", doc.Total)
	}
	if m := doc.Accounts[0].Months; m[0].Catalog != "tw-2019" || m[1].Catalog != "tw-2023" || strOr(m[0].Cost) != "4750" || strOr(m[1].Cost) != "1200" {
		t.Errorf("JSON months: %s %s, %s %s", m[0].Catalog, strOr(m[0].Cost), m[1].Catalog, strOr(m[1].Cost))
	}

	// With --catalog tw-2023 every month uses it: August costs
	// 1,200 + 0.2 x 24,001 = 6,000.2 -> 6,000.
	opts := twOptions()
	opts.Catalog = "tw-2023"
	b2 := mustBuild(t, []string{plan}, opts)
	m := b2.Accounts[0].Month(0)
	if m.Catalog.Name != "tw-2023" || m.Plan().Plan.ID != "pro" {
		t.Errorf("--catalog tw-2023: August on %s, plan %s", m.Catalog.Name, m.Plan().Plan.ID)
	}
	equalCharge(t, "--catalog tw-2023 August", m.Plan().Charge, "6000", "300", "6300")
}

// TestBuildPlanActions: an upgrade is dated the 1st of its month; a
// downgrade the last day of the month before; the first month changes
// only from --current-plan.
func TestBuildPlanActions(t *testing.T) {
	dir := t.TempDir()
	// tw-2023: light (fee 0, 200 free), standard (800, 3,000 free), pro
	// (1,200, 6,000 free, 0.2 each past it).
	//   2023-09    100 -> light
	//   2023-10  2,500 -> standard: upgrade on 2023-10-01
	//   2023-11    100 -> light: downgrade, request by 2023-10-31
	//   2023-12  7,000 -> pro 1,200 + 0.2 x 1,000 = 1,400: upgrade on 2023-12-01
	//   2024-01    100 -> light: downgrade, request by 2023-12-31
	plan := writePlanFile(t, dir, "plan.csv", "date,account,campaign,friends\n"+
		"2023-09-12,Shop,a,100\n"+
		"2023-10-31,Shop,b,2500\n"+
		"2023-11-01,Shop,c,100\n"+
		"2023-12-24,Shop,d,7000\n"+
		"2024-01-02,Shop,e,100\n")
	type act struct{ kind, from, to, date string }
	actions := func(a Account) []act {
		var out []act
		for _, m := range a.Months() {
			if m.Action == nil {
				out = append(out, act{})
				continue
			}
			out = append(out, act{m.Action.Kind, m.Action.From.ID, m.Action.To.ID, m.Action.Date.Format(time.DateOnly)})
		}
		return out
	}
	middle := []act{
		{"upgrade", "light", "standard", "2023-10-01"},
		{"downgrade", "standard", "light", "2023-10-31"},
		{"upgrade", "light", "pro", "2023-12-01"},
		{"downgrade", "pro", "light", "2023-12-31"},
	}
	for _, tc := range []struct {
		current string
		first   act
	}{
		{"", act{}},      // no current plan: nothing to change from
		{"light", act{}}, // already on the recommended plan
		{"pro", act{"downgrade", "pro", "light", "2023-08-31"}},
		{"standard", act{"downgrade", "standard", "light", "2023-08-31"}},
	} {
		t.Run("current="+tc.current, func(t *testing.T) {
			opts := twOptions()
			if tc.current != "" {
				opts.CurrentPlans = map[string]string{"": tc.current}
			}
			b := mustBuild(t, []string{plan}, opts)
			a := accountNamed(t, b, "Shop")
			want := append([]act{tc.first}, middle...)
			if got := actions(a); !reflect.DeepEqual(got, want) {
				t.Errorf("actions:\n got %v\nwant %v", got, want)
			}
			equalMoney(t, "December cost", a.Month(3).Plan().Charge.Cost, "1400")
			// Actions dated in UTC, at midnight.
			for _, m := range a.Months() {
				if m.Action != nil && (m.Action.Date.Location() != time.UTC || m.Action.Date.Hour() != 0) {
					t.Errorf("%s: action date %v is not a UTC date", m.Month, m.Action.Date)
				}
			}
			doc := budgetJSONOf(t, b)
			if j := doc.Accounts[0].Months[2].Action; j == nil || j.Kind != "downgrade" || j.From != "standard" || j.To != "light" || j.Date != "2023-10-31" {
				t.Errorf("JSON November action %+v", j)
			}
		})
	}
}

// TestBuildCurrentPlanInfeasible: the current plan bills its fee in a
// month it cannot deliver; the month is listed; the saving can be
// negative.
func TestBuildCurrentPlanInfeasible(t *testing.T) {
	dir := t.TempDir()
	plan := writePlanFile(t, dir, "plan.csv", "date,account,campaign,friends\n"+
		"2023-09-05,A,a1,5000\n"+
		"2023-10-05,A,a2,100\n"+
		"2023-09-06,B,b1,10000\n")
	opts := twOptions()
	opts.CurrentPlans = map[string]string{"": "standard", "B": "light"}
	b := mustBuild(t, []string{plan}, opts)

	// A (tw-2023): September 5,000 -> pro 1,200 (within 6,000 free), tax 60;
	// October 100 -> light 0. Recommended 1,200.
	// Current standard: September cannot deliver (5,000 > 3,000 free, sells
	// none: 2,000 undelivered) and bills its fee 800; October 800. 1,600,
	// tax 80. Saving 1,600 - 1,200 = 400.
	a := accountNamed(t, b, "A")
	equalCharge(t, "A recommended", a.Charge, "1200", "60", "1260")
	if a.Current == nil || a.Current.Plan.ID != "standard" {
		t.Fatalf("A current %+v, want standard", a.Current)
	}
	equalCharge(t, "A current", a.Current.Charge, "1600", "80", "1680")
	if got := monthStrings(a.Current.Infeasible); !slices.Equal(got, []string{"2023-09"}) {
		t.Errorf("A current infeasible in %v, want [2023-09]", got)
	}
	equalMoney(t, "A saving", a.Saving(), "400")
	if o := optionOf(t, a.Month(0), "standard"); o.Feasible || o.Undelivered != 2000 {
		t.Errorf("A September standard: feasible %v undelivered %d", o.Feasible, o.Undelivered)
	}

	// B: September 10,000 -> pro 1,200 + 0.2 x 4,000 = 2,000, tax 100;
	// October (no rows, 0 messages) -> light 0. Recommended 2,000.
	// Current light: September cannot deliver and bills its fee 0; October 0.
	// Saving 0 - 2,000 = -2,000: staying would be cheaper, because it would
	// not deliver 9,800 messages.
	bb := accountNamed(t, b, "B")
	equalCharge(t, "B recommended", bb.Charge, "2000", "100", "2100")
	if bb.Current == nil || bb.Current.Plan.ID != "light" {
		t.Fatalf("B current %+v, want light", bb.Current)
	}
	equalCharge(t, "B current", bb.Current.Charge, "0", "0", "0")
	if got := monthStrings(bb.Current.Infeasible); !slices.Equal(got, []string{"2023-09"}) {
		t.Errorf("B current infeasible in %v, want [2023-09]", got)
	}
	equalMoney(t, "B saving", bb.Saving(), "-2000")
	if bb.Month(1).Messages != 0 || bb.Month(1).Rows != 0 {
		t.Errorf("B October: %d messages, %d rows; want 0, 0", bb.Month(1).Messages, bb.Month(1).Rows)
	}

	// Actions: A standard -> pro is an upgrade on 2023-09-01; pro -> light a
	// downgrade requested by 2023-09-30. B light -> pro, then back.
	for _, acc := range []Account{a, bb} {
		sept, oct := acc.Month(0).Action, acc.Month(1).Action
		if sept == nil || sept.Kind != "upgrade" || sept.To.ID != "pro" || sept.Date.Format(time.DateOnly) != "2023-09-01" {
			t.Errorf("%s September action %+v, want upgrade to pro on 2023-09-01", acc.Name, sept)
		}
		if oct == nil || oct.Kind != "downgrade" || oct.From.ID != "pro" || oct.To.ID != "light" || oct.Date.Format(time.DateOnly) != "2023-09-30" {
			t.Errorf("%s October action %+v, want downgrade pro -> light by 2023-09-30", acc.Name, oct)
		}
	}

	doc := budgetJSONOf(t, b)
	jb := doc.Accounts[1]
	if jb.Account != "B" || jb.CurrentPlan == nil || jb.CurrentPlan.Plan != "light" || jb.CurrentPlan.Cost != "0" ||
		!slices.Equal(jb.CurrentPlan.InfeasibleMonths, []string{"2023-09"}) || strOr(jb.Saving) != "-2000" {
		t.Errorf("JSON B: %+v current %+v saving %s", jb.Account, jb.CurrentPlan, strOr(jb.Saving))
	}
}

// TestBuildFromTo: rows outside --from/--to are counted in Skipped; the
// period is exactly From..To; months without rows are priced at 0 messages.
func TestBuildFromTo(t *testing.T) {
	dir := t.TempDir()
	plan := writePlanFile(t, dir, "plan.csv", "date,account,campaign,friends\n"+
		"2023-06-15,Shop,June,1000\n"+
		"2023-09-05,Shop,September,5000\n"+
		"2023-12-01,Shop,December,100\n")
	opts := twOptions()
	opts.From, opts.To = mustMonth(t, "2023-08"), mustMonth(t, "2023-10")
	b := mustBuild(t, []string{plan}, opts)
	if b.Skipped != 2 || b.Rows != 1 {
		t.Errorf("skipped %d rows %d, want 2, 1", b.Skipped, b.Rows)
	}
	if got := monthStrings(b.Months); !slices.Equal(got, []string{"2023-08", "2023-09", "2023-10"}) {
		t.Fatalf("months %v, want 2023-08..2023-10", got)
	}
	a := b.Accounts[0]
	// August (tw-2019) and October (tw-2023): 0 messages, light, 0.
	for _, i := range []int{0, 2} {
		m := a.Month(i)
		if m.Messages != 0 || m.Rows != 0 || m.Plan().Plan.ID != "light" || !m.Plan().Charge.Total.IsZero() {
			t.Errorf("%s: %d messages %d rows, %s %s; want 0, 0, light 0", m.Month, m.Messages, m.Rows, m.Plan().Plan.ID, m.Plan().Charge.Total)
		}
		if len(m.Options) != 3 {
			t.Errorf("%s: %d plans priced, want 3", m.Month, len(m.Options))
		}
	}
	if a.Month(0).Catalog.Name != "tw-2019" || a.Month(2).Catalog.Name != "tw-2023" {
		t.Errorf("catalogs %s, %s", a.Month(0).Catalog.Name, a.Month(2).Catalog.Name)
	}
	// September 5,000 -> pro 1,200, tax 60.
	equalCharge(t, "total", b.Total, "1200", "60", "1260")
	cs := collectCampaigns(t, b)
	if len(cs) != 1 || cs[0].Campaign != "September" {
		t.Errorf("campaigns %+v, want September only", cs)
	}

	// Only --from: the period runs to the last month with rows.
	opts = twOptions()
	opts.From = mustMonth(t, "2023-08")
	b = mustBuild(t, []string{plan}, opts)
	if got := monthStrings(b.Months); b.Skipped != 1 || b.Rows != 2 || got[0] != "2023-08" || got[len(got)-1] != "2023-12" || len(got) != 5 {
		t.Errorf("--from 2023-08: skipped %d rows %d months %v", b.Skipped, b.Rows, got)
	}

	// Every row outside: an error that counts them.
	opts = twOptions()
	opts.From = mustMonth(t, "2024-01")
	if b, err := Build([]string{plan}, opts); err == nil || !strings.Contains(err.Error(), "no campaign rows to price (3 rows fall outside --from/--to)") {
		t.Errorf("all rows outside: budget %v, err %v", b, err)
	}
}

// TestBuildTieGoesToEarlierRow: equal remainders go to the row that comes
// first: files in the order given, then line (not the date, not the name).
func TestBuildTieGoesToEarlierRow(t *testing.T) {
	dir := t.TempDir()
	// Given first although its name sorts last; its tied row is on line 3.
	second := writePlanFile(t, dir, "b.csv", "date,account,campaign,friends\n"+
		"2023-10-01,Shop,filler,100\n"+
		"2023-09-20,Shop,b3,3025\n")
	first := writePlanFile(t, dir, "a.csv", "date,account,campaign,friends\n"+
		"2023-09-05,Shop,a2,3025\n")
	// September: 3,025 + 3,025 = 6,050 -> pro 1,200 + 0.2 x 50 = 1,210;
	// tax 60.5 -> 61. Cost: 605 each, exact. Tax: 30.5 each -> 30 each and
	// one unit left; equal remainders -> b.csv line 3 (the first file
	// given), though a.csv's row is on an earlier line and date.
	b := mustBuild(t, []string{second, first}, twOptions())
	cs := collectCampaigns(t, b)
	got := map[string][2]string{}
	for _, c := range cs {
		got[c.Campaign] = [2]string{c.Cost.String(), c.Tax.String()}
	}
	want := map[string][2]string{"filler": {"0", "0"}, "b3": {"605", "31"}, "a2": {"605", "30"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("allocations %v, want %v", got, want)
	}

	// Within one file: three rows of 2,001 = 6,003 -> pro 1,200.6 -> 1,201,
	// tax 60.05 -> 60. 1,201 / 3 = 400 each and one unit left, to line 2
	// (sent last). Tax 20 each.
	plan := writePlanFile(t, dir, "one.csv", "date,account,campaign,friends\n"+
		"2023-09-20,Shop,line2,2001\n"+
		"2023-09-05,Shop,line3,2001\n"+
		"2023-09-10,Shop,line4,2001\n")
	cs = collectCampaigns(t, mustBuild(t, []string{plan}, twOptions()))
	got = map[string][2]string{}
	for _, c := range cs {
		got[c.Campaign] = [2]string{c.Cost.String(), c.Tax.String()}
	}
	want = map[string][2]string{"line2": {"401", "20"}, "line3": {"400", "20"}, "line4": {"400", "20"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("allocations %v, want %v", got, want)
	}
}

// zzCatalog is a catalog of region zz without a free plan, billed in
// cents.
const zzCatalog = `{
  "name": "zz-2024", "region": "zz", "currency": "USD", "currency_decimals": 2,
  "tax_rate": "0.075", "effective_from": "2024-01-01", "source": "invented for a test",
  "plans": [
    {"id": "basic", "name": "基本", "name_en": "Basic", "monthly_fee": "9.99", "free_messages": 100,
     "additional": {"tiers": [{"up_to": 1000, "price": "0.015"}, {"price": "0.0125"}]}},
    {"id": "plus", "name": "進階", "name_en": "Plus", "monthly_fee": "49.5", "free_messages": 5000}
  ]
}`

// strOr is *p, or "<nil>".
func strOr(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

func parseCatalog(t *testing.T, text string) pricing.Catalog {
	t.Helper()
	c, err := pricing.ParseCatalog([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestBuildNoFreePlan: with a catalog whose cheapest plan has a fee, a
// month without messages has a bill and no row to carry it; it gets a
// "(plan fee, no messages)" campaign so that the campaigns still sum to
// the total.
func TestBuildNoFreePlan(t *testing.T) {
	dir := t.TempDir()
	plan := writePlanFile(t, dir, "plan.csv", "date,account,campaign,friends,channel\n"+
		"2024-01-09,Store,Winter,3000,api\n"+
		"2024-01-10,Kiosk,Nobody,0,api\n"+
		"2024-03-12,Store,Spring,100,api\n"+
		"2024-03-20,Store,Reminder,50,api\n")
	cats, err := pricing.NewCatalogs(parseCatalog(t, zzCatalog))
	if err != nil {
		t.Fatal(err)
	}
	b := mustBuild(t, []string{plan}, Options{Catalogs: cats, Region: "zz"})
	if b.Currency != "USD" || b.Decimals != 2 {
		t.Errorf("currency %s %d", b.Currency, b.Decimals)
	}
	// Store: January 3,000 on basic: 2,900 additional messages past the
	//   100 free, the tiers counted on them: 1,000 x 0.015 = 15 and
	//   1,900 x 0.0125 = 23.75: 9.99 + 15 + 23.75 = 48.74; tax 3.6555 -> 3.66.
	//   (plus: 49.50.)
	// February: 0 messages, basic 9.99, tax 0.74925 -> 0.75.
	// March 150: 9.99 + 50 x 0.015 = 10.74, tax 0.8055 -> 0.81;
	//   split 100 : 50 -> 7.16 and 3.58; tax 0.54 and 0.27.
	// Kiosk: January has a row with 0 friends (0 messages), February and
	// March none: 9.99 and 0.75 each month, carried by fee-only rows; the
	// row with 0 messages gets 0.
	store, kiosk := accountNamed(t, b, "Store"), accountNamed(t, b, "Kiosk")
	equalCharge(t, "Store January", store.Month(0).Plan().Charge, "48.74", "3.66", "52.40")
	equalCharge(t, "Store", store.Charge, "69.47", "5.22", "74.69")
	equalCharge(t, "Kiosk", kiosk.Charge, "29.97", "2.25", "32.22")
	equalCharge(t, "Budget.Total", b.Total, "99.44", "7.47", "106.91")

	cs := collectCampaigns(t, b)
	type row struct{ account, campaign, file, month, plan, cost, tax string }
	var got []row
	sumCost, sumTax := decimal.Zero, decimal.Zero
	for _, c := range cs {
		got = append(got, row{c.Account, c.Campaign, filepath.Base(c.File), c.Month().String(), c.Plan, c.Cost.StringFixed(2), c.Tax.StringFixed(2)})
		sumCost, sumTax = sumCost.Add(c.Cost), sumTax.Add(c.Tax)
	}
	want := []row{
		{"Store", "Winter", "plan.csv", "2024-01", "basic", "48.74", "3.66"},
		{"Kiosk", "Nobody", "plan.csv", "2024-01", "basic", "0.00", "0.00"},
		{"Store", "Spring", "plan.csv", "2024-03", "basic", "7.16", "0.54"},
		{"Store", "Reminder", "plan.csv", "2024-03", "basic", "3.58", "0.27"},
		// Then the fee-only rows, by account and month.
		{"Kiosk", NoMessagesCampaign, ".", "2024-01", "basic", "9.99", "0.75"},
		{"Kiosk", NoMessagesCampaign, ".", "2024-02", "basic", "9.99", "0.75"},
		{"Kiosk", NoMessagesCampaign, ".", "2024-03", "basic", "9.99", "0.75"},
		{"Store", NoMessagesCampaign, ".", "2024-02", "basic", "9.99", "0.75"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("campaigns:\n got %v\nwant %v", got, want)
	}
	for _, c := range cs[4:] {
		if c.File != "" || c.Line != 0 || c.Messages != 0 {
			t.Errorf("fee-only row %+v: want no file, no line, 0 messages", c.Row)
		}
	}
	equalMoney(t, "campaign cost sum", sumCost, "99.44")
	equalMoney(t, "campaign tax sum", sumTax, "7.47")
	doc := budgetJSONOf(t, b)
	if doc.Total.Cost != "99.44" || doc.Total.Tax != "7.47" || doc.Total.Total != "106.91" || len(doc.Campaigns) != 8 {
		t.Errorf("JSON total %+v, %d campaigns", doc.Total, len(doc.Campaigns))
	}
	if c := doc.Campaigns[5]; c.Campaign != NoMessagesCampaign || c.Month != "2024-02" || c.Cost != "9.99" || c.Tax != "0.75" {
		t.Errorf("JSON fee-only campaign %+v", c)
	}
}

// TestJSONMoneyDecimals: the README says money in the JSON is a decimal
// string in the currency's decimals, additional_cost alone being exact and
// allowed more. With a USD catalog (2 decimals) whose plus plan's fee is
// written "49.5" in the catalog, every cost, tax, total, fee and saving
// must have exactly two decimals: "49.50".
func TestJSONMoneyDecimals(t *testing.T) {
	dir := t.TempDir()
	plan := writePlanFile(t, dir, "plan.csv", "date,account,campaign,friends\n"+
		"2024-01-09,Store,Winter,3000\n"+
		"2024-03-12,Store,Spring,100\n")
	cats, err := pricing.NewCatalogs(parseCatalog(t, zzCatalog))
	if err != nil {
		t.Fatal(err)
	}
	b := mustBuild(t, []string{plan}, Options{Catalogs: cats, Region: "zz", CurrentPlans: map[string]string{"": "plus"}})
	var buf bytes.Buffer
	if err := WriteJSON(&buf, b); err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	money := map[string]bool{"cost": true, "tax": true, "total": true, "fee": true, "saving": true}
	bad := map[string]string{} // path -> value
	checked := 0
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if s, ok := x.(string); ok && money[k] {
					checked++
					if i := strings.IndexByte(s, '.'); i < 0 || len(s)-i-1 != 2 {
						bad[path+"."+k] = s
					}
					continue
				}
				walk(path+"."+k, x)
			}
		case []any:
			for _, x := range v {
				walk(path+"[]", x)
			}
		}
	}
	walk("", doc)
	if checked < 20 {
		t.Fatalf("only %d money fields found in:\n%s", checked, buf.String())
	}
	for path, s := range bad {
		t.Errorf("%s = %q: want exactly 2 decimals (USD)", path, s)
	}
}

// TestBuildPlanTies: two plans that always cost the same: the one listed
// first is recommended every month and is the best single plan.
func TestBuildPlanTies(t *testing.T) {
	twins := `{
  "name": "tt-2024", "region": "tt", "currency": "TWD", "currency_decimals": 0,
  "tax_rate": "0.05", "effective_from": "2024-01-01", "source": "invented for a test",
  "plans": [
    {"id": "first", "name": "甲", "name_en": "First", "monthly_fee": "100", "free_messages": 1000,
     "additional": {"tiers": [{"price": "0.1"}]}},
    {"id": "second", "name": "乙", "name_en": "Second", "monthly_fee": "100", "free_messages": 1000,
     "additional": {"tiers": [{"price": "0.1"}]}}
  ]
}`
	cats, err := pricing.NewCatalogs(parseCatalog(t, twins))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	plan := writePlanFile(t, dir, "plan.csv", "date,account,campaign,friends\n"+
		"2024-01-09,Shop,a,500\n"+
		"2024-02-09,Shop,b,3000\n")
	// January 500: 100 on either plan; February 3,000: 100 + 0.1 x 2,000 =
	// 300 on either. Both ties go to "first"; both kept all period cost 400.
	b := mustBuild(t, []string{plan}, Options{Catalogs: cats, Region: "tt"})
	a := b.Accounts[0]
	for _, m := range a.Months() {
		if m.Plan().Plan.ID != "first" || m.Action != nil {
			t.Errorf("%s: recommended %s (action %+v), want first (no action)", m.Month, m.Plan().Plan.ID, m.Action)
		}
	}
	if a.Single == nil || a.Single.Plan.ID != "first" {
		t.Errorf("single plan %+v, want first", a.Single)
	} else {
		equalMoney(t, "single plan cost", a.Single.Charge.Cost, "400")
	}
	equalCharge(t, "Shop", a.Charge, "400", "20", "420")
}

// TestBuildCurrencies: catalogs that bill in different currencies cannot
// be added up: an error, not a mixed total.
func TestBuildCurrencies(t *testing.T) {
	dir := t.TempDir()
	plan := writePlanFile(t, dir, "plan.csv", "date,account,campaign,friends\n"+
		"2024-01-09,Store,Winter,300\n"+
		"2024-02-09,Store,Spring,300\n")
	eur := strings.NewReplacer(`"zz-2024"`, `"zz-2024b"`, `"USD"`, `"EUR"`, `"2024-01-01"`, `"2024-02-01"`).Replace(zzCatalog)
	cats, err := pricing.NewCatalogs(parseCatalog(t, zzCatalog), parseCatalog(t, eur))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build([]string{plan}, Options{Catalogs: cats, Region: "zz"})
	if err == nil || !strings.Contains(err.Error(), "different currencies") ||
		!strings.Contains(err.Error(), "USD") || !strings.Contains(err.Error(), "EUR") {
		t.Errorf("Build: budget %v, err %v; want a different-currencies error", b, err)
	}
	if b != nil {
		t.Errorf("Build returned a budget with the error")
	}
	// One month, one catalog: fine.
	b = mustBuild(t, []string{writePlanFile(t, dir, "jan.csv", "date,account,campaign,friends\n2024-01-09,Store,Winter,300\n")},
		Options{Catalogs: cats, Region: "zz"})
	if b.Currency != "USD" {
		t.Errorf("currency %s, want USD", b.Currency)
	}
}

// TestBuildNoRows: a plan without rows is an error: in the file when it
// has none (as check says), in the plan when --from/--to leave none.
func TestBuildNoRows(t *testing.T) {
	dir := t.TempDir()
	plan := writePlanFile(t, dir, "plan.csv", "date,account,campaign,friends\n")
	b, err := Build([]string{plan}, twOptions())
	var errs input.Errors
	if !errors.As(err, &errs) || !strings.HasSuffix(err.Error(), `plan.csv:1:1: no campaign rows below the header: "date | account | campaign | friends"`) {
		t.Errorf("Build: err %v; want no campaign rows below the header", err)
	}
	if b != nil {
		b.Close()
	}
	plan = writePlanFile(t, dir, "plan.csv", "date,account,campaign,friends\n2025-01-15,A,a,1\n")
	opts := twOptions()
	opts.From = pricing.Month{Year: 2025, Month: time.March}
	b, err = Build([]string{plan}, opts)
	if err == nil || err.Error() != "no campaign rows to price (1 row falls outside --from/--to)" {
		t.Errorf("Build: err %v; want no campaign rows to price", err)
	}
	if b != nil {
		t.Errorf("Build returned a budget with the error")
	}
}

// TestBuildInputErrors: bad rows come back together as input.Errors, with
// the warnings read so far.
func TestBuildInputErrors(t *testing.T) {
	dir := t.TempDir()
	plan := writePlanFile(t, dir, "plan.csv", "date,account,campaign,friends,bubbles\n"+
		"2023-09-01,Shop,ok,100,4\n"+
		"2023-09-02,Shop,bad,12x,1\n"+
		"2023-02-30,Shop,bad date,100,1\n")
	b, err := Build([]string{plan}, twOptions())
	var errs input.Errors
	if !errors.As(err, &errs) || len(errs) != 2 {
		t.Fatalf("Build: %v; want 2 input errors", err)
	}
	if !strings.HasPrefix(errs[0].Error(), plan+":3:") || !strings.HasPrefix(errs[1].Error(), plan+":4:1: date:") {
		t.Errorf("errors not positioned: %q, %q", errs[0], errs[1])
	}
	if b == nil || len(b.Warnings) != 1 || b.Warnings[0].Line != 2 {
		t.Errorf("budget with the error: %+v; want the bubbles warning of line 2", b)
	}
}

// ---------------------------------------------------------------------
// Standard input, the rows kept for EachCampaign, and files that change.

// tempFiles lists the names in dir.
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestBuildStandardInput: "-" reads Options.Input.Stdin; EachCampaign can
// be called twice; Close removes the temporary file that keeps the rows,
// and so does a Build that fails.
func TestBuildStandardInput(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // os.TempDir: where Build keeps its temporary file
	dir := t.TempDir()
	file := writePlanFile(t, dir, "file.csv", "date,account,campaign,friends\n2023-09-01,Shop,from file,100\n")
	stdin := "date,campaign,friends\n2023-09-02,first,2001\n2023-09-03,second,4001\n"
	opts := twOptions()
	opts.Input.Stdin = strings.NewReader(stdin)
	b, err := Build([]string{file, "-"}, opts)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	if spool := tempFiles(t, tmp); len(spool) != 1 || !strings.HasPrefix(spool[0], "linecost-") {
		t.Errorf("while the budget is open, %s holds %v; want one linecost- file", tmp, spool)
	}
	if len(b.Files) != 2 || b.Files[1].File != "-" || b.Files[1].Rows != 2 {
		t.Errorf("files %+v", b.Files)
	}
	// Standard input's rows belong to the account "stdin": 6,002 messages:
	// pro 1,200 + 0.2 x 2 = 1,200.4 -> 1,200. Split 2,001 : 4,001:
	// 1,200 x 2,001 / 6,002 = 400.066.. and 1,200 x 4,001 / 6,002 = 799.933..
	// -> 400 + 799 = 1,199, and the unit left goes to the larger remainder:
	// 400 and 800.
	first := collectCampaigns(t, b)
	second := collectCampaigns(t, b)
	if !reflect.DeepEqual(first, second) {
		t.Errorf("EachCampaign twice differs:\n%+v\n%+v", first, second)
	}
	if len(first) != 3 || first[0].File != file || first[1].File != "-" || first[1].Account != "stdin" ||
		first[1].Campaign != "first" || first[2].Line != 3 || first[2].Messages != 4001 {
		t.Fatalf("campaigns %+v", first)
	}
	if d := first[1].Date; !d.Equal(time.Date(2023, 9, 2, 0, 0, 0, 0, time.UTC)) || d.Location() != time.UTC {
		t.Errorf("date %v, want 2023-09-02 UTC", d)
	}
	equalMoney(t, "first cost", first[1].Cost, "400")
	equalMoney(t, "second cost", first[2].Cost, "800")
	if err := b.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if left := tempFiles(t, tmp); len(left) != 0 {
		t.Errorf("after Close, %s holds %v", tmp, left)
	}
	if err := b.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}

	// A Build that fails, on bad input or with nothing to price, leaves no
	// temporary file behind.
	for _, text := range []string{
		"date,campaign,friends\n2023-09-02,bad,12x\n",
		"date,campaign,friends\n",
	} {
		opts.Input.Stdin = strings.NewReader(text)
		b, err = Build([]string{"-"}, opts)
		if err == nil {
			t.Fatalf("Build of %q succeeded", text)
		}
		if left := tempFiles(t, tmp); len(left) != 0 {
			t.Errorf("after a failed Build of %q, %s holds %v", text, tmp, left)
		}
		if b != nil {
			if err := b.Close(); err != nil {
				t.Errorf("Close after a failed Build: %v", err)
			}
		}
	}
}

// TestEachCampaignFileChanged: a plan file modified (or removed) between
// Build and EachCampaign must not give rows that disagree with what was
// priced: either an error, or exactly the rows Build read, with the costs
// allocated to them.
func TestEachCampaignFileChanged(t *testing.T) {
	const original = "date,account,campaign,friends\n" +
		"2023-09-01,Shop,a,2000\n" +
		"2023-09-02,Shop,b,5000\n" +
		"2023-10-02,Shop,c,100\n"
	// September: 7,000 messages -> pro 1,200 + 0.2 x 1,000 = 1,400, tax 70,
	// split 2,000 : 5,000 -> 400 : 1,000 and 20 : 50. October: light, 0.
	type row struct {
		campaign string
		friends  int64
		month    string
		cost     string
		tax      string
	}
	want := []row{{"a", 2000, "2023-09", "400", "20"}, {"b", 5000, "2023-09", "1000", "50"}, {"c", 100, "2023-10", "0", "0"}}
	for _, tc := range []struct{ name, text string }{
		{"friends", strings.Replace(original, ",5000", ",5001", 1)},
		{"campaign name", strings.Replace(original, ",b,", ",B,", 1)},
		{"row added", original + "2023-10-03,Shop,d,100\n"},
		{"row removed", strings.TrimSuffix(original, "2023-10-02,Shop,c,100\n")},
		{"month moved", strings.Replace(original, "2023-09-02", "2023-10-02", 1)},
		{"account renamed", strings.Replace(original, "Shop,a", "Cafe,a", 1)},
		{"row made invalid", strings.Replace(original, ",5000", ",5x", 1)},
		{"file removed", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := writePlanFile(t, dir, "plan.csv", original)
			b := mustBuild(t, []string{path}, twOptions())
			if tc.name == "file removed" {
				if err := os.Remove(path); err != nil {
					t.Fatal(err)
				}
			} else if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			var got []row
			err := b.EachCampaign(func(c Campaign) error {
				got = append(got, row{c.Campaign, c.Friends, c.Month().String(), c.Cost.String(), c.Tax.String()})
				return nil
			})
			if err != nil {
				return // an error is a safe answer
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("EachCampaign after the file changed gave\n %v\nwant the rows priced (or an error)\n %v", got, want)
			}
			var buf bytes.Buffer
			if err := WriteJSON(&buf, b); err == nil {
				if !strings.Contains(buf.String(), `"total":{"cost":"1400","tax":"70","total":"1470"}`) {
					t.Errorf("WriteJSON after the file changed:\n%s", buf.String())
				}
			}
		})
	}
}

// TestEachCampaignStopsOnError: an error from fn stops the reading and is
// returned as it is.
func TestEachCampaignStopsOnError(t *testing.T) {
	dir := t.TempDir()
	path := writePlanFile(t, dir, "plan.csv", "date,account,campaign,friends\n2023-09-01,Shop,a,1\n2023-09-02,Shop,b,2\n")
	b := mustBuild(t, []string{path}, twOptions())
	stop := errors.New("stop")
	calls := 0
	err := b.EachCampaign(func(Campaign) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("EachCampaign: %v after %d calls; want stop after 1", err, calls)
	}
}

// TestBuildInfeasibleNamed: every account-month no plan can deliver is
// named in the error, not only the first.
func TestBuildInfeasibleNamed(t *testing.T) {
	dir := t.TempDir()
	catalog := writePlanFile(t, dir, "capped.json", `{"name": "xx-capped", "region": "xx", "currency": "USD",
  "currency_decimals": 2, "tax_rate": "0", "effective_from": "2024-01-01", "source": "invented for a test",
  "plans": [{"id": "plus", "name": "Plus", "name_en": "Plus", "monthly_fee": "49.5", "free_messages": 5000}]}`)
	cats, err := LoadCatalogs([]string{catalog})
	if err != nil {
		t.Fatal(err)
	}
	plan := writePlanFile(t, dir, "plan.csv", "date,account,campaign,friends\n"+
		"2024-01-05,B,b1,6000\n2024-02-05,B,b2,100\n2024-03-05,B,b3,7000\n2024-01-06,A,a1,1200000\n")
	b, err := Build([]string{plan}, Options{Catalogs: cats, Region: "xx"})
	if b != nil {
		t.Errorf("Build returned a budget with the error")
	}
	want := "account A, 2024-01: no plan of catalog xx-capped can deliver 1,200,000 messages\n" +
		"account B, 2024-01: no plan of catalog xx-capped can deliver 6,000 messages\n" +
		"account B, 2024-03: no plan of catalog xx-capped can deliver 7,000 messages"
	var pe *PlanError
	if !errors.As(err, &pe) || err.Error() != want {
		t.Errorf("Build: %v\nwant:\n%s", err, want)
	}
}

func TestInfeasibleErrorCap(t *testing.T) {
	var lines []string
	for i := range input.MaxShown + 3 {
		lines = append(lines, fmt.Sprint(i))
	}
	got := strings.Split(infeasibleError(lines).Error(), "\n")
	if len(got) != input.MaxShown+1 || got[input.MaxShown] != "... and 3 more account-months" {
		t.Errorf("%d lines, last %q", len(got), got[len(got)-1])
	}
}

func TestMonthList(t *testing.T) {
	m := func(y, mo int) pricing.Month { return pricing.Month{Year: y, Month: time.Month(mo)} }
	got := MonthList([]pricing.Month{m(2024, 11), m(2024, 12), m(2025, 1), m(2025, 3), m(2025, 5), m(2025, 6)})
	if want := "2024-11 to 2025-01, 2025-03, 2025-05 to 2025-06"; got != want {
		t.Errorf("MonthList = %q; want %q", got, want)
	}
}

// allMonths is every month of a's period, quiet ones included.
func allMonths(a Account) []AccountMonth {
	var ms []AccountMonth
	for _, m := range a.Months() {
		ms = append(ms, m)
	}
	return ms
}
