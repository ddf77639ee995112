// Command sheets prints the sheet names of a workbook, one a line, with the
// number of rows each holds: the benchmark script's check that a plan
// longer than one sheet's limit continued on "Campaigns (2)".
//
// Usage:
//
//	go run ./bench/sheets out.xlsx
package main

import (
	"fmt"
	"os"

	"github.com/xuri/excelize/v2"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: sheets book.xlsx")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "sheets:", err)
		os.Exit(1)
	}
}

func run(path string) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	for _, name := range f.GetSheetList() {
		rows, err := f.Rows(name) // streams: a full sheet would not fit GetRows
		if err != nil {
			return err
		}
		n := 0
		for rows.Next() {
			n++
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Error(); err != nil {
			return err
		}
		fmt.Printf("%s\t%d\n", name, n)
	}
	return nil
}
