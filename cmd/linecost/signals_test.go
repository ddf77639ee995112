//go:build unix

package main

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The signal tests run linecost for real, as a child process: the test
// binary itself, which TestMain turns into linecost when asMainEnv is set
// (so that `go test -race` covers the child too).

const asMainEnv = "LINECOST_TEST_AS_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(asMainEnv) == "1" {
		main()
	}
	os.Exit(m.Run())
}

// child is linecost started with args, its TMPDIR in a directory of its
// own.
type child struct {
	cmd    *exec.Cmd
	tmp    string
	stderr strings.Builder
}

func startChild(t *testing.T, stdin io.Reader, stdout *os.File, args ...string) *child {
	t.Helper()
	c := &child{tmp: t.TempDir()}
	c.cmd = exec.Command(os.Args[0], args...)
	c.cmd.Env = append(os.Environ(), asMainEnv+"=1", "TMPDIR="+c.tmp)
	c.cmd.Stdin, c.cmd.Stderr = stdin, &c.stderr
	if stdout != nil {
		c.cmd.Stdout = stdout
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.cmd.Process.Kill(); c.cmd.Wait() })
	return c
}

// waitFor polls until a file matching pattern exists (glob), or fails.
func waitFor(t *testing.T, pattern string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if m, _ := filepath.Glob(pattern); len(m) > 0 {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatalf("no %s appeared", pattern)
}

// exitCode waits for the child and returns its exit status.
func (c *child) exitCode(t *testing.T) int {
	t.Helper()
	err := c.cmd.Wait()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return c.cmd.ProcessState.ExitCode()
}

// leftovers lists what is left in dir (recursively), but the names in keep.
func leftovers(t *testing.T, dir string, keep ...string) []string {
	t.Helper()
	var left []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if p != dir && err == nil {
			rel, _ := filepath.Rel(dir, p)
			for _, k := range keep {
				if rel == k {
					return nil
				}
			}
			left = append(left, rel)
		}
		return nil
	})
	return left
}

const planHead = "date,account,campaign,friends\n"

// TestSignalDuringRead: Ctrl-C while a piped plan was being read left the
// row spill and the copy of standard input in TMPDIR; SIGTERM and SIGHUP
// were not handled at all. The plan comes through a pipe that stays open,
// so that the child is still reading when the signal comes.
func TestSignalDuringRead(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out.xlsx")
			os.WriteFile(out, []byte("the old workbook"), 0o644)
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			c := startChild(t, r, nil, "report", "-", "-o", out, "--json", filepath.Join(dir, "out.json"))
			r.Close()
			io.WriteString(w, planHead+"2025-01-15,A,a,100\n")
			waitFor(t, filepath.Join(c.tmp, "linecost-*", "linecost-plan-*"))
			c.cmd.Process.Signal(sig)
			if code := c.exitCode(t); code != 128+int(sig) {
				t.Errorf("exit %d, want %d; stderr %q", code, 128+int(sig), c.stderr.String())
			}
			if c.stderr.String() != "" {
				t.Errorf("stderr %q, want nothing", c.stderr.String())
			}
			if left := leftovers(t, c.tmp); len(left) > 0 {
				t.Errorf("left in TMPDIR: %q", left)
			}
			if left := leftovers(t, dir, "out.xlsx"); len(left) > 0 {
				t.Errorf("left beside the output: %q", left)
			}
			if b, _ := os.ReadFile(out); string(b) != "the old workbook" {
				t.Errorf("out.xlsx changed")
			}
		})
	}
}

// TestSignalDuringWrite: SIGTERM while the outputs were being written
// left a hidden .out.xlsx.tmp-* beside the output and excelize's files in
// TMPDIR. The JSON goes to a FIFO nobody reads: the child blocks there
// with the workbook's temporary file written.
func TestSignalDuringWrite(t *testing.T) {
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.csv")
	os.WriteFile(plan, []byte(planHead+"2025-01-15,A,a,100\n2025-02-15,B,b,200\n"), 0o644)
	out, fifo := filepath.Join(dir, "out.xlsx"), filepath.Join(dir, "fifo")
	os.WriteFile(out, []byte("the old workbook"), 0o644)
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	c := startChild(t, nil, nil, "report", plan, "-o", out, "--json", fifo)
	waitFor(t, filepath.Join(dir, ".linecost-*.tmp"))
	time.Sleep(50 * time.Millisecond) // into the open of the FIFO
	c.cmd.Process.Signal(syscall.SIGTERM)
	if code := c.exitCode(t); code != 143 {
		t.Errorf("exit %d, want 143; stderr %q", code, c.stderr.String())
	}
	if left := leftovers(t, c.tmp); len(left) > 0 {
		t.Errorf("left in TMPDIR: %q", left)
	}
	if left := leftovers(t, dir, "out.xlsx", "plan.csv", "fifo"); len(left) > 0 {
		t.Errorf("left beside the output: %q", left)
	}
	if b, _ := os.ReadFile(out); string(b) != "the old workbook" {
		t.Errorf("out.xlsx changed")
	}
}

// TestBrokenPipe: `linecost report plan --json - | head` was killed by
// SIGPIPE, leaving its temporary files. Now the run ends quietly with
// status 141, nothing left, and the workbook not replaced.
func TestBrokenPipe(t *testing.T) {
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.csv")
	os.WriteFile(plan, []byte(planHead+"2025-01-15,A,a,100\n"), 0o644)
	out := filepath.Join(dir, "out.xlsx")
	os.WriteFile(out, []byte("the old workbook"), 0o644)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close() // the reader is gone before the first byte
	c := startChild(t, nil, w, "report", plan, "-o", out, "--json", "-")
	w.Close()
	if code := c.exitCode(t); code != 141 {
		t.Errorf("exit %d, want 141; stderr %q", code, c.stderr.String())
	}
	if c.stderr.String() != "" {
		t.Errorf("stderr %q, want nothing", c.stderr.String())
	}
	if left := leftovers(t, c.tmp); len(left) > 0 {
		t.Errorf("left in TMPDIR: %q", left)
	}
	if left := leftovers(t, dir, "out.xlsx", "plan.csv"); len(left) > 0 {
		t.Errorf("left beside the output: %q", left)
	}
	if b, _ := os.ReadFile(out); string(b) != "the old workbook" {
		t.Errorf("out.xlsx changed")
	}
}
