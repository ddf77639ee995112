//go:build unix

// The end-to-end test in this file reads the workbook the way finance will:
// LibreOffice opens it and exports every sheet as CSV, and what LibreOffice
// read must equal the figures `--json` prints, to the last digit.
//
// It needs soffice (Debian/Ubuntu: apt-get install libreoffice-calc-nogui).
// Without it the test is skipped with a loud message, except under CI=true,
// where it fails. It is built on unix only: it runs soffice in its own
// process group so that a timeout kills oosplash and soffice.bin together.

package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"linecost/pricing"
	"linecost/report"
)

// LibreOffice's CSV export filter options (help.libreoffice.org, "CSV
// Filter Options"), by token: 1 field separator (44 = ,), 2 text delimiter
// (34 = "), 3 character set (76 = UTF-8), 4 first line (1), 5 column
// formats (none on export), 6 language (0; it does not change the number
// format of an export: the process locale does, so soffice runs under
// LC_ALL=C.UTF-8), 7 quote all text cells (true: a number written as text
// comes out quoted and is caught), 8 detect special numbers (import only),
// 9 save cell contents as shown (false: the cell's value, not its
// formatted text), 10 export formulas (false), 11 remove spaces (false),
// 12 sheet (-1: every sheet, each to NAME-SHEET.csv; LibreOffice >= 7.2).
const (
	loFilterValues = `Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,false,false,false,-1`
	loFilterShown  = `Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,true,false,false,-1`
)

// loTimeout bounds one soffice run, which converts every case's workbook:
// about 3 s to start and half a second a workbook on an idle machine.
const loTimeout = 3 * time.Minute

// loCase is one report run: the plan files and flags after "report",
// the --pricing files among them, and the workbook's language.
type loCase struct {
	name    string
	args    []string
	pricing []string
	lang    string
	golden  bool // from testdata/report: skipped when the plan is meant to fail
}

// flags are the arguments of "linecost report" for c, but for -o and --json.
func (c loCase) flags() []string {
	args := slices.Clone(c.args)
	for _, p := range c.pricing {
		args = append(args, "--pricing", p)
	}
	if c.lang != "" {
		args = append(args, "--lang", c.lang)
	}
	return args
}

func TestLibreOfficeReadsWorkbook(t *testing.T) {
	soffice := loSoffice(t)
	dir := t.TempDir()
	cases := loCases(t)

	// Every case's workbook and JSON first, one run at a time...
	type result struct {
		xlsx, json string
		code       int
		stderr     string
	}
	results := make([]result, len(cases))
	var workbooks []string
	for i, c := range cases {
		r := &results[i]
		r.xlsx, r.json = filepath.Join(dir, fmt.Sprintf("case%02d.xlsx", i)), filepath.Join(dir, fmt.Sprintf("case%02d.json", i))
		var stdout, stderr bytes.Buffer
		r.code = run(append([]string{"linecost", "report", "-o", r.xlsx, "--json", r.json}, c.flags()...), strings.NewReader(""), &stdout, &stderr)
		r.stderr = stderr.String()
		if r.code == exitOK {
			workbooks = append(workbooks, r.xlsx)
		}
	}
	// ...then LibreOffice converts them all in one run per filter (starting
	// it costs more than a conversion), the two runs side by side, each
	// with its own profile.
	var values, shown map[string]map[string][][]loCell
	var valuesErr, shownErr error
	if len(workbooks) > 0 {
		var wg sync.WaitGroup
		wg.Go(func() {
			values, valuesErr = loConvert(t, soffice, filepath.Join(dir, "values"), workbooks, loFilterValues)
		})
		wg.Go(func() { shown, shownErr = loConvert(t, soffice, filepath.Join(dir, "shown"), workbooks, loFilterShown) })
		wg.Wait()
		if err := cmp.Or(valuesErr, shownErr); err != nil {
			t.Fatal(err)
		}
	}

	for i, c := range cases {
		r := results[i]
		t.Run(c.name, func(t *testing.T) {
			if c.golden && r.code == exitInput {
				t.Skipf("an error case, no workbook: %s", r.stderr)
			}
			if r.code != exitOK {
				t.Fatalf("linecost report %s: exit %d\n%s", strings.Join(c.flags(), " "), r.code, r.stderr)
			}
			catalogs, err := report.LoadCatalogs(c.pricing)
			if err != nil {
				t.Fatal(err)
			}
			k := &loChecker{
				t: t, want: loReadJSON(t, r.json), l: loLabelsFor(c.lang), catalogs: catalogs,
				values: values[r.xlsx], shown: shown[r.xlsx],
			}
			k.summary()
			k.recommendation()
			k.comparison()
			k.campaigns()
		})
	}
}

