package report

import (
	"fmt"
	"iter"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"linecost/pricing"
	"linecost/report/input"
)

// Options says how to price the plans.
type Options struct {
	Input    input.Options
	Catalogs pricing.Catalogs // built-in or --pricing
	Region   string           // the catalog in force each month is taken from this region
	Catalog  string           // when set, this catalog prices every month (what-if)
	// CurrentPlans maps an account to the plan it is on now; the key ""
	// applies to every account not named.
	CurrentPlans map[string]string
	From, To     pricing.Month // restrict to these months (inclusive); zero = open
	// Today is the day the budget is made, as midnight UTC of that day
	// (cmd reads the clock once; nothing under report does). The zero
	// value means unknown: no check that depends on today is made.
	Today time.Time
	// MaxMonths is the longest period allowed, in months (0: 120, ten
	// years); when set, it also replaces the rule that no row is dated more
	// than 5 years after Today. See limits.go.
	MaxMonths int
	// Progress, when set, is told how far a long run is: phase "read"
	// (total 0: not known yet) and "write", with done 0 when the phase
	// starts (so that a rate can be timed from then), then every few
	// thousand rows.
	Progress func(phase string, done, total int)
}

// Budget is the priced plan: every account on every month of the period,
// every plan quoted, the recommendation, and the bill allocated to the
// campaign rows.
//
// A Budget does not hold the campaign rows in memory: they can be a
// million. Build reads the plan files once, keeps 24 bytes per row in
// memory (its account-month and its allocated cost and tax) and spills the
// rows to a temporary file in a compact form (see spill), which
// EachCampaign reads back. Close removes that file.
type Budget struct {
	Currency string
	Decimals int32 // billing decimals of Currency
	Files    []input.FileInfo
	Warnings []input.Warning
	Months   []pricing.Month   // the period, ascending, without gaps
	Accounts []Account         // sorted by name
	Catalogs []pricing.Catalog // the catalogs used, oldest first
	Total    pricing.Charge    // sum over accounts
	Messages int64             // sum over accounts
	Rows     int               // campaign rows priced
	Skipped  int               // rows left out by From/To
	// EmptyMonths are the months of the period in which no account has a
	// row: budgeted at 0, and warned about, since a plan that stops early
	// would otherwise look like a complete budget.
	EmptyMonths []pricing.Month

	spill    *spill
	progress func(phase string, done, total int)
	groups   []group   // account-months with rows, in order of first appearance
	row      []rowCost // per priced row, in input order
	extra    []Campaign
	quiet    []AccountMonth // the quiet month of each month of the period (see Account)
	// warningsZH holds the Chinese of the budget's own warnings, by their
	// English (see Chinese).
	warningsZH map[string]string
	// big holds the allocated cost and tax of a row whose share does not
	// fit in rowCost (a --pricing price past int64 units): its rowCost
	// says bigShare.
	big map[int][2]decimal.Decimal
}

// bigShare marks a rowCost whose share is in Budget.big.
const bigShare = math.MinInt64

// group is an account-month that has rows.
type group struct {
	key   accountMonthKey
	plan  string   // recommended plan id, set once priced
	files []string // the files of its rows, each once, for a message
}

// rowCost is what a Budget remembers of one priced row: 24 bytes.
type rowCost struct {
	group     int32
	cost, tax int64 // allocated, in billing units (10^-Decimals)
}

// Account is one LINE Official Account over the period.
//
// An account holds only the months it is listed in: Listed, the months
// with rows, a plan change or a hold. Every other month of the period is
// quiet: no messages, billed on the month's cheapest plan without a change,
// the same for every account, and shared by all of them (see Months). So a
// budget of many accounts over a long period costs memory for the months
// the plans list, not for every account times every month.
type Account struct {
	Name     string
	Messages int64
	// Listed are the account's months that are not quiet, ascending.
	Listed []AccountMonth
	Charge pricing.Charge // the recommended plan of every month, summed
	// Single is the cheapest plan kept all period: feasible in every month.
	// It is nil when no plan is.
	Single *PlanTotal
	// Current is the plan the account is on now (--current-plan), billed
	// every month, infeasible months included; nil when not given.
	Current *PlanTotal

	// quiet is the Budget's quiet month of each month of the period
	// (shared, never changed): what a month not Listed is.
	quiet []AccountMonth
}

