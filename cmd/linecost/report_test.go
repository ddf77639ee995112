package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Tests of `linecost report` as a command: flags, exit codes, what is
// written and what is not.

// catalogChangePlan is issue 4's acceptance case: August on tw-2019 (pro
// 4,750, tax 238), September on tw-2023 (pro 1,200, tax 60). Line 2 has 4
// bubbles: a warning.
const catalogChangePlan = "date,account,campaign,friends,bubbles\n" +
	"2023-08-03,Shop,Summer A,20000,1\n" +
	"2023-08-20,Shop,Summer B,10001,1\n" +
	"2023-09-10,Shop,Autumn,1750,4\n"

// catalogChangeSummary is the summary of catalogChangePlan written to
// plan: one line per default the file takes.
func catalogChangeSummary(plan string) string {
	return "3 campaign rows, 1 account, 2 months (2023-08 to 2023-09)\n" +
		plan + ": default: no sends column: every row is sent once (sends 1)\n" +
		plan + ": default: no channel column: every row is sent from OA Manager (channel manager)\n" +
		plan + ": default: no blocked column: no friend has blocked the account (blocked 0)\n" +
		"Total: TWD 5,950 + tax 298 = 6,248\n"
}

// defaultLines are the summary's lines for a plan with only date,
// account, campaign and friends.
func defaultLines(plan string) string {
	return plan + ": default: no sends column: every row is sent once (sends 1)\n" +
		plan + ": default: no bubbles column: every send is 1 bubble (bubbles 1)\n" +
		plan + ": default: no channel column: every row is sent from OA Manager (channel manager)\n" +
		plan + ": default: no blocked column: no friend has blocked the account (blocked 0)\n"
}

