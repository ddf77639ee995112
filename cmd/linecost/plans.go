package main

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/urfave/cli/v2"

	"linecost/pricing"
	"linecost/report"
)

func plansCommand() *cli.Command {
	return &cli.Command{
		Name:      "plans",
		Usage:     "list the tariff catalogs, their plans, tier tables and notes",
		UsageText: "linecost plans [--region R] [--catalog NAME] [--pricing FILE] [--json]",
		Description: "Lists every catalog with the dates it is in force and the day its figures were\n" +
			"last verified, and each plan with its fee, free messages and additional-message\n" +
			"tiers. --json prints the catalogs as a list; with --catalog NAME it prints that\n" +
			"one catalog in the catalog file format, which --pricing reads back unchanged: the\n" +
			"starting point for a catalog of your own.\n\n" +
			"Example:\n" +
			"   linecost plans --region tw\n" +
			"   linecost plans --catalog tw-2026 --json > mine.json\n" +
			"   linecost quote --friends 12000 --sends 4 --pricing mine.json",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "region", Usage: "only the catalogs of `REGION` (tw, jp, ...)"},
			catalogFlag("only the catalog `NAME`"),
			pricingFlag(),
			jsonFlag(),
		},
		Action: runPlans,
	}
}

func runPlans(c *cli.Context) error {
	if c.NArg() > 0 {
		return usageErrorf("plans takes no arguments, got %q", c.Args().First())
	}
	all, err := loadCatalogs(c)
	if err != nil {
		return err
	}
	shown := all
	if c.IsSet("region") {
		shown = all.Region(c.String("region"))
		if len(shown) == 0 {
			return usageErrorf("--region: no catalog for region %q (have %v)", c.String("region"), all.Regions())
		}
	}
	if c.IsSet("catalog") {
		cat, err := shown.Named(c.String("catalog"))
		if err != nil {
			return usageErrorf("--catalog: %v", err)
		}
		shown = pricing.Catalogs{cat}
	}
	if c.Bool("json") {
		enc := json.NewEncoder(c.App.Writer)
		enc.SetIndent("", "  ")
		if c.IsSet("catalog") {
			return enc.Encode(shown[0]) // one catalog file, as --pricing reads it
		}
		return enc.Encode(shown)
	}
	for i, cat := range shown {
		if i > 0 {
			fmt.Fprintln(c.App.Writer)
		}
		printCatalog(c.App.Writer, all, cat)
	}
	return nil
}

func printCatalog(w io.Writer, all pricing.Catalogs, cat pricing.Catalog) {
	period := "from " + cat.EffectiveFrom.Format(time.DateOnly)
	if until, ok := all.Until(cat); ok {
		period += " to " + until.AddDate(0, 0, -1).Format(time.DateOnly)
	} else {
		period += " (current)"
	}
	fmt.Fprintf(w, "%s: region %s, %s, %s; prices before tax, tax %s%%%s\n", cat.Name, cat.Region, cat.Currency, period, cat.TaxRate.Shift(2), verifiedNote(cat))
	fmt.Fprintf(w, "Source: %s\n\n", cat.Source)
	d := cat.CurrencyDecimals
	t := newTable(2, 3)
	t.add("Plan", "Name", "Monthly fee", "Free messages", "Additional messages")
	for _, p := range cat.Plans {
		if !p.SellsAdditional() {
			t.add(p.ID, p.NameEN+" "+p.Name, report.Amount(p.MonthlyFee, d), report.Count(p.FreeMessages), "not sold")
			continue
		}
		var from int64 = 1
		for j, tier := range p.Tiers {
			band := fmt.Sprintf("%s and up", report.Count(from))
			if tier.UpTo != 0 {
				band = fmt.Sprintf("%s to %s", report.Count(from), report.Count(tier.UpTo))
			}
			cell := fmt.Sprintf("%s: %s each", band, price(tier.Price))
			if j == 0 {
				t.add(p.ID, p.NameEN+" "+p.Name, report.Amount(p.MonthlyFee, d), report.Count(p.FreeMessages), cell)
			} else {
				t.add("", "", "", "", cell)
			}
			from = tier.UpTo + 1
		}
	}
	t.write(w, "  ")
	for _, n := range cat.Notes {
		fmt.Fprintf(w, "Note: %s\n", n)
	}
}
