package delivery

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// doneSuffix marks a drop as complete: NAME.done beside NAME has the plan
// taken at once, without waiting for it to settle.
const doneSuffix = ".done"

// planExts are the plan files read; anything else in the inbox is ignored.
var planExts = map[string]bool{".csv": true, ".txt": true, ".xlsx": true}

// ignoredReason says why a name in the inbox is never taken, or "" when it
// may be a plan (a folder, or a file with a plan extension).
func ignoredReason(name string, dir bool) string {
	lower := strings.ToLower(name)
	switch {
	case strings.HasPrefix(name, "."):
		return "hidden file"
	case strings.HasPrefix(name, "~$"):
		return "office lock file"
	}
	for _, s := range []string{".tmp", ".part", ".crdownload", ".partial"} {
		if strings.HasSuffix(lower, s) {
			return "file still being written (" + s + ")"
		}
	}
	if dir {
		return ""
	}
	if !planExts[filepath.Ext(lower)] {
		return "not a plan file (.csv, .txt or .xlsx)"
	}
	return ""
}

// signature is what must stay unchanged for a drop to have settled: every
// plan file's path, size and modification time.
type signature string

// candidate is a name in the inbox that may become a plan.
type candidate struct {
	name   string
	dir    bool
	sig    signature
	marker bool // NAME.done is there
}

// scanInbox lists the inbox: the candidates, and the names ignored with
// their reason. Done markers are matched to their drop.
func scanInbox(inbox string) ([]candidate, map[string]string, error) {
	entries, err := os.ReadDir(inbox)
	if err != nil {
		return nil, nil, err
	}
	markers := map[string]bool{}
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, doneSuffix) && !e.IsDir() && !strings.HasPrefix(n, ".") {
			markers[strings.TrimSuffix(n, doneSuffix)] = true
		}
	}
	ignored := map[string]string{}
	var cs []candidate
	for _, e := range entries {
		n := e.Name()
		if strings.HasSuffix(n, doneSuffix) && !e.IsDir() && !strings.HasPrefix(n, ".") {
			continue // a marker, handled with its drop
		}
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 {
			ignored[n] = "symbolic link"
			continue
		}
		if !isDir && !e.Type().IsRegular() {
			ignored[n] = "not a regular file"
			continue
		}
		if why := ignoredReason(n, isDir); why != "" {
			ignored[n] = why
			continue
		}
		if isDir {
			// A folder is created before its files are copied in: an
			// empty one is not a drop yet.
			if fs, err := planFiles(filepath.Join(inbox, n), true); err == nil && len(fs) == 0 {
				ignored[n] = "folder with no plan file (yet)"
				continue
			}
		}
		sig, err := sign(filepath.Join(inbox, n), isDir)
		if err != nil {
			continue // gone meanwhile: the next scan sees
		}
		cs = append(cs, candidate{name: n, dir: isDir, sig: sig, marker: markers[n]})
	}
	return cs, ignored, nil
}

// sign is the signature of a file, or of every file under a folder.
func sign(path string, dir bool) (signature, error) {
	if !dir {
		st, err := os.Stat(path)
		if err != nil {
			return "", err
		}
		return signature(stamp(".", st)), nil
	}
	var b strings.Builder
	err := filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		st, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(path, p)
		b.WriteString(stamp(rel, st))
		return nil
	})
	return signature(b.String()), err
}

func stamp(rel string, st os.FileInfo) string {
	return rel + "\x00" + st.Mode().String() + "\x00" + itoa64(st.Size()) + "\x00" + st.ModTime().UTC().Format(time.RFC3339Nano) + "\n"
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// planFiles lists the plan files of a drop in processing/: the file itself,
// or every plan file under the folder (ignored names skipped), sorted.
func planFiles(path string, dir bool) ([]string, error) {
	if !dir {
		return []string{path}, nil
	}
	var files []string
	err := filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == path {
			return nil
		}
		if ignoredReason(d.Name(), d.IsDir()) != "" {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() && d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

// settler remembers when each candidate's signature last changed.
type settler struct {
	seen map[string]seen
}

type seen struct {
	sig   signature
	since time.Time
}

// ready returns the candidates that have settled (or have a done marker)
// at now, and the earliest time another will have, zero if none waits.
func (s *settler) ready(cs []candidate, now time.Time, settle time.Duration) ([]candidate, time.Time) {
	if s.seen == nil {
		s.seen = map[string]seen{}
	}
	keep := map[string]seen{}
	var out []candidate
	var next time.Time
	for _, c := range cs {
		x, ok := s.seen[c.name]
		if !ok || x.sig != c.sig {
			x = seen{c.sig, now}
		}
		keep[c.name] = x
		due := x.since.Add(settle)
		if c.marker || !now.Before(due) {
			out = append(out, c)
			continue
		}
		if next.IsZero() || due.Before(next) {
			next = due
		}
	}
	s.seen = keep
	return out, next
}

func (s *settler) forget(name string) { delete(s.seen, name) }
