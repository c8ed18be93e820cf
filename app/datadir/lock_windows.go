//go:build windows

package datadir

import (
	"os"

	"golang.org/x/sys/windows"
)

// errWouldBlock is what tryLock returns when someone else holds the lock.
var errWouldBlock = windows.ERROR_LOCK_VIOLATION

// lockOffsetHigh places the locked byte at 4 GiB, past the PID text at the start of
// the file: Windows locks are mandatory, and locking the PID bytes would stop the
// second instance from reading who holds the lock.
const lockOffsetHigh = 1

// tryLock takes an exclusive LockFileEx lock without waiting. Windows locks belong
// to the file handle, so a second open of the file conflicts even within this
// process.
func tryLock(f *os.File) error {
	ol := windows.Overlapped{OffsetHigh: lockOffsetHigh}
	return windows.LockFileEx(windows.Handle(f.Fd()),
		windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
}

func unlock(f *os.File) error {
	ol := windows.Overlapped{OffsetHigh: lockOffsetHigh}
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &ol)
}
