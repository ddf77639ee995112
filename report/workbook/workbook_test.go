package workbook

import (
	"bytes"
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"linecost/pricing"
	"linecost/report"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// workbookCase is one folder under testdata/report: plan files, options,
// and workbook.golden, the text dump of the workbook they give.
type workbookCase struct {
	name     string
	lang     string
	files    []string          // in the case's folder
	catalogs []string          // catalog files (--pricing) in the folder; none = built-in
	region   string            // default tw
	catalog  string            // --catalog
	current  map[string]string // --current-plan
	from, to string            // --from, --to
	options  []string          // Meta.Options, as the command would record them
	today    string            // --today, YYYY-MM-DD: deadlines are judged against it
	folder   string            // the case's folder relative to report/, when not testdata/report/name
	// sheetRows, when set, lowers maxSheetRows so that the lists continue
	// on further sheets (see TestWorkbookSplitsLongLists).
	sheetRows int
}

var workbookCases = []workbookCase{
	// The README's sample.
	{name: "sample", folder: filepath.Join("..", "testdata", "sample"), files: []string{"campaigns.csv"}},
	// Issue 12's 12 accounts over 12 months, run on 2026-12-01: October and
	// November are past, December's downgrades had to be requested by
	// 2026-11-30 and stay on the plan the account has.
	{
		name: "twelve-accounts", files: []string{"plan.csv"}, today: "2026-12-01",
		current: map[string]string{"": "standard", "Delta Books": "pro", "服飾品牌": "pro"},
		options: []string{"--current-plan standard", "--current-plan Delta Books=pro", "--current-plan 服飾品牌=pro", "--today 2026-12-01"},
	},
	{name: "one-account", files: []string{"plan.csv"}},
	{name: "multi-account", files: []string{"plan.csv"}},
	{name: "catalog-change", files: []string{"plan.csv"}},
	{
		name: "zh-tw", lang: "zh-TW", files: []string{"plan.csv"},
		current: map[string]string{"": "pro"},
		options: []string{"--lang zh-TW", "--current-plan pro"},
	},
	{
		name: "current-plan", files: []string{"plan.csv"},
		current: map[string]string{"": "standard", "Books": "light"},
		options: []string{"--current-plan standard", "--current-plan Books=light"},
	},
	{
		name: "custom-catalog", files: []string{"plan.csv"}, catalogs: []string{"catalog.json"},
		region: "xx", catalog: "xx-2024", from: "2024-01", to: "2024-03",
		options: []string{"--pricing catalog.json", "--catalog xx-2024", "--from 2024-01", "--to 2024-03"},
	},
	// Rows without messages only: the Plan comparison is its header alone.
	{name: "no-messages", files: []string{"plan.csv"}},
	// Issue 9: Taiwan across 2026-11-01 with send times (one billed in the
	// next month), and Thailand in satang.
	{name: "tariff-2026", files: []string{"plan.csv"}, current: map[string]string{"": "Standard"},
		options: []string{"--current-plan Standard"}},
	{name: "thailand", files: []string{"plan.csv"}, region: "th", options: []string{"--region th"}},
	// A Q1 plan budgeted for the year: the empty months are named.
	{name: "empty-months", files: []string{"plan.csv"}, from: "2025-01", to: "2025-06",
		options: []string{"--from 2025-01", "--to 2025-06"}},
	// A plan as marketing writes it: title rows, the issue's headers,
	// totals rows, an account spelled two ways, a default.
	{name: "plan-as-written", files: []string{"plan.csv"}},
	// Run on 2026-12-15: Cafe's upgrade to Pro was due on 2026-12-01, a
	// day past, in a month not yet over: due now, not "on the 1st".
	{name: "overdue-upgrade", files: []string{"plan.csv"}, today: "2026-12-15",
		current: map[string]string{"": "light"}, options: []string{"--current-plan light", "--today 2026-12-15"}},
	{name: "split", files: []string{"plan.csv"}, sheetRows: 7},
}

// caseNamed is the case of that name.
func caseNamed(name string) workbookCase {
	i := slices.IndexFunc(workbookCases, func(tc workbookCase) bool { return tc.name == name })
	return workbookCases[i]
}

// splitCase is the case whose lists continue on further sheets.
var splitCase = workbookCases[len(workbookCases)-1]

// generated is the fixed generation time of the test workbooks.
var generated = time.Date(2025, 4, 1, 9, 30, 0, 0, time.UTC)

// dir is the case's folder, relative to report/: budget runs there, so
// that the file names the workbooks show are the same as when these tests
// lived in package report.
func (tc workbookCase) dir() string {
	if tc.folder != "" {
		return tc.folder
	}
	return filepath.Join("..", "testdata", "report", tc.name)
}

func (tc workbookCase) budget(t *testing.T) *report.Budget {
	t.Helper()
	if wd, _ := os.Getwd(); filepath.Base(wd) == "workbook" {
		t.Chdir("..")
	}
	var opts report.Options
	var err error
	var catalogs []string
	for _, c := range tc.catalogs {
		catalogs = append(catalogs, filepath.Join(tc.dir(), c))
	}
	if opts.Catalogs, err = report.LoadCatalogs(catalogs); err != nil {
		t.Fatal(err)
	}
	opts.Region, opts.Catalog, opts.CurrentPlans = cmp.Or(tc.region, "tw"), tc.catalog, tc.current
	if zone, ok := pricing.RegionTimeZone(opts.Region); ok {
		opts.Input.Zone, _ = time.LoadLocation(zone)
		opts.Input.BillingZone, _ = time.LoadLocation(pricing.BillingTimeZone)
	}
	for _, m := range []struct {
		s   string
		dst *pricing.Month
	}{{tc.from, &opts.From}, {tc.to, &opts.To}} {
		if m.s != "" {
			if *m.dst, err = pricing.ParseMonth(m.s); err != nil {
				t.Fatal(err)
			}
		}
	}
	if tc.today != "" {
		if opts.Today, err = time.Parse(time.DateOnly, tc.today); err != nil {
			t.Fatal(err)
		}
	}
	var paths []string
	for _, f := range tc.files {
		paths = append(paths, filepath.Join(tc.dir(), f))
	}
	b, err := report.Build(paths, opts)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return b
}

// workbook writes the case's workbook and opens it again with excelize.
func (tc workbookCase) workbook(t *testing.T) (*report.Budget, *excelize.File) {
	t.Helper()
	b := tc.budget(t)
	var buf bytes.Buffer
	meta := Meta{Lang: tc.lang, Version: "v0.0.0-test", Generated: generated, Options: tc.options}
	if tc.sheetRows > 0 {
		defer func(n int) { maxSheetRows = n }(maxSheetRows)
		maxSheetRows = tc.sheetRows
	}
	if err := Write(&buf, b, meta); err != nil {
		t.Fatalf("Write: %v", err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("reopening the workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return b, f
}

func TestWorkbookGolden(t *testing.T) {
	for _, tc := range workbookCases {
		t.Run(tc.name, func(t *testing.T) {
			_, f := tc.workbook(t)
			got := dumpWorkbook(t, f)
			golden := filepath.Join(tc.dir(), "workbook.golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./report/ -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("workbook differs from %s (go test ./report/ -update rewrites it; review with git diff):\n%s",
					golden, firstDifference(string(want), got))
			}
		})
	}
}

// firstDifference shows the first line where want and got differ.
func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\nwant: %s\ngot:  %s", i+1, wl, gl)
		}
	}
	return ""
}

