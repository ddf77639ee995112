package delivery_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"linecost/report/delivery"
)

func ExampleMoney() {
	for _, s := range []string{"123456", "1234.5", "-1000000", "0.5"} {
		d := decimal.RequireFromString(s)
		fmt.Println(delivery.Money(d, 2), delivery.Money(d.Round(0), 0))
	}
	// Output:
	// 123,456.00 123,456
	// 1,234.50 1,235
	// -1,000,000.00 -1,000,000
	// 0.50 1
}

func ExampleNewLayout() {
	l := delivery.NewLayout("/srv/linecost")
	fmt.Println(l.Inbox, l.Done, l.Spool)
	// Output: /srv/linecost/inbox /srv/linecost/done /srv/linecost/spool
}