// loCases lists the plans the test reports on: the README's sample, plans
// the test writes itself (several accounts across the 2023-09 tariff
// change, a gap month, a catalog with cents), and the golden report cases
// under testdata/report.
func loCases(t *testing.T) []loCase {
	t.Helper()
	sample := filepath.Join("..", "..", "testdata", "sample", "campaigns.csv")
	if _, err := os.Stat(sample); err != nil {
		t.Fatalf("the README's sample plan: %v", err)
	}
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// Two accounts across tw-2019 (August) and tw-2023 (September), both
	// channels, bubbles over the limit, blocked counts and percentages,
	// three rows sharing a month's bill in thirds; "Beta Bakery" has no
	// row in October.
	tariffChange := write("2023-08-09.csv", `date,account,campaign,segment,friends,sends,bubbles,channel,blocked
2023-08-01,Acme Tea,Launch,all,"12,000",2,4,manager,8%
2023-08-15,Acme Tea,Members,VIP,3500,1,5,api,2%
2023-08-20,Beta Bakery,Back to school,all,1850,1,3,manager,111
2023-08-31,Beta Bakery,Month end,all,1850,1,1,manager,0
2023-09-01,Acme Tea,Autumn,all,"12,200",3,2,api,"1,000"
2023-09-10,Acme Tea,Survey,VIP,3333,1,1,api,0
2023-09-10,Acme Tea,Reminder,VIP,3333,1,1,api,0
2023-09-10,Acme Tea,Thanks,VIP,3334,1,1,api,0
2023-09-30,Beta Bakery,Moon festival,all,1900,2,2,manager,5%
2023-10-05,Acme Tea,Double ten,all,6800,1,6,api,5%
`)
	// A what-if catalog billed in cents with an odd tax rate, whose
	// cheapest plan has a fee: money with decimals passes through float64
	// in the workbook, and Beta Bakery's October, without messages, still
	// costs money.
	cents := write("cents.json", `{
  "name": "us-test",
  "region": "us",
  "currency": "USD",
  "currency_decimals": 2,
  "tax_rate": "0.0825",
  "effective_from": "2020-01-01",
  "source": "made up for the LibreOffice test",
  "plans": [
    {"id": "basic", "name": "Basic", "name_en": "Basic", "monthly_fee": "9.99", "free_messages": 500,
     "additional": {"tiers": [{"up_to": 10000, "price": "0.0137"}, {"price": "0.0093"}]}},
    {"id": "plus", "name": "Plus", "name_en": "Plus", "monthly_fee": "49.95", "free_messages": 8000,
     "additional": {"tiers": [{"price": "0.0071"}]}}
  ]
}`)
	// Taiwan across 2026-11-01 with send times (testdata/report/tariff-2026,
	// also run as a golden case below), priced here on Japan's tariffs too,
	// and Thailand in satang (testdata/report/thailand) in Chinese.
	cross2026 := filepath.Join("..", "..", "testdata", "report", "tariff-2026", "plan.csv")
	thai := filepath.Join("..", "..", "testdata", "report", "thailand", "plan.csv")
	cases := []loCase{
		{name: "sample", args: []string{sample}},
		{name: "tariff-change-2026-jp", args: []string{cross2026, "--region", "jp"}},
		{name: "thb-zh-TW", args: []string{thai, "--region", "th", "--current-plan", "pro"}, lang: "zh-TW"},
		{name: "sample-zh-TW", args: []string{sample, "--current-plan", "standard"}, lang: "zh-TW"},
		{name: "tariff-change-2023-08-09", args: []string{tariffChange, "--current-plan", "Acme Tea=pro"}},
		{name: "jp", args: []string{tariffChange, "--region", "jp"}},
		{name: "cents", args: []string{tariffChange, "--region", "us"}, pricing: []string{cents}},
	}
	return append(cases, loGoldenCases(t)...)
}

// loGoldenFlags holds the flags of the golden cases under testdata/report
// that need some (report/workbook/workbook_test.go's table); catalog files are
// named relative to the case's folder.
var loGoldenFlags = map[string]loCase{
	"zh-tw":          {args: []string{"--current-plan", "pro"}, lang: "zh-TW"},
	"current-plan":   {args: []string{"--current-plan", "standard", "--current-plan", "Books=light"}},
	"custom-catalog": {args: []string{"--catalog", "xx-2024", "--from", "2024-01", "--to", "2024-03"}, pricing: []string{"catalog.json"}},
	"twelve-accounts": {args: []string{"--current-plan", "standard", "--current-plan", "Delta Books=pro",
		"--current-plan", "服飾品牌=pro", "--today", "2026-12-01"}},
	"tariff-2026": {args: []string{"--current-plan", "Standard"}},
	"thailand":    {args: []string{"--region", "th"}},
}

