package main

import (
	"path/filepath"
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

// TestReportTodayChinese: with --lang zh-TW the deadline's warning is in
// Chinese on the terminal and on the Issues sheet.
func TestReportTodayChinese(t *testing.T) {
	dir := t.TempDir()
	plan := writeReportFile(t, dir, "plan.csv", "date,account,campaign,friends\n"+
		"2026-12-05,Cafe,Xmas,2500\n"+
		"2027-01-05,Cafe,New year,2500\n")
	out := filepath.Join(dir, "預算.xlsx")
	code, _, stderr := runCmd(t, "report", plan, "--current-plan", "pro", "--today", "2026-12-01", "--lang", "zh-TW", "-o", out)
	const want = "警告：帳號 Cafe，2026-12：pro -> standard 的方案變更須於 2026-11-30 前申請，已逾期：2026-12 以 pro 計算（未稅多 TWD 400）；" +
		"下一次變更 pro -> standard 於 2027-01 生效（申請期限 2026-12-31）"
	if code != exitOK || !strings.Contains(stderr, want+"\n") {
		t.Fatalf("exit %d, stderr:\n%s\nwant the line %q", code, stderr, want)
	}
	rows, err := openWorkbook(t, out).GetRows("問題")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || len(rows[1]) < 3 || rows[1][2] != strings.TrimPrefix(want, "警告：") {
		t.Errorf("Issues sheet: %q, want the warning in Chinese", rows)
	}
}