// writeReportFile writes a file into dir and returns its path.
func writeReportFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// fileState is a file's bytes, or "<absent>".
func fileState(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return "<absent>"
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// dirNames lists dir, sorted.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

// reportTotal is the part of report's JSON these tests read.
type reportTotal struct {
	Accounts []struct {
		Account string `json:"account"`
		Months  []struct {
			Month   string `json:"month"`
			Catalog string `json:"catalog"`
		} `json:"months"`
	} `json:"accounts"`
	Campaigns []struct {
		Campaign string `json:"campaign"`
		Cost     string `json:"cost"`
	} `json:"campaigns"`
	Total struct{ Cost, Tax, Total string } `json:"total"`
}

func parseReportJSON(t *testing.T, data string) reportTotal {
	t.Helper()
	var r reportTotal
	if err := json.Unmarshal([]byte(data), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	return r
}

func openWorkbook(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("opening %s: %v", path, err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestReportFlagsAfterFiles(t *testing.T) {
	dir := t.TempDir()
	plan := writeReportFile(t, dir, "plan.csv", catalogChangePlan)
	out, js := filepath.Join(dir, "budget.xlsx"), filepath.Join(dir, "budget.json")
	code, stdout, stderr := runCmd(t, "report", plan, "-o", out, "--json", js, "--lang", "en")
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if want := catalogChangeSummary(plan) + "Wrote " + out + "\nWrote " + js + "\n"; stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, want)
	}
	if want := plan + ":4: warning: bubbles: 4 bubbles are over the manager limit of 3 per send: counted as 2 sends each\n"; stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
	r := parseReportJSON(t, fileState(t, js))
	if r.Total.Cost != "5950" || r.Total.Tax != "298" || r.Total.Total != "6248" {
		t.Errorf("JSON total %+v", r.Total)
	}
	f := openWorkbook(t, out)
	want := []string{"Summary", "Plan changes", "Recommendation", "Plan comparison", "Campaigns", "Pricing", "Issues", "About"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets %q, want %q", got, want)
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"budget.json", "budget.xlsx", "plan.csv"}) {
		t.Errorf("directory holds %q", got)
	}

	// Flags on both sides of the file, and -o=FILE.
	out2 := filepath.Join(dir, "budget2.xlsx")
	code, stdout, stderr = runCmd(t, "report", "--lang", "en", plan, "-o="+out2, "--quiet")
	if code != exitOK || stdout != catalogChangeSummary(plan)+"Wrote "+out2+"\n" {
		t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}

// TestReportInputErrorWritesNothing: a bad plan exits 1, lists the error
// with its position, and writes nothing: no new file, and existing outputs
// keep their bytes.
func TestReportInputErrorWritesNothing(t *testing.T) {
	const bad = "date,account,campaign,friends\n" +
		"2023-08-15,Shop,A,30000\n" +
		"2023-09-10,Shop,B,12x\n" +
		"2023-02-30,Shop,C,100\n"
	for _, existing := range []bool{false, true} {
		name := "no outputs yet"
		if existing {
			name = "outputs exist"
		}
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			plan := writeReportFile(t, dir, "bad.csv", bad)
			out, js := filepath.Join(dir, "budget.xlsx"), filepath.Join(dir, "budget.json")
			want := []string{"bad.csv"}
			if existing {
				writeReportFile(t, dir, "budget.xlsx", "last month's workbook")
				writeReportFile(t, dir, "budget.json", `{"last":"month"}`)
				want = []string{"bad.csv", "budget.json", "budget.xlsx"}
			}
			code, stdout, stderr := runCmd(t, "report", plan, "-o", out, "--json", js)
			if code != exitInput {
				t.Errorf("exit %d, want %d", code, exitInput)
			}
			for _, line := range []string{
				plan + `:3:19: friends: not a whole number: "12x"`,
				plan + `:4:1: date: no such date: "2023-02-30"`,
			} {
				if !strings.Contains(stderr, line) {
					t.Errorf("stderr lacks %q:\n%s", line, stderr)
				}
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
			if got := dirNames(t, dir); !slices.Equal(got, want) {
				t.Errorf("directory holds %q, want %q", got, want)
			}
			if existing {
				if got := fileState(t, out); got != "last month's workbook" {
					t.Errorf("the existing workbook now holds %q", got)
				}
				if got := fileState(t, js); got != `{"last":"month"}` {
					t.Errorf("the existing JSON now holds %q", got)
				}
			}
		})
	}
}

// TestReportOutputIsInput: an output that is one of the inputs, however
// it is spelled, is a usage error (exit 2), and the input is untouched.
func TestReportOutputIsInput(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.Mkdir("sub", 0o755); err != nil {
		t.Fatal(err)
	}
	writeReportFile(t, dir, "plan.csv", catalogChangePlan)
	// A CSV plan named .xlsx: plans are recognized by content, not name.
	writeReportFile(t, dir, "plan.xlsx", catalogChangePlan)
	if err := os.Symlink("plan.csv", "link.xlsx"); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"plan.xlsx", "-o", "plan.xlsx"},
		{"plan.xlsx", "-o", "./sub/../plan.xlsx"},
		{"plan.csv", "-o", "link.xlsx"},
		{"plan.csv", "-o", "budget.xlsx", "--json", "sub/../plan.csv"},
		{"plan.csv", "--json", filepath.Join(dir, "plan.csv")},
		{"plan.xlsx", "plan.csv", "--json", "link.xlsx"},
	} {
		code, stdout, stderr := runCmd(t, append([]string{"report"}, args...)...)
		if code != exitUsage || !strings.Contains(stderr, "is the input file") || stdout != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr:\n%s\nwant exit %d and a refusal", args, code, stdout, stderr, exitUsage)
		}
		for _, in := range []string{"plan.csv", "plan.xlsx"} {
			if got := fileState(t, in); got != catalogChangePlan {
				t.Errorf("%q: %s now holds %q", args, in, got)
			}
		}
		if fi, err := os.Lstat("link.xlsx"); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%q: link.xlsx is no longer a symbolic link (%v)", args, err)
		}
		if got := dirNames(t, dir); !slices.Equal(got, []string{"link.xlsx", "plan.csv", "plan.xlsx", "sub"}) {
			t.Errorf("%q: directory holds %q", args, got)
		}
	}
}

// TestReportJSONStdout: --json - prints the JSON on standard output, and
// the summary and warnings on standard error.
func TestReportJSONStdout(t *testing.T) {
	dir := t.TempDir()
	plan := writeReportFile(t, dir, "plan.csv", catalogChangePlan)
	code, stdout, stderr := runCmd(t, "report", plan, "--json", "-")
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	r := parseReportJSON(t, stdout)
	if r.Total.Cost != "5950" || r.Total.Tax != "298" || r.Total.Total != "6248" || len(r.Campaigns) != 3 {
		t.Errorf("JSON total %+v, %d campaigns", r.Total, len(r.Campaigns))
	}
	if len(r.Accounts) != 1 || len(r.Accounts[0].Months) != 2 ||
		r.Accounts[0].Months[0].Catalog != "tw-2019" || r.Accounts[0].Months[1].Catalog != "tw-2023" {
		t.Errorf("JSON accounts %+v: want August on tw-2019, September on tw-2023", r.Accounts)
	}
	if !strings.HasSuffix(stderr, catalogChangeSummary(plan)) || !strings.Contains(stderr, "warning: bubbles") {
		t.Errorf("stderr:\n%s\nwant the warning and then the summary:\n%s", stderr, catalogChangeSummary(plan))
	}
	if strings.Contains(stderr, "Wrote") {
		t.Errorf("stderr claims a file was written:\n%s", stderr)
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"plan.csv"}) {
		t.Errorf("directory holds %q", got)
	}
}