// loGoldenCases turns every folder of testdata/report into a case: its
// plan files (*.csv, *.tsv, *.txt, *.xlsx) with the flags loGoldenFlags
// gives it. A folder whose run fails on its input (an error case) is
// skipped.
func loGoldenCases(t *testing.T) []loCase {
	t.Helper()
	dirs, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "report", "*"))
	var cases []loCase
	for _, d := range dirs {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			continue
		}
		c := loGoldenFlags[filepath.Base(d)]
		c.name = "testdata-" + filepath.Base(d)
		var plans []string
		for _, pat := range []string{"*.csv", "*.tsv", "*.txt", "*.xlsx"} {
			m, _ := filepath.Glob(filepath.Join(d, pat))
			plans = append(plans, m...)
		}
		if len(plans) == 0 {
			continue
		}
		c.args = append(plans, c.args...)
		var pricing []string // a new slice: c.pricing is loGoldenFlags's
		for _, p := range c.pricing {
			pricing = append(pricing, filepath.Join(d, p))
		}
		c.pricing = pricing
		c.golden = true
		cases = append(cases, c)
	}
	return cases
}

// loSoffice returns the soffice to run, or skips the test loudly when
// there is none, or fails it under CI=true.
func loSoffice(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("soffice")
	if err == nil {
		return path
	}
	const msg = "soffice (LibreOffice) is not on PATH, so nothing checks that a real spreadsheet reads the workbook the way --json says; " +
		"install it (Debian/Ubuntu: apt-get install libreoffice-calc-nogui)"
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true: %s", msg)
	}
	t.Skip("\n" + strings.Repeat("*", 78) + "\n* SKIPPED: " + msg + "\n" + strings.Repeat("*", 78))
	return ""
}

// loConvert has LibreOffice export every sheet of the workbooks to CSV
// with filter, into outDir, and returns each workbook's sheets by name. It
// runs in its own profile (outDir/profile), so that it runs beside any
// other LibreOffice, and returns errors rather than failing t: it runs on
// a goroutine of its own.
func loConvert(t *testing.T, soffice, outDir string, workbooks []string, filter string) (map[string]map[string][][]loCell, error) {
	ctx, cancel := context.WithTimeout(t.Context(), loTimeout)
	defer cancel()
	if err := loRecalcProfile(filepath.Join(outDir, "profile")); err != nil {
		return nil, err
	}
	profile := (&url.URL{Scheme: "file", Path: filepath.Join(outDir, "profile")}).String()
	args := []string{"-env:UserInstallation=" + profile, "--headless", "--norestore", "--nolockcheck",
		"--convert-to", "csv:" + filter, "--outdir", outDir}
	cmd := exec.CommandContext(ctx, soffice, append(args, workbooks...)...)
	// The locale decides the decimal and thousands separators of the
	// export, values included.
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8", "LANG=C.UTF-8", "LANGUAGE=")
	// soffice is a script that starts oosplash, which starts soffice.bin:
	// a timeout kills the whole process group.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("soffice timed out after %v:\n%s", loTimeout, out.String())
	}
	if err != nil {
		return nil, fmt.Errorf("soffice: %v\n%s", err, out.String())
	}
	t.Logf("soffice --convert-to 'csv:%s' of %d workbooks: %v", filter, len(workbooks), time.Since(start).Round(time.Millisecond))

	all := map[string]map[string][][]loCell{}
	for _, xlsx := range workbooks {
		base := strings.TrimSuffix(filepath.Base(xlsx), filepath.Ext(xlsx))
		files, _ := filepath.Glob(filepath.Join(outDir, base+"-*.csv"))
		if len(files) == 0 {
			// soffice exits 0 when it cannot load a file, and before 7.2
			// it ignores the sheet token and writes only the first sheet,
			// to BASE.csv.
			return nil, fmt.Errorf("soffice wrote no %s-SHEET.csv files to %s (LibreOffice >= 7.2 is needed to export every sheet); its output:\n%s", base, outDir, out.String())
		}
		sheets := map[string][][]loCell{}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			rows, err := loParseCSV(data)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", f, err)
			}
			sheets[strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), base+"-"), ".csv")] = rows
		}
		all[xlsx] = sheets
	}
	return all, nil
}

// loRecalcXCU has LibreOffice recalculate every formula of an xlsx file
// when it loads it (Tools > Options > Calc > Formula > Recalculation on
// file load > Excel 2007 and newer: Always), instead of showing the cached
// values: the test then reads what the formulas give, and a formula over
// the wrong cells or a wrong cached value fails.
const loRecalcXCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

// loRecalcProfile writes a LibreOffice profile at dir that recalculates
// on load (see loRecalcXCU).
func loRecalcProfile(dir string) error {
	if err := os.MkdirAll(filepath.Join(dir, "user"), 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "user", "registrymodifications.xcu"), []byte(loRecalcXCU), 0o644)
}

