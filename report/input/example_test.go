package input_test

import (
	"fmt"
	"strings"

	"linecost/report/input"
)

func ExampleReadFiles() {
	plan := "日期,活動,好友數,封鎖,對話框數\n" +
		"114/1/15,春節,\"12,000\",5%,4\n" +
		"2025-02-30,情人節,12x,,\n"
	opts := input.Options{Stdin: strings.NewReader(plan)}
	infos, warnings, err := input.ReadFiles([]string{"-"}, opts, func(r input.Row) error {
		fmt.Printf("line %d: %s %s, %d messages\n", r.Line, r.Date.Format("2006-01-02"), r.Campaign, r.Messages)
		return nil
	})
	fmt.Printf("%s: %s, %d row(s), %d messages\n", infos[0].File, infos[0].Encoding, infos[0].Rows, infos[0].Messages)
	for _, w := range warnings {
		fmt.Println("warning:", w)
	}
	fmt.Println(err)
	// Output:
	// line 2: 2025-01-15 春節, 22800 messages
	// -: utf-8, 1 row(s), 22800 messages
	// warning: -:2: 對話框數: 4 bubbles are over the manager limit of 3 per send: counted as 2 sends each
	// -:3:1: 日期: no such date: "2025-02-30"
	// -:3:16: 好友數: not a whole number: "12x"
}
