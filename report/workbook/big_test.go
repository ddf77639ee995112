package workbook

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"linecost/pricing"
	"linecost/report"
)

// TestWorkbookGolden2000Accounts is the large case of issue 12: bench/gen's
// kind of plan, 10,000 rows over 2,000 accounts and the 12 months of 2025,
// everyone on Pro now, run on 2025-06-15. The plan is generated (the same
// for the same seed) rather than committed, and the golden file holds the
// Summary and the Plan changes sheet with the runs of plain rows cut to
// their first and last rows; the test checks the rows cut out.
func TestWorkbookGolden2000Accounts(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	path := filepath.Join(t.TempDir(), "plan.csv")
	if err := writeBenchPlan(path, 10_000, 2000, 1); err != nil {
		t.Fatal(err)
	}
	opts := report.Options{
		Catalogs: pricing.Builtin(), Region: "tw", CurrentPlans: map[string]string{"": "pro"},
		Today: time.Date(2025, 6, 15, 0, 0, 0, 0, time.UTC),
	}
	b, err := report.Build([]string{path}, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var buf bytes.Buffer
	if err := Write(&buf, b, Meta{Version: "v0.0.0-test", Generated: generated}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	// Every account is in every grid, in order, and the grand totals are
	// the budget's.
	rows := sheetRows(t, f, english.Summary)
	for _, title := range []string{fmt.Sprintf(english.GridCost, "TWD"), fmt.Sprintf(english.GridTotal, "TWD"), english.GridMessages} {
		at := rowOf(rows, title) + 2
		for i, a := range b.Accounts {
			if rows[at+i][0] != a.Name {
				t.Fatalf("%s: row %d is %q, want %q", title, at+i+1, rows[at+i][0], a.Name)
			}
		}
		if total := rows[at+len(b.Accounts)]; total[0] != english.Total {
			t.Errorf("%s: %q after the accounts, want the Total row", title, total[0])
		}
	}
	if got := rows[rowOf(rows, fmt.Sprintf(english.TotalBeforeTax, "TWD"))][1]; got != b.Total.Cost.String() {
		t.Errorf("title block: total before tax %s, want %s", got, b.Total.Cost)
	}
	held := 0
	for _, a := range b.Accounts {
		for _, m := range a.Months() {
			if m.Held != nil {
				held++
			}
		}
	}
	if held == 0 {
		t.Error("no month held by a passed deadline: the case no longer shows the rule")
	}

	got := condensed(dumpSheets(t, f, []string{english.Summary, english.PlanChanges}))
	golden := filepath.Join("..", "..", "testdata", "report", "2000-accounts", "workbook.golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test ./report/workbook/ -update writes it)", err)
	}
	if got != string(want) {
		t.Errorf("workbook differs from %s (go test ./report/workbook/ -update rewrites it; review with git diff):\n%s",
			golden, firstDifference(string(want), got))
	}
}

// plainRow is a dumped row that is not bold (a header, a total, a title):
// "123: A123=..." or "123 [height 33]: A123=...".
var plainRow = regexp.MustCompile(`^\d+( \[[^]]*\])?: `)

// condensed cuts each run of more than six plain rows of a dump to its
// first three and last two.
func condensed(dump string) string {
	var out, run []string
	flush := func() {
		if len(run) > 6 {
			run = append(append(run[:3:3], fmt.Sprintf("... %d rows ...", len(run)-5)), run[len(run)-2:]...)
		}
		out = append(out, run...)
		run = nil
	}
	for _, line := range strings.Split(dump, "\n") {
		if m := plainRow.FindString(line); m != "" && !strings.Contains(m, "bold") {
			run = append(run, line)
			continue
		}
		flush()
		out = append(out, line)
	}
	flush()
	return strings.Join(out, "\n")
}
