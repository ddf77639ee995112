package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"

	"linecost/pricing"
	"linecost/report"
)

func quoteCommand() *cli.Command {
	return &cli.Command{
		Name:  "quote",
		Usage: "price one month of messages on every plan (the web calculator in a terminal)",
		UsageText: "linecost quote --friends N [--sends K] [--blocked B|P%] [--bubbles N --channel manager|api]\n" +
			"         [--month YYYY-MM | --catalog NAME] [--region tw|jp|th] [--pricing FILE] [--today YYYY-MM-DD] [--json]",
		Description: "Counts the month's billable messages (sends x (friends - blocked) x sends per\n" +
			"bubble set), prices them on every plan of the catalog in force on the month's\n" +
			"first day, and marks the cheapest feasible plan.\n\n" +
			"Example:\n" +
			"   linecost quote --friends 12000 --sends 4\n" +
			"   linecost quote --friends 80000 --blocked 12% --bubbles 4 --region jp --month 2025-01 --json",
		Flags: []cli.Flag{
			&cli.Int64Flag{Name: "friends", Usage: "target friends `N` of each send (required)"},
			&cli.Int64Flag{Name: "sends", Value: 1, Usage: "sends `K` in the month"},
			&cli.StringFlag{Name: "blocked", Value: "0", Usage: "friends who blocked the account: a count `B` or a percentage like 12%"},
			&cli.Int64Flag{Name: "bubbles", Value: 1, Usage: "bubbles `N` per send (3 fit in one OA Manager send, 5 in one API send)"},
			&cli.StringFlag{Name: "channel", Value: "manager", Usage: "how the sends go out: manager (OA Manager) or api (Messaging API)"},
			&cli.StringFlag{Name: "month", Usage: "price as of `YYYY-MM` (default: the current month)"},
			catalogFlag("price with catalog `NAME` (e.g. tw-2019) instead of the month's"),
			regionFlag(),
			pricingFlag(),
			todayFlag(),
			jsonFlag(),
		},
		Action: runQuote,
	}
}

func runQuote(c *cli.Context) error {
	if c.NArg() > 0 {
		return usageErrorf("quote takes no arguments, got %q", c.Args().First())
	}
	if !c.IsSet("friends") {
		return usageErrorf("--friends is required")
	}
	ch, err := pricing.ParseChannel(c.String("channel"))
	if err != nil {
		return usageErrorf("--channel: %v", err)
	}
	send := pricing.Send{Friends: c.Int64("friends"), Sends: c.Int64("sends"), Bubbles: c.Int64("bubbles"), Channel: ch}
	if send.Blocked, err = parseBlocked(c.String("blocked"), send.Friends); err != nil {
		return usageErrorf("--blocked: %v", err)
	}
	messages, err := send.Messages()
	if err != nil {
		return usageErrorf("%v", err)
	}
	catalogs, err := loadCatalogs(c)
	if err != nil {
		return err
	}
	month, cat, day, err := quoteCatalog(c, catalogs)
	if err != nil {
		return err
	}
	e := pricing.Evaluate(messages, cat)
	if msg, stale := report.StaleWarning(catalogs, cat.Region, month, day); stale {
		fmt.Fprintf(c.App.ErrWriter, "warning: %s\n", msg)
	}
	if c.Bool("json") {
		enc := json.NewEncoder(c.App.Writer)
		enc.SetIndent("", "  ")
		return enc.Encode(report.NewMonthJSON(month, e, true))
	}
	printQuote(c.App.Writer, month, send, e)
	return nil
}

