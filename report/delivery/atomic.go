package delivery

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// writeFileAtomic writes data to path through a temporary file in the same
// folder, synced and then renamed over path, and syncs the folder: after a
// crash path holds either the old or the new content, never a part.
func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+tmpMark+"*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(mode)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return syncDir(dir)
}

// tmpMark is in the name of every temporary file delivery makes
// (".NAME.tmp-RANDOM"), so that a restart after a kill -9 can remove the
// ones left behind (see removeTemps).
const tmpMark = ".tmp-"

// syncDir makes the renames inside dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// renameDurable renames from to to and syncs both folders.
func renameDurable(from, to string) error {
	if err := os.Rename(from, to); err != nil {
		return err
	}
	if err := syncDir(filepath.Dir(to)); err != nil {
		return err
	}
	if filepath.Dir(from) != filepath.Dir(to) {
		return syncDir(filepath.Dir(from))
	}
	return nil
}

// removeTemps removes the temporary files a killed process left in dir.
func removeTemps(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, e := range entries {
		if n := e.Name(); isTemp(n) && !e.IsDir() {
			if err := os.Remove(filepath.Join(dir, n)); err == nil {
				removed = append(removed, n)
			}
		}
	}
	return removed, nil
}

// isTemp reports whether name is a temporary file of delivery
// (".NAME.tmp-RANDOM") or of report.WriteFiles (".linecost-HEX.tmp").
func isTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, tmpMark) ||
		strings.HasPrefix(name, ".linecost-") && strings.HasSuffix(name, ".tmp")
}

// freeName returns a name in dir like name that no entry has yet:
// "plan.csv", then "plan (2).csv", "plan (3).csv", ...
func freeName(dir, name string) string {
	if _, err := os.Lstat(filepath.Join(dir, name)); os.IsNotExist(err) {
		return name
	}
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for i := 2; ; i++ {
		n := stem + " (" + strconv.Itoa(i) + ")" + ext
		if _, err := os.Lstat(filepath.Join(dir, n)); os.IsNotExist(err) {
			return n
		}
	}
}
