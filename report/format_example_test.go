package report_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"linecost/report"
)

func ExampleAmount() {
	for _, s := range []string{"123456", "1234.5", "-1000000", "0.5", "-0.4", "12345678901234567890123"} {
		d := decimal.RequireFromString(s)
		fmt.Println(report.Amount(d, 2), report.Amount(d.Round(0), 0))
	}
	// Output:
	// 123,456.00 123,456
	// 1,234.50 1,235
	// -1,000,000.00 -1,000,000
	// 0.50 1
	// -0.40 0
	// 12,345,678,901,234,567,890,123.00 12,345,678,901,234,567,890,123
}

func ExampleCount() {
	fmt.Println(report.Count(0), report.Count(999), report.Count(1000), report.Count(-1200000))
	// Output: 0 999 1,000 -1,200,000
}
