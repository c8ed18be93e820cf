package backup

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"relance/data"
)

// archiveDB is the database's name inside the zip.
const archiveDB = "relance.db"

// skipped reports whether a file of the data folder stays out of the zip:
// the live database and its companions (a snapshot goes in instead), the
// lock, the log, the backups and what a restore kept aside.
func skipped(rel string) bool {
	base := path.Base(rel)
	switch {
	case strings.HasPrefix(rel, Dir+"/"), rel == "relance.lock", rel == "relance.log",
		strings.HasPrefix(base, "relance.db"), strings.HasSuffix(base, ".part"), strings.HasPrefix(rel, importDir+"/"):
		return true
	}
	return false
}

// Export writes to w one zip of the whole book: a snapshot of the database
// and every archived file of the data folder (sent emails, letters,
// attachments), for another PC (Import).
func Export(ctx context.Context, store *data.Store, dataDir string, w io.Writer) error {
	snapshot, err := os.CreateTemp(dataDir, "export-*.part")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	snapshot.Close()
	defer os.Remove(snapshot.Name())
	if err := store.BackupTo(ctx, snapshot.Name()); err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	if err := addFile(zw, snapshot.Name(), archiveDB); err != nil {
		return err
	}
	err = walkFiles(ctx, dataDir, func(p, rel string) error {
		if skipped(rel) {
			return nil
		}
		return addFile(zw, p, rel)
	})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return zw.Close()
}

func addFile(zw *zip.Writer, src, name string) error {
	f, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("export %s: %w", name, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: info.ModTime()}
	h.SetMode(0o600)
	dst, err := zw.CreateHeader(h)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, f); err != nil {
		return fmt.Errorf("export %s: %w", name, err)
	}
	return nil
}

// importDir is where Import unpacks before anything of the book moves.
const importDir = ".import"

// ErrNoBookInZip is returned when the zip holds no relance.db.
var ErrNoBookInZip = errors.New("the zip holds no Relance book (relance.db)")

// Import puts the book of a zip made by Export in dataDir: it unpacks into
// a folder of its own, checks the database (data.CheckBackup), then keeps
// the current book aside (as Restore does) and moves the zip's files in.
// A zip entry that would land outside the data folder is refused. The
// caller has closed the book and holds the data folder's lock.
func Import(ctx context.Context, dataDir, zipPath string, now time.Time) (info data.BackupInfo, keptAs string, err error) {
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		return info, "", fmt.Errorf("import %s: %w", zipPath, err)
	}
	defer zr.Close()
	tmp := filepath.Join(dataDir, importDir)
	if err := os.RemoveAll(tmp); err != nil {
		return info, "", err
	}
	defer os.RemoveAll(tmp)
	hasDB := false
	for _, f := range zr.File {
		if err := ctx.Err(); err != nil {
			return info, "", err
		}
		name := f.Name
		if !fs.ValidPath(name) || strings.Contains(name, `\`) {
			return info, "", fmt.Errorf("import %s: the entry %q would land outside the data folder", zipPath, name)
		}
		if f.FileInfo().IsDir() {
			continue
		}
		if name != archiveDB && skipped(name) {
			continue
		}
		hasDB = hasDB || name == archiveDB
		if err := unpack(f, filepath.Join(tmp, filepath.FromSlash(name))); err != nil {
			return info, "", fmt.Errorf("import %s: %s: %w", zipPath, name, err)
		}
	}
	if !hasDB {
		return info, "", fmt.Errorf("import %s: %w", zipPath, ErrNoBookInZip)
	}
	info, keptAs, err = Restore(ctx, dataDir, filepath.Join(tmp, archiveDB), now)
	if err != nil {
		return info, "", err
	}
	// The archived files next: the book refers to them by their path in
	// the data folder.
	err = walkFiles(ctx, tmp, func(p, rel string) error {
		if rel == archiveDB {
			return nil
		}
		dst := filepath.Join(dataDir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
			return err
		}
		return os.Rename(p, dst)
	})
	if err != nil {
		return info, keptAs, fmt.Errorf("import %s: the archived files: %w", zipPath, err)
	}
	return info, keptAs, nil
}

// walkFiles calls fn on each regular file under root, with its path and
// its path relative to root (with slashes), until ctx is done.
func walkFiles(ctx context.Context, root string, fn func(path, rel string) error) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		return fn(p, filepath.ToSlash(rel))
	})
}

// unpack writes one zip entry to dst, readable by the owner only.
func unpack(f *zip.File, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return err
	}
	src, err := f.Open()
	if err != nil {
		return err
	}
	defer src.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, src); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
