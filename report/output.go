package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteFile writes path through fn without ever leaving a partial file:
// fn writes to a temporary file beside path, which is synced and renamed
// over path only when fn succeeds. On failure or when ctx is cancelled
// (Ctrl-C), the temporary file is removed and an existing file at path is
// left as it was.
func WriteFile(ctx context.Context, path string, fn func(io.Writer) error) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	// CreateTemp makes the file private (0600); a report is an ordinary
	// document, so it gets the mode os.Create would give it (0644 under the
	// usual umask), or the mode of the file it replaces.
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	done := make(chan error, 1)
	go func() {
		err := fn(tmp)
		if err == nil {
			err = tmp.Sync()
		}
		done <- err
	}()
	select {
	case err = <-done:
	case <-ctx.Done():
	}
	if err == nil {
		err = ctx.Err() // cancelled while fn ran, even if fn finished too
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// CheckOutput refuses an output path that is one of the input files, so
// that a slip of the command line cannot overwrite a plan.
func CheckOutput(output string, inputs []string) error {
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
