package report

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// TestWriteFilesDevice: `--json /dev/null` as root replaced the device
// with a plain file. A device is written in place, also through a link.
func TestWriteFilesDevice(t *testing.T) {
	link := filepath.Join(t.TempDir(), "null.json")
	if err := os.Symlink("/dev/null", link); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/dev/null", link} {
		if err := WriteFile(context.Background(), path, writeString("{}")); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if st, err := os.Stat("/dev/null"); err != nil || st.Mode()&fs.ModeCharDevice == 0 {
			t.Fatalf("/dev/null is now %v (%v)", st.Mode(), err)
		}
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", st.Mode(), err)
	}
	onlyFiles(t, filepath.Dir(link), "null.json")
}

// TestWriteFilesLink: a symbolic link to a regular file replaces the file
// it points to and stays a link.
func TestWriteFilesLink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.json")
	if err := os.WriteFile(real, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "out.json")
	if err := os.Symlink("real.json", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(context.Background(), link, writeString("new")); err != nil {
		t.Fatal(err)
	}
	if got := readOrAbsent(t, real); got != "new" {
		t.Errorf("target holds %q", got)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if st, _ := os.Stat(real); st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640 kept", st.Mode().Perm())
	}
	onlyFiles(t, dir, "real.json", "out.json")
}

// TestWriteFilesTogether: when the JSON write failed (full disk, Ctrl-C),
// out.xlsx had already been renamed over. Now neither output changes, and
// no temporary file is left; the same when the stream (the JSON on
// standard output) fails.
func TestWriteFilesTogether(t *testing.T) {
	dir := t.TempDir()
	xlsx, js := filepath.Join(dir, "out.xlsx"), filepath.Join(dir, "out.json")
	os.WriteFile(xlsx, []byte("old xlsx"), 0o644)
	os.WriteFile(js, []byte("old json"), 0o644)
	full := errors.New("no space left on device")
	err := WriteFiles(context.Background(), nil, []Output{{xlsx, writeString("new xlsx")}, {js, func(io.Writer) error { return full }}}, nil)
	if !errors.Is(err, full) {
		t.Fatalf("got %v", err)
	}
	err = WriteFiles(context.Background(), nil, []Output{{xlsx, writeString("new xlsx")}}, func() error { return full })
	if !errors.Is(err, full) {
		t.Fatalf("stream: got %v", err)
	}
	if readOrAbsent(t, xlsx) != "old xlsx" || readOrAbsent(t, js) != "old json" {
		t.Errorf("an output changed: %q %q", readOrAbsent(t, xlsx), readOrAbsent(t, js))
	}
	onlyFiles(t, dir, "out.xlsx", "out.json")
	// A stopped TempFiles (a signal) lets nothing be renamed.
	var temps TempFiles
	err = WriteFiles(context.Background(), &temps, []Output{{xlsx, func(io.Writer) error { temps.Stop(); return nil }}}, nil)
	if err == nil || readOrAbsent(t, xlsx) != "old xlsx" {
		t.Errorf("after Stop: %v, %q", err, readOrAbsent(t, xlsx))
	}
	onlyFiles(t, dir, "out.xlsx", "out.json")
}

// TestWriteFilesRefused: a missing directory named a temporary file in
// its message; a directory, a socket are refused; a name of 251 bytes,
// valid, was refused because the temporary name was too long.
func TestWriteFilesRefused(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.Mkdir("adir", 0o755)
	l, err := net.Listen("unix", filepath.Join(dir, "sock"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	for path, want := range map[string]string{
		"missingdir/out.xlsx": "writing missingdir/out.xlsx: directory missingdir does not exist",
		"adir":                "writing adir: it is a directory: give a file name",
		"sock":                "writing sock: a socket or other special file, not a regular file, device or FIFO: refused",
	} {
		err := WriteFile(context.Background(), path, writeString("x"))
		if err == nil || !strings.HasPrefix(err.Error(), want[:min(len(want), 40)]) {
			t.Errorf("%s: got %v, want %s", path, err, want)
		}
		if cerr := CheckOutput(path, nil); cerr == nil {
			t.Errorf("CheckOutput(%s) passed", path)
		}
	}
	long := strings.Repeat("n", 246) + ".json"
	if err := WriteFile(context.Background(), long, writeString("x")); err != nil || readOrAbsent(t, long) != "x" {
		t.Errorf("a 251-byte name: %v", err)
	}
}
