package main

import (
	"os"
	"strconv"
	"time"

	"github.com/urfave/cli/v2"

	"linecost/pricing"
)

// The clock is read here and nowhere else: every command takes "now" and
// "today" from these functions once and passes them down as values, so
// that pricing and report never see the wall clock. watch, which runs for
// months, is given them as functions (and clock, to wait on).

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

// stamp is the moment of the run as the outputs show it: the workbook's
// Generated time, the names watch gives the outbox files (and so the
// mail's attachment) and the done/ month, the mail's Date. It is now(),
// moved to the day of --today when that is given (the same time of day,
// in UTC), so that a what-if run names and dates everything on the day it
// judges the deadlines against.
func stamp(c *cli.Context) (time.Time, error) {
	n := now()
	s := c.String("today")
	if s == "" {
		return n, nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, usageErrorf("--today: want YYYY-MM-DD, not %q", s)
	}
	return time.Date(d.Year(), d.Month(), d.Day(), n.Hour(), n.Minute(), n.Second(), 0, time.UTC), nil
}

// clock is the wall clock a long-running command waits on (watch's
// settling and mail retries). Nothing it returns reaches an output or a
// mail: those take stamp and today.
func clock() time.Time { return time.Now() }

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

// timeZoneFlag is --time-zone: the zone the plans' send times are written in.
func timeZoneFlag() cli.Flag {
	return &cli.StringFlag{Name: "time-zone", Usage: "send times in the plans are in time zone `TZ`, an IANA name such as Asia/Taipei (default: the region's: tw Asia/Taipei, jp Asia/Tokyo, th Asia/Bangkok)"}
}

// sendZones returns the zone the plans' send times are written in
// (--time-zone, else the region's) and the zone LINE bills by. A region
// linecost has no zone for, without --time-zone, gives a nil zone: a plan
// row with a send time then fails with an error that asks for --time-zone,
// and rows without one are billed on their date as before.
func sendZones(c *cli.Context, region string) (zone, billing *time.Location, err error) {
	billing, err = time.LoadLocation(pricing.BillingTimeZone)
	if err != nil {
		return nil, nil, err // not reached: the zone database is embedded
	}
	if !c.IsSet("time-zone") {
		return regionZone(region), billing, nil
	}
	name := c.String("time-zone")
	if name == "" || name == "Local" {
		return nil, nil, usageErrorf("--time-zone: want an IANA time zone such as Asia/Taipei, not %q", name)
	}
	zone, err = time.LoadLocation(name)
	if err != nil {
		return nil, nil, usageErrorf("--time-zone: unknown time zone %q (want an IANA name such as Asia/Taipei)", name)
	}
	return zone, billing, nil
}

// regionZone is the region's time zone, for the day "today" is there; nil
// (UTC) for a region linecost has no zone for.
func regionZone(region string) *time.Location {
	name, ok := pricing.RegionTimeZone(region)
	if !ok {
		return nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil // not reached: the zone database is embedded
	}
	return loc
}
