package main

import (
	"time"

	"github.com/urfave/cli/v2"
)

// maxMonthsFlag is --max-months: the longest period report budgets (10
// years unless given) and, when given, how far after today a row may be
// dated (5 years unless given). check takes it too, so that check and
// report agree on which rows are errors.
func maxMonthsFlag() cli.Flag {
	return &cli.IntFlag{Name: "max-months", Usage: "allow a period of up to `N` months and rows dated up to N months after today (default: 120 months, and 5 years after today)"}
}

// dateLimits reads --today and --max-months.
func dateLimits(c *cli.Context, loc *time.Location) (time.Time, int, error) {
	day, err := today(c, loc)
	if err != nil {
		return time.Time{}, 0, err
	}
	n := c.Int("max-months")
	if c.IsSet("max-months") && n < 1 {
		return time.Time{}, 0, usageErrorf("--max-months: want a number of months of at least 1, not %d", n)
	}
	return day, n, nil
}