// TestReportReproducible: with SOURCE_DATE_EPOCH set, two runs write the
// same workbook byte for byte, stamped with that time.
func TestReportReproducible(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000") // 2023-11-14 22:13:20 UTC
	dir := t.TempDir()
	plan := writeReportFile(t, dir, "plan.csv", catalogChangePlan)
	out := filepath.Join(dir, "budget.xlsx")
	var runs [][]byte
	for range 2 {
		if code, _, stderr := runCmd(t, "report", plan, "-o", out); code != exitOK {
			t.Fatalf("exit %d, stderr:\n%s", code, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		runs = append(runs, b)
	}
	if !bytes.Equal(runs[0], runs[1]) {
		t.Errorf("two runs with SOURCE_DATE_EPOCH wrote different workbooks (%d and %d bytes)", len(runs[0]), len(runs[1]))
	}
	props, err := openWorkbook(t, out).GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Created != "2023-11-14T22:13:20Z" || props.Modified != "2023-11-14T22:13:20Z" {
		t.Errorf("created %q modified %q, want 2023-11-14T22:13:20Z from SOURCE_DATE_EPOCH", props.Created, props.Modified)
	}
}

func TestReportChinese(t *testing.T) {
	dir := t.TempDir()
	plan := writeReportFile(t, dir, "plan.csv", catalogChangePlan)
	out := filepath.Join(dir, "預算.xlsx")
	code, stdout, stderr := runCmd(t, "report", plan, "--lang", "zh-TW", "-o", out)
	// The terminal summary is in Chinese too, the reader's notes of the
	// defaults it took and the plan file's warnings included.
	want := "3 筆活動列，1 個帳號，2 個月（2023-08 至 2023-09）\n" +
		plan + "：預設值：沒有發送次數欄：每列發送一次（sends 1）\n" +
		plan + "：預設值：沒有發送方式欄：每列視為由 OA 後台發送（channel manager）\n" +
		plan + "：預設值：沒有封鎖數欄：視為沒有好友封鎖（blocked 0）\n" +
		"總額：TWD 5,950 + 稅 298 = 6,248\n已寫入 " + out + "\n"
	if code != exitOK || stdout != want {
		t.Fatalf("exit %d, stdout:\n%s\nwant:\n%s\nstderr:\n%s", code, stdout, want, stderr)
	}
	if wantErr := plan + ":4: 警告：bubbles：4 個對話框超過 manager 每次發送 3 個的上限：每次以 2 次發送計算\n"; stderr != wantErr {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, wantErr)
	}
	f := openWorkbook(t, out)
	sheets := []string{"摘要", "計畫變更", "建議方案", "方案比較", "活動明細", "費率", "問題", "關於"}
	if got := f.GetSheetList(); !slices.Equal(got, sheets) {
		t.Errorf("sheets %q, want %q", got, sheets)
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Language != "zh-TW" {
		t.Errorf("document language %q, want zh-TW", props.Language)
	}
}

// fromToPlan has one row before, one within and one after 2023-08..2023-10.
const fromToPlan = "date,account,campaign,friends\n" +
	"2023-06-15,Shop,June,1000\n" +
	"2023-09-05,Shop,September,5000\n" +
	"2023-12-01,Shop,December,100\n"

func TestReportFromTo(t *testing.T) {
	dir := t.TempDir()
	plan := writeReportFile(t, dir, "plan.csv", fromToPlan)
	code, stdout, stderr := runCmd(t, "report", plan, "--from", "2023-08", "--to", "2023-10", "--json", "-")
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	// September: 5,000 messages on tw-2023 -> pro 1,200, tax 60.
	want := "warning: no account has a row in months 2023-08, 2023-10: budgeted at 0 (does the plan stop there?)\n" +
		"1 campaign row, 1 account, 3 months (2023-08 to 2023-10)\n" +
		"2 rows outside --from/--to were left out\n" +
		defaultLines(plan) +
		"No rows in 2023-08, 2023-10: budgeted at 0\n" +
		"Total: TWD 1,200 + tax 60 = 1,260\n"
	if stderr != want {
		t.Errorf("summary:\n%s\nwant:\n%s", stderr, want)
	}
	r := parseReportJSON(t, stdout)
	if len(r.Campaigns) != 1 || r.Campaigns[0].Campaign != "September" || len(r.Accounts[0].Months) != 3 {
		t.Errorf("JSON: %d campaigns, %d months", len(r.Campaigns), len(r.Accounts[0].Months))
	}

	// Every row outside: nothing to price, nothing written.
	out := filepath.Join(dir, "budget.xlsx")
	code, _, stderr = runCmd(t, "report", plan, "--from", "2024-01", "-o", out)
	if code == exitOK || !strings.Contains(stderr, "no campaign rows to price (3 rows fall outside --from/--to)") {
		t.Errorf("all rows outside: exit %d, stderr:\n%s", code, stderr)
	}
	if fileState(t, out) != "<absent>" {
		t.Error("a workbook was written for a run with nothing to price")
	}
}

// currentPlanPlan: A needs pro in September (5,000) and light in October;
// B needs pro (2,000) in September and nothing in October.
const currentPlanPlan = "date,account,campaign,friends\n" +
	"2023-09-05,A,a1,5000\n" +
	"2023-10-05,A,a2,100\n" +
	"2023-09-06,B,b1,10000\n"

func TestReportCurrentPlanSaving(t *testing.T) {
	dir := t.TempDir()
	plan := writeReportFile(t, dir, "plan.csv", currentPlanPlan)
	for _, tc := range []struct {
		flags []string
		want  string
	}{
		// A on standard: 800 + 800 (September infeasible, fee billed) =
		// 1,600 against 1,200 recommended: saving 400.
		// Standard cannot deliver A's 5,000 in September (3,000 free, none
		// sold): the saving says so.
		{[]string{"--current-plan", "A=standard"}, "Saving against the current plans: TWD 400 (before tax); the current plans cannot deliver 2,000 messages in 1 month\n"},
		// And B on light: 0 against 2,000: -2,000. Together -1,600. Light
		// delivers 200 of B's 10,000: 9,800 more undelivered.
		{[]string{"--current-plan", "standard", "--current-plan", "B=light"},
			"Saving against the current plans: TWD -1,600 (before tax); the current plans cannot deliver 11,800 messages in 2 months\n"},
		// Everyone on pro: A 1,200 + 1,200 - 1,200 = 1,200; B (1,200 + 0.2 x
		// 4,000) + 1,200 - 2,000 = 1,200. Together 2,400.
		{[]string{"--current-plan", "pro"}, "Saving against the current plans: TWD 2,400 (before tax)\n"},
	} {
		args := append([]string{"report", plan, "--json", "-"}, tc.flags...)
		code, _, stderr := runCmd(t, args...)
		if code != exitOK {
			t.Errorf("%q: exit %d, stderr:\n%s", tc.flags, code, stderr)
			continue
		}
		want := "3 campaign rows, 2 accounts, 2 months (2023-09 to 2023-10)\n" + defaultLines(plan) +
			"Total: TWD 3,200 + tax 160 = 3,360\n" + tc.want
		if stderr != want {
			t.Errorf("%q: summary:\n%s\nwant:\n%s", tc.flags, stderr, want)
		}
	}
	// Without --current-plan there is no saving line.
	if _, _, stderr := runCmd(t, "report", plan, "--json", "-"); strings.Contains(stderr, "Saving against") {
		t.Errorf("saving without --current-plan:\n%s", stderr)
	}
}

// TestReportUnknownCurrentPlan: a plan id the catalogs do not have is a bad
// flag value: a usage error (exit 2) that names it, and nothing written.
func TestReportUnknownCurrentPlan(t *testing.T) {
	dir := t.TempDir()
	plan := writeReportFile(t, dir, "plan.csv", currentPlanPlan)
	out := filepath.Join(dir, "budget.xlsx")
	for _, flag := range []string{"gold", "A=gold", "Nobody=pro"} {
		want := `"gold"`
		if flag == "Nobody=pro" {
			want = `no account "Nobody" in the plans`
		}
		code, stdout, stderr := runCmd(t, "report", plan, "-o", out, "--current-plan", flag)
		if !strings.Contains(stderr, "--current-plan") || !strings.Contains(stderr, want) {
			t.Errorf("--current-plan %s: stderr does not name the flag and %s:\n%s", flag, want, stderr)
		}
		if code != exitUsage {
			t.Errorf("--current-plan %s: exit %d, want %d (bad command line: a bad flag value)", flag, code, exitUsage)
		}
		if stdout != "" || fileState(t, out) != "<absent>" {
			t.Errorf("--current-plan %s: stdout %q, workbook %s", flag, stdout, fileState(t, out))
		}
	}
}

// TestReportStandardInput: "-" reads the standard input given to run, as
// check does, not the process's own.
func TestReportStandardInput(t *testing.T) {
	// Should report read os.Stdin instead, give it an empty file rather
	// than the terminal or pipe go test was started with.
	empty, err := os.Open(writeReportFile(t, t.TempDir(), "empty", ""))
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	saved := os.Stdin
	os.Stdin = empty
	t.Cleanup(func() { os.Stdin = saved })

	code, stdout, stderr := runCommand([]byte(catalogChangePlan), "report", "-", "--json", "-")
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	r := parseReportJSON(t, stdout)
	if r.Total.Total != "6248" || len(r.Campaigns) != 3 {
		t.Errorf("JSON total %+v, %d campaigns", r.Total, len(r.Campaigns))
	}
}

// TestCollectHarder: a large plan is written with the garbage collector at
// 50% unless GOGC says otherwise, and the setting is restored after.
func TestCollectHarder(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	percent := func() int { p := debug.SetGCPercent(-1); debug.SetGCPercent(p); return p }
	for _, c := range []struct {
		gogc       string
		rows, want int
	}{
		{"", largePlanRows - 1, 100},
		{"", largePlanRows, 50},
		{"200", 10 * largePlanRows, 100}, // GOGC is the user's
	} {
		t.Setenv("GOGC", c.gogc)
		restore := collectHarder(c.rows)
		if got := percent(); got != c.want {
			t.Errorf("GOGC=%q, %d rows: collecting at %d%%, want %d%%", c.gogc, c.rows, got, c.want)
		}
		restore()
		if got := percent(); got != 100 {
			t.Errorf("GOGC=%q, %d rows: after restore %d%%, want 100%%", c.gogc, c.rows, got)
		}
	}
}

// TestCheckReportAgree: check and report give the same verdict on every
// plan, and on a bad one both name the file and the same errors.
func TestCheckReportAgree(t *testing.T) {
	plans := map[string]string{
		"header-only.csv": "date,account,campaign,friends\n",
		"blank-rows.csv":  "date,campaign,friends\n,,\n\n",
		"no-header.csv":   "2025 plan\nnotes\n",
		"look-alike.csv":  "日期,活動,好友數,推送次數\n2025/3/8,a,100,2\n",
		"totals-only.csv": "date,campaign,friends\n合計,,100\n",
		"good.csv":        "2025 plan,,\ndate,campaign,friends\n2025-03-08,a,100\nTotal,,100\n",
	}
	for name, text := range plans {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			plan := writeReportFile(t, dir, name, text)
			checkCode, _, checkErr := runCmd(t, "check", plan)
			out := filepath.Join(dir, "budget.xlsx")
			reportCode, _, reportErr := runCmd(t, "report", plan, "-o", out, "--quiet")
			if checkCode != reportCode {
				t.Errorf("check exits %d, report %d\ncheck:\n%s\nreport:\n%s", checkCode, reportCode, checkErr, reportErr)
			}
			if name == "good.csv" {
				if reportCode != exitOK {
					t.Errorf("report: exit %d\n%s", reportCode, reportErr)
				}
				return
			}
			if checkCode != exitInput || !strings.Contains(checkErr, plan+":") || !strings.Contains(reportErr, plan+":") {
				t.Errorf("want exit 1 naming %s\ncheck:\n%s\nreport:\n%s", plan, checkErr, reportErr)
			}
			errLines := func(s string) []string {
				var ls []string
				for _, l := range strings.Split(s, "\n") {
					l = strings.TrimPrefix(l, "linecost: ")
					if strings.HasPrefix(l, plan+":") && !strings.Contains(l, "warning:") {
						ls = append(ls, l)
					}
				}
				return ls
			}
			if c, r := errLines(checkErr), errLines(reportErr); !slices.Equal(c, r) || len(c) == 0 {
				t.Errorf("check errors %q, report errors %q", c, r)
			}
			if fileState(t, out) != "<absent>" {
				t.Error("report wrote a workbook for a bad plan")
			}
		})
	}
}

// TestReportSingular: "1 campaign row, 1 account, 1 month".
func TestReportSingular(t *testing.T) {
	dir := t.TempDir()
	plan := writeReportFile(t, dir, "plan.csv", "date,account,campaign,friends,sends,bubbles,channel,blocked\n2025-03-08,A,a,100,1,1,api,0\n")
	code, stdout, stderr := runCmd(t, "report", plan, "--json", filepath.Join(dir, "b.json"))
	if code != exitOK || !strings.HasPrefix(stdout, "1 campaign row, 1 account, 1 month (2025-03 to 2025-03)\n") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
}