// quoteCatalog picks the month and catalog from --month, --catalog and
// --region, and returns the day taken as today in the catalog's region.
func quoteCatalog(c *cli.Context, cs pricing.Catalogs) (pricing.Month, pricing.Catalog, time.Time, error) {
	region := c.String("region")
	if c.IsSet("catalog") {
		if cat, err := cs.Named(c.String("catalog")); err == nil {
			region = cat.Region
		}
	}
	day, err := today(c, regionZone(region))
	if err != nil {
		return pricing.Month{}, pricing.Catalog{}, day, err
	}
	month := pricing.MonthOf(day)
	if c.IsSet("month") {
		if c.IsSet("catalog") {
			return month, pricing.Catalog{}, day, usageErrorf("--month and --catalog exclude each other: --catalog prices every month alike")
		}
		m, err := pricing.ParseMonth(c.String("month"))
		if err != nil {
			return month, pricing.Catalog{}, day, usageErrorf("--month: %v", err)
		}
		month = m
	}
	if c.IsSet("catalog") {
		cat, err := cs.Named(c.String("catalog"))
		if err != nil {
			return month, cat, day, usageErrorf("--catalog: %v", err)
		}
		if c.IsSet("region") && c.String("region") != cat.Region {
			return month, cat, day, usageErrorf("--catalog %s is of region %s, not %s", cat.Name, cat.Region, c.String("region"))
		}
		return month, cat, day, nil
	}
	cat, err := report.CatalogForMonth(cs, c.String("region"), month)
	if err != nil {
		return month, cat, day, usageErrorf("%v", err)
	}
	return month, cat, day, nil
}

// parseBlocked reads --blocked: a whole count, or a percentage of friends
// ("12%", "12.5%") rounded half-up to a count.
func parseBlocked(s string, friends int64) (int64, error) {
	s = strings.TrimSpace(s)
	if p, ok := strings.CutSuffix(s, "%"); ok {
		d, err := decimal.NewFromString(strings.TrimSpace(p))
		if err != nil || strings.ContainsAny(p, "eE") {
			return 0, fmt.Errorf("not a percentage: %q", s)
		}
		return pricing.BlockedShare(friends, d)
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("not a count or a percentage: %q", s)
	}
	return n, nil
}

// verifiedNote is "; verified YYYY-MM-DD" for a catalog that says when it
// was last verified, and "" for one that does not.
func verifiedNote(c pricing.Catalog) string {
	if c.Verified.IsZero() {
		return ""
	}
	return "; verified " + c.Verified.Format(time.DateOnly)
}

func printQuote(w io.Writer, m pricing.Month, s pricing.Send, e pricing.Evaluation) {
	cat := e.Catalog
	d := cat.CurrencyDecimals
	fmt.Fprintf(w, "Month %s, catalog %s (%s, prices before tax, tax %s%%%s)\n", m, cat.Name, cat.Currency, cat.TaxRate.Shift(2), verifiedNote(cat))
	fmt.Fprintf(w, "Messages: %s = %s x (%s friends - %s blocked)", report.Count(e.Messages), plural(s.Sends, "send", "sends"), report.Count(s.Friends), report.Count(s.Blocked))
	if n := s.SendsPerBubbleSet(); n > 1 {
		fmt.Fprintf(w, " x %d (%d bubbles need %d sends on %s, at most %d per send)", n, s.Bubbles, n, s.Channel, s.Channel.BubbleLimit())
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
	t := newTable(2, 3, 4, 5, 6, 7)
	t.add("", "Plan", "Fee", "Free", "Additional", "Cost", "Tax", "Total", "")
	for i, o := range e.Options {
		mark := ""
		if i == e.Best {
			mark = "*"
		}
		name := o.Plan.NameEN + " " + o.Plan.Name
		if !o.Feasible {
			t.add(mark, name, report.Amount(o.Fee, d), report.Count(o.Plan.FreeMessages), "-", "-", "-", "-",
				fmt.Sprintf("infeasible: %s messages not delivered (sells no additional messages)", report.Count(o.Undelivered)))
			continue
		}
		t.add(mark, name, report.Amount(o.Fee, d), report.Count(o.Plan.FreeMessages), report.Count(o.Additional),
			report.Amount(o.Charge.Cost, d), report.Amount(o.Charge.Tax, d), report.Amount(o.Charge.Total, d), "")
	}
	t.write(w, "")
	fmt.Fprintln(w)
	if best, ok := e.Recommended(); ok {
		fmt.Fprintf(w, "* Recommended: %s (%s): %s %s + tax %s = %s\n", best.Plan.NameEN, best.Plan.Name,
			cat.Currency, report.Amount(best.Charge.Cost, d), report.Amount(best.Charge.Tax, d), report.Amount(best.Charge.Total, d))
	} else {
		fmt.Fprintf(w, "No plan of %s can deliver %s messages in a month.\n", cat.Name, report.Count(e.Messages))
	}
	for _, n := range cat.Notes {
		fmt.Fprintf(w, "Note (%s): %s\n", cat.Name, n)
	}
}
