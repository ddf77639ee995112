package input

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// endless is a stream that never ends (`linecost report - < /dev/zero`),
// up to a safety stop far past the bound under test, so that a reader
// without the bound fails instead of filling the disk.
type endless struct{ read, stop int64 }

var errSafetyStop = errors.New("test: read far past the bound")

func (e *endless) Read(p []byte) (int, error) {
	if e.read >= e.stop {
		return 0, errSafetyStop
	}
	n := int(min(int64(len(p)), e.stop-e.read))
	clear(p[:n])
	e.read += int64(n)
	return n, nil
}

// TestStandardInputBounded: a plan on standard input (or from a FIFO) is
// copied to disk up to maxSpool bytes; past it the reading stops with an
// error that names the bound, and the copy is removed.
func TestStandardInputBounded(t *testing.T) {
	lower(t, &maxSpool, 1<<20)
	tmp := t.TempDir()
	in := &endless{stop: 16 << 20}
	_, _, err := ReadFiles([]string{"-"}, Options{Stdin: in, TempDir: tmp}, func(Row) error { return nil })
	// An input error (exit 1), as past any other bound.
	want := "standard input: more than 1 MiB: a plan that cannot be read twice in place (standard input, a FIFO) is copied to a temporary file, up to that size"
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want an input error %q", err, want)
	}
	if in.read > maxSpool+64<<10 {
		t.Errorf("read %d bytes, past the bound of %d", in.read, maxSpool)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
	// At the bound exactly, the plan is read (and here found empty of rows).
	_, _, err = ReadFiles([]string{"-"}, Options{Stdin: strings.NewReader("date,campaign,friends\n" + strings.Repeat(" ", int(maxSpool)-22)), TempDir: tmp}, func(Row) error { return nil })
	if err != nil && strings.Contains(err.Error(), "more than 1 MiB") {
		t.Errorf("a plan of exactly the bound: %v", err)
	}
}