// loCell is one CSV field as LibreOffice wrote it. With "quote all text
// cells", quoted means a text cell; a number or a date is never quoted
// unless it is exported as shown and its text holds a comma.
type loCell struct {
	text   string
	quoted bool
}

// loParseCSV reads RFC 4180 CSV and keeps, unlike encoding/csv, whether
// each field was quoted.
func loParseCSV(data []byte) ([][]loCell, error) {
	var rows [][]loCell
	var row []loCell
	s := string(data)
	line := 1
	for len(s) > 0 {
		var c loCell
		if s[0] == '"' {
			c.quoted = true
			var b strings.Builder
			i := 1
			for {
				j := strings.IndexByte(s[i:], '"')
				if j < 0 {
					return nil, fmt.Errorf("line %d: quoted field without its closing quote", line)
				}
				b.WriteString(s[i : i+j])
				line += strings.Count(s[i:i+j], "\n")
				i += j + 1
				if i < len(s) && s[i] == '"' {
					b.WriteByte('"')
					i++
					continue
				}
				break
			}
			c.text, s = b.String(), s[i:]
		} else {
			j := strings.IndexAny(s, ",\r\n")
			if j < 0 {
				j = len(s)
			}
			if strings.Contains(s[:j], `"`) {
				return nil, fmt.Errorf("line %d: quote in an unquoted field %q", line, s[:j])
			}
			c.text, s = s[:j], s[j:]
		}
		row = append(row, c)
		switch {
		case strings.HasPrefix(s, ","):
			s = s[1:]
			if s == "" {
				row = append(row, loCell{})
			}
			continue
		case strings.HasPrefix(s, "\r\n"):
			s = s[2:]
		case strings.HasPrefix(s, "\n"):
			s = s[1:]
		case s == "":
		default:
			return nil, fmt.Errorf("line %d: text after a closing quote", line)
		}
		rows = append(rows, row)
		row = nil
		line++
	}
	if row != nil {
		rows = append(rows, row)
	}
	return rows, nil
}

func TestLibreOfficeCSVParser(t *testing.T) {
	got, err := loParseCSV([]byte("\"a, \"\"b\"\"\",1.5,,\r\n\"two\nlines\",-2\n,\n\"\",x"))
	if err != nil {
		t.Fatal(err)
	}
	want := [][]loCell{
		{{`a, "b"`, true}, {"1.5", false}, {"", false}, {"", false}},
		{{"two\nlines", true}, {"-2", false}},
		{{"", false}, {"", false}},
		{{"", true}, {"x", false}},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("loParseCSV = %+v, want %+v", got, want)
	}
	for _, bad := range []string{`"open`, `a"b`, `"a"b`} {
		if _, err := loParseCSV([]byte(bad)); err == nil {
			t.Errorf("loParseCSV(%q): no error", bad)
		}
	}
	for shown, want := range map[string]string{"1,234.50": "1234.50", "(1,234)": "-1234", "-7": "-7", " 80 ": "80"} {
		if got := loPlain(shown); got != want {
			t.Errorf("loPlain(%q) = %q, want %q", shown, got, want)
		}
	}
}

// loBudget is the part of `linecost report --json` the test compares.
type loBudget struct {
	Currency  string
	Accounts  []loAccount
	Campaigns []struct {
		File     string
		Line     int
		Account  string
		Campaign string
		Month    string
		Messages int64
		Plan     string
		Cost     string
		Tax      string
	}
	Total struct{ Cost, Tax, Total string }
}

type loAccount struct {
	Account          string
	Cost, Tax, Total string
	Months           []struct {
		Month, Catalog   string
		Messages         int64
		Recommended      *string
		Cost, Tax, Total *string
		Plans            []struct {
			Plan               string
			Feasible           bool
			Undelivered        int64
			Fee                string
			AdditionalMessages int64  `json:"additional_messages"`
			AdditionalCost     string `json:"additional_cost"`
			Cost               *string
		}
	}
}

func loReadJSON(t *testing.T, path string) loBudget {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var b loBudget
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(b.Accounts) == 0 || len(b.Campaigns) == 0 || b.Total.Total == "" {
		t.Fatalf("%s: no accounts, campaigns or total:\n%s", path, data)
	}
	for _, a := range b.Accounts {
		for _, m := range a.Months {
			if m.Recommended == nil || m.Cost == nil || m.Tax == nil || m.Total == nil {
				t.Fatalf("%s: account %s, %s: no recommended plan", path, a.Account, m.Month)
			}
		}
	}
	return b
}

