package main

import (
	"strings"
	"testing"
)

// TestReportToday: issue 12's stale advice, end to end. The downgrade to
// Standard for December had to be requested by 2026-11-30: on 2026-12-01
// (--today, or SOURCE_DATE_EPOCH) December stays on Pro, a warning says
// so, and the saving counts only January's.
func TestReportToday(t *testing.T) {
	dir := t.TempDir()
	plan := writeReportFile(t, dir, "plan.csv", "date,account,campaign,friends\n"+
		"2026-12-05,Cafe,Xmas,2500\n"+
		"2027-01-05,Cafe,New year,2500\n")
	const warning = "warning: account Cafe, 2026-12: the change pro -> standard had to be requested by 2026-11-30, which has passed: " +
		"2026-12 is budgeted on pro (TWD 400 more before tax); the next change, pro -> standard, takes effect in 2027-01 (request by 2026-12-31)\n"
	for _, tc := range []struct {
		name, epoch string
		flags       []string
		saving      string
		warn        bool
	}{
		{name: "--today", flags: []string{"--today", "2026-12-01"}, saving: "400", warn: true},
		{name: "a day earlier", flags: []string{"--today", "2026-11-30"}, saving: "800"},
		// 2026-11-30 16:30 UTC is 2026-12-01 00:30 in Taipei.
		{name: "SOURCE_DATE_EPOCH in Taipei time", epoch: "1796056200", saving: "400", warn: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("SOURCE_DATE_EPOCH", tc.epoch)
			args := append([]string{"report", plan, "--current-plan", "pro", "--json", "-"}, tc.flags...)
			code, _, stderr := runCmd(t, args...)
			if code != exitOK {
				t.Fatalf("exit %d:\n%s", code, stderr)
			}
			if got := strings.Contains(stderr, warning); got != tc.warn {
				t.Errorf("warning shown %v, want %v:\n%s", got, tc.warn, stderr)
			}
			if want := "Saving against the current plans: TWD " + tc.saving + " (before tax)\n"; !strings.Contains(stderr, want) {
				t.Errorf("stderr:\n%s\nwant %q", stderr, want)
			}
		})
	}
	if code, _, stderr := runCmd(t, "report", plan, "--json", "-", "--today", "1 Dec"); code != exitUsage ||
		!strings.Contains(stderr, `--today: want YYYY-MM-DD, not "1 Dec"`) {
		t.Errorf("bad --today: exit %d\n%s", code, stderr)
	}
}
