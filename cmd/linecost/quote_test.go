package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// runCmd runs linecost with args and returns its exit code and output.
func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"linecost"}, args...), strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// Issue 9's acceptance case: `linecost quote --friends 12000 --sends 4` in
// December 2026 prices the current tariff, tw-2026.
func TestQuoteDecember2026(t *testing.T) {
	want := `Month 2026-12, catalog tw-2026 (TWD, prices before tax, tax 5%; verified 2026-10-07)
Messages: 48,000 = 4 sends x (12,000 friends - 0 blocked)

   Plan               Fee   Free  Additional   Cost  Tax   Total
   Light 輕用量         0    200           -      -    -       -  infeasible: 47,800 messages not delivered (sells no additional messages)
   Standard 中用量  1,000  3,000           -      -    -       -  infeasible: 45,000 messages not delivered (sells no additional messages)
*  Pro 高用量       1,400  6,000      42,000  9,800  490  10,290

* Recommended: Pro (高用量): TWD 9,800 + tax 490 = 10,290
Note (tw-2026): Pro (高用量) additional-message bands are taken to count additional messages`
	// The month comes from the clock: SOURCE_DATE_EPOCH of 2026-12-01
	// 12:00 UTC, or --today.
	t.Setenv("SOURCE_DATE_EPOCH", "1796126400")
	for _, args := range [][]string{{}, {"--today", "2026-12-15"}, {"--month", "2026-12"}} {
		code, out, errOut := runCmd(t, append([]string{"quote", "--friends", "12000", "--sends", "4"}, args...)...)
		if code != exitOK || errOut != "" || !strings.HasPrefix(out, want) || strings.Contains(out, "Upper bound") {
			t.Errorf("%q: exit %d, stderr %q, output:\n%s\nwant prefix:\n%s", args, code, errOut, out, want)
		}
	}
	// "Today" is the day in Taiwan: 2026-11-30 16:00 UTC is already
	// December 1st there.
	t.Setenv("SOURCE_DATE_EPOCH", "1796054400")
	if code, out, _ := runCmd(t, "quote", "--friends", "12000", "--sends", "4"); code != exitOK || !strings.HasPrefix(out, "Month 2026-12, catalog tw-2026") {
		t.Errorf("16:00 UTC on 2026-11-30: exit %d, output:\n%s", code, out)
	}
}

// The staleness warning: once, on standard error, when the month priced or
// today is more than 12 months after the newest verified date (2026-10-07
// for Taiwan).
func TestQuoteStaleWarning(t *testing.T) {
	tests := []struct {
		args  []string
		stale string // "" for no warning, else what it compares
	}{
		{[]string{"--today", "2027-10-07", "--month", "2027-09"}, ""}, // today is exactly 12 months on: not yet
		{[]string{"--today", "2027-10-07", "--month", "2027-11"}, "the last month priced (2027-11)"},
		{[]string{"--today", "2027-10-08", "--month", "2026-12"}, "today (2027-10-08)"},
		{[]string{"--today", "2026-12-01", "--month", "2027-10"}, "the last month priced (2027-10)"}, // its last day is past 2027-10-07
		{[]string{"--today", "2026-12-01", "--month", "2027-09"}, ""},
		{[]string{"--today", "2027-10-05", "--month", "2026-12", "--region", "jp"}, "today (2027-10-05)"},
		{[]string{"--today", "2027-09-29", "--month", "2026-12", "--region", "th"}, ""},
		{[]string{"--today", "2027-09-30", "--month", "2026-12", "--region", "th"}, "today (2027-09-30)"},
	}
	for _, tt := range tests {
		code, _, errOut := runCmd(t, append([]string{"quote", "--friends", "12000"}, tt.args...)...)
		if code != exitOK {
			t.Fatalf("%q: exit %d, %s", tt.args, code, errOut)
		}
		if tt.stale == "" {
			if errOut != "" {
				t.Errorf("%q: unexpected stderr %q", tt.args, errOut)
			}
			continue
		}
		if strings.Count(errOut, "warning: ") != 1 || !strings.Contains(errOut, "more than 12 months before "+tt.stale+": LINE may have changed its prices since") ||
			!strings.Contains(errOut, "--pricing FILE") || !strings.Contains(errOut, "Check the catalog's source (") {
			t.Errorf("%q: stderr %q, want one warning about %s", tt.args, errOut, tt.stale)
		}
	}
	code, _, errOut := runCmd(t, "quote", "--friends", "12000", "--today", "2027-10-08", "--month", "2026-12")
	want := "warning: the tw prices were last verified on 2026-10-07 (catalog tw-2026), more than 12 months before today (2027-10-08): LINE may have changed its prices since."
	if code != exitOK || !strings.HasPrefix(errOut, want) || !strings.HasSuffix(errOut, "(start from: linecost plans --json --catalog tw-2026 > mine.json)\n") {
		t.Errorf("exit %d, stderr:\n%s\nwant prefix:\n%s", code, errOut, want)
	}
}