// loLabels are the workbook's words the test looks for, in one language
// (report/workbook/labels.go). Headers with %s take the currency code.
type loLabels struct {
	summary, recommendation, comparison, campaigns      string
	account, month, catalog, plan, messages, total      string
	cost, tax, totalCharge                              string
	recommended, recommendedPlan                        string
	marker, markerValue, feasible, yes, no, undelivered string
	fee, additional, additionalCost                     string
	file, line, campaign, allocatedCost, allocatedTax   string
	noMessages, billingMonth                            string
	totalBeforeTax, taxTotal, totalWithTax              string
	gridCost, gridTotal, gridMessages, accountsTitle    string
	zh                                                  bool // plans go by their local names
}

func loLabelsFor(lang string) *loLabels {
	if lang == "zh-TW" {
		return &loLabels{
			summary: "摘要", recommendation: "建議方案", comparison: "方案比較", campaigns: "活動明細",
			billingMonth: "計費月份",
			account:      "官方帳號", month: "月份", catalog: "費率版本", plan: "方案", messages: "訊息則數", total: "合計",
			cost: "未稅費用 (%s)", tax: "稅額 (%s)", totalCharge: "含稅總額 (%s)",
			recommended: "建議方案", recommendedPlan: "建議方案",
			marker: "建議", markerValue: "★", feasible: "可全數發送", yes: "是", no: "否", undelivered: "無法發送則數",
			fee: "月費 (%s)", additional: "加購則數", additionalCost: "加購費用 (%s)",
			file: "檔案", line: "行號", campaign: "活動名稱", allocatedCost: "分攤未稅費用 (%s)", allocatedTax: "分攤稅額 (%s)",
			noMessages:     "（月費，無訊息）",
			totalBeforeTax: "未稅總額 (%s)", taxTotal: "稅額 (%s)", totalWithTax: "含稅總額 (%s)",
			gridCost: "未稅預算 (%s)：帳號 × 月份", gridTotal: "含稅預算 (%s)：帳號 × 月份",
			gridMessages: "訊息則數：帳號 × 月份", accountsTitle: "帳號與方案",
			zh: true,
		}
	}
	return &loLabels{
		summary: "Summary", recommendation: "Recommendation", comparison: "Plan comparison", campaigns: "Campaigns",
		billingMonth: "Billing month",
		account:      "Account", month: "Month", catalog: "Catalog", plan: "Plan", messages: "Messages", total: "Total",
		cost: "Cost (%s)", tax: "Tax (%s)", totalCharge: "Total (%s)",
		recommended: "Recommended", recommendedPlan: "Recommended plan",
		marker: "Recommended", markerValue: "★", feasible: "Feasible", yes: "Yes", no: "No", undelivered: "Undelivered messages",
		fee: "Monthly fee (%s)", additional: "Additional messages", additionalCost: "Additional cost (%s)",
		file: "File", line: "Line", campaign: "Campaign", allocatedCost: "Allocated cost (%s)", allocatedTax: "Allocated tax (%s)",
		noMessages:     "(plan fee, no messages)",
		totalBeforeTax: "Total before tax (%s)", taxTotal: "Tax (%s)", totalWithTax: "Total including tax (%s)",
		gridCost: "Budget before tax (%s): account × month", gridTotal: "Budget including tax (%s): account × month",
		gridMessages: "Messages: account × month", accountsTitle: "Accounts and plans",
	}
}

// loChecker compares the sheets LibreOffice exported, as values and as
// shown, with the JSON.
type loChecker struct {
	t             *testing.T
	want          loBudget
	l             *loLabels
	catalogs      pricing.Catalogs
	values, shown map[string][][]loCell
}

// loSheet is one exported sheet: each cell's value and its text as shown.
type loSheet struct {
	name          string
	values, shown [][]loCell
}

func (k *loChecker) sheet(name string) loSheet {
	k.t.Helper()
	v, ok1 := k.values[name]
	s, ok2 := k.shown[name]
	if !ok1 || !ok2 {
		k.t.Fatalf("LibreOffice exported no sheet %q; it exported %v", name, slices.Sorted(maps.Keys(k.values)))
	}
	return loSheet{name, v, s}
}

func (s loSheet) rows() int { return len(s.values) }

func (s loSheet) cell(r, c int) (value, shown loCell) {
	if r < len(s.values) && c < len(s.values[r]) {
		value = s.values[r][c]
	}
	if r < len(s.shown) && c < len(s.shown[r]) {
		shown = s.shown[r][c]
	}
	return value, shown
}

// ref names a cell the way a spreadsheet does: Summary!C3 (r, c 0-based).
func (s loSheet) ref(r, c int) string {
	col := ""
	for n := c + 1; n > 0; n = (n - 1) / 26 {
		col = string(rune('A'+(n-1)%26)) + col
	}
	return fmt.Sprintf("%s!%s%d", s.name, col, r+1)
}

