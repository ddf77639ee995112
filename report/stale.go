package report

import (
	"fmt"
	"time"

	"linecost/pricing"
	"linecost/report/input"
)

// StaleWarning says, once, that the region's tariff may be out of date:
// that the later of today and the last day of the last month priced lies
// more than pricing.StaleAfterMonths after the newest verified date of the
// region's catalogs (see pricing.Catalogs.Stale). It names the date, where
// to check and how to pass a newer catalog. A zero today is not compared.
func StaleWarning(cs pricing.Catalogs, region string, last pricing.Month, today time.Time) (string, bool) {
	lastDay := last.Next().FirstDay().AddDate(0, 0, -1)
	day, what := lastDay, "the last month priced ("+last.String()+")"
	if today.After(lastDay) {
		day, what = today, "today ("+today.Format(time.DateOnly)+")"
	}
	c, stale := cs.Stale(region, day)
	if !stale {
		return "", false
	}
	return fmt.Sprintf("the %s prices were last verified on %s (catalog %s), more than %d months before %s: "+
		"LINE may have changed its prices since. Check the catalog's source (%s) and, if the prices changed, "+
		"pass a newer catalog with --pricing FILE (start from: linecost plans --json --catalog %s > mine.json)",
		region, c.Verified.Format(time.DateOnly), c.Name, pricing.StaleAfterMonths, what, c.Source, c.Name), true
}

// staleWarning is StaleWarning for a budget, as a warning of no file.
func staleWarning(opts Options, last pricing.Month) (input.Warning, bool) {
	region := opts.Region
	if opts.Catalog != "" {
		if c, err := opts.Catalogs.Named(opts.Catalog); err == nil {
			region = c.Region
		}
	}
	msg, ok := StaleWarning(opts.Catalogs, region, last, opts.Today)
	return input.Warning{Message: msg}, ok
}
