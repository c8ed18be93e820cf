package datadir

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// ErrLocked reports that another running Relance holds the data directory.
// Errors returned by Lock match it with errors.Is; errors.As to *LockedError
// gives the directory and the other process's id.
var ErrLocked = errors.New("data directory is in use by another Relance")

// LockedError is returned by Lock when another process holds the data directory.
type LockedError struct {
	Dir string // the data directory
	PID int    // the holder's process id, 0 when unknown
}

func (e *LockedError) Error() string {
	if e.PID > 0 {
		return fmt.Sprintf("%s: %s (process %d)", ErrLocked, e.Dir, e.PID)
	}
	return fmt.Sprintf("%s: %s", ErrLocked, e.Dir)
}

// Unwrap makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Unwrap() error { return ErrLocked }

// InstanceLock is a held single-instance lock on a data directory.
type InstanceLock struct {
	f *os.File
}

// Lock takes the single-instance lock on dir without waiting: it fails with a
// *LockedError (matching ErrLocked) when another process, or another Lock in this
// process, holds it. The lock is an OS file lock on dir/relance.lock, so the OS
// drops it when the process ends, however it ends: a crash leaves no stale lock and
// the file's presence means nothing. The holder's PID is written into the file
// only so that the error can name it.
func Lock(dir string) (*InstanceLock, error) {
	path := filepath.Join(dir, LockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open lock file: %w", err)
	}
	if err := tryLock(f); err != nil {
		f.Close()
		if errors.Is(err, errWouldBlock) {
			return nil, &LockedError{Dir: dir, PID: readPID(path)}
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := writePID(f); err != nil {
		unlock(f)
		f.Close()
		return nil, fmt.Errorf("write lock file %s: %w", path, err)
	}
	return &InstanceLock{f: f}, nil
}

// Release drops the lock. The file stays: deleting it would let a process that
// opened it just before lock an unlinked file while a third one creates a new one.
func (l *InstanceLock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := errors.Join(unlock(l.f), l.f.Close())
	l.f = nil
	if err != nil {
		return fmt.Errorf("release data directory lock: %w", err)
	}
	return nil
}

func writePID(f *os.File) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	_, err := f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return err
}

// readPID returns the PID recorded in the lock file, 0 when it cannot be read: the
// holder may be between truncating and writing it.
func readPID(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(string(bytes.TrimSpace(b)))
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}