// columns finds the header row's columns named headers (a %s in a header
// takes the currency).
func (k *loChecker) columns(s loSheet, row int, headers ...string) []int {
	k.t.Helper()
	var names []string
	for c := range s.values[row] {
		v, _ := s.cell(row, c)
		names = append(names, v.text)
	}
	var cols []int
	for _, h := range headers {
		if strings.Contains(h, "%s") {
			h = fmt.Sprintf(h, k.want.Currency)
		}
		c := slices.Index(names, h)
		if c < 0 {
			k.t.Fatalf("%s: no column %q in row %d: %q", s.name, h, row+1, names)
		}
		cols = append(cols, c)
	}
	return cols
}

// text checks a text cell.
func (k *loChecker) text(s loSheet, r, c int, want string) {
	k.t.Helper()
	v, _ := s.cell(r, c)
	if v.text != want || (want != "" && !v.quoted) {
		k.t.Errorf("%s = %s, want text %q", s.ref(r, c), loShow(v), want)
	}
}

// number checks a numeric cell: LibreOffice's value of it equals want
// exactly, and, when exactShown is set, the text it shows is want itself
// once the thousands separators are gone and parentheses turned into a
// minus (so money shows the currency's decimals). want "" is a blank cell.
func (k *loChecker) number(s loSheet, r, c int, want string, exactShown bool) decimal.Decimal {
	k.t.Helper()
	v, sh := s.cell(r, c)
	if want == "" {
		if v.text != "" {
			k.t.Errorf("%s = %s, want a blank cell", s.ref(r, c), loShow(v))
		}
		return decimal.Zero
	}
	w, err := decimal.NewFromString(want)
	if err != nil {
		k.t.Fatalf("JSON figure for %s: %v", s.ref(r, c), err)
	}
	got, err := decimal.NewFromString(v.text)
	if v.quoted || err != nil {
		k.t.Errorf("%s = %s, want the number %s (LibreOffice read no number)", s.ref(r, c), loShow(v), want)
		return decimal.Zero
	}
	if !got.Equal(w) {
		k.t.Errorf("%s = %s, want %s as --json says", s.ref(r, c), v.text, want)
	}
	if exactShown {
		if plain := loPlain(sh.text); plain != want {
			k.t.Errorf("%s shows %q (%q without separators), want %s", s.ref(r, c), sh.text, plain, want)
		}
	}
	return got
}

func (k *loChecker) money(s loSheet, r, c int, want string) decimal.Decimal {
	k.t.Helper()
	return k.number(s, r, c, want, true)
}

func (k *loChecker) count(s loSheet, r, c int, want int64) {
	k.t.Helper()
	k.number(s, r, c, strconv.FormatInt(want, 10), true)
}

// month checks a month cell: a date shown as YYYY-MM.
func (k *loChecker) month(s loSheet, r, c int, want string) {
	k.t.Helper()
	v, sh := s.cell(r, c)
	if v.quoted || sh.text != want {
		k.t.Errorf("%s = %s shown as %q, want the month %s as a date", s.ref(r, c), loShow(v), sh.text, want)
	}
}

// totalRow checks that row r is the sheet's totals row.
func (k *loChecker) totalRow(s loSheet, r int) {
	k.t.Helper()
	if r >= s.rows() {
		k.t.Fatalf("%s: %d rows, no totals row after the %d rows --json has", s.name, s.rows(), r-1)
	}
	k.text(s, r, 0, k.l.total)
}

// planName is the name the workbook gives plan id of catalog.
func (k *loChecker) planName(catalog, id string) string {
	k.t.Helper()
	c, err := k.catalogs.Named(catalog)
	if err != nil {
		k.t.Fatal(err)
	}
	for _, p := range c.Plans {
		if p.ID == id {
			if k.l.zh && p.Name != "" {
				return p.Name
			}
			return p.NameEN
		}
	}
	k.t.Fatalf("catalog %s has no plan %q", catalog, id)
	return ""
}

