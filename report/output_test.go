package report

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// Tests of writing outputs safely: WriteFile never leaves a partial file
// or clobbers an existing one; CheckOutput refuses to overwrite an input.

// readOrAbsent returns the content of path, or "<absent>".
func readOrAbsent(t *testing.T, path string) string {
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

// onlyFiles checks that dir holds exactly names: no temporary file left.
func onlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	got := tempFiles(t, dir)
	slices.Sort(got)
	slices.Sort(names)
	if !slices.Equal(got, names) {
		t.Errorf("%s holds %q, want %q", dir, got, names)
	}
}

func TestWriteFileSuccess(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "budget.xlsx")
	var tmpName string
	write := func(content string) func(io.Writer) error {
		return func(w io.Writer) error {
			// fn writes to a temporary file beside path, not to path.
			if f, ok := w.(*os.File); ok {
				tmpName = f.Name()
			}
			if got := readOrAbsent(t, path); got == content {
				t.Errorf("path already holds the new content while fn runs")
			}
			_, err := io.WriteString(w, content)
			return err
		}
	}
	if err := WriteFile(context.Background(), path, write("first")); err != nil {
		t.Fatalf("WriteFile: %v", err)
	}
	if got := readOrAbsent(t, path); got != "first" {
		t.Errorf("content %q, want first", got)
	}
	if tmpName == "" || filepath.Dir(tmpName) != dir {
		t.Errorf("temporary file %q is not beside %s (a rename across file systems is not atomic)", tmpName, path)
	}
	onlyFiles(t, dir, "budget.xlsx")

	// Replacing an existing file.
	if err := WriteFile(context.Background(), path, write("second")); err != nil {
		t.Fatalf("WriteFile: %v", err)
	}
	if got := readOrAbsent(t, path); got != "second" {
		t.Errorf("content %q, want second", got)
	}
	onlyFiles(t, dir, "budget.xlsx")

	// A path without a directory is relative to the working directory.
	t.Chdir(dir)
	if err := WriteFile(context.Background(), "plain.json", write("{}")); err != nil {
		t.Fatalf("WriteFile: %v", err)
	}
	if got := readOrAbsent(t, filepath.Join(dir, "plain.json")); got != "{}" {
		t.Errorf("plain.json holds %q", got)
	}
	onlyFiles(t, dir, "budget.xlsx", "plain.json")
}

func TestWriteFileFailure(t *testing.T) {
	boom := errors.New("boom")
	failing := func(w io.Writer) error {
		io.WriteString(w, "half a workbook")
		return boom
	}
	t.Run("existing file", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "budget.xlsx")
		if err := os.WriteFile(path, []byte("last month's report"), 0o644); err != nil {
			t.Fatal(err)
		}
		err := WriteFile(context.Background(), path, failing)
		if !errors.Is(err, boom) || !strings.Contains(err.Error(), path) {
			t.Errorf("WriteFile: %v; want boom, naming the path", err)
		}
		if got := readOrAbsent(t, path); got != "last month's report" {
			t.Errorf("the existing file now holds %q", got)
		}
		onlyFiles(t, dir, "budget.xlsx")
	})
	t.Run("no file", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "budget.xlsx")
		if err := WriteFile(context.Background(), path, failing); !errors.Is(err, boom) {
			t.Errorf("WriteFile: %v; want boom", err)
		}
		onlyFiles(t, dir)
	})
	t.Run("missing directory", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "no", "such", "budget.xlsx")
		called := false
		err := WriteFile(context.Background(), path, func(io.Writer) error { called = true; return nil })
		if err == nil || called {
			t.Errorf("WriteFile into a missing directory: err %v, fn called %v", err, called)
		}
		onlyFiles(t, dir)
	})
}

// TestWriteFileCancelled: Ctrl-C while fn writes leaves the existing file
// as it was and no temporary file.
func TestWriteFileCancelled(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "budget.xlsx")
	if err := os.WriteFile(path, []byte("last month's report"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	started, release, finished := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		<-started
		cancel() // the interrupt arrives while the workbook is being written
	}()
	err := WriteFile(ctx, path, func(w io.Writer) error {
		defer close(finished)
		io.WriteString(w, "half a workbook")
		close(started)
		<-release // a long write, still going when the interrupt comes
		_, err := io.WriteString(w, " and the rest")
		return err
	})
	close(release)
	<-finished
	if !errors.Is(err, context.Canceled) {
		t.Errorf("WriteFile: %v; want context.Canceled", err)
	}
	if got := readOrAbsent(t, path); got != "last month's report" {
		t.Errorf("the existing file now holds %q", got)
	}
	onlyFiles(t, dir, "budget.xlsx")
}