func TestQuoteIssueExample(t *testing.T) {
	// Issue 2's acceptance case: 12,000 friends x 4 sends on tw-2023, the
	// tariff of November 2026 and before.
	code, out, errOut := runCmd(t, "quote", "--friends", "12000", "--sends", "4", "--month", "2026-10")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	want := `Month 2026-10, catalog tw-2023 (TWD, prices before tax, tax 5%; verified 2026-10-07)
Messages: 48,000 = 4 sends x (12,000 friends - 0 blocked)

   Plan               Fee   Free  Additional   Cost  Tax   Total
   Light 輕用量         0    200           -      -    -       -  infeasible: 47,800 messages not delivered (sells no additional messages)
   Standard 中用量    800  3,000           -      -    -       -  infeasible: 45,000 messages not delivered (sells no additional messages)
*  Pro 高用量       1,200  6,000      42,000  9,600  480  10,080

* Recommended: Pro (高用量): TWD 9,600 + tax 480 = 10,080
Note (tw-2023): Upper bound: Pro (高用量) additional messages are priced at the confirmed first-band rate, TWD 0.2, for every message.`
	if !strings.HasPrefix(out, want) {
		t.Errorf("output:\n%s\nwant prefix:\n%s", out, want)
	}
}

func TestQuoteJSON(t *testing.T) {
	code, out, errOut := runCmd(t, "quote", "--friends=80000", "--blocked", "12.5%", "--bubbles", "4",
		"--channel", "api", "--region", "jp", "--month", "2025-01", "--json")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var got struct {
		Month, Catalog   string
		Messages         int64
		Recommended      *string
		Cost, Tax, Total *string
		Notes            []string
		Plans            []struct {
			Plan               string
			Feasible           bool
			Undelivered        int64
			AdditionalMessages int64  `json:"additional_messages"`
			AdditionalCost     string `json:"additional_cost"`
			Cost               *string
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	// 12.5% of 80,000 = 10,000 blocked; 4 bubbles fit one API send:
	// 70,000 messages. jp-2023 Standard: 40,000 additional x 3.0 = 120,000,
	// cost 135,000, tax 13,500, total 148,500.
	if got.Month != "2025-01" || got.Catalog != "jp-2023" || got.Messages != 70000 {
		t.Errorf("month %s catalog %s messages %d", got.Month, got.Catalog, got.Messages)
	}
	if got.Recommended == nil || *got.Recommended != "standard" || *got.Cost != "135000" || *got.Tax != "13500" || *got.Total != "148500" {
		t.Errorf("recommended %v cost %v tax %v total %v", deref(got.Recommended), deref(got.Cost), deref(got.Tax), deref(got.Total))
	}
	if len(got.Plans) != 3 || got.Plans[0].Feasible || got.Plans[0].Undelivered != 69800 || got.Plans[0].Cost != nil {
		t.Errorf("communication plan: %+v", got.Plans[0])
	}
	if p := got.Plans[2]; p.AdditionalMessages != 40000 || p.AdditionalCost != "120000" || deref(p.Cost) != "135000" {
		t.Errorf("standard plan: %+v", p)
	}
	if len(got.Notes) != 1 {
		t.Errorf("notes: %q", got.Notes)
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func TestQuoteBubblesOverLimit(t *testing.T) {
	// 7 bubbles on the OA Manager need ceil(7/3) = 3 sends.
	code, out, _ := runCmd(t, "quote", "--friends", "1000", "--bubbles", "7", "--catalog", "tw-2023")
	if code != exitOK || !strings.Contains(out, "Messages: 3,000 = 1 send x (1,000 friends - 0 blocked) x 3 (7 bubbles need 3 sends on manager, at most 3 per send)") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"quote"}, "--friends is required"},
		{[]string{"quote", "--friends", "x"}, `invalid value "x" for flag -friends`},
		{[]string{"quote", "--friends", "10", "--bogus"}, "flag provided but not defined: -bogus"},
		{[]string{"quote", "--friends", "10", "--channel", "fax"}, `--channel: not a channel (want manager or api): "fax"`},
		{[]string{"quote", "--friends", "10", "--blocked", "11"}, "blocked (11) exceeds friends (10)"},
		{[]string{"quote", "--friends", "10", "--blocked", "120%"}, "--blocked: percentage out of range 0..100: 120"},
		{[]string{"quote", "--friends", "10", "--month", "2025-13"}, `--month: not a month (want YYYY-MM): "2025-13"`},
		{[]string{"quote", "--friends", "10", "--month", "2019-04"}, "2019-04 is before the first tw catalog (tw-2019, from 2019-04-18): covered months are 2019-05 onward"},
		{[]string{"quote", "--friends", "10", "--region", "th", "--month", "2024-07"}, "2024-07 is before the first th catalog (th-2024, from 2024-08-01): covered months are 2024-08 onward; to price it, pass a catalog file that covers it with --pricing FILE"},
		{[]string{"quote", "--friends", "10", "--today", "2026-13-01"}, `--today: want YYYY-MM-DD, not "2026-13-01"`},
		{[]string{"quote", "--friends", "10", "--month", "2025-01", "--catalog", "tw-2019"}, "--month and --catalog exclude each other"},
		{[]string{"quote", "--friends", "10", "--catalog", "tw-2030"}, `--catalog: no catalog named "tw-2030"`},
		{[]string{"quote", "--friends", "10", "--catalog", "jp-2023", "--region", "tw"}, "--catalog jp-2023 is of region jp, not tw"},
		{[]string{"quote", "--friends", "10", "--region", "sg"}, `no catalog for region "sg" (have jp, th, tw)`},
		{[]string{"quote", "--friends", "10", "extra"}, `quote takes no arguments, got "extra"`},
		{[]string{"quote", "--friends"}, "flag needs a value: --friends"},
		{[]string{"plans", "--region", "sg"}, `--region: no catalog for region "sg"`},
		{[]string{"report", "plan.csv", "-o", "x.xlsx", "--time-zone", "Mars/Olympus"}, `--time-zone: unknown time zone "Mars/Olympus"`},
		{[]string{"check", "plan.csv", "--time-zone", "Local"}, `--time-zone: want an IANA time zone such as Asia/Taipei, not "Local"`},
		{[]string{"report", "-o", "x.xlsx"}, "report needs at least one plan file"},
		{[]string{"report", "plan.csv"}, "report needs -o FILE.xlsx, --json FILE, or both"},
		{[]string{"report", "-", "-", "-o", "x.xlsx"}, "standard input (-) can be read only once"},
		{[]string{"report", "plan.csv", "-o", "x.pdf"}, "-o x.pdf: the workbook's name must end in .xlsx"},
		{[]string{"report", "plan.csv", "-o", "x.xlsx", "--lang", "fr"}, `--lang: want en or zh-TW, not "fr"`},
		{[]string{"nosuch"}, `unknown command "nosuch"`},
	} {
		code, _, errOut := runCmd(t, tc.args...)
		if code != exitUsage || !strings.Contains(errOut, tc.want) || !strings.Contains(errOut, "for usage.") {
			t.Errorf("%q: exit %d, stderr:\n%s\nwant exit %d and %q", tc.args, code, errOut, exitUsage, tc.want)
		}
		if strings.Count(strings.TrimSpace(errOut), "\n") > 1 {
			t.Errorf("%q: the error should be one line and a hint, got:\n%s", tc.args, errOut)
		}
	}
}

func TestFlagsAfterArguments(t *testing.T) {
	args := []string{"a.csv", "-o", "out.xlsx", "b.csv", "--lang=zh-TW", "--json", "-", "--", "-o"}
	app := newApp(nil, nil, nil)
	got, err := reorderArgs(app, append([]string{"linecost", "report"}, args...))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"linecost", "report", "-o", "out.xlsx", "--lang=zh-TW", "--json", "-", "--", "a.csv", "b.csv", "-o"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("reorderArgs = %q, want %q", got, want)
	}
}

func TestHelpShowsExample(t *testing.T) {
	for _, cmd := range []string{"quote", "plans", "report"} {
		code, out, _ := runCmd(t, cmd, "--help")
		if code != exitOK || !strings.Contains(out, "Example:\n      linecost "+cmd) {
			t.Errorf("%s --help: exit %d, output:\n%s", cmd, code, out)
		}
	}
	code, out, _ := runCmd(t, "--help")
	if code != exitOK || !strings.Contains(out, "Exit codes:") {
		t.Errorf("--help: exit %d, output:\n%s", code, out)
	}
}
