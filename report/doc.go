// Package report turns campaign plans into a LINE messaging budget: it
// reads plan files (sub-package input), aggregates messages per account and
// month, prices every month on every plan with package pricing, allocates
// the bill to campaigns and writes the results as an Excel workbook and as
// JSON. It also loads catalog files. All file I/O of linecost lives here.
package report
