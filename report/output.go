package report

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Output is one file a run writes.
type Output struct {
	Path  string
	Write func(io.Writer) error
}

// WriteFile is WriteFiles with one output and no TempFiles.
func WriteFile(ctx context.Context, path string, fn func(io.Writer) error) error {
	return WriteFiles(ctx, nil, []Output{{path, fn}}, nil)
}

// WriteFiles writes the outputs so that a failed run changes none of them:
// every output that is (or will be) a regular file is written to a
// temporary file beside it and synced; then stream, when not nil, runs
// (the JSON on standard output); and only when all of that succeeded are
// the temporaries renamed over their outputs, together, under temps's
// lock, so that a signal handler sees either none or all of them in place.
// On failure, or when ctx is cancelled (Ctrl-C), the temporaries are
// removed.
//
// Only a regular file is ever replaced. An output that is a symbolic link
// replaces the file it points to, not the link; a device or a FIFO (such
// as /dev/null) is written in place, after the temporaries and before the
// renames; a directory, a socket or anything else is refused, as is an
// output whose directory does not exist.
func WriteFiles(ctx context.Context, temps *TempFiles, outs []Output, stream func() error) error {
	if temps == nil {
		temps = &TempFiles{}
	}
	targets := make([]target, len(outs))
	for i, o := range outs {
		t, err := resolveOutput(o.Path)
		if err != nil {
			return err
		}
		targets[i] = t
	}
	var tmps []string // the temporary files made, removed unless renamed
	defer func() {
		for _, name := range tmps {
			temps.remove(name)
		}
	}()
	for i, o := range outs {
		t := targets[i]
		if t.inPlace {
			continue
		}
		tmp, err := temps.create(filepath.Dir(t.path), t.mode)
		if err != nil {
			return fmt.Errorf("writing %s: %w", o.Path, err)
		}
		tmps = append(tmps, tmp.Name())
		err = writeSynced(ctx, tmp, o.Write)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("writing %s: %w", o.Path, err)
		}
	}
	for i, o := range outs {
		if t := targets[i]; t.inPlace {
			if err := writeInPlace(ctx, t.path, o.Write); err != nil {
				return fmt.Errorf("writing %s: %w", o.Path, err)
			}
		}
	}
	if stream != nil {
		if err := stream(); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("writing the outputs: %w", err)
	}
	var paths []string
	for _, t := range targets {
		if !t.inPlace {
			paths = append(paths, t.path)
		}
	}
	if err := temps.commit(tmps, paths); err != nil {
		return err
	}
	tmps = nil
	return nil
}

// target is where an output's bytes go.
type target struct {
	path    string      // the output, or the regular file its link points to
	inPlace bool        // a device or FIFO: written directly
	mode    fs.FileMode // of the file replaced, or what os.Create gives
}

// resolveOutput decides how path is written.
func resolveOutput(path string) (target, error) {
	t := target{path: path, mode: 0o644}
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		dir := filepath.Dir(path)
		st, err := os.Stat(dir)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return t, fmt.Errorf("writing %s: directory %s does not exist", path, dir)
		case err != nil:
			return t, fmt.Errorf("writing %s: %w", path, err)
		case !st.IsDir():
			return t, fmt.Errorf("writing %s: %s is not a directory", path, dir)
		}
		return t, nil
	}
	if err != nil {
		return t, fmt.Errorf("writing %s: %w", path, err)
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		// Stat follows the link as open does (also /dev/stdout to a pipe);
		// a regular file is replaced where it really is.
		if fi, err = os.Stat(path); err != nil {
			return t, fmt.Errorf("writing %s: a symbolic link to nothing usable: %w", path, err)
		}
		if fi.Mode().IsRegular() {
			real, err := filepath.EvalSymlinks(path)
			if err != nil {
				return t, fmt.Errorf("writing %s: %w", path, err)
			}
			t.path = real
		}
	}
	switch m := fi.Mode(); {
	case m.IsRegular():
		t.mode = m.Perm()
	case m.IsDir():
		return t, fmt.Errorf("writing %s: it is a directory: give a file name", path)
	case m&(fs.ModeDevice|fs.ModeCharDevice|fs.ModeNamedPipe) != 0:
		t.inPlace = true
	default:
		return t, fmt.Errorf("writing %s: a socket or other special file, not a regular file, device or FIFO: refused", path)
	}
	return t, nil
}

// writeSynced runs fn on f and syncs f; a cancelled ctx stops the wait.
func writeSynced(ctx context.Context, f *os.File, fn func(io.Writer) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() {
		err := fn(f)
		if err == nil {
			err = f.Sync()
		}
		done <- err
	}()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
	}
	if err == nil {
		err = ctx.Err() // cancelled while fn ran, even if fn finished too
	}
	return err
}

// writeInPlace writes a device or a FIFO.
func writeInPlace(ctx context.Context, path string, fn func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	err = fn(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = ctx.Err()
	}
	return err
}

// TempFiles are the temporary files of a run's outputs, beside them. The
// zero value is ready to use. Stop, called by a signal handler, removes
// them and lets no further one be created or renamed.
type TempFiles struct {
	mu      sync.Mutex
	names   map[string]bool
	stopped bool
}

// errStopped is what a create or a commit after Stop returns.
var errStopped = errors.New("stopped")

// create makes a temporary file in dir with mode. Its name is short
// (".linecost-" and 12 hex digits), so that an output name of up to 255
// bytes still works.
func (t *TempFiles) create(dir string, mode fs.FileMode) (*os.File, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return nil, errStopped
	}
	for range 100 {
		var b [6]byte
		rand.Read(b[:])
		name := filepath.Join(dir, ".linecost-"+hex.EncodeToString(b[:])+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		// OpenFile's mode is cut by the umask; the report gets the mode os.Create would give it, or the one of the file it replaces.
		if err := f.Chmod(mode); err != nil {
			f.Close()
			os.Remove(name)
			return nil, err
		}
		if t.names == nil {
			t.names = map[string]bool{}
		}
		t.names[name] = true
		return f, nil
	}
	return nil, errors.New("cannot make a temporary file name")
}

// remove deletes a temporary file.
func (t *TempFiles) remove(name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	os.Remove(name)
	delete(t.names, name)
}

// commit renames every temporary file over its output, all under the lock.
func (t *TempFiles) commit(names, paths []string) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return errStopped
	}
	for i, name := range names {
		if err := os.Rename(name, paths[i]); err != nil {
			// The outputs renamed before cannot be put back: say which.
			done := ""
			if i > 0 {
				done = fmt.Sprintf(" (%v already replaced)", paths[:i])
			}
			return fmt.Errorf("writing %s: %w%s", paths[i], err, done)
		}
		delete(t.names, name)
	}
	return nil
}

// Stop removes every temporary file and refuses to make or rename any
// other: a signal handler calls it just before the process exits.
func (t *TempFiles) Stop() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.stopped = true
	for name := range t.names {
		os.Remove(name)
	}
	t.names = nil
}

// CheckOutput refuses an output path that is one of the input files
// (plans, catalogs), so that a slip of the command line cannot overwrite
// one.
//
// It also makes the checks of WriteFiles that can be made before the run,
// so that a missing directory is reported before the plans are read.
func CheckOutput(output string, inputs []string) error {
	if _, err := resolveOutput(output); err != nil {
		return err
	}
	out, err := os.Stat(output)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, in := range inputs {
		if st, err := os.Stat(in); err == nil && os.SameFile(out, st) {
			return fmt.Errorf("output %s is the input file %s: choose another output name", output, in)
		}
	}
	return nil
}
