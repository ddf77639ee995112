// Package report turns campaign plans into a LINE messaging budget: it
// reads plan files (sub-package input), aggregates messages per account and
// month, prices every month on every plan with package pricing, allocates
// the bills to campaigns and writes the results as JSON. It also loads
// catalog files. Sub-package workbook writes the budget as an Excel
// workbook.
package report