// dumpWorkbook renders every sheet of f as text: the document properties,
// then per sheet its tables, frozen panes, print setup, column widths and
// merged cells, and row by row each cell's value with its number format.
// Numbers are shown raw, dates and times as their format shows them.
func dumpWorkbook(t *testing.T, f *excelize.File) string {
	t.Helper()
	return dumpSheets(t, f, f.GetSheetList())
}

// dumpSheets is dumpWorkbook of the named sheets only.
func dumpSheets(t *testing.T, f *excelize.File, sheets []string) string {
	t.Helper()
	var out strings.Builder
	p, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	font, _ := f.GetDefaultFont()
	fmt.Fprintf(&out, "title: %s\nsubject: %s\ndescription: %s\ncreator: %s\ncreated: %s\nmodified: %s\nlanguage: %s\ndefault font: %s\n",
		p.Title, p.Subject, p.Description, p.Creator, p.Created, p.Modified, p.Language, font)
	for _, dn := range f.GetDefinedName() {
		fmt.Fprintf(&out, "defined name: %s (%s) = %s\n", dn.Name, dn.Scope, dn.RefersTo)
	}
	for _, name := range sheets {
		fmt.Fprintf(&out, "\n== %s ==\n", name)
		tables, err := f.GetTables(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, tb := range tables {
			fmt.Fprintf(&out, "table %s %s\n", tb.Name, tb.Range)
		}
		panes, _ := f.GetPanes(name)
		if panes.Freeze {
			fmt.Fprintf(&out, "frozen above %s\n", panes.TopLeftCell)
		}
		layout, _ := f.GetPageLayout(name)
		props, _ := f.GetSheetProps(name)
		fmt.Fprintf(&out, "print: paper %d %s, fit to page %v, %d wide x %d tall, scale %d\n",
			deref(layout.Size), deref(layout.Orientation), deref(props.FitToPage), deref(layout.FitToWidth), deref(layout.FitToHeight), deref(layout.AdjustTo))
		if hf, _ := f.GetHeaderFooter(name); hf != nil {
			fmt.Fprintf(&out, "header: %s\nfooter: %s\n", hf.OddHeader, hf.OddFooter)
		}
		merges, _ := f.GetMergeCells(name)
		for _, m := range merges {
			fmt.Fprintf(&out, "merged %s:%s\n", m.GetStartAxis(), m.GetEndAxis())
		}
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		cols := 0
		for _, r := range rows {
			cols = max(cols, len(r))
		}
		var widths []string
		for c := range cols {
			col, _ := excelize.ColumnNumberToName(c + 1)
			w, _ := f.GetColWidth(name, col)
			widths = append(widths, fmt.Sprintf("%s %g", col, w))
		}
		fmt.Fprintf(&out, "widths: %s\n", strings.Join(widths, ", "))
		for i, r := range rows {
			if len(r) == 0 {
				continue
			}
			fmt.Fprintf(&out, "%d%s:", i+1, rowLook(t, f, name, i+1))
			for c, raw := range r {
				ref, _ := excelize.CoordinatesToCellName(c+1, i+1)
				formula, _ := f.GetCellFormula(name, ref)
				if raw == "" && formula == "" {
					continue
				}
				if formula != "" && raw == "" {
					t.Errorf("%s!%s: formula %q without a cached value", name, ref, formula)
				}
				fmt.Fprintf(&out, " %s=%s", ref, cellText(t, f, name, ref, raw))
				if formula != "" {
					fmt.Fprintf(&out, "<-%s", formula)
				}
			}
			out.WriteString("\n")
		}
	}
	return out.String()
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// rowLook describes how row r stands out, from its first cell's style:
// bold, fill, borders, height.
func rowLook(t *testing.T, f *excelize.File, sheet string, r int) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, "A"+strconv.Itoa(r))
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	var look []string
	if st.Font != nil && st.Font.Bold {
		look = append(look, "bold")
	}
	if len(st.Fill.Color) > 0 {
		look = append(look, "fill "+st.Fill.Color[0])
	}
	for _, b := range st.Border {
		look = append(look, b.Type+" border")
	}
	if h, _ := f.GetRowHeight(sheet, r); h != 15 && h != 0 {
		look = append(look, fmt.Sprintf("height %g", h))
	}
	if len(look) == 0 {
		return ""
	}
	return " [" + strings.Join(look, ", ") + "]"
}