// cancelledContext is a context cancelled before the write began whose
// Done is slow to answer: by the time WriteFile looks at it, fn has
// already finished. It stands for a Ctrl-C that arrives as the last byte
// is written, and makes that moment reproducible.
type cancelledContext struct {
	context.Context
	fnDone <-chan struct{}
}

func (c cancelledContext) Done() <-chan struct{} {
	<-c.fnDone
	time.Sleep(20 * time.Millisecond) // let WriteFile's goroutine report fn's success
	ch := make(chan struct{})
	close(ch)
	return ch
}

func (c cancelledContext) Err() error { return context.Canceled }

// TestWriteFileCancelledBefore: a cancelled context must not let the file
// be replaced, even when fn has finished by the time WriteFile checks.
func TestWriteFileCancelledBefore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "budget.xlsx")
	if err := os.WriteFile(path, []byte("last month's report"), 0o644); err != nil {
		t.Fatal(err)
	}
	replaced := 0
	const tries = 30
	for range tries {
		fnDone := make(chan struct{})
		ctx := cancelledContext{context.Background(), fnDone}
		err := WriteFile(ctx, path, func(w io.Writer) error {
			defer close(fnDone)
			_, err := io.WriteString(w, "new")
			return err
		})
		if err == nil {
			replaced++
			os.WriteFile(path, []byte("last month's report"), 0o644)
		} else if !errors.Is(err, context.Canceled) {
			t.Errorf("WriteFile: %v; want context.Canceled", err)
		}
	}
	if replaced > 0 {
		t.Errorf("with a cancelled context, WriteFile succeeded and replaced the file in %d of %d runs", replaced, tries)
	}
	onlyFiles(t, dir, "budget.xlsx")
}

// TestWriteFileMode: the report gets the permissions any new file gets
// (0666 less the umask), as os.Create would give it, not the 0600 of a
// private temporary file: finance shares these workbooks.
func TestWriteFileMode(t *testing.T) {
	dir := t.TempDir()
	ref := filepath.Join(dir, "reference")
	f, err := os.Create(ref)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	want, err := os.Stat(ref)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "budget.xlsx")
	if err := WriteFile(context.Background(), path, func(w io.Writer) error { return nil }); err != nil {
		t.Fatal(err)
	}
	got, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Mode().Perm() != want.Mode().Perm() {
		t.Errorf("new report has mode %v, want %v (as os.Create gives)", got.Mode().Perm(), want.Mode().Perm())
	}
	// A report that replaces another keeps that one's mode.
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(context.Background(), path, func(w io.Writer) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if got, err := os.Stat(path); err != nil || got.Mode().Perm() != 0o640 {
		t.Errorf("replaced report: %v, %v; want mode 0640 kept", got.Mode().Perm(), err)
	}
}

func TestCheckOutput(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.Mkdir("sub", 0o755); err != nil {
		t.Fatal(err)
	}
	plan := writePlanFile(t, dir, "plan.csv", "date,campaign,friends\n2023-09-01,a,1\n")
	other := writePlanFile(t, dir, "other.csv", "date,campaign,friends\n2023-09-01,a,1\n")
	if err := os.Symlink("plan.csv", filepath.Join(dir, "link.xlsx")); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(plan, filepath.Join(dir, "hard.xlsx")); err != nil {
		t.Fatal(err)
	}
	inputs := []string{"-", "other.csv", "plan.csv"}
	for _, out := range []string{
		"plan.csv",
		"./plan.csv",
		"sub/../plan.csv",
		plan,        // absolute
		"link.xlsx", // a symbolic link to the input
		"hard.xlsx", // a hard link to it
	} {
		err := CheckOutput(out, inputs)
		if err == nil || !strings.Contains(err.Error(), out) || !strings.Contains(err.Error(), "plan.csv") {
			t.Errorf("CheckOutput(%q): %v; want a refusal naming both", out, err)
		}
	}
	// The input given by another path.
	if err := CheckOutput("plan.csv", []string{"sub/../plan.csv"}); err == nil {
		t.Errorf("CheckOutput(plan.csv, [sub/../plan.csv]): no error")
	}
	for _, out := range []string{"budget.xlsx", "sub/budget.xlsx", filepath.Join(dir, "new.json")} {
		if err := CheckOutput(out, inputs); err != nil {
			t.Errorf("CheckOutput(%q) of a new file: %v", out, err)
		}
	}
	// An existing file that is not an input may be replaced.
	if err := CheckOutput(other, []string{plan}); err != nil {
		t.Errorf("CheckOutput(other.csv, [plan.csv]): %v", err)
	}
}
