// Command floor is the yardstick of the benchmarks: the least a program can
// do to turn a campaign plan into a workbook with the same libraries as
// linecost.
//
// Usage:
//
//	go run ./bench/floor plan.csv out.xlsx
//
// It reads the CSV with encoding/csv alone (no decoding, no gocsv, no
// validation, no pricing) and writes one row of 16 cells per plan row, after
// a header row, with excelize's StreamWriter: 7 text cells and 9 numbers,
// integers and fractions, as on linecost's Campaigns sheet, without styles,
// tables or other sheets. Rows beyond one sheet's limit continue on
// "Campaigns (2)", as in linecost. Whatever time and memory linecost needs
// beyond this program's is linecost's own; the rest is what encoding/csv and
// excelize (mostly building and compressing the zip) cost.
package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/xuri/excelize/v2"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: floor plan.csv out.xlsx")
		os.Exit(2)
	}
	rows, err := run(os.Args[1], os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "floor: %d rows\n", rows)
}

var header = []any{"Account", "Date", "Month", "Campaign", "Segment", "Channel", "Plan",
	"Line", "Friends", "Blocked", "Sends", "Bubbles", "Messages", "Share", "Cost", "Cost incl. tax"}

func run(in, out string) (int, error) {
	src, err := os.Open(in)
	if err != nil {
		return 0, err
	}
	defer src.Close()
	r := csv.NewReader(src)
	r.ReuseRecord = true
	if _, err := r.Read(); err != nil { // the plan's header
		return 0, err
	}

	f := excelize.NewFile()
	defer f.Close()
	sheets := 0
	var sw *excelize.StreamWriter
	newSheet := func() error {
		if sw != nil {
			if err := sw.Flush(); err != nil {
				return err
			}
		}
		sheets++
		name := "Campaigns"
		if sheets == 1 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else {
			name = fmt.Sprintf("Campaigns (%d)", sheets)
			if _, err := f.NewSheet(name); err != nil {
				return err
			}
		}
		if sw, err = f.NewStreamWriter(name); err != nil {
			return err
		}
		return sw.SetRow("A1", header)
	}
	if err := newSheet(); err != nil {
		return 0, err
	}

	cells := make([]any, 16)
	n, sheetRow := 0, 1
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return n, err
		}
		if len(rec) < 9 {
			return n, fmt.Errorf("%s: row %d: %d fields, want 9", in, n+2, len(rec))
		}
		if sheetRow == excelize.TotalRows {
			if err := newSheet(); err != nil {
				return n, err
			}
			sheetRow = 1
		}
		n++
		sheetRow++
		// Figures of the right types and sizes, not the right values: only
		// what it costs to write them matters here.
		friends, sends, bubbles := number(rec[4]), number(rec[5]), number(rec[6])
		messages := friends * sends * bubbles
		cost := float64(messages) * 0.2
		cells[0], cells[1], cells[2], cells[3] = rec[1], rec[0], rec[0], rec[2]
		cells[4], cells[5], cells[6] = rec[3], rec[7], "Pro"
		cells[7], cells[8], cells[9], cells[10] = n+1, friends, number(rec[8]), sends
		cells[11], cells[12], cells[13] = bubbles, messages, float64(n%997)/997
		cells[14], cells[15] = cost, cost*1.05
		cell, err := excelize.CoordinatesToCellName(1, sheetRow)
		if err != nil {
			return n, err
		}
		if err := sw.SetRow(cell, cells); err != nil {
			return n, err
		}
	}
	if err := sw.Flush(); err != nil {
		return n, err
	}
	if err := f.SaveAs(out); err != nil {
		return n, err
	}
	return n, f.Close()
}

// number reads the digits of s as an int64, skipping anything else ("12,000",
// "8%"): a stand-in for parsing that costs about as little as parsing can.
func number(s string) int64 {
	var n int64
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			n = n*10 + int64(c-'0')
		}
	}
	return n
}