// cellText shows a cell: text quoted; a number raw with its format in
// braces; a date or time as its format shows it.
func cellText(t *testing.T, f *excelize.File, sheet, ref, raw string) string {
	t.Helper()
	typ, _ := f.GetCellType(sheet, ref)
	if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString || typ == excelize.CellTypeFormula {
		return strconv.Quote(raw)
	}
	id, _ := f.GetCellStyle(sheet, ref)
	st, _ := f.GetStyle(id)
	code := ""
	if st != nil && st.CustomNumFmt != nil {
		code = *st.CustomNumFmt
	}
	if strings.Contains(code, "yy") {
		shown, _ := f.GetCellValue(sheet, ref)
		return shown + "{" + code + "}"
	}
	if code == "" {
		return raw + "{General}"
	}
	return raw + "{" + code + "}"
}

// TestWorkbookHandChecked checks figures worked out by hand (tw-2023,
// TWD, 5% tax): 48,000 messages in January are Pro, 1,200 + 42,000 x 0.2
// = 9,600, tax 480, total 10,080, split 40,000 : 8,000 over the two
// campaigns as 8,000 + 1,600 (tax 400 + 80).
func TestWorkbookHandChecked(t *testing.T) {
	_, f := caseNamed("one-account").workbook(t)
	rec := sheetRows(t, f, "Recommendation")
	// 45658 is 2025-01-01; Light and Standard cannot deliver 48,000
	// messages, so there is no next-best plan.
	jan := rec[1]
	want := []string{"咖啡小館", "45658", "tw-2023", "48000", "Pro", "9600", "480", "10080", ""}
	if !slices.Equal(jan[:len(want)], want) {
		t.Errorf("January recommendation = %q, want %q", jan[:len(want)], want)
	}
	camp := sheetRows(t, f, "Campaigns")
	for i, wantCost := range [][2]string{{"8000", "400"}, {"1600", "80"}} {
		r := camp[1+i]
		if got := [2]string{r[14], r[15]}; got != wantCost {
			t.Errorf("campaign row %d cost, tax = %q, want %q", i+1, got, wantCost)
		}
	}
	sum := sheetRows(t, f, "Summary")
	// 9,600 + 800 (Standard, February) + 0 (Light, March); Pro kept all
	// period is 9,600 + 1,200 + 1,200.
	acc := rowOf(sum, english.AccountsTitle) + 2
	if got, want := sum[acc][:7], []string{"咖啡小館", "50650", "10400", "520", "10920", "Pro", "12000"}; !slices.Equal(got, want) {
		t.Errorf("summary row = %q, want %q", got, want)
	}
	// The budget grid: the account's months and their total.
	grid := rowOf(sum, wbCurrency(english.GridCost, "TWD")) + 2
	if got, want := sum[grid][:5], []string{"咖啡小館", "9600", "800", "0", "10400"}; !slices.Equal(got, want) {
		t.Errorf("budget grid row = %q, want %q", got, want)
	}
}

func wbCurrency(format, currency string) string { return fmt.Sprintf(format, currency) }

// rowAfter returns the index of the first row after from whose first cell
// is first, or -1.
func rowAfter(rows [][]string, from int, first string) int {
	if from < 0 {
		return -1
	}
	i := rowOf(rows[from+1:], first)
	if i < 0 {
		return -1
	}
	return from + 1 + i
}

// sheetRows returns a sheet's raw cell values.
func sheetRows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		rows[i] = slices.Grow(rows[i], 20)[:max(len(rows[i]), 20)]
	}
	return rows
}

// rowOf returns the index of the row whose first cell is first, or -1.
func rowOf(rows [][]string, first string) int {
	return slices.IndexFunc(rows, func(r []string) bool { return r[0] == first })
}

