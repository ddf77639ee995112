package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"linecost/pricing"
	"linecost/report"
)

// TestChartLabels: with 24 months and more the chart labels every second
// month (at most about 12 labels), so that they do not run together, and
// its title says how many accounts it shows and how many it sums.
func TestChartLabels(t *testing.T) {
	for _, tc := range []struct {
		months, accounts int
		skip             string
		title            string
	}{
		{12, 2, `<tickLblSkip val="1"></tickLblSkip>`, "Monthly cost before tax (TWD), by account"},
		{24, 10, `<tickLblSkip val="2"></tickLblSkip>`, "Monthly cost before tax (TWD): the 7 largest accounts, the other 3 as one"},
		{36, 2, `<tickLblSkip val="3"></tickLblSkip>`, "Monthly cost before tax (TWD), by account"},
	} {
		t.Run(fmt.Sprintf("%d months", tc.months), func(t *testing.T) {
			var csv strings.Builder
			csv.WriteString("date,account,campaign,friends\n")
			for m := range tc.months {
				for a := range tc.accounts {
					fmt.Fprintf(&csv, "%d-%02d-10,A%02d,c,%d\n", 2024+m/12, 1+m%12, a, 1000*(a+1))
				}
			}
			path := filepath.Join(t.TempDir(), "plan.csv")
			if err := os.WriteFile(path, []byte(csv.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			b, err := report.Build([]string{path}, report.Options{Catalogs: pricing.Builtin(), Region: "tw", Catalog: "tw-2023"})
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			var buf bytes.Buffer
			if err := Write(&buf, b, Meta{Generated: generated}); err != nil {
				t.Fatal(err)
			}
			chart := zipPart(t, buf.Bytes(), "xl/charts/chart1.xml")
			if !strings.Contains(chart, tc.skip) {
				t.Errorf("chart has no %s", tc.skip)
			}
			if !strings.Contains(chart, tc.title) {
				t.Errorf("chart title is not %q", tc.title)
			}
		})
	}
}

// zipPart is the text of one part of a zip.
func zipPart(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
