// Package archive owns a book's archived files: the exact .eml of each
// email sent, the PDFs of the letters printed, the court files, the
// documents and invoice PDFs attached, the PDFs an import copied. The book
// names each by a path relative to the data folder, with forward slashes
// (events.file, outbox.eml, invoices.attachment, ...).
//
// A book in a SQLite file keeps them in its data folder, as files. A
// shared book (on a server: data.Store.Shared) keeps them in the
// database, where every PC finds them: the copy there is the one that
// counts, and the data folder of each PC is a cache of it. Every reader
// and writer of an archived file goes through Files, which knows which.
package archive

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"relance/data"
)

// Files are the archived files of a book. cmd/relance builds one per book
// and hands it to the services and the window.
type Files struct {
	Dir   string      // the data folder: the files, or on a shared book their cache
	Store *data.Store // the book, which keeps the files when it is shared
}

// ErrBadPath refuses a path that is not one of the data folder's: absolute,
// with "..", backslashes or empty parts. The paths come from the book,
// which on a server others write too: none may reach outside the folder.
var ErrBadPath = fmt.Errorf("not a path inside the data folder: %w", data.ErrInvalid)

// ErrFilesInFolder refuses Upload and Download on a book that keeps its
// files in the data folder (a SQLite file): there is nothing to move.
var ErrFilesInFolder = errors.New("the book keeps its files in the data folder")

// maxNumbered bounds the -2, -3... tried for a free name.
const maxNumbered = 1000

// In is f writing into the book through tx, a transaction under way (an
// import's): a file it puts in a shared book is taken back with it.
func (f *Files) In(tx *data.Store) *Files {
	in := *f
	in.Store = tx
	return &in
}

// inBook reports whether the book keeps the files (a shared book).
func (f *Files) inBook() bool { return f.Store != nil && f.Store.Shared() }

// path is where rel is in the data folder.
func (f *Files) path(rel string) (string, error) {
	if !fs.ValidPath(rel) || rel == "." || strings.Contains(rel, `\`) || !filepath.IsLocal(filepath.FromSlash(rel)) {
		return "", fmt.Errorf("archive %q: %w", rel, ErrBadPath)
	}
	return filepath.Join(f.Dir, filepath.FromSlash(rel)), nil
}

// Write archives content under rel: the file in the data folder (its
// folders made as needed), and on a shared book in the book too. An
// archive is never written over: a name taken, in the folder or in the
// book, is refused with an error that matches fs.ErrExist. When the book
// refuses the file, the one just written in the folder is removed, so
// that nothing half-written stays.
func (f *Files) Write(ctx context.Context, rel string, content []byte) error {
	full, err := f.path(rel)
	if err != nil {
		return err
	}
	if err := writeNew(full, rel, content); err != nil {
		return fmt.Errorf("archive %s: %w", rel, err)
	}
	if !f.inBook() {
		return nil
	}
	if err := f.Store.PutFile(ctx, rel, content); err != nil {
		os.Remove(full)
		if errors.Is(err, data.ErrAlreadyExists) {
			return fmt.Errorf("archive %s: %w (%w)", rel, fs.ErrExist, err)
		}
		return fmt.Errorf("archive %s: %w", rel, err)
	}
	return nil
}

// Add archives content under rel, or when that name is taken under the
// first free of rel-2, rel-3... (before the extension: letter-2.pdf), and
// returns the path it took.
func (f *Files) Add(ctx context.Context, rel string, content []byte) (string, error) {
	for n := 1; n <= maxNumbered; n++ {
		name := numbered(rel, n, path.Ext(rel))
		err := f.Write(ctx, name, content)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return name, err
	}
	return "", fmt.Errorf("archive %s: %d names taken: %w", rel, maxNumbered, fs.ErrExist)
}

// numbered is rel, or rel with -n before its extension ext.
func numbered(rel string, n int, ext string) string {
	if n == 1 {
		return rel
	}
	return strings.TrimSuffix(rel, ext) + "-" + strconv.Itoa(n) + ext
}

// Replace writes content under rel again, whatever it held: only for a
// queued email, dated again as it goes out so that its archive stays the
// exact bytes sent. Any other archive is written once (Write).
func (f *Files) Replace(ctx context.Context, rel string, content []byte) error {
	full, err := f.path(rel)
	if err != nil {
		return err
	}
	if f.inBook() {
		if err := f.Store.ReplaceFile(ctx, rel, content); err != nil {
			return fmt.Errorf("archive %s: %w", rel, err)
		}
	}
	if err := writeOver(full, rel, content); err != nil {
		return fmt.Errorf("archive %s: %w", rel, err)
	}
	return nil
}

// Read is the archived file rel's content: from the book when it keeps
// the files, else from the data folder. A file that is in neither is an
// error that matches fs.ErrNotExist.
func (f *Files) Read(ctx context.Context, rel string) ([]byte, error) {
	full, err := f.path(rel)
	if err != nil {
		return nil, err
	}
	if f.inBook() {
		content, err := f.Store.File(ctx, rel)
		if errors.Is(err, data.ErrNotFound) {
			return nil, fmt.Errorf("archive %s: %w (%w)", rel, fs.ErrNotExist, err)
		}
		return content, err
	}
	content, err := os.ReadFile(full)
	if err != nil {
		return nil, fmt.Errorf("archive %s: %w", rel, err)
	}
	return content, nil
}

// Exists reports whether an archive is under rel, in the data folder or,
// on a shared book, in the book.
func (f *Files) Exists(ctx context.Context, rel string) (bool, error) {
	full, err := f.path(rel)
	if err != nil {
		return false, err
	}
	if _, err := os.Lstat(full); err == nil {
		return true, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("archive %s: %w", rel, err)
	}
	if !f.inBook() {
		return false, nil
	}
	return f.bookHas(ctx, rel)
}

// bookHas reports whether the book keeps a file under rel, or files
// inside a folder rel.
func (f *Files) bookHas(ctx context.Context, rel string) (bool, error) {
	if has, err := f.Store.HasFile(ctx, rel); err != nil || has {
		return has, err
	}
	inside, err := f.Store.ListFilePaths(ctx, rel)
	return len(inside) > 0, err
}

// Remove takes the archived file rel away: from the data folder, and from
// the book when it keeps the files. One already gone is no error.
func (f *Files) Remove(ctx context.Context, rel string) error {
	full, err := f.path(rel)
	if err != nil {
		return err
	}
	var errs []error
	if err := os.Remove(full); err != nil && !errors.Is(err, fs.ErrNotExist) {
		errs = append(errs, err)
	}
	if f.inBook() {
		if err := f.Store.DeleteFile(ctx, rel); err != nil && !errors.Is(err, data.ErrNotFound) {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("remove archive %s: %w", rel, err)
	}
	return nil
}