// summary checks the Summary sheet as LibreOffice recalculated it: the
// title block's grand totals; the three grids (before tax, including tax,
// messages), every account's every month, its Total and the Total row;
// every account's recommended cost, tax and total, and the totals row.
func (k *loChecker) summary() {
	l, want := k.l, k.want
	s := k.sheet(l.summary)
	find := func(label string) int {
		k.t.Helper()
		if strings.Contains(label, "%s") {
			label = fmt.Sprintf(label, want.Currency)
		}
		for r := range s.rows() {
			if v, _ := s.cell(r, 0); v.text == label && v.quoted {
				return r
			}
		}
		k.t.Fatalf("%s: no row %q", s.name, label)
		return 0
	}
	var messages int64
	for _, a := range want.Accounts {
		for _, m := range a.Months {
			messages += m.Messages
		}
	}
	k.money(s, find(l.totalBeforeTax), 1, want.Total.Cost)
	k.money(s, find(l.taxTotal), 1, want.Total.Tax)
	k.money(s, find(l.totalWithTax), 1, want.Total.Total)

	type loMonth = struct {
		messages int64
		cost     string
		total    string
	}
	d := k.decimals()
	grids := []struct {
		title    string
		value    func(m loMonth) string
		grand    string
		decimals int32
	}{
		{l.gridCost, func(m loMonth) string { return m.cost }, want.Total.Cost, d},
		{l.gridTotal, func(m loMonth) string { return m.total }, want.Total.Total, d},
		{l.gridMessages, func(m loMonth) string { return strconv.FormatInt(m.messages, 10) }, strconv.FormatInt(messages, 10), 0},
	}
	for _, g := range grids {
		head := find(g.title) + 1
		k.text(s, head, 0, l.account)
		months := want.Accounts[0].Months
		for mi, m := range months {
			k.month(s, head, 1+mi, m.Month)
		}
		n := len(months)
		k.text(s, head, n+1, l.total)
		sums := make([]decimal.Decimal, n)
		for i, a := range want.Accounts {
			r := head + 1 + i
			k.text(s, r, 0, a.Account)
			row := decimal.Zero
			for mi, m := range a.Months {
				v := g.value(loMonth{m.Messages, *m.Cost, *m.Total})
				k.number(s, r, 1+mi, v, true)
				row = row.Add(decimal.RequireFromString(v))
				sums[mi] = sums[mi].Add(decimal.RequireFromString(v))
			}
			k.number(s, r, n+1, row.StringFixed(g.decimals), true)
		}
		r := head + 1 + len(want.Accounts)
		k.totalRow(s, r)
		for mi := range months {
			k.number(s, r, 1+mi, sums[mi].StringFixed(g.decimals), true)
		}
		k.number(s, r, n+1, g.grand, true)
	}

	head := find(l.accountsTitle) + 1
	cols := k.columns(s, head, l.account, l.messages, l.cost, l.tax, l.totalCharge)
	r := head + 1
	for _, a := range want.Accounts {
		k.text(s, r, cols[0], a.Account)
		k.money(s, r, cols[2], a.Cost)
		k.money(s, r, cols[3], a.Tax)
		k.money(s, r, cols[4], a.Total)
		r++
	}
	k.totalRow(s, r)
	k.count(s, r, cols[1], messages)
	k.money(s, r, cols[2], want.Total.Cost)
	k.money(s, r, cols[3], want.Total.Tax)
	k.money(s, r, cols[4], want.Total.Total)
}

// decimals is the currency's billing decimals, as the JSON writes money.
func (k *loChecker) decimals() int32 {
	if i := strings.IndexByte(k.want.Total.Cost, '.'); i >= 0 {
		return int32(len(k.want.Total.Cost) - i - 1)
	}
	return 0
}

// recommendation checks the Recommendation sheet: every account-month's
// messages, recommended plan, cost, tax and total, and the totals row.
func (k *loChecker) recommendation() {
	l, want := k.l, k.want
	s := k.sheet(l.recommendation)
	cols := k.columns(s, 0, l.account, l.month, l.catalog, l.messages, l.recommendedPlan, l.cost, l.tax, l.totalCharge)
	r := 1
	var messages int64
	for _, a := range want.Accounts {
		for _, m := range a.Months {
			k.text(s, r, cols[0], a.Account)
			k.month(s, r, cols[1], m.Month)
			k.text(s, r, cols[2], m.Catalog)
			k.count(s, r, cols[3], m.Messages)
			k.text(s, r, cols[4], k.planName(m.Catalog, *m.Recommended))
			k.money(s, r, cols[5], *m.Cost)
			k.money(s, r, cols[6], *m.Tax)
			k.money(s, r, cols[7], *m.Total)
			messages += m.Messages
			r++
		}
	}
	k.totalRow(s, r)
	k.count(s, r, cols[3], messages)
	k.money(s, r, cols[5], want.Total.Cost)
	k.money(s, r, cols[6], want.Total.Tax)
	k.money(s, r, cols[7], want.Total.Total)
}

