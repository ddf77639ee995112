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
func staleWarning(opts Options, last pricing.Month) (warning, bool) {
	region := opts.Region
	if opts.Catalog != "" {
		if c, err := opts.Catalogs.Named(opts.Catalog); err == nil {
			region = c.Region
		}
	}
	msg, ok := StaleWarning(opts.Catalogs, region, last, opts.Today)
	return warning{input.Warning{Message: msg}, staleZH(opts.Catalogs, region, last, opts.Today)}, ok
}

// staleZH is StaleWarning's message in Chinese.
func staleZH(cs pricing.Catalogs, region string, last pricing.Month, today time.Time) string {
	lastDay := last.Next().FirstDay().AddDate(0, 0, -1)
	day, what := lastDay, "最後計價月份（"+last.String()+"）"
	if today.After(lastDay) {
		day, what = today, "今天（"+today.Format(time.DateOnly)+"）"
	}
	c, stale := cs.Stale(region, day)
	if !stale {
		return ""
	}
	source := c.Source
	if c.SourceZH != "" {
		source = c.SourceZH
	}
	return fmt.Sprintf("%s 的費率最後查核於 %s（費率版本 %s），距%s已超過 %d 個月：LINE 可能已調整價格。"+
		"請查看費率來源（%s），若價格已變，請以 --pricing FILE 提供新的費率檔（可由此開始：linecost plans --json --catalog %s > mine.json）",
		region, c.Verified.Format(time.DateOnly), c.Name, what, pricing.StaleAfterMonths, source, c.Name)
}