// Months yields the account's month of every month of the period in
// order, with its index in Budget.Months: the Listed month when there is
// one, else the period's quiet month.
func (a Account) Months() iter.Seq2[int, AccountMonth] {
	return func(yield func(int, AccountMonth) bool) {
		j := 0
		for i, q := range a.quiet {
			m := q
			if j < len(a.Listed) && a.Listed[j].Month == q.Month {
				m = a.Listed[j]
				j++
			}
			if !yield(i, m) {
				return
			}
		}
	}
}

// Month is the account's month i of the period (Budget.Months[i]).
func (a Account) Month(i int) AccountMonth {
	q := a.quiet[i]
	if j, ok := slices.BinarySearchFunc(a.Listed, q.Month, func(m AccountMonth, t pricing.Month) int {
		return m.Month.Compare(t)
	}); ok {
		return a.Listed[j]
	}
	return q
}

// Quiet is the quiet month i of the period (Budget.Months[i]): what the
// month is for every account that does not list it (see Account).
func (b *Budget) Quiet(i int) AccountMonth { return b.quiet[i] }

// quiet reports whether m is a quiet month: one that only its month and
// the catalog in force define (see Account).
func (m AccountMonth) quiet() bool {
	return m.Rows == 0 && m.Messages == 0 && m.Action == nil && m.Held == nil
}

// Saving is what the monthly recommendations save against staying on the
// current plan (tax-exclusive). It is zero without a current plan.
func (a Account) Saving() decimal.Decimal {
	if a.Current == nil {
		return decimal.Zero
	}
	return a.Current.Charge.Cost.Sub(a.Charge.Cost)
}

// AccountMonth is one account's month, priced on every plan.
type AccountMonth struct {
	Month pricing.Month
	pricing.Evaluation
	Rows   int     // campaign rows in the month
	Action *Action // the plan change this month needs, if any
	// Held is set when the month cannot be on its cheapest plan because
	// the deadline to request the change has passed (see Options.Today):
	// it is billed on the plan the account has.
	Held *Held
	// Past is set when the month ended before Options.Today.
	Past bool
}

// Held is a month that stays on the plan the account has, because the
// change to the cheapest plan had to be requested by a day already past.
type Held struct {
	Index    int          // the option billed: Options[Index]
	Cheapest pricing.Plan // the plan it could not change to
	Deadline time.Time    // the last day to have requested the change
	// Extra is what staying costs more than the cheapest plan (before tax).
	Extra decimal.Decimal
}

// Billed is the index in Options of the plan the month is billed on: the
// recommended one (Best), unless the month is Held.
func (m AccountMonth) Billed() int {
	if m.Held != nil {
		return m.Held.Index
	}
	return m.Best
}

// Plan returns the option the month is billed on: the recommended one,
// unless the month is Held. Every account-month of a Budget has one:
// Build fails otherwise.
func (m AccountMonth) Plan() pricing.Option { return m.Options[m.Billed()] }

// UsesNotes reports whether the figures of the billed plan depend on the
// catalog's notes: it sells additional messages at a rate the notes
// qualify.
func (m AccountMonth) UsesNotes() bool {
	return m.Plan().Additional > 0 && len(m.Catalog.Notes) > 0
}

// PlanTotal is one plan kept over the whole period.
type PlanTotal struct {
	Plan       pricing.Plan    // as listed in the first month's catalog
	Charge     pricing.Charge  // monthly bills summed
	Infeasible []pricing.Month // months in which the plan cannot deliver every message
	// Undelivered is the messages the plan cannot deliver in those months.
	Undelivered int64
}