// comparison checks the Plan comparison sheet: every plan of every
// account-month with messages, the recommended one marked.
func (k *loChecker) comparison() {
	l, want := k.l, k.want
	s := k.sheet(l.comparison)
	cols := k.columns(s, 0, l.account, l.month, l.plan, l.marker, l.feasible, l.undelivered, l.fee, l.additional, l.additionalCost, l.cost)
	r := 1
	for _, a := range want.Accounts {
		for _, m := range a.Months {
			if m.Messages == 0 {
				continue // not compared: every plan bills its fee
			}
			for _, p := range m.Plans {
				k.text(s, r, cols[0], a.Account)
				k.month(s, r, cols[1], m.Month)
				k.text(s, r, cols[2], k.planName(m.Catalog, p.Plan))
				marker, feasible, cost := "", l.no, ""
				if p.Plan == *m.Recommended {
					marker = l.markerValue
				}
				if p.Feasible {
					feasible, cost = l.yes, *p.Cost
				}
				k.text(s, r, cols[3], marker)
				k.text(s, r, cols[4], feasible)
				k.count(s, r, cols[5], p.Undelivered)
				k.number(s, r, cols[6], p.Fee, false) // not rounded to the bill's decimals
				k.count(s, r, cols[7], p.AdditionalMessages)
				k.number(s, r, cols[8], p.AdditionalCost, false) // exact, unrounded
				k.money(s, r, cols[9], cost)
				r++
			}
		}
	}
	if r < s.rows() {
		if v, _ := s.cell(r, cols[0]); v.text != "" {
			k.t.Errorf("%s: row %d = %s, past the %d plan rows --json has", s.name, r+1, loShow(v), r-1)
		}
	}
}

// campaigns checks the Campaigns sheet row by row against the JSON's
// campaigns, that the allocations add up to each account-month's bill,
// and the totals row.
func (k *loChecker) campaigns() {
	l, want := k.l, k.want
	s := k.sheet(l.campaigns)
	cols := k.columns(s, 0, l.file, l.line, l.account, l.campaign, l.messages, l.billingMonth, l.plan, l.allocatedCost, l.allocatedTax)
	type key struct{ account, month string }
	catalog := map[key]string{}
	bill := map[key][2]string{}
	for _, a := range want.Accounts {
		for _, m := range a.Months {
			catalog[key{a.Account, m.Month}] = m.Catalog
			bill[key{a.Account, m.Month}] = [2]string{*m.Cost, *m.Tax}
		}
	}
	sums := map[key][2]decimal.Decimal{}
	var cost, tax decimal.Decimal
	var messages int64
	r := 1
	for _, c := range want.Campaigns {
		campaign, line := c.Campaign, strconv.Itoa(c.Line)
		if c.File == "" && c.Campaign == report.NoMessagesCampaign {
			campaign, line = l.noMessages, ""
		}
		k.text(s, r, cols[0], c.File)
		k.number(s, r, cols[1], line, true)
		k.text(s, r, cols[2], c.Account)
		k.text(s, r, cols[3], campaign)
		k.count(s, r, cols[4], c.Messages)
		k.month(s, r, cols[5], c.Month)
		kk := key{c.Account, c.Month}
		k.text(s, r, cols[6], k.planName(catalog[kk], c.Plan))
		rc, rt := k.money(s, r, cols[7], c.Cost), k.money(s, r, cols[8], c.Tax)
		sum := sums[kk]
		sums[kk] = [2]decimal.Decimal{sum[0].Add(rc), sum[1].Add(rt)}
		cost, tax, messages = cost.Add(rc), tax.Add(rt), messages+c.Messages
		r++
	}
	k.totalRow(s, r)
	k.count(s, r, cols[4], messages)
	k.money(s, r, cols[7], want.Total.Cost)
	k.money(s, r, cols[8], want.Total.Tax)
	if !cost.Equal(decimal.RequireFromString(want.Total.Cost)) || !tax.Equal(decimal.RequireFromString(want.Total.Tax)) {
		k.t.Errorf("%s: the allocated costs LibreOffice read add up to %s and taxes to %s, want the totals %s and %s",
			s.name, cost, tax, want.Total.Cost, want.Total.Tax)
	}
	for kk, b := range bill {
		got := sums[kk]
		if !got[0].Equal(decimal.RequireFromString(b[0])) || !got[1].Equal(decimal.RequireFromString(b[1])) {
			k.t.Errorf("%s: %s %s: allocated cost %s and tax %s, want the month's bill %s and %s",
				s.name, kk.account, kk.month, got[0], got[1], b[0], b[1])
		}
	}
}

// loPlain is a number's shown text without thousands separators, negative
// in parentheses written with a minus: "(1,234.50)" -> "-1234.50".
func loPlain(shown string) string {
	s := strings.TrimSpace(shown)
	neg := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg, s = true, s[1:len(s)-1]
	}
	s = strings.ReplaceAll(s, ",", "")
	if neg {
		s = "-" + s
	}
	return s
}

// loShow describes a cell for an error message.
func loShow(c loCell) string {
	switch {
	case c.text == "" && !c.quoted:
		return "blank"
	case c.quoted:
		return fmt.Sprintf("text %q", c.text)
	}
	return "number " + c.text
}
