package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"

	"linecost/pricing"
	"linecost/report"
	"linecost/report/delivery"
	"linecost/report/workbook"
)

func reportCommand() *cli.Command {
	return configurable(&cli.Command{
		Name:      "report",
		Usage:     "price campaign plans and write the budget workbook",
		UsageText: "linecost report [flags] PLAN... -o budget.xlsx [--json FILE|-]",
		Description: "Reads the campaign plans (CSV or xlsx; - reads standard input), adds up each\n" +
			"account's messages per calendar month, prices every month on every plan of the\n" +
			"catalog in force, recommends the cheapest plan, allocates each month's bill to\n" +
			"its campaign rows, and writes an Excel workbook (and/or JSON). Nothing is\n" +
			"written when an input has errors. The summary goes to standard output (to\n" +
			"standard error when --json - takes standard output), warnings to standard error.\n\n" +
			"Example:\n" +
			"   linecost report testdata/sample/campaigns.csv -o budget.xlsx\n" +
			"   linecost report plans/*.csv --current-plan pro --current-plan 咖啡店=light --lang zh-TW -o 預算.xlsx\n" +
			"   linecost report plan.csv --from 2025-01 --to 2025-06 --json -",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the workbook to `FILE.xlsx`"},
			&cli.StringFlag{Name: "json", Usage: "write the figures as JSON to `FILE` (- for standard output)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress bar (it shows only when standard error is a terminal)"},
		}, append(budgetFlags(), mailFlags()...)...),
		Action: runReport,
	}, "output", "json", "quiet")
}

func runReport(c *cli.Context) error {
	paths, err := planPaths(c)
	if err != nil {
		return err
	}
	out, jsonOut := c.String("output"), c.String("json")
	if out == "" && jsonOut == "" {
		return usageErrorf("report needs -o FILE.xlsx, --json FILE, or both")
	}
	if out != "" && !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return usageErrorf("-o %s: the workbook's name must end in .xlsx", out)
	}
	lang := c.String("lang")
	if lang != "en" && lang != "zh-TW" {
		return usageErrorf("--lang: want en or zh-TW, not %q", lang)
	}
	opts, err := reportOptions(c)
	if err != nil {
		return err
	}
	mail, err := reportMail(c, out)
	if err != nil {
		return err
	}
	generated, err := stamp(c)
	if err != nil {
		return err
	}
	if out != "" && jsonOut != "" && filepath.Clean(out) == filepath.Clean(jsonOut) {
		return usageErrorf("-o and --json name the same file %s", out)
	}
	for _, o := range []string{out, jsonOut} {
		if o != "" && o != "-" {
			if err := report.CheckOutput(o, append(slices.Clone(paths), c.StringSlice("pricing")...)); err != nil {
				return usageErrorf("%v", err)
			}
		}
	}

	bar := newProgress(c.App.ErrWriter, c.Bool("quiet"))
	if bar != nil {
		opts.Progress = bar.update
	}
	defer bar.finish()
	warned := false
	// Both outputs are written first and replaced together: a failed run
	// (an error, a full disk, a signal) changes neither (see Produce).
	budget, err := delivery.Produce(c.Context, paths, opts, delivery.Outputs{
		Workbook: out, JSON: jsonOut, Stdout: c.App.Writer, Temps: &outputTemps,
		Meta: workbook.Meta{Lang: lang, Version: c.App.Version, Generated: generated, Zone: regionZone(opts.Region), Options: optionsUsed(c)},
		Built: func(b *report.Budget) func() {
			bar.finish()
			printWarningsIn(c.App.ErrWriter, b.Warnings, terminalText(lang), b.Chinese)
			warned = true
			return collectHarder(b.Rows)
		},
	})
	bar.finish()
	if budget != nil {
		defer budget.Close()
		if !warned {
			printWarningsIn(c.App.ErrWriter, budget.Warnings, terminalText(lang), budget.Chinese)
		}
	}
	if err != nil {
		return inputFailure(err)
	}
	summary := c.App.Writer
	if jsonOut == "-" {
		summary = c.App.ErrWriter
	}
	printSummary(summary, budget, out, jsonOut, lang)
	return mailReport(c, mail, budget, paths, out, summary, opts.Today, generated)
}

// budgetFlags are the flags that say how plans are read and priced: report
// and watch have them all (reportOptions reads them).
func budgetFlags() []cli.Flag {
	return []cli.Flag{
		regionFlag(),
		catalogFlag("price every month with catalog `NAME` (what-if) instead of the one in force"),
		pricingFlag(),
		&cli.StringSliceFlag{Name: "current-plan", Usage: "the plan accounts are on now: `ID` for every account, or ACCOUNT=ID (repeatable)"},
		&cli.StringFlag{Name: "lang", Value: "en", Usage: "workbook (and mail) language: en or zh-TW"},
		&cli.StringFlag{Name: "from", Usage: "first month to budget, `YYYY-MM`"},
		&cli.StringFlag{Name: "to", Usage: "last month to budget, `YYYY-MM`"},
		maxMonthsFlag(),
		todayFlag(),
		encodingFlag(),
		sheetFlag(),
		columnFlag(),
		timeZoneFlag(),
	}
}