// Action is a plan change: an upgrade is made on the 1st of the month; a
// downgrade takes effect on the 1st only when requested during the month
// before, so its Date is the last day to request it.
type Action struct {
	Kind     string // "upgrade", "downgrade" or "change" (same fee)
	From, To pricing.Plan
	Date     time.Time
	// Overdue is set on an upgrade in the month of today when today is
	// past its 1st (Options.Today): it is due at once, not on Date.
	Overdue bool
}

// Campaign is one input row with its share of the month's bill.
type Campaign struct {
	input.Row
	Plan      string          // the account-month's recommended plan
	Cost, Tax decimal.Decimal // allocated by largest remainder
}

// EachCampaign calls fn for every campaign row in input order (files in
// the order given, then line). A month whose plan costs money although it
// has no messages (possible only with a catalog whose cheapest plan has a
// fee) has no row to carry the bill: it comes last as a row with an empty
// file and the campaign NoMessagesCampaign, so that campaign costs always
// sum to the Summary.
func (b *Budget) EachCampaign(fn func(Campaign) error) error {
	i := 0
	b.report("write", 0, b.Rows)
	err := b.spill.each(func(r input.Row) error {
		rc := b.row[i]
		i++
		b.report("write", i, b.Rows)
		c := Campaign{Row: r, Plan: b.groups[rc.group].plan,
			Cost: decimal.New(rc.cost, -b.Decimals), Tax: decimal.New(rc.tax, -b.Decimals)}
		if rc.cost == bigShare {
			c.Cost, c.Tax = b.big[i-1][0], b.big[i-1][1]
		}
		return fn(c)
	})
	if err != nil {
		return err
	}
	for _, c := range b.extra {
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}

// CampaignRows is the number of rows EachCampaign hands out: the priced
// rows plus the NoMessagesCampaign rows.
func (b *Budget) CampaignRows() int { return b.Rows + len(b.extra) }

// Close removes the temporary file that holds the rows.
func (b *Budget) Close() error { return b.spill.close() }

// progressEvery is how often, in rows, Options.Progress is called.
const progressEvery = 10000

func (b *Budget) report(phase string, done, total int) {
	if b.progress != nil && (done%progressEvery == 0 || done == total) {
		b.progress(phase, done, total)
	}
}

type accountMonthKey struct {
	account string
	month   pricing.Month
}

// Build reads the plan files, prices every account-month and allocates
// the bills. Bad input rows are returned together as input.Errors, with a
// Budget that holds only the Files and Warnings read, so that the caller
// can still show the warnings. The caller closes the Budget.
func Build(paths []string, opts Options) (*Budget, error) {
	sp, err := newSpill(opts.Input.TempDir)
	if err != nil {
		return nil, err
	}
	b := &Budget{spill: sp, progress: opts.Progress}
	groupOf := map[accountMonthKey]int32{}
	var messages []int64 // per row, for the allocation
	b.report("read", 0, 0)
	var rows rowSpan
	b.Files, b.Warnings, err = input.ReadFiles(paths, opts.ReadOptions(), func(r input.Row) error {
		m := r.Month()
		if (opts.From != pricing.Month{} && m.Before(opts.From)) || (opts.To != pricing.Month{} && opts.To.Before(m)) {
			b.Skipped++
			return nil
		}
		k := accountMonthKey{r.Account, m}
		g, ok := groupOf[k]
		if !ok {
			g = int32(len(b.groups))
			groupOf[k] = g
			b.groups = append(b.groups, group{key: k})
		}
		if fs := b.groups[g].files; len(fs) == 0 || fs[len(fs)-1] != r.File {
			b.groups[g].files = append(fs, r.File)
		}
		rows.add(r)
		b.row = append(b.row, rowCost{group: g})
		messages = append(messages, r.Messages)
		b.report("read", len(b.row), 0)
		return sp.add(r)
	})
	if err == nil {
		err = sp.finish()
	}
	if err != nil {
		b.Close()
		return b, err
	}
	if err := b.price(opts, messages, rows); err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}

// price evaluates every account-month and allocates the bills to the rows.
func (b *Budget) price(opts Options, messages []int64, rows rowSpan) error {
	if len(b.row) == 0 {
		return &PlanError{fmt.Errorf("no campaign rows to price%s", skippedNote(b.Skipped))}
	}
	b.Rows = len(b.row)
	lo, hi := bounds(b.groups, opts.From, opts.To)
	if err := checkPeriod(opts, lo, hi, rows); err != nil {
		return err
	}
	b.Months = period(lo, hi)
	b.noteEmptyMonths()

	volume := map[accountMonthKey]int64{}
	rowCount := map[accountMonthKey]int{}
	seen := map[string]bool{}
	var names []string
	for i, rc := range b.row {
		k := b.groups[rc.group].key
		if !seen[k.account] {
			seen[k.account] = true
			names = append(names, k.account)
		}
		v, ok := addCount(volume[k], messages[i])
		if !ok {
			return tooMany(fmt.Sprintf("account %s, %s", k.account, k.month), b.groups[rc.group].files)
		}
		volume[k] = v
		rowCount[k]++
	}
	slices.Sort(names)
	current, err := currentPlans(opts.CurrentPlans, names)
	if err != nil {
		return err
	}

	catalogs := map[pricing.Month]pricing.Catalog{}
	for _, m := range b.Months {
		c, err := catalogFor(opts, m)
		if err != nil {
			return &PlanError{err}
		}
		catalogs[m] = c
		if !slices.ContainsFunc(b.Catalogs, func(x pricing.Catalog) bool { return x.Name == c.Name }) {
			b.Catalogs = append(b.Catalogs, c)
		}
	}
	if err := b.setCurrency(); err != nil {
		return &PlanError{err}
	}

	// Account-months with the same volume under the same catalog share one
	// evaluation, which nothing changes afterwards: with many accounts most
	// of them are the months without messages.
	type evalKey struct {
		catalog  string
		messages int64
	}
	evals := map[evalKey]pricing.Evaluation{}
	evaluate := func(c pricing.Catalog, messages int64) pricing.Evaluation {
		ek := evalKey{c.Name, messages}
		e, ok := evals[ek]
		if !ok {
			e = pricing.Evaluate(messages, c)
			evals[ek] = e
		}
		return e
	}
	b.quiet = make([]AccountMonth, len(b.Months))
	for i, m := range b.Months {
		b.quiet[i] = AccountMonth{Month: m, Evaluation: evaluate(catalogs[m], 0), Past: past(m, opts.Today)}
	}
	var infeasible []string // every account-month no plan can deliver
	// months is one account's every month, reused from account to
	// account: what the account keeps of it is its Listed months.
	months := make([]AccountMonth, 0, len(b.Months))
	for _, name := range names {
		a := Account{Name: name, quiet: b.quiet}
		months = months[:0]
		for i, m := range b.Months {
			k := accountMonthKey{name, m}
			rows, ok := rowCount[k]
			if !ok {
				months = append(months, b.quiet[i])
				continue
			}
			e := evaluate(catalogs[m], volume[k])
			if _, ok := e.Recommended(); !ok {
				infeasible = append(infeasible, fmt.Sprintf("account %s, %s: no plan of catalog %s can deliver %s messages",
					name, m, e.Catalog.Name, Count(e.Messages)))
				continue
			}
			var sum bool
			if a.Messages, sum = addCount(a.Messages, e.Messages); !sum {
				return tooMany("account "+name+", all months", fileList(b.Files))
			}
			months = append(months, AccountMonth{Month: m, Evaluation: e, Rows: rows})
		}
		if len(infeasible) > 0 {
			continue // the budget fails: the other accounts are only checked
		}
		a.Single = singlePlan(months)
		if id, ok := currentPlan(current, name); ok {
			cur, err := planKept(months, id)
			if err != nil {
				return &OptionError{fmt.Errorf("--current-plan for account %s: %w", name, err)}
			}
			a.Current = cur
		}
		b.warn(planActions(&a, months, opts.Today)...)
		for _, m := range months {
			a.Charge = add(a.Charge, m.Plan().Charge)
			if !m.quiet() {
				a.Listed = append(a.Listed, m)
			}
		}
		b.Total = add(b.Total, a.Charge)
		var sum bool
		if b.Messages, sum = addCount(b.Messages, a.Messages); !sum {
			return tooMany("all accounts", fileList(b.Files))
		}
		b.Accounts = append(b.Accounts, a)
	}
	if len(infeasible) > 0 {
		return &PlanError{infeasibleError(infeasible)}
	}
	b.warn(unknownPlanWarning(b.Accounts, opts.Today)...)
	if w, ok := staleWarning(opts, b.Months[len(b.Months)-1]); ok {
		b.warn(w)
	}
	return b.allocate(messages)
}

func skippedNote(n int) string {
	if n == 0 {
		return ""
	}
	if n == 1 {
		return " (1 row falls outside --from/--to)"
	}
	return fmt.Sprintf(" (%d rows fall outside --from/--to)", n)
}

// bounds returns the first and the last month with rows, or From and To
// when given.
func bounds(groups []group, from, to pricing.Month) (lo, hi pricing.Month) {
	lo, hi = from, to
	for _, g := range groups {
		m := g.key.month
		if (from == pricing.Month{}) && (lo == pricing.Month{} || m.Before(lo)) {
			lo = m
		}
		if (to == pricing.Month{}) && (hi == pricing.Month{} || hi.Before(m)) {
			hi = m
		}
	}
	return lo, hi
}

// period returns every month from lo to hi.
func period(lo, hi pricing.Month) []pricing.Month {
	var ms []pricing.Month
	for m := lo; !hi.Before(m); m = m.Next() {
		ms = append(ms, m)
	}
	return ms
}

func catalogFor(opts Options, m pricing.Month) (pricing.Catalog, error) {
	if opts.Catalog != "" {
		return opts.Catalogs.Named(opts.Catalog)
	}
	return CatalogForMonth(opts.Catalogs, opts.Region, m)
}

// CatalogForMonth is pricing.Catalogs.ForMonth, with the way out added to
// the error of a month no catalog covers: a catalog file of one's own.
func CatalogForMonth(cs pricing.Catalogs, region string, m pricing.Month) (pricing.Catalog, error) {
	c, err := cs.ForMonth(region, m)
	if err != nil && len(cs.Region(region)) > 0 {
		first := cs.Region(region)[0]
		err = fmt.Errorf("%w; to price it, pass a catalog file that covers it with --pricing FILE "+
			"(start from: linecost plans --json --catalog %s > mine.json, then set its effective_from and figures)", err, first.Name)
	}
	return c, err
}

// setCurrency checks that every catalog used bills in one currency, so that
// totals add up.
func (b *Budget) setCurrency() error {
	first := b.Catalogs[0]
	for _, c := range b.Catalogs[1:] {
		if c.Currency != first.Currency || c.CurrencyDecimals != first.CurrencyDecimals {
			return fmt.Errorf("catalogs %s (%s) and %s (%s) bill in different currencies: totals would not add up",
				first.Name, first.Currency, c.Name, c.Currency)
		}
	}
	b.Currency, b.Decimals = first.Currency, first.CurrencyDecimals
	return nil
}

// currentPlans keys the --current-plan choices by the accounts of the
// plans: an account named in any spelling of it (shopa for ShopA, as the
// reader merges them; see input.AccountKey). An account the plans lack, or
// one named twice, is an option error. The key "" (every other account)
// stays.
func currentPlans(plans map[string]string, names []string) (map[string]string, error) {
	byKey := map[string]string{}
	for _, n := range names {
		byKey[input.AccountKey(n)] = n
	}
	out := map[string]string{}
	given := map[string]string{}
	for _, account := range slices.Sorted(maps.Keys(plans)) { // errors in a fixed order
		id, name := plans[account], account
		if account != "" {
			var ok bool
			if name, ok = byKey[input.AccountKey(account)]; !ok {
				return nil, &OptionError{fmt.Errorf("--current-plan %s=%s: no account %q in the plans", account, id, account)}
			}
			if other, dup := given[name]; dup {
				return nil, &OptionError{fmt.Errorf("--current-plan: account %s is named twice (%s and %s)", name, other, account)}
			}
			given[name] = account
		}
		out[name] = id
	}
	return out, nil
}

func currentPlan(plans map[string]string, account string) (string, bool) {
	if id, ok := plans[account]; ok {
		return id, true
	}
	id, ok := plans[""]
	return id, ok
}

// planKept bills plan id in every month; infeasible months bill the fee
// and are listed. id is a plan's id in any case or its name (see
// pricing.Catalog.FindPlan), looked up in each month's catalog.
func planKept(months []AccountMonth, id string) (*PlanTotal, error) {
	var t *PlanTotal
	for _, m := range months {
		p, ok := m.Catalog.FindPlan(id)
		if !ok {
			return nil, fmt.Errorf("catalog %s has no plan %q (its plans: %s)", m.Catalog.Name, id, strings.Join(m.Catalog.PlanIDs(), ", "))
		}
		o, _ := m.option(p.ID)
		if t == nil {
			t = &PlanTotal{Plan: o.Plan}
		}
		t.Charge = add(t.Charge, o.Charge)
		if !o.Feasible {
			t.Infeasible = append(t.Infeasible, m.Month)
			t.Undelivered += o.Undelivered
		}
	}
	return t, nil
}

// singlePlan is the cheapest plan feasible in every month, the one listed
// first in the first month's catalog on a tie.
func singlePlan(months []AccountMonth) *PlanTotal {
	var best *PlanTotal
	for _, p := range months[0].Catalog.Plans {
		if !feasibleEvery(months, p.ID) {
			continue // before adding up its bills, which is most of the work
		}
		t, err := planKept(months, p.ID)
		if err != nil || len(t.Infeasible) > 0 {
			continue
		}
		if best == nil || t.Charge.Cost.LessThan(best.Charge.Cost) {
			best = t
		}
	}
	return best
}

// feasibleEvery reports whether every month's catalog has plan id and the
// plan delivers the month's messages.
func feasibleEvery(months []AccountMonth, id string) bool {
	for _, m := range months {
		if o, ok := m.option(id); !ok || !o.Feasible {
			return false
		}
	}
	return true
}

// option is the month's quote on plan id, if its catalog has the plan.
func (m AccountMonth) option(id string) (pricing.Option, bool) {
	i := slices.IndexFunc(m.Options, func(o pricing.Option) bool { return o.Plan.ID == id })
	if i < 0 {
		return pricing.Option{}, false
	}
	return m.Options[i], true
}

// fitsUnits reports whether a whole number of billing units fits in a
// rowCost.
func fitsUnits(u decimal.Decimal) bool {
	return u.GreaterThan(decimal.NewFromInt(bigShare)) && u.LessThanOrEqual(decimal.NewFromInt(math.MaxInt64))
}

func fileList(files []input.FileInfo) []string {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.File
	}
	return names
}

