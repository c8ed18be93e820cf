// Package genbooktest gives tests and benchmarks (only they import it) a
// realistic generated book without paying for its generation each time:
// each size is generated once into os.TempDir()/relance-bench, shared by
// every package's benchmarks and by later runs, and each caller gets its
// own copy to read or write.
package genbooktest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"relance/app/datadir"
	"relance/app/genbook"
	"relance/data"
)

// Today is the last day of the books Cached gives: benchmarks plan as of
// this day (data.ClockOn(genbooktest.Today)).
var Today = data.MustDate("2026-06-01")

// Seed is the seed of the books Cached gives.
const Seed = 1

// lockWait is how long Cached waits for another process generating a book
// (a million invoices take minutes).
const lockWait = 30 * time.Minute

// Cached returns the path of a fresh copy, in tb.TempDir(), of the
// generated book of that many invoices (one client for ten), as of Today.
// Its folder is a data folder (datadir.DBPath of it is the path).
func Cached(tb testing.TB, invoices int) string {
	tb.Helper()
	src, err := cachedBook(invoices)
	if err != nil {
		tb.Fatalf("generated book of %d invoices: %v", invoices, err)
	}
	dst := datadir.DBPath(tb.TempDir())
	if err := copyFile(src, dst); err != nil {
		tb.Fatalf("copy the generated book: %v", err)
	}
	return dst
}

// cachedBook returns the shared book's path, generating it first when no
// process did. The book is named after everything that shapes it: its
// size, seed, schema and the generator's version. It is generated
// under the cache folder's lock into a temporary file, then renamed: a
// reader never sees half a book, and two processes never both generate it.
func cachedBook(invoices int) (string, error) {
	dir := filepath.Join(os.TempDir(), "relance-bench")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	schema, err := schemaKey(dir)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, fmt.Sprintf("book-%d-%d-%s.g%d.db", invoices, Seed, schema, genbook.Version))
	if exists(path) {
		return path, nil
	}
	lock, err := waitForLock(dir)
	if err != nil {
		return "", err
	}
	defer lock.Release()
	if exists(path) { // another process generated it while this one waited
		return path, nil
	}
	tmp := path + ".tmp"
	for _, f := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
		if err := os.Remove(f); err != nil && !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
	}
	if err := generate(tmp, invoices); err != nil {
		return "", err
	}
	return path, os.Rename(tmp, path)
}

// schemaKey names the schema the migrations give a new book: its version
// and a digest of its statements, so that a migration edited in place
// (while it is being written) gives another name, not a stale book.
func schemaKey(dir string) (string, error) {
	scratch, err := os.MkdirTemp(dir, "schema-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(scratch)
	path := filepath.Join(scratch, "schema.db")
	store, err := data.Open(path)
	if err != nil {
		return "", err
	}
	version, err := store.SchemaVersion(context.Background())
	if err = errors.Join(err, store.Close()); err != nil {
		return "", err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return "", err
	}
	defer db.Close()
	var schema string
	err = db.QueryRow(`SELECT group_concat(sql, ';') FROM
		(SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY type, name)`).Scan(&schema)
	sum := sha256.Sum256([]byte(schema))
	return fmt.Sprintf("%d-%x", version, sum[:4]), err
}

func generate(path string, invoices int) error {
	store, err := data.Open(path, data.WithClock(data.ClockOn(Today)))
	if err != nil {
		return err
	}
	_, err = genbook.Write(context.Background(), store, genbook.Options{Invoices: invoices, Today: Today, Seed: Seed})
	// Closing the last connection checkpoints the WAL into the file and
	// removes it: the file alone is the book.
	return errors.Join(err, store.Close())
}

// waitForLock takes the cache folder's lock, waiting while another process
// holds it.
func waitForLock(dir string) (*datadir.InstanceLock, error) {
	deadline := time.Now().Add(lockWait)
	for {
		lock, err := datadir.Lock(dir)
		if err == nil || !errors.Is(err, datadir.ErrLocked) || time.Now().After(deadline) {
			return lock, err
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
