package delivery_test

import (
	"fmt"

	"linecost/report/delivery"
)

func ExampleNewLayout() {
	l := delivery.NewLayout("/srv/linecost")
	fmt.Println(l.Inbox, l.Done, l.Spool)
	// Output: /srv/linecost/inbox /srv/linecost/done /srv/linecost/spool
}
