package delivery

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Layout is where the service keeps its folders. NewLayout puts them all
// under one folder; any of them can be placed elsewhere, as long as all are
// on one file system (every move is a rename).
type Layout struct {
	Inbox      string // plans are dropped here
	Processing string // the plan in hand
	Done       string // plans handled, in done/YYYY-MM/
	Failed     string // plans with errors, each beside NAME.errors.txt
	Outbox     string // the workbooks (and JSON)
	Spool      string // mail not yet accepted by the server
	State      string // the journal
}

// NewLayout is the layout of folders under dir.
func NewLayout(dir string) Layout {
	j := func(n string) string { return filepath.Join(dir, n) }
	return Layout{
		Inbox: j("inbox"), Processing: j("processing"), Done: j("done"), Failed: j("failed"),
		Outbox: j("outbox"), Spool: j("spool"), State: j("state"),
	}
}

// folders names every folder of l with its flag name.
func (l Layout) folders() []struct{ name, path string } {
	return []struct{ name, path string }{
		{"inbox", l.Inbox}, {"processing", l.Processing}, {"done", l.Done}, {"failed", l.Failed},
		{"outbox", l.Outbox}, {"spool", l.Spool}, {"state", l.State},
	}
}

// Create makes the folders that are missing, and the spool's own
// subfolders.
func (l Layout) Create() error {
	for _, f := range l.folders() {
		if err := os.MkdirAll(f.path, 0o755); err != nil {
			return fmt.Errorf("%s folder: %w", f.name, err)
		}
	}
	for _, sub := range []string{spoolSent, spoolFailed} {
		if err := os.MkdirAll(filepath.Join(l.Spool, sub), 0o755); err != nil {
			return fmt.Errorf("spool folder: %w", err)
		}
	}
	return nil
}

// Check verifies, without changing anything, that every folder exists, is
// a folder, is writable, and that all are on one file system. It returns
// every problem found, joined.
func (l Layout) Check() error {
	var errs []error
	var first string
	var firstDev uint64
	for _, f := range l.folders() {
		st, err := os.Stat(f.path)
		if errors.Is(err, os.ErrNotExist) {
			errs = append(errs, fmt.Errorf("%s folder %s does not exist (linecost watch creates it)", f.name, f.path))
			continue
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s folder %s: %w", f.name, f.path, err))
			continue
		}
		if !st.IsDir() {
			errs = append(errs, fmt.Errorf("%s folder %s: not a folder", f.name, f.path))
			continue
		}
		if err := writable(f.path); err != nil {
			errs = append(errs, fmt.Errorf("%s folder %s: not writable: %w", f.name, f.path, err))
		}
		dev, ok := device(st)
		if !ok {
			continue
		}
		if first == "" {
			first, firstDev = f.name, dev
		} else if dev != firstDev {
			errs = append(errs, fmt.Errorf("%s folder %s is not on the file system of the %s folder: moves between them would not be atomic renames", f.name, f.path, first))
		}
	}
	return errors.Join(errs...)
}

// writable creates and removes a file in dir (access(2) is not enough on
// network file systems and read-only mounts).
func writable(dir string) error {
	f, err := os.CreateTemp(dir, ".linecost-check"+tmpMark+"*")
	if err != nil {
		return err
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}
