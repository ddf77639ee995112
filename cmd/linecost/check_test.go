package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// checkCases is the folder of golden cases for `linecost check`: one
// folder per case with the plan file(s), an optional args file (one
// argument per line; by default every plan file in the folder, sorted),
// and the expected output:
//
//	want.json  standard output of `linecost check --json ARGS`
//	want.txt   `linecost check ARGS`: the command, standard output,
//	           standard error and the exit code
const checkCases = "../../testdata/check"

func TestCheckGolden(t *testing.T) {
	writeFixtures(t, checkCases)
	dirs, err := os.ReadDir(checkCases)
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 60 {
		t.Errorf("only %d cases under %s", len(dirs), checkCases)
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		t.Run(d.Name(), func(t *testing.T) {
			dir, err := filepath.Abs(filepath.Join(checkCases, d.Name()))
			if err != nil {
				t.Fatal(err)
			}
			args := caseArgs(t, dir)
			t.Chdir(dir)

			code, stdout, stderr := runCommand(nil, append([]string{"check", "--json"}, args...)...)
			golden(t, filepath.Join(dir, "want.json"), []byte(stdout))
			var out checkJSON
			if err := json.Unmarshal([]byte(stdout), &out); err != nil {
				t.Fatalf("--json printed something that is not JSON: %v\n%s", err, stdout)
			}
			wantCode := exitOK
			if len(out.Errors) > 0 {
				wantCode = exitInput
			}
			if code != wantCode {
				t.Errorf("--json: exit %d with %d errors; want %d\n%s", code, len(out.Errors), wantCode, stderr)
			}
			for _, e := range out.Errors {
				positioned := e.Line >= 1 && e.Column >= 1
				if e.File == "" || e.Message == "" || !positioned && !(e.Line == 0 && isWholeFile(e.Message)) {
					t.Errorf("error without a file or position: %+v", e)
				}
			}
			if strings.HasPrefix(d.Name(), "bad-") != (len(out.Errors) > 0) {
				t.Errorf("case %s has %d errors: bad-* cases need errors, the others none", d.Name(), len(out.Errors))
			}

			code, stdout, stderr = runCommand(nil, append([]string{"check"}, args...)...)
			var b strings.Builder
			fmt.Fprintf(&b, "$ linecost check %s\n%s", strings.Join(args, " "), stdout)
			if stderr != "" {
				fmt.Fprintf(&b, "-- stderr --\n%s", stderr)
			}
			fmt.Fprintf(&b, "-- exit %d --\n", code)
			golden(t, filepath.Join(dir, "want.txt"), []byte(b.String()))
		})
	}
}

// isWholeFile reports the messages of problems with a file as a whole,
// which have no line.
func isWholeFile(msg string) bool {
	for _, s := range []string{"xls workbook", "not an xlsx workbook", "no sheet named", "has no sheets"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

func caseArgs(t *testing.T, dir string) []string {
	t.Helper()
	if b, err := os.ReadFile(filepath.Join(dir, "args")); err == nil {
		return strings.Fields(string(b))
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var args []string
	for _, e := range entries {
		if n := e.Name(); !strings.HasPrefix(n, "want.") && n != "args" {
			args = append(args, n)
		}
	}
	slices.Sort(args)
	return args
}

// runCommand runs linecost with args and the given standard input.
func runCommand(stdin []byte, args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(append([]string{"linecost"}, args...), bytes.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestCheckCommandLine(t *testing.T) {
	plan := "date,campaign,friends\n2025-01-15,Spring,100\n"
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.csv")
	if err := os.WriteFile(path, []byte(plan), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // a part of it
		stderr string // a part of it
	}{
		{"no plan", []string{"check"}, exitUsage, "", "check needs at least one plan file"},
		{"unknown flag", []string{"check", "--nope", path}, exitUsage, "", "flag provided but not defined: -nope"},
		{"bad encoding", []string{"check", "--encoding", "latin1", path}, exitUsage, "", `--encoding: want utf-8, big5, utf-16le or utf-16be, not "latin1"`},
		{"encoding without value", []string{"check", path, "--encoding"}, exitUsage, "", "flag needs a value: --encoding"},
		{"stdin twice", []string{"check", "-", "-"}, exitUsage, "", "standard input (-) can be read only once"},
		{"missing file", []string{"check", filepath.Join(dir, "nope.csv")}, exitFailure, "", "no such file or directory"},
		{"directory", []string{"check", dir}, exitFailure, "", "is a directory"},
		{"ok", []string{"check", path}, exitOK, "plan.csv  utf-8, comma     1         1       1       100", ""},
		{"flags after the plan", []string{"check", path, "--json"}, exitOK, `"messages": 100`, ""},
		{"stdin", []string{"check", "--json", "-"}, exitOK, `"account": "stdin"`, ""},
		{"sheet ignored for csv", []string{"check", "--sheet", "Plan", path}, exitOK, "1", ""},
		{"help has an example", []string{"check", "--help"}, exitOK, "linecost check plans/2025-01.csv plans/2025-02.xlsx", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCommand([]byte(plan), tt.args...)
			if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("linecost %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s\nwant stdout to contain %q, stderr %q",
					strings.Join(tt.args, " "), code, tt.code, stdout, stderr, tt.stdout, tt.stderr)
			}
		})
	}
}

func TestCheckFlags(t *testing.T) {
	var got checkOptions
	app := newApp(nil, &bytes.Buffer{}, &bytes.Buffer{})
	cmd := app.Command("check")
	cmd.Action = func(c *cli.Context) error {
		var err error
		got, err = checkFlags(c)
		return err
	}
	args, err := reorderArgs(app, []string{"linecost", "check", "a.csv", "--encoding", "big5", "b.xlsx", "--sheet", "二月", "--json"})
	if err != nil {
		t.Fatal(err)
	}
	if err := app.Run(args); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.paths, []string{"a.csv", "b.xlsx"}) || got.input.Encoding != "big5" || got.input.Sheet != "二月" || !got.json {
		t.Errorf("checkFlags = %+v", got)
	}
}