func dec(t *testing.T, s string) decimal.Decimal {
	t.Helper()
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return d
}

// TestWorkbookTiesOut checks, on every case, that the figures agree across
// sheets as finance would check them: the campaign rows add up to the
// Summary grand total, and so does the Campaigns totals row (which the
// workbook takes from the Budget, not from the rows); each Recommendation
// month equals the sum of its campaign rows; the Recommendation totals
// equal the Summary.
func TestWorkbookTiesOut(t *testing.T) {
	for _, tc := range workbookCases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.sheetRows > 0 {
				t.Skip("lists over several sheets: TestWorkbookSplitsLongLists ties them out")
			}
			b, f := tc.workbook(t)
			l, _ := labelsFor(tc.lang)
			sum := sheetRows(t, f, l.Summary)
			camp := sheetRows(t, f, l.Campaigns)
			rec := sheetRows(t, f, l.Recommendation)

			grand := sum[rowAfter(sum, rowOf(sum, l.AccountsTitle), l.Total)]
			campTotal := camp[rowOf(camp, l.Total)]
			recTotal := rec[rowOf(rec, l.Total)]
			for _, c := range []struct {
				what      string
				got, want string
			}{
				{"campaigns cost = summary cost", campTotal[14], grand[2]},
				{"campaigns tax = summary tax", campTotal[15], grand[3]},
				{"campaigns messages = summary messages", campTotal[11], grand[1]},
				{"recommendation cost = summary cost", recTotal[5], grand[2]},
				{"recommendation tax = summary tax", recTotal[6], grand[3]},
				{"recommendation total = summary total", recTotal[7], grand[4]},
				{"summary cost = budget", grand[2], b.Total.Cost.String()},
			} {
				if !dec(t, c.got).Equal(dec(t, c.want)) {
					t.Errorf("%s: %s != %s", c.what, c.got, c.want)
				}
			}

			type key struct{ account, month string }
			costs, taxes := map[key]decimal.Decimal{}, map[key]decimal.Decimal{}
			var messages, cost, tax decimal.Decimal
			for _, r := range camp[1:rowOf(camp, l.Total)] {
				k := key{r[3], r[12]}
				costs[k], taxes[k] = costs[k].Add(dec(t, r[14])), taxes[k].Add(dec(t, r[15]))
				messages, cost, tax = messages.Add(dec(t, r[11])), cost.Add(dec(t, r[14])), tax.Add(dec(t, r[15]))
			}
			for _, c := range []struct {
				what      string
				got, want decimal.Decimal
			}{
				{"campaign rows' messages = summary messages", messages, dec(t, grand[1])},
				{"campaign rows' cost = summary cost", cost, dec(t, grand[2])},
				{"campaign rows' tax = summary tax", tax, dec(t, grand[3])},
			} {
				if !c.got.Equal(c.want) {
					t.Errorf("%s: %s != %s", c.what, c.got, c.want)
				}
			}
			months := 0
			for _, r := range rec[1:] {
				if r[0] == l.Total || r[0] == "" {
					continue
				}
				months++
				k := key{r[0], r[1]}
				if !costs[k].Equal(dec(t, r[5])) || !taxes[k].Equal(dec(t, r[6])) {
					t.Errorf("%s %s: campaigns sum to cost %s tax %s, recommendation says %s and %s",
						r[0], r[1], costs[k], taxes[k], r[5], r[6])
				}
			}
			if want := len(b.Accounts) * len(b.Months); months != want {
				t.Errorf("recommendation has %d account-months, want %d", months, want)
			}
		})
	}
}

// TestWorkbookMarksRecommended checks that in Plan comparison exactly one
// plan per account-month with messages is starred and filled, and that it
// is the plan the Recommendation sheet names; months without messages
// have no rows there.
func TestWorkbookMarksRecommended(t *testing.T) {
	for _, tc := range workbookCases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.sheetRows > 0 {
				t.Skip("lists over several sheets: TestWorkbookSplitsLongLists checks them")
			}
			_, f := tc.workbook(t)
			l, _ := labelsFor(tc.lang)
			cmp := sheetRows(t, f, l.Comparison)
			rec := sheetRows(t, f, l.Recommendation)
			recommended := map[string]string{}
			quiet := map[string]bool{} // months without messages
			for _, r := range rec[1:] {
				recommended[r[0]+" "+r[1]] = r[4]
				quiet[r[0]+" "+r[1]] = r[3] == "0"
			}
			marked, listed := map[string]int{}, map[string]int{}
			for i, r := range cmp[1:] {
				row := i + 2
				listed[r[0]+" "+r[1]]++
				id, _ := f.GetCellStyle(l.Comparison, "A"+strconv.Itoa(row))
				st, _ := f.GetStyle(id)
				filled := len(st.Fill.Color) > 0 && st.Fill.Color[0] == markedFill
				starred := r[4] == l.MarkerValue
				if filled != starred {
					t.Errorf("row %d: filled %v but starred %v", row, filled, starred)
				}
				if !starred {
					continue
				}
				k := r[0] + " " + r[1]
				marked[k]++
				if recommended[k] != r[3] {
					t.Errorf("row %d: %s is marked, the recommendation is %s", row, r[3], recommended[k])
				}
			}
			for k := range recommended {
				if k == l.Total+" " {
					continue
				}
				if quiet[k] {
					if listed[k] != 0 {
						t.Errorf("%s: no messages, but %d rows listed", k, listed[k])
					}
				} else if marked[k] != 1 {
					t.Errorf("%s: %d rows marked, want 1", k, marked[k])
				}
			}
		})
	}
}