func add(a, b pricing.Charge) pricing.Charge {
	return pricing.Charge{Cost: a.Cost.Add(b.Cost), Tax: a.Tax.Add(b.Tax), Total: a.Total.Add(b.Total)}
}

// PlanError is a plan that cannot be budgeted although every row is valid:
// no rows, a month no catalog covers, catalogs in different currencies, a
// month no plan can deliver.
type PlanError struct{ Err error }

func (e *PlanError) Error() string { return e.Err.Error() }
func (e *PlanError) Unwrap() error { return e.Err }

// OptionError is an option that does not fit the plans, such as a
// --current-plan naming a plan or account that does not exist.
type OptionError struct{ Err error }

func (e *OptionError) Error() string { return e.Err.Error() }
func (e *OptionError) Unwrap() error { return e.Err }

// NoMessagesCampaign names the row that carries the bill of a month
// without messages (see Budget.EachCampaign).
const NoMessagesCampaign = "(plan fee, no messages)"

// allocate splits every account-month's cost and tax over its rows in
// proportion to their messages (pricing.Allocate: largest remainder, ties to
// the row that comes first); rows with 0 messages get 0.
func (b *Budget) allocate(messages []int64) error {
	// The rows of each group, in input order: a counting sort by group.
	start := make([]int, len(b.groups)+1)
	for _, rc := range b.row {
		start[rc.group+1]++
	}
	for g := range b.groups {
		start[g+1] += start[g]
	}
	order := make([]int32, len(b.row))
	next := slices.Clone(start[:len(b.groups)])
	for i, rc := range b.row {
		order[next[rc.group]] = int32(i)
		next[rc.group]++
	}
	groupOf := make(map[accountMonthKey]int, len(b.groups))
	for g, x := range b.groups {
		groupOf[x.key] = g
	}
	var weights []int64
	for _, a := range b.Accounts {
		for _, m := range a.Months() {
			best := m.Plan()
			g, ok := groupOf[accountMonthKey{a.Name, m.Month}]
			if !ok || m.Messages == 0 {
				if !best.Charge.Cost.IsZero() || !best.Charge.Tax.IsZero() {
					b.extra = append(b.extra, Campaign{
						Row:  input.Row{Account: a.Name, Campaign: NoMessagesCampaign, Date: m.Month.FirstDay(), Channel: pricing.Manager},
						Plan: best.Plan.ID, Cost: best.Charge.Cost, Tax: best.Charge.Tax,
					})
				}
				if ok {
					b.groups[g].plan = best.Plan.ID
				}
				continue
			}
			b.groups[g].plan = best.Plan.ID
			rows := order[start[g]:start[g+1]]
			weights = weights[:0]
			for _, i := range rows {
				weights = append(weights, messages[i])
			}
			costs, err := pricing.Allocate(best.Charge.Cost, b.Decimals, weights)
			if err != nil {
				return fmt.Errorf("account %s, %s: %w", a.Name, m.Month, err)
			}
			taxes, err := pricing.Allocate(best.Charge.Tax, b.Decimals, weights)
			if err != nil {
				return fmt.Errorf("account %s, %s: %w", a.Name, m.Month, err)
			}
			for j, i := range rows {
				c, t := costs[j].Shift(b.Decimals), taxes[j].Shift(b.Decimals)
				if fitsUnits(c) && fitsUnits(t) {
					b.row[i].cost, b.row[i].tax = c.IntPart(), t.IntPart()
					continue
				}
				if b.big == nil {
					b.big = map[int][2]decimal.Decimal{}
				}
				b.row[i].cost = bigShare
				b.big[int(i)] = [2]decimal.Decimal{costs[j], taxes[j]}
			}
		}
	}
	return nil
}

// CurrentShortfall is what the current plans (--current-plan) cannot
// deliver: the messages over all accounts, and the account-months they
// fall in.
func (b *Budget) CurrentShortfall() (messages int64, months int) {
	for _, a := range b.Accounts {
		if a.Current != nil {
			messages += a.Current.Undelivered
			months += len(a.Current.Infeasible)
		}
	}
	return messages, months
}
