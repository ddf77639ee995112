package input

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// BenchmarkReadFilesTypical reads a plan shaped like the ones bench/gen
// writes, as Excel saves them: UTF-8 with a byte-order mark, CRLF, the
// Chinese header, every date form, "12,000"-style quoted numbers, counts
// and percentages of blocked friends, and a warning on one row in 25 (in
// BenchmarkReadFiles every row has one).
func BenchmarkReadFilesTypical(b *testing.B) {
	dates := []string{"2025-%02d-15", "2025/%d/15", "2025.%02d.15", "114/%d/15", "民國114年%d月15日"}
	channels := []string{"後台", "manager", "api"}
	var plan strings.Builder
	plan.WriteString("\uFEFF日期,官方帳號,活動名稱,目標分眾,目標好友數,發送次數,對話框數,發送方式,封鎖\r\n")
	const rows = 10000
	for i := range rows {
		friends := fmt.Sprint(800 + i%5000)
		if i%2 == 0 {
			friends = fmt.Sprintf("\"%d,%03d\"", 1+i%90, i%1000)
		}
		bubbles, blocked := 1+i%3, fmt.Sprint(i%50)
		if i%25 == 0 {
			bubbles = 4
		}
		if i%3 == 0 {
			blocked = fmt.Sprintf("%d.5%%", i%20)
		}
		fmt.Fprintf(&plan, "%s,咖啡店 %d,春節促銷 %d,全部好友,%s,1,%d,%s,%s\r\n",
			fmt.Sprintf(dates[i%len(dates)], i%12+1), i%2000, i%300, friends, bubbles, channels[i%len(channels)], blocked)
	}
	path := b.TempDir() + "/plan.csv"
	os.WriteFile(path, []byte(plan.String()), 0o644)
	b.SetBytes(int64(plan.Len()))
	for b.Loop() {
		n := 0
		if _, _, err := ReadFiles([]string{path}, Options{}, func(Row) error { n++; return nil }); err != nil || n != rows {
			b.Fatal(err, n)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// The fast paths of clean and textCell skip width.Fold where it would
// change nothing. These tests check that claim against x/text for every
// rune, so that a new Unicode table cannot make them wrong unnoticed.

func TestNeedsFoldEveryRune(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		s := "a" + string(r) + "b"
		if got, want := needsFold(s), width.Fold.String(s) != s; got != want {
			t.Fatalf("needsFold(%U) = %v; width.Fold changes it: %v", r, got, want)
		}
	}
	for _, s := range []string{"\xe4", "\xe4\xb8", "a\xff", "\xef\xbc", "１\xef", "\xef\xbc\x91"} {
		if got, want := needsFold(s), width.Fold.String(s) != s; got != want {
			t.Errorf("needsFold(%q) = %v; width.Fold changes it: %v", s, got, want)
		}
	}
}

func TestTextCellEmptyEveryRune(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		var c textCell
		c.UnmarshalCSV(string(r))
		if want := clean(string(r)) == ""; c.empty != want {
			t.Fatalf("textCell(%U).empty = %v; clean gives %q", r, c.empty, clean(string(r)))
		}
	}
}
