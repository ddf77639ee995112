package workbook

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"linecost/pricing"
	"linecost/report"
	"linecost/report/input"
)

// TestWorkbookLongText: about 90 unknown columns, a stray 4,000-character
// cell or a 5,000-character catalog note made the workbook fail ("height
// of the row must be less than or equal to 409 points") and nothing was
// written. Rows are at most 409 points high, and a text past Excel's cell
// limit is cut for display with a note (the JSON keeps it whole).
func TestWorkbookLongText(t *testing.T) {
	dir := t.TempDir()
	var head, row strings.Builder
	head.WriteString("date,campaign,friends")
	row.WriteString("2025-01-15,a,100")
	for i := range 90 {
		fmt.Fprintf(&head, ",extra column number %d", i)
		row.WriteString(",x")
	}
	long := strings.Repeat("長", input.MaxCellChars+10)
	plan := writePlanFile(t, dir, "plan.csv", head.String()+"\n"+row.String()+"\n"+
		"2025-01-16,"+strings.Repeat("word ", 800)+",100\n"+
		"2025-01-17,"+long+",100\n")
	note := strings.Repeat("a long catalog note ", 250)
	cat := hugeCatalogs(t, "1")[0]
	cat.Notes = []string{note}
	cats, err := pricing.NewCatalogs(cat)
	if err != nil {
		t.Fatal(err)
	}
	b := mustBuild(t, []string{plan}, report.Options{Catalogs: cats, Region: "zz"})
	var warned bool
	for _, w := range b.Warnings {
		warned = warned || w.Line == 4 && strings.Contains(w.Message, "32,767")
	}
	if !warned {
		t.Errorf("no warning for the text past 32,767 characters: %v", b.Warnings)
	}
	var buf bytes.Buffer
	if err = Write(&buf, b, Meta{Generated: generated}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sh := range f.GetSheetList() {
		rows, _ := f.GetRows(sh)
		for r := range rows {
			if h, _ := f.GetRowHeight(sh, r+1); h > 409 {
				t.Errorf("%s row %d: height %g", sh, r+1, h)
			}
		}
	}
	found := false
	rows := sheetRows(t, f, "Campaigns")
	for _, r := range rows {
		for _, c := range r {
			if strings.HasPrefix(c, "長長長") {
				found = true
				if n := utf8.RuneCountInString(c); n > input.MaxCellChars || !strings.Contains(c, "JSON") {
					t.Errorf("the long campaign is %d characters, ending %q", n, c[len(c)-80:])
				}
			}
		}
	}
	if !found {
		t.Errorf("the long campaign is not on the Campaigns sheet")
	}
}

// TestWorkbookInexactMoney: money of more than 15 significant digits
// cannot be shown exactly in a cell: the cell keeps the nearest value and
// the About sheet lists where, with the exact value.
func TestWorkbookInexactMoney(t *testing.T) {
	dir := t.TempDir()
	plan := writePlanFile(t, dir, "plan.csv", "date,campaign,friends\n2025-01-15,a,1\n")
	b := mustBuild(t, []string{plan}, report.Options{Catalogs: hugeCatalogs(t, "123456789012345678.91"), Region: "zz"})
	var buf bytes.Buffer
	if err := Write(&buf, b, Meta{Generated: generated}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := sheetRows(t, f, "About")
	i := rowOf(rows, "Cell shown rounded")
	if i < 0 || i+1 >= len(rows) {
		t.Fatalf("no list of inexact cells on About: %q", rows)
	}
	listed := map[string]string{}
	for _, r := range rows[i+1:] {
		if len(r) >= 2 {
			listed[r[0]] = r[1]
		}
	}
	found := false
	for ref, v := range listed {
		if v == "123456789012345678.91" {
			found = true
			if !strings.HasPrefix(ref, "'") || !strings.Contains(ref, "!") {
				t.Errorf("ref %q", ref)
			}
		}
	}
	if !found {
		t.Errorf("the fee is not listed with its exact value: %v", listed)
	}
}

// writePlanFile writes a plan into dir and returns its path.
func writePlanFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// mustBuild is report.Build, closed when the test ends.
func mustBuild(t *testing.T, paths []string, opts report.Options) *report.Budget {
	t.Helper()
	b, err := report.Build(paths, opts)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// hugeCatalogs is a catalog "zz-2024" of one plan with the given fee and a
// quota no plan reaches.
func hugeCatalogs(t *testing.T, fee string) pricing.Catalogs {
	t.Helper()
	c, err := pricing.ParseCatalog([]byte(`{
  "name": "zz-2024", "region": "zz", "currency": "USD", "currency_decimals": 2,
  "tax_rate": "0.075", "effective_from": "2024-01-01", "source": "invented for a test",
  "plans": [{"id": "big", "name": "大", "name_en": "Big", "monthly_fee": "` + fee + `", "free_messages": 9223372036854775807}]
}`))
	if err != nil {
		t.Fatal(err)
	}
	cats, err := pricing.NewCatalogs(c)
	if err != nil {
		t.Fatal(err)
	}
	return cats
}
