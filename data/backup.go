package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// Why a file cannot be restored (BackupError.Reason).
const (
	BackupNotABook = "not_a_book" // not a SQLite file, or not a Relance book
	BackupDamaged  = "damaged"    // integrity_check found damage
	BackupNewer    = "newer"      // written by a newer Relance: this one cannot read it
)

// BackupError says why a file cannot be restored, in a few kinds the
// window and the command line say in words.
type BackupError struct {
	Path   string
	Reason string
	Detail string // what SQLite said, for the log
}

func (e *BackupError) Error() string {
	return fmt.Sprintf("backup %s: %s (%s)", e.Path, e.Reason, e.Detail)
}

// BackupInfo is what a backup holds, for the owner to check before
// restoring it.
type BackupInfo struct {
	Schema   int // its schema version
	Clients  int
	Invoices int
}

// BackupTo writes a consistent copy of the whole book to path (VACUUM
// INTO: a snapshot, compacted, readable while the app writes), through a
// temporary file renamed into place so that a copy cut short never takes
// path's name. The copy is readable by the owner only. An existing file at
// path is replaced.
func (s *Store) BackupTo(ctx context.Context, path string) error {
	if s.tx != nil {
		return errors.New("back up: cannot run inside a transaction")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("back up: %w", err)
	}
	tmp := path + ".part"
	_ = os.Remove(tmp) // a copy an earlier run left unfinished
	if err := s.snapshotTo(ctx, tmp); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("back up to %s: %w", path, translate(err))
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("back up to %s: %w", path, err)
	}
	if err := syncFile(tmp); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("back up to %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("back up to %s: %w", path, err)
	}
	return nil
}

// snapshotTo writes the book into a new file at path: SQLite's VACUUM
// INTO for a file; for a shared book, a book file made there and filled
// by CopyBook from one snapshot of the server, its archived files with it
// (they are in the book): a backup a PC keeps of the office's book,
// readable and restorable as any other.
func (s *Store) snapshotTo(ctx context.Context, path string) error {
	if !s.server {
		_, err := s.write.ExecContext(ctx, `VACUUM INTO ?`, path)
		return err
	}
	file, err := Open(path, WithClock(s.clock))
	if err != nil {
		return err
	}
	_, err = CopyBook(ctx, s, file, nil)
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	for _, side := range []string{"-wal", "-shm"} {
		_ = os.Remove(path + side)
	}
	return err
}

// syncFile flushes a file to the disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// LatestSchema is the schema version this build of Relance brings a book
// to: a backup above it was written by a newer Relance.
func LatestSchema() int {
	list, err := loadMigrations(migrationsFS)
	if err != nil || len(list) == 0 {
		return 0
	}
	return list[len(list)-1].version
}

// CheckBackup opens a backup read-only, without changing it, and checks
// it can be restored: a Relance book (its schema_migrations table), not
// damaged (PRAGMA integrity_check), of a schema this Relance reads. The
// refusal is a *BackupError.
func CheckBackup(ctx context.Context, path string) (BackupInfo, error) {
	var info BackupInfo
	refuse := func(reason string, err error) (BackupInfo, error) {
		detail := ""
		if err != nil {
			detail = err.Error()
		}
		return info, &BackupError{Path: path, Reason: reason, Detail: detail}
	}
	st, err := os.Stat(path)
	if err != nil {
		return info, fmt.Errorf("backup %s: %w", path, err)
	}
	if !st.Mode().IsRegular() || st.Size() == 0 {
		return refuse(BackupNotABook, errors.New("not a regular, non-empty file"))
	}
	// immutable=1: the file is only read, no -wal or -shm is made beside it
	// (a backup on a read-only USB key opens too).
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&immutable=1")
	if err != nil {
		return refuse(BackupNotABook, err)
	}
	defer db.Close()
	var result string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check(1)`).Scan(&result); err != nil {
		if strings.Contains(err.Error(), "not a database") || strings.Contains(err.Error(), "file is encrypted") {
			return refuse(BackupNotABook, err)
		}
		return refuse(BackupDamaged, err)
	}
	if result != "ok" {
		return refuse(BackupDamaged, errors.New(result))
	}
	if info.Schema, err = schemaVersion(ctx, db); err != nil {
		return refuse(BackupNotABook, err)
	}
	if info.Schema == 0 {
		return refuse(BackupNotABook, errors.New("no migration recorded"))
	}
	if info.Schema > LatestSchema() {
		return refuse(BackupNewer, fmt.Errorf("schema %d, this Relance knows up to %d", info.Schema, LatestSchema()))
	}
	err = db.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM clients), (SELECT COUNT(*) FROM invoices)`).Scan(
		&info.Clients, &info.Invoices)
	if err != nil {
		return refuse(BackupNotABook, err)
	}
	return info, nil
}
