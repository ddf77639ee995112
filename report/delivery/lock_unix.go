//go:build unix

package delivery

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lockState takes the state folder for this process: two services on one
// folder (a cron --once beside the daemon) would each keep their own
// journal and could mail a plan twice. The lock goes with the process, even
// on kill -9.
func lockState(dir string) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(dir, "lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("another linecost watch is running on %s", dir)
		}
		return nil, err
	}
	return func() { f.Close() }, nil
}
