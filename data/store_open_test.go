package data

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// fileMode is the permission bits of path.
func fileMode(t *testing.T, path string) os.FileMode {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode().Perm()
}

// The book, its WAL and shared-memory files and its copies are the
// owner's alone: created 0600, and tightened at the next open when
// something made them looser.
func TestOpenRestrictsTheBookFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "relance.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"relance.db", "relance.db-wal", "relance.db-shm"} {
		if m := fileMode(t, filepath.Join(dir, name)); m != 0o600 {
			t.Errorf("%s created %o, want 600", name, m)
		}
	}
	s.Close()
	backup := filepath.Join(dir, "relance.db.bak-2026-03-01")
	if err := os.WriteFile(backup, []byte("copy"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(other, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o664); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, p := range []string{path, path + "-wal", backup} {
		if m := fileMode(t, p); m != 0o600 {
			t.Errorf("%s left %o at open, want 600", filepath.Base(p), m)
		}
	}
	if m := fileMode(t, other); m != 0o644 {
		t.Errorf("a file that is not the book's was changed to %o", m)
	}
}

// A relance.db of 0 bytes is refused with ErrEmptyFile and left as it is,
// not silently turned into a new, empty book.
func TestOpenRefusesAnEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "relance.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if !errors.Is(err, ErrEmptyFile) {
		if s != nil {
			s.Close()
		}
		t.Fatalf("opening a 0-byte book: %v", err)
	}
	if info, err := os.Stat(path); err != nil || info.Size() != 0 {
		t.Fatalf("the empty file was written to: %v, %v", info.Size(), err)
	}
	if _, err := os.Stat(path + "-wal"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a WAL file was created beside the refused book: %v", err)
	}
}
