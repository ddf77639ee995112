package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runIn runs linecost with args in dir and returns the exit code, stdout
// and stderr.
func runIn(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"linecost"}, args...), strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// TestReportHostileCommandLines: outputs that are inputs, catalogs that
// are devices, directories that do not exist, and far-future dates, as
// the user sees them.
func TestReportHostileCommandLines(t *testing.T) {
	dir := t.TempDir()
	writeReportFile(t, dir, "plan.csv", "date,campaign,friends\n2025-01-15,a,100\n")
	writeReportFile(t, dir, "typo.csv", "date,campaign,friends\n2025-01-15,a,100\n2205-01-15,b,100\n")
	cat, err := os.ReadFile(filepath.Join("..", "..", "pricing", "catalogs", "tw-2023.json"))
	if err != nil {
		t.Fatal(err)
	}
	writeReportFile(t, dir, "mycat.json", string(cat))
	os.Mkdir(filepath.Join(dir, "adir"), 0o755)
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"output is the catalog", []string{"report", "plan.csv", "--pricing", "mycat.json", "--json", "mycat.json"}, 2,
			"linecost: output mycat.json is the input file mycat.json: choose another output name\n"},
		{"catalog is a device", []string{"report", "plan.csv", "--pricing", "/dev/zero", "--json", "out.json"}, 1,
			"linecost: /dev/zero: not a regular file: a catalog is a JSON file\n"},
		{"plan is a device", []string{"report", "/dev/zero", "--json", "out.json"}, 1,
			"linecost: /dev/zero: not a regular file (a device): give a plan file, a FIFO, or - for standard input\n"},
		{"missing directory", []string{"report", "plan.csv", "-o", "missingdir/out.xlsx"}, 2,
			"linecost: writing missingdir/out.xlsx: directory missingdir does not exist\n"},
		{"output is a directory", []string{"report", "plan.csv", "--json", "adir"}, 2,
			"linecost: writing adir: it is a directory: give a file name\n"},
		{"far future", []string{"report", "typo.csv", "--today", "2026-12-01", "--json", "out.json"}, 1,
			`linecost: typo.csv:3:1: date: dated after 2031-12-01 (5 years after today, 2026-12-01): a typo? --max-months allows it: "2205-01-15"` + "\n"},
		{"far future, check agrees", []string{"check", "typo.csv", "--today", "2026-12-01"}, 1,
			`typo.csv:3:1: date: dated after 2031-12-01 (5 years after today, 2026-12-01): a typo? --max-months allows it: "2205-01-15"` + "\n"},
		{"--to 9999-12", []string{"report", "plan.csv", "--to", "9999-12", "--json", "out.json"}, 1,
			"linecost: the period 2025-01 to 9999-12 is 95,700 months, more than 120 (from the earliest row, plan.csv:2 (2025-01-15) to --to 9999-12): a typo in a date? --max-months N allows a longer one\n"},
		{"the same file twice", []string{"report", "plan.csv", "./plan.csv", "--json", "out.json"}, 1,
			"linecost: ./plan.csv: the same file as plan.csv, given before it: it would be counted twice (give it once)\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runIn(t, dir, tc.args...)
			if code != tc.code || !strings.HasPrefix(stderr, tc.stderr) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d, stderr:\n%s", code, stderr, tc.code, tc.stderr)
			}
			if _, err := os.Stat(filepath.Join(dir, "out.json")); err == nil {
				t.Errorf("out.json was written")
			}
		})
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "mycat.json")); string(got) != string(cat) {
		t.Errorf("the catalog was overwritten")
	}
	code, _, stderr := runIn(t, dir, "report", "typo.csv", "--today", "2026-12-01", "--max-months", "2200", "--json", "out.json")
	if code != 0 {
		t.Errorf("--max-months 2200: exit %d, %s", code, stderr)
	}
}