// TestWorkbookSheets checks the sheet names and order in both languages,
// that no Sheet1 is left, that every sheet has a table and a frozen
// header, and the document properties.
func TestWorkbookSheets(t *testing.T) {
	want := map[string][]string{
		"":      {"Summary", "Plan changes", "Recommendation", "Plan comparison", "Campaigns", "Pricing", "Issues", "About"},
		"zh-TW": {"摘要", "計畫變更", "建議方案", "方案比較", "活動明細", "費率", "問題", "關於"},
	}
	for _, tc := range []workbookCase{caseNamed("one-account"), caseNamed("zh-tw")} {
		t.Run(tc.name, func(t *testing.T) {
			_, f := tc.workbook(t)
			if got := f.GetSheetList(); !slices.Equal(got, want[tc.lang]) {
				t.Errorf("sheets = %q, want %q", got, want[tc.lang])
			}
			l, _ := labelsFor(tc.lang)
			for _, name := range f.GetSheetList() {
				tables, _ := f.GetTables(name)
				panes, _ := f.GetPanes(name)
				// The Summary freezes the budget grid's account column and
				// month header; the lists their header row.
				rows, cols := 1, 0
				if name == l.Summary {
					sum := sheetRows(t, f, name)
					rows, cols = rowOf(sum, wbCurrency(l.GridCost, "TWD"))+2, 1
				}
				if len(tables) == 0 || !panes.Freeze || panes.YSplit != rows || panes.XSplit != cols {
					t.Errorf("%s: %d tables, frozen %v at row %d column %d, want at row %d column %d",
						name, len(tables), panes.Freeze, panes.YSplit, panes.XSplit, rows, cols)
				}
			}
			p, _ := f.GetDocProps()
			if p.Creator != "linecost" || p.Created != "2025-04-01T09:30:00Z" || p.Title == "" {
				t.Errorf("document properties = %+v", p)
			}
			font, _ := f.GetDefaultFont()
			if tc.lang == "zh-TW" && font != "Microsoft JhengHei" {
				t.Errorf("default font = %q, want a CJK font", font)
			}
		})
	}
}

// TestWorkbookDeterministic writes the same budget several times: the
// bytes must not change, so that SOURCE_DATE_EPOCH reproduces a report byte
// for byte. The workbook has three streamed sheets, which excelize writes in
// map order: sortedZip puts them in a fixed one. The lists are written side
// by side, and in the split case they start their further parts in
// whatever order the goroutines run: styles and tables must not follow it.
func TestWorkbookDeterministic(t *testing.T) {
	for _, tc := range workbookCases {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.budget(t)
			meta := Meta{Lang: tc.lang, Version: "v1", Generated: generated, Options: tc.options}
			if tc.sheetRows > 0 {
				defer func(n int) { maxSheetRows = n }(maxSheetRows)
				maxSheetRows = tc.sheetRows
			}
			var first []byte
			for i := range 10 {
				var buf bytes.Buffer
				if err := Write(&buf, b, meta); err != nil {
					t.Fatal(err)
				}
				if i == 0 {
					first = buf.Bytes()
				} else if !bytes.Equal(buf.Bytes(), first) {
					t.Fatalf("write %d differs from the first", i+1)
				}
			}
		})
	}
}

// TestWorkbookListFails: when one of the lists written side by side fails
// (here Campaigns, whose rows were removed with Close), Write
// returns that list's error, not that of a list it stopped.
func TestWorkbookListFails(t *testing.T) {
	b := caseNamed("one-account").budget(t)
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	err := Write(io.Discard, b, Meta{Version: "v1", Generated: generated})
	if !errors.Is(err, os.ErrInvalid) {
		t.Errorf("Write after Close: err = %v, want the campaign rows' %v", err, os.ErrInvalid)
	}
}

func TestWorkbookLanguage(t *testing.T) {
	b := caseNamed("one-account").budget(t)
	err := Write(&bytes.Buffer{}, b, Meta{Lang: "fr"})
	if err == nil || !strings.Contains(err.Error(), `"fr"`) {
		t.Errorf("Lang fr: err = %v, want an error naming it", err)
	}
}

func TestWrappedLines(t *testing.T) {
	for _, c := range []struct {
		s     string
		width float64
		want  int
	}{
		{"", 10, 1},
		{"short", 10, 1},
		// Letters and spaces of running text take proseChar each: "two
		// words" is 7.92 wide.
		{"two words", 8, 1},
		{"two words", 7.9, 2},
		{"一二三四五", 10, 1},
		{"一二三四五", 9, 2},
		{"line\nbreak", 40, 2},
		{"abcdefghijklmnopqrst", 10, 2},
	} {
		if got := wrappedLines(c.s, c.width); got != c.want {
			t.Errorf("wrappedLines(%q, %g) = %d, want %d", c.s, c.width, got, c.want)
		}
	}
}

