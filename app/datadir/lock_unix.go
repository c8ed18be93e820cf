//go:build unix

package datadir

import (
	"os"

	"golang.org/x/sys/unix"
)

// errWouldBlock is what tryLock returns when someone else holds the lock.
var errWouldBlock = unix.EWOULDBLOCK

// tryLock takes an exclusive flock without waiting. flock locks belong to the open
// file description, so a second open of the file conflicts even within this
// process; Go opens files close-on-exec, so programs we start (a PDF viewer) do not
// inherit the lock.
func tryLock(f *os.File) error {
	return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
}

func unlock(f *os.File) error {
	return unix.Flock(int(f.Fd()), unix.LOCK_UN)
}
