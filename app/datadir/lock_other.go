//go:build !unix && !windows

package datadir

import (
	"errors"
	"os"
)

// errWouldBlock is what tryLock returns when someone else holds the lock.
var errWouldBlock = errors.New("lock held")

// tryLock fails: this platform has no file locks we rely on, and running without
// the single-instance guarantee would risk the database.
func tryLock(*os.File) error { return errors.ErrUnsupported }

func unlock(*os.File) error { return nil }