// reportOptions turns the pricing flags into report.Options.
func reportOptions(c *cli.Context) (report.Options, error) {
	var opts report.Options
	var err error
	if opts.Catalogs, err = loadCatalogs(c); err != nil {
		return opts, err
	}
	opts.Region = c.String("region")
	if name := c.String("catalog"); name != "" {
		cat, err := opts.Catalogs.Named(name)
		if err != nil {
			return opts, usageErrorf("--catalog: %v", err)
		}
		opts.Catalog, opts.Region = cat.Name, cat.Region
	} else if len(opts.Catalogs.Region(opts.Region)) == 0 {
		return opts, usageErrorf("--region: no catalog for region %q (have %s)", opts.Region, strings.Join(opts.Catalogs.Regions(), ", "))
	}
	for _, f := range []struct {
		name string
		dst  *pricing.Month
	}{{"from", &opts.From}, {"to", &opts.To}} {
		if s := c.String(f.name); s != "" {
			if *f.dst, err = pricing.ParseMonth(s); err != nil {
				return opts, usageErrorf("--%s: %v", f.name, err)
			}
		}
	}
	if (opts.From != pricing.Month{}) && (opts.To != pricing.Month{}) && opts.To.Before(opts.From) {
		return opts, usageErrorf("--to %s is before --from %s", opts.To, opts.From)
	}
	for _, s := range c.StringSlice("current-plan") {
		account, id := "", s
		if i := strings.LastIndex(s, "="); i >= 0 {
			account, id = s[:i], s[i+1:]
		}
		if id == "" {
			return opts, usageErrorf("--current-plan: want ID or ACCOUNT=ID, not %q", s)
		}
		if opts.CurrentPlans == nil {
			opts.CurrentPlans = map[string]string{}
		}
		if _, dup := opts.CurrentPlans[account]; dup {
			return opts, usageErrorf("--current-plan: given twice for %s", cmpOr(account, "every account"))
		}
		opts.CurrentPlans[account] = id
	}
	if opts.Input, err = inputOptions(c, opts.Region); err != nil {
		return opts, err
	}
	// Deadlines (and the tariffs' staleness) are judged against today in
	// the region's time zone.
	if opts.Today, opts.MaxMonths, err = dateLimits(c, regionZone(opts.Region)); err != nil {
		return opts, err
	}
	return opts, nil
}

func cmpOr(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// optionsUsed lists the flags given on the command line, for the About sheet.
func optionsUsed(c *cli.Context) []string {
	var opts []string
	for _, f := range c.Command.Flags {
		name := f.Names()[0]
		if !c.IsSet(name) || !inAbout(name) {
			continue
		}
		if isSlice(f) {
			for _, s := range c.StringSlice(name) {
				opts = append(opts, fmt.Sprintf("--%s %s", name, s))
			}
			continue
		}
		opts = append(opts, fmt.Sprintf("--%s %v", name, c.Value(name)))
	}
	return opts
}

func printSummary(w io.Writer, b *report.Budget, out, jsonOut, lang string) {
	t := terminalText(lang)
	d := b.Decimals
	first, last := b.Months[0], b.Months[len(b.Months)-1]
	fmt.Fprint(w, t.rows(b.Rows, len(b.Accounts), len(b.Months), first, last))
	if b.Skipped > 0 {
		fmt.Fprint(w, t.skipped(b.Skipped))
	}
	printFileNotes(w, b.Files, t.zh)
	if len(b.EmptyMonths) > 0 {
		fmt.Fprintf(w, t.empty, report.MonthList(b.EmptyMonths))
	}
	fmt.Fprintf(w, t.total, b.Currency, report.Amount(b.Total.Cost, d), report.Amount(b.Total.Tax, d), report.Amount(b.Total.Total, d))
	var saving decimal.Decimal
	current := false
	for _, a := range b.Accounts {
		if a.Current != nil {
			current = true
			saving = saving.Add(a.Saving())
		}
	}
	if current {
		fmt.Fprintf(w, t.saving, b.Currency, report.Amount(saving, d), cannotDeliver(b, t))
	}
	if out != "" {
		fmt.Fprintf(w, t.wrote, out)
	}
	if jsonOut != "" && jsonOut != "-" {
		fmt.Fprintf(w, t.wrote, jsonOut)
	}
}

// largePlanRows is the size of plan from which report trades time for
// memory: see collectHarder.
const largePlanRows = 250_000

// collectHarder has the garbage collector run at 50% heap growth instead
// of Go's default 100% while a plan of largePlanRows rows or more is
// written, unless GOGC is set; the returned function restores the setting.
// Measured with bench/run.sh (README, Performance): at 1M rows this keeps
// the peak at the floor's (304 MB against 347 MB) for no measurable time,
// while at 100k rows it would cost 0.17 s of 1.45 s to save 60 MB, and at
// 10k rows a fifth of the run.
func collectHarder(rows int) (restore func()) {
	if rows < largePlanRows || os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(50)
	return func() { debug.SetGCPercent(old) }
}

// cannotDeliver says, after the saving, how many messages the current
// plans cannot deliver and in how many months, when they cannot deliver
// some: the saving then compares with a plan that does not do the job.
func cannotDeliver(b *report.Budget, t terminal) string {
	messages, months := b.CurrentShortfall()
	if months == 0 {
		return ""
	}
	return t.cannotDeliver(messages, months)
}
