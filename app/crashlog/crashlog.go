// Package crashlog keeps what a crash of the app said: each run writes the
// Go runtime's crash output (a panic in any goroutine, a fatal error) to a
// file of its own in the data folder, removed when the run ends normally,
// so that a file left with something in it is a crash the next start can
// offer to show. Fyne-free: the window says it.
package crashlog

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"
)

// Naming: crash-<start time>-<pid>.log while it may be written; a report
// the owner was shown is renamed with ".seen".
const (
	prefix   = "crash-"
	ext      = ".log"
	seenMark = ".seen"
)

// Start makes the runtime write this run's crash output to a new file in
// dir as well as to stderr. stop, at a normal end, removes the file (it is
// empty) and puts the crash output back to stderr alone.
func Start(dir string, now time.Time) (stop func(), err error) {
	removeEmpty(dir) // runs killed, not crashed, leave their empty file
	name := fmt.Sprintf("%s%s-%d%s", prefix, now.Format("20060102-150405"), os.Getpid(), ext)
	path := filepath.Join(dir, name)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return func() {}, fmt.Errorf("crash log: %w", err)
	}
	if err := debug.SetCrashOutput(f, debug.CrashOptions{}); err != nil {
		f.Close()
		os.Remove(path)
		return func() {}, fmt.Errorf("crash log: %w", err)
	}
	return func() {
		_ = debug.SetCrashOutput(nil, debug.CrashOptions{})
		f.Close()
		if st, err := os.Stat(path); err == nil && st.Size() == 0 {
			os.Remove(path)
		}
	}, nil
}

// removeEmpty deletes the empty files of former runs: the data folder's
// lock lets one run at a time, so none is being written.
func removeEmpty(dir string) {
	files, _ := filepath.Glob(filepath.Join(dir, prefix+"*"+ext))
	for _, f := range files {
		if st, err := os.Stat(f); err == nil && st.Size() == 0 {
			_ = os.Remove(f)
		}
	}
}

// Report is a crash a former run left.
type Report struct {
	Path string
	At   time.Time // when that run started
}

// Reports lists the crashes former runs left and the owner was not shown
// yet, oldest first. The file of a run still going (empty) is no crash.
func Reports(dir string) ([]Report, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("crash reports: %w", err)
	}
	var out []Report
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, ext) || strings.HasSuffix(name, seenMark+ext) {
			continue
		}
		info, err := e.Info()
		if err != nil || info.Size() == 0 {
			continue
		}
		at, err := time.ParseInLocation("20060102-150405", strings.TrimPrefix(name, prefix)[:15], time.Local)
		if err != nil {
			at = info.ModTime()
		}
		out = append(out, Report{Path: filepath.Join(dir, name), At: at})
	}
	slices.SortFunc(out, func(a, b Report) int { return a.At.Compare(b.At) })
	return out, nil
}

// Seen marks a report shown: it stays in the folder, and is not offered
// again.
func Seen(r Report) error {
	return os.Rename(r.Path, strings.TrimSuffix(r.Path, ext)+seenMark+ext)
}
