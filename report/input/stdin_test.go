package input

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Standard input is copied to a temporary file (the reader passes over a
// file twice), and the copy is gone when the reading is done, whether the
// plan is good or not.
func TestStandardInputIsSpooledAndRemoved(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	for _, plan := range []string{
		"date,campaign,friends\n2025-03-01,Spring,500\n2025-03-02,Spring,700\n",
		"date,campaign,friends\n2025-03-01,Spring,12x\n",
	} {
		var messages int64
		_, _, err := ReadFiles([]string{"-"}, Options{Stdin: strings.NewReader(plan)}, func(r Row) error {
			messages += r.Messages
			return nil
		})
		if strings.Contains(plan, "12x") {
			if err == nil || !strings.Contains(err.Error(), `-:2:19: friends: not a whole number: "12x"`) {
				t.Errorf("bad plan: err = %v", err)
			}
		} else if err != nil || messages != 1200 {
			t.Errorf("good plan: %d messages, err %v", messages, err)
		}
		left, _ := filepath.Glob(filepath.Join(tmp, "linecost-plan-*"))
		if len(left) > 0 {
			t.Errorf("temporary copies left behind: %v", left)
		}
	}
}

// A plan redirected from a file (`linecost check - < plan.csv`) is read
// in place, without a copy, and left open for the caller.
func TestStandardInputFromAFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plan.csv")
	if err := os.WriteFile(path, []byte("date,campaign,friends\n2025-03-01,Spring,500\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	if _, _, err := ReadFiles([]string{"-"}, Options{Stdin: f}, func(Row) error { n++; return nil }); err != nil || n != 1 {
		t.Fatalf("%d rows, err %v", n, err)
	}
	if _, err := f.Stat(); err != nil {
		t.Errorf("standard input was closed: %v", err)
	}
}
