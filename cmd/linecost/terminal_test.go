package main

import (
	"fmt"
	"strings"
	"testing"

	"linecost/report/input"
)

// TestReportMoreWarningsChinese: past the warnings shown, the line that
// says how many more there are follows --lang.
func TestReportMoreWarningsChinese(t *testing.T) {
	dir := t.TempDir()
	var plan strings.Builder
	plan.WriteString("date,account,campaign,friends,bubbles\n")
	for i := range input.MaxShown + 2 {
		fmt.Fprintf(&plan, "2023-09-%02d,Shop,c%d,100,4\n", 1+i%28, i) // 4 bubbles: a warning each
	}
	path := writeReportFile(t, dir, "plan.csv", plan.String())
	for lang, want := range map[string]string{
		"en":    "... and 2 more warnings (all of them are listed in the workbook's Issues sheet and in --json)\n",
		"zh-TW": "……另有 2 則警告（全部列在活頁簿的「問題」工作表與 --json 中）\n",
	} {
		code, _, stderr := runCmd(t, "report", path, "--lang", lang, "--json", "-")
		if code != exitOK || !strings.Contains(stderr, want) {
			t.Errorf("--lang %s: exit %d, stderr:\n%s\nwant a line %q", lang, code, stderr, want)
		}
	}
}