func TestTextWidth(t *testing.T) {
	for s, want := range map[string]float64{"Pro": 3, "高用量": 6, "高用量 (Pro)": 12, "１２": 4, "a\nbcd": 3} {
		if got := textWidth(s); got != want {
			t.Errorf("textWidth(%q) = %g, want %g", s, got, want)
		}
	}
}

// TestWorkbookManyCampaigns checks the Campaigns sheet past the rows it
// measures before streaming: the plan files are read once, every row is
// written in input order across the switch to streaming, the rows add up to
// the totals, and a campaign name after the measured rows does not widen
// its column.
func TestWorkbookManyCampaigns(t *testing.T) {
	const n = measuredCampaigns + 1500
	dir := t.TempDir()
	var csv strings.Builder
	csv.WriteString("date,account,campaign,friends\n")
	for i := range n {
		name := fmt.Sprintf("campaign %d", i+1)
		if i == measuredCampaigns+10 {
			name = strings.Repeat("long ", 30)
		}
		fmt.Fprintf(&csv, "2025-%02d-15,A%d,%s,%d\n", 1+i%3, i%2, name, 1000+i)
	}
	path := filepath.Join(dir, "plan.csv")
	if err := os.WriteFile(path, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	passes := 0 // reads of the campaigns, as the progress reports count them
	var calls []string
	progress := func(phase string, done, total int) {
		if phase == "write" && done == total {
			passes++
		}
		calls = append(calls, fmt.Sprintf("%s %d/%d", phase, done, total))
	}
	b, err := report.Build([]string{path}, report.Options{Catalogs: pricing.Builtin(), Region: "tw", Progress: progress})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, b, Meta{Generated: generated}); err != nil {
		t.Fatal(err)
	}
	if passes != 1 {
		t.Errorf("the campaigns were read %d times, want once", passes)
	}
	// Each phase is announced when it starts, then every progressEvery rows.
	want := []string{"read 0/0", fmt.Sprintf("write 0/%d", n), fmt.Sprintf("write %d/%d", n, n)}
	if !slices.Equal(calls, want) {
		t.Errorf("progress calls %q, want %q", calls, want)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := sheetRows(t, f, "Campaigns")
	last := rowOf(rows, "Total")
	if last != n+1 {
		t.Fatalf("totals row at row %d, want %d", last+1, n+2)
	}
	var messages, cost decimal.Decimal
	for i, r := range rows[1:last] {
		if want := strconv.Itoa(i + 2); r[1] != want {
			t.Fatalf("row %d: line %s, want %s", i+2, r[1], want)
		}
		messages, cost = messages.Add(dec(t, r[11])), cost.Add(dec(t, r[14]))
	}
	if !messages.Equal(dec(t, rows[last][11])) || !cost.Equal(dec(t, rows[last][14])) || !cost.Equal(b.Total.Cost) {
		t.Errorf("rows add up to %s messages, cost %s; totals row says %s, %s; budget %s",
			messages, cost, rows[last][11], rows[last][14], b.Total.Cost)
	}
	if w, _ := f.GetColWidth("Campaigns", "E"); w != textWidth("campaign 1000")+colPadding {
		t.Errorf("campaign column width %g, want %g: measured from the first %d rows", w, textWidth("campaign 1000")+colPadding, measuredCampaigns)
	}
}

// TestWorkbookManyAccounts checks the monthly cost table past
// maxChartSeries accounts: the largest accounts one by one, in name order,
// then the others summed, then the total.
func TestWorkbookManyAccounts(t *testing.T) {
	dir := t.TempDir()
	var csv strings.Builder
	csv.WriteString("date,account,campaign,friends\n")
	for i := range 10 {
		// Account A01 is the smallest, A10 the largest.
		fmt.Fprintf(&csv, "2025-01-15,A%02d,launch,%d\n", i+1, 6000+1000*i)
	}
	path := filepath.Join(dir, "plan.csv")
	if err := os.WriteFile(path, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := report.Build([]string{path}, report.Options{Catalogs: pricing.Builtin(), Region: "tw"})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, b, Meta{Generated: generated}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := sheetRows(t, f, "Summary")
	// The budget grid lists every account, never "Other N accounts".
	grid := rowOf(rows, "Budget before tax (TWD): account × month") + 2
	for i := range 10 {
		if got, want := rows[grid+i][0], fmt.Sprintf("A%02d", i+1); got != want {
			t.Errorf("budget grid row %d: %q, want %q", i+1, got, want)
		}
	}
	if got := rows[grid+10][0]; got != "Total" || rows[grid+10][2] != b.Total.Cost.String() {
		t.Errorf("budget grid after the accounts: %q", rows[grid+10][:3])
	}
	// The chart's rows: the largest accounts, in name order, then the
	// others as one.
	chart := rowOf(rows, english.ChartData) + 2
	var names []string
	for _, r := range rows[chart:] {
		names = append(names, r[0])
	}
	want := []string{"A04", "A05", "A06", "A07", "A08", "A09", "A10", "Other 3 accounts"}
	if !slices.Equal(names, want) {
		t.Fatalf("chart rows = %q, want %q", names, want)
	}
	// A01..A03: 6,000, 7,000 and 8,000 messages on Pro: 1,200 + 0, 200, 400.
	if other := rows[chart+7][1]; other != "4200" {
		t.Errorf("January: other accounts %s, want 4200", other)
	}
}

// TestLabels checks that both languages fill every label, with the same
// format verbs, and that the sheet names are ones Excel accepts.
func TestLabels(t *testing.T) {
	verbs := regexp.MustCompile(`%(\[\d\])?[sd]`)
	en, zh := reflect.ValueOf(english), reflect.ValueOf(traditionalChinese)
	for i := range en.NumField() {
		name := en.Type().Field(i).Name
		if en.Field(i).Kind() != reflect.String || name == "Font" || name == "Gap" { // Chinese sentences need no gap
			continue
		}
		e, z := en.Field(i).String(), zh.Field(i).String()
		if e == "" || z == "" {
			t.Errorf("%s: en %q, zh-TW %q: both must be given", name, e, z)
		}
		ev, zv := verbs.FindAllString(e, -1), verbs.FindAllString(z, -1)
		slices.Sort(ev)
		slices.Sort(zv)
		if !slices.Equal(ev, zv) {
			t.Errorf("%s: en %q has verbs %q, zh-TW %q has %q", name, e, ev, z, zv)
		}
	}
	for _, l := range []*labels{&english, &traditionalChinese} {
		names := l.sheetNames()
		for _, n := range []string{l.Recommendation, l.Comparison, l.Campaigns} {
			// The longest name a list's part can have: a sheet of
			// 1,048,576 rows, a million times over, is more than anyone
			// will write.
			names = append(names, fmt.Sprintf(l.SheetPart, n, 1_000_000))
		}
		for _, n := range names {
			if len([]rune(n)) > 31 || strings.ContainsAny(n, `:\/?*[]`) {
				t.Errorf("%s: not a valid sheet name", n)
			}
		}
		if len(slices.Compact(slices.Sorted(slices.Values(names)))) != len(names) {
			t.Errorf("%s: sheet names repeat: %q", l.Language, names)
		}
	}
}

// TestWorkbookSplitsLongLists checks the split case, whose sheets hold 7
// rows, so that the lists continue on further sheets: Recommendation (6
// account-months, 5 a sheet beside the header and totals) on 2, Plan
// comparison (18 quotes, 6 a sheet beside the header) on 3, Campaigns (23
// rows) on 5, Issues (8 warnings: every third row has too many bubbles) on
// 2. Every part has the header, its own table and, but for Plan comparison
// and Issues, its own totals row summing the part; the rows run on in
// order; the parts add up to the Summary, which lists them.
func TestWorkbookSplitsLongLists(t *testing.T) {
	for _, lang := range []string{"", "zh-TW"} {
		t.Run(cmp.Or(lang, "en"), func(t *testing.T) {
			tc := splitCase
			tc.lang = lang
			_, f := tc.workbook(t)
			l, _ := labelsFor(lang)

			parts := func(name string, n int) []string { return l.partNames(name, n) }
			var want []string
			want = append(want, l.Summary, l.PlanChanges)
			want = append(want, parts(l.Recommendation, 2)...)
			want = append(want, parts(l.Comparison, 3)...)
			want = append(want, parts(l.Campaigns, 5)...)
			want = append(want, l.Pricing)
			want = append(want, parts(l.Issues, 2)...)
			want = append(want, l.About)
			if got := f.GetSheetList(); !slices.Equal(got, want) {
				t.Fatalf("sheets = %q, want %q", got, want)
			}
			if want := l.Campaigns + " (2)"; want != parts(l.Campaigns, 2)[1] {
				t.Errorf("second part named %q, want %q", parts(l.Campaigns, 2)[1], want)
			}

			sum := sheetRows(t, f, l.Summary)
			grand := sum[rowAfter(sum, rowOf(sum, l.AccountsTitle), l.Total)]
			for _, c := range []struct {
				sheet   string
				parts   int
				rows    int   // of the list, over all parts
				sums    []int // columns of messages, cost, tax
				ordered int   // a column that increases along the list, or -1
			}{
				{l.Recommendation, 2, 6, []int{3, 5, 6}, -1},
				{l.Comparison, 3, 18, nil, -1},
				{l.Campaigns, 5, 23, []int{11, 14, 15}, 1},
				{l.Issues, 2, 8, nil, 1},
			} {
				var head []string
				rows, last := 0, 0
				totals := make([]decimal.Decimal, len(c.sums))
				for i, name := range parts(c.sheet, c.parts) {
					got := sheetRows(t, f, name)
					if len(got) > tc.sheetRows {
						t.Errorf("%s: %d rows, more than a sheet's %d", name, len(got), tc.sheetRows)
					}
					if i == 0 {
						head = got[0]
					} else if !slices.Equal(got[0], head) {
						t.Errorf("%s: header %q, want %q", name, got[0], head)
					}
					panes, _ := f.GetPanes(name)
					tables, _ := f.GetTables(name)
					body := got[1:]
					if c.sums != nil {
						body = got[1 : len(got)-1]
					}
					cols, _ := excelize.ColumnNumberToName(len(slices.DeleteFunc(slices.Clone(head), func(s string) bool { return s == "" })))
					if wantRange := fmt.Sprintf("A1:%s%d", cols, len(body)+1); len(tables) != 1 || tables[0].Range != wantRange || !panes.Freeze {
						t.Errorf("%s: tables %+v, frozen %v; want one table %s, frozen", name, tables, panes.Freeze, wantRange)
					}
					rows += len(body)
					for _, r := range body {
						if c.ordered >= 0 {
							n, _ := strconv.Atoi(r[c.ordered])
							if n <= last {
								t.Errorf("%s: row %q after %d: out of order", name, r[:4], last)
							}
							last = n
						}
					}
					if c.sums == nil {
						continue
					}
					total := got[len(got)-1]
					if want := fmt.Sprintf(l.PartTotal, i+1, c.parts); total[0] != want {
						t.Errorf("%s: totals row %q, want %q", name, total[0], want)
					}
					for j, col := range c.sums {
						s := decimal.Zero
						for _, r := range body {
							s = s.Add(dec(t, r[col]))
						}
						if !s.Equal(dec(t, total[col])) {
							t.Errorf("%s: column %d sums to %s, the totals row says %s", name, col+1, s, total[col])
						}
						totals[j] = totals[j].Add(s)
					}
				}
				if rows != c.rows {
					t.Errorf("%s: %d rows over its parts, want %d", c.sheet, rows, c.rows)
				}
				for j, s := range totals {
					if !s.Equal(dec(t, grand[1+j])) {
						t.Errorf("%s: the parts add up to %s in column %d, the Summary says %s", c.sheet, s, c.sums[j]+1, grand[1+j])
					}
				}
			}

			// The Summary says which lists span several sheets and lists
			// their parts.
			for _, list := range []string{l.Recommendation, l.Comparison, l.Campaigns, l.Issues} {
				n := map[string]int{l.Recommendation: 2, l.Comparison: 3, l.Campaigns: 5, l.Issues: 2}[list]
				note := fmt.Sprintf(l.Spans, list, n, strings.Join(parts(list, n), l.ListSeparator))
				if rowOf(sum, note) < 0 {
					t.Errorf("Summary: no note %q", note)
				}
			}
			tables, _ := f.GetTables(l.Summary)
			i := slices.IndexFunc(tables, func(tb excelize.Table) bool { return tb.Name == "Parts" })
			if i < 0 {
				t.Fatalf("Summary: no table of parts among %+v", tables)
			}
			start := rowOf(sum, l.Sheet)
			var listed []string
			for _, r := range sum[start+1:] {
				if r[0] == "" {
					break
				}
				listed = append(listed, r[0])
			}
			if want := append(want[2:12:12], want[13:15]...); !slices.Equal(listed, want) {
				t.Errorf("Summary lists parts %q, want %q", listed, want)
			}
			// The first part of Recommendation: Cafe's three months, then
			// two of 咖啡小館's.
			if got, want := sum[start+1][4:7], []string{"5", "Cafe 2025-01", "咖啡小館 2025-02"}; !slices.Equal(got, want) {
				t.Errorf("Summary: the first part of Recommendation holds %q, want %q", got, want)
			}
		})
	}
}

// TestFloat checks that float gives the float64 InexactFloat64 gives.
func TestFloat(t *testing.T) {
	for _, s := range []string{"0", "1", "-1", "0.1", "0.2", "1234.56", "-9876543.21", "0.0001", "123456789012345",
		"1234567890123456789", "0.30000000000000004", "1e3", "1e-25", "99999999999.9999"} {
		d := decimal.RequireFromString(s)
		if got, want := float(d), d.InexactFloat64(); got != want {
			t.Errorf("float(%s) = %v, want %v", s, got, want)
		}
	}
	for i := range 100000 {
		d := decimal.New(int64(i)*7919-300000, -int32(i%5))
		if got, want := float(d), d.InexactFloat64(); got != want {
			t.Fatalf("float(%s) = %v, want %v", d, got, want)
		}
	}
}

// TestWorkbookFormulas checks every formula of every case against its
// cached value: excelize recalculates each one from the cells it refers
// to, so a formula over the wrong range, or a cached value that is not
// what the formula gives, fails. (The LibreOffice test recalculates them
// too, as finance's spreadsheet would.)
func TestWorkbookFormulas(t *testing.T) {
	for _, tc := range workbookCases {
		t.Run(tc.name, func(t *testing.T) {
			_, f := tc.workbook(t)
			n := 0
			for _, name := range f.GetSheetList() {
				rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Fatal(err)
				}
				for i, r := range rows {
					for c, raw := range r {
						at, _ := excelize.CoordinatesToCellName(c+1, i+1)
						formula, _ := f.GetCellFormula(name, at)
						if formula == "" {
							continue
						}
						n++
						got, err := f.CalcCellValue(name, at, excelize.Options{RawCellValue: true})
						if err != nil {
							t.Errorf("%s!%s =%s: %v", name, at, formula, err)
							continue
						}
						if !dec(t, got).Equal(dec(t, raw)) {
							t.Errorf("%s!%s =%s gives %s, cached %s", name, at, formula, got, raw)
						}
					}
				}
			}
			if n == 0 {
				t.Error("no formulas: every total should be one")
			}
		})
	}
}
