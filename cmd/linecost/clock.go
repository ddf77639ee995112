package main

import (
	"os"
	"strconv"
	"time"

	"github.com/urfave/cli/v2"
)

// The clock is read here and nowhere else: every command takes "now" and
// "today" from these functions once and passes them down as values, so
// that pricing and report never see the wall clock.

// now is the moment linecost runs: SOURCE_DATE_EPOCH when set (reproducible
// outputs), else the clock, to the second, in UTC.
func now() time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	return time.Now().UTC().Truncate(time.Second)
}

// todayFlag is --today, the day the deadlines and the staleness of the
// tariffs are judged against (what-ifs and tests).
func todayFlag() cli.Flag {
	return &cli.StringFlag{Name: "today", Usage: "take `YYYY-MM-DD` as today (default: the clock, or SOURCE_DATE_EPOCH)"}
}

// today is the calendar day of the run as midnight UTC of that day: --today
// when the command has that flag and it is set, else the day of now() in
// loc (the region's time zone; nil means UTC).
func today(c *cli.Context, loc *time.Location) (time.Time, error) {
	if s := c.String("today"); s != "" {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return time.Time{}, usageErrorf("--today: want YYYY-MM-DD, not %q", s)
		}
		return t, nil
	}
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := now().In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
}
