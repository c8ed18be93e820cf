package archive

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"relance/data"
)

// Local is the archived file (or folder: a court file's) rel in the data
// folder, an absolute path to open or to attach. On a shared book, a file
// missing from the folder is first fetched from the book, and a folder's
// files missing from it too: the folder is a cache. An email is always
// read from the book there, since another PC may have dated it as it sent
// it (Replace). A file that is in neither is an error that matches
// fs.ErrNotExist; the path comes back with it, for the message that says
// which file is missing.
func (f *Files) Local(ctx context.Context, rel string) (string, error) {
	full, err := f.path(rel)
	if err != nil {
		return "", err
	}
	if f.inBook() && isEmail(rel) {
		return full, f.refresh(ctx, rel, full)
	}
	info, err := os.Stat(full)
	switch {
	case err == nil && (!info.IsDir() || !f.inBook()):
		return full, nil
	case err == nil: // a folder of a shared book: its files another PC wrote
		return full, f.fetchFolder(ctx, rel, true)
	case !errors.Is(err, fs.ErrNotExist):
		return full, fmt.Errorf("archive %s: %w", rel, err)
	case !f.inBook():
		return full, fmt.Errorf("archive %s: %w", rel, fs.ErrNotExist)
	}
	content, err := f.Store.File(ctx, rel)
	switch {
	case errors.Is(err, data.ErrNotFound):
		return full, f.fetchFolder(ctx, rel, false)
	case err != nil:
		return full, fmt.Errorf("archive %s: %w", rel, err)
	}
	if err := writeOver(full, rel, content); err != nil {
		return full, fmt.Errorf("archive %s: %w", rel, err)
	}
	return full, nil
}

// refresh makes the data folder's copy of rel the book's, when the book
// keeps one; else the folder's own copy stands.
func (f *Files) refresh(ctx context.Context, rel, full string) error {
	content, err := f.Store.File(ctx, rel)
	if errors.Is(err, data.ErrNotFound) {
		if _, err := os.Stat(full); err != nil {
			return fmt.Errorf("archive %s: %w", rel, err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("archive %s: %w", rel, err)
	}
	if cached, err := os.ReadFile(full); err == nil && bytes.Equal(cached, content) {
		return nil
	}
	if err := writeOver(full, rel, content); err != nil {
		return fmt.Errorf("archive %s: %w", rel, err)
	}
	return nil
}

// fetchFolder copies into the data folder the files of the book inside
// the folder rel that it lacks; there is nothing to fetch when the book
// keeps none, which is fs.ErrNotExist unless the folder is there.
func (f *Files) fetchFolder(ctx context.Context, rel string, there bool) error {
	inside, err := f.Store.ListFilePaths(ctx, rel)
	if err != nil {
		return fmt.Errorf("archive %s: %w", rel, err)
	}
	if len(inside) == 0 && !there {
		return fmt.Errorf("archive %s: %w", rel, fs.ErrNotExist)
	}
	for _, p := range inside {
		if err := f.fetch(ctx, p); err != nil {
			return err
		}
	}
	return nil
}

// fetch copies the book's file rel into the data folder, unless there.
func (f *Files) fetch(ctx context.Context, rel string) error {
	full, err := f.path(rel)
	if err != nil {
		return err
	}
	if _, err := os.Stat(full); err == nil {
		return nil
	}
	content, err := f.Store.File(ctx, rel)
	if err != nil {
		return fmt.Errorf("archive %s: %w", rel, err)
	}
	if err := writeOver(full, rel, content); err != nil {
		return fmt.Errorf("archive %s: %w", rel, err)
	}
	return nil
}

// AddFolder archives a folder of files (a court file) under rel, or when
// that name is taken under the first free of rel-2, rel-3...: fill writes
// the files into the folder made for it, which the book then keeps too
// when it is shared, all of them or none. It returns the path it took.
// The folder is removed again when fill or the book fails.
func (f *Files) AddFolder(ctx context.Context, rel string, fill func(dir string) error) (string, error) {
	for n := 1; n <= maxNumbered; n++ {
		name := numbered(rel, n, "")
		full, err := f.path(name)
		if err != nil {
			return "", err
		}
		taken, err := f.makeFolder(ctx, name, full)
		if err != nil {
			return "", fmt.Errorf("archive %s: %w", name, err)
		}
		if taken {
			continue
		}
		err = fill(full)
		if err == nil {
			err = f.putFolder(ctx, full)
		}
		if err != nil {
			os.RemoveAll(full)
		}
		if errors.Is(err, data.ErrAlreadyExists) { // another PC took the name meanwhile
			continue
		}
		return name, err
	}
	return "", fmt.Errorf("archive %s: %d names taken: %w", rel, maxNumbered, fs.ErrExist)
}

// makeFolder makes the folder rel, unless its name is taken in the data
// folder or, on a shared book, in the book.
func (f *Files) makeFolder(ctx context.Context, rel, full string) (taken bool, err error) {
	_, dirMode := modes(rel)
	if err := os.MkdirAll(filepath.Dir(full), dirMode); err != nil {
		return false, err
	}
	if err := os.Mkdir(full, dirMode); errors.Is(err, fs.ErrExist) {
		return true, nil
	} else if err != nil {
		return false, err
	}
	if !f.inBook() {
		return false, nil
	}
	inBook, err := f.bookHas(ctx, rel)
	if inBook || err != nil {
		os.Remove(full)
	}
	return inBook, err
}

// putFolder puts in the book, when it keeps the files, every file of the
// folder full, in one transaction.
func (f *Files) putFolder(ctx context.Context, full string) error {
	if !f.inBook() {
		return nil
	}
	return f.Store.InTx(ctx, func(tx *data.Store) error {
		return filepath.WalkDir(full, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
				return err
			}
			rel, err := filepath.Rel(f.Dir, p)
			if err != nil {
				return err
			}
			content, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return tx.PutFile(ctx, filepath.ToSlash(rel), content)
		})
	})
}

// modes are the permissions of an archived file and of the folders made
// for it: the emails are the owner's only, as the mail archive always
// was; printed documents and attached PDFs are readable by others.
func modes(rel string) (file, dir fs.FileMode) {
	if isEmail(rel) {
		return 0o600, 0o700
	}
	return 0o644, 0o755
}

// isEmail reports whether rel is in the mail archive (mail/<year>/...).
func isEmail(rel string) bool {
	top, _, _ := strings.Cut(rel, "/")
	return top == "mail"
}

// writeNew writes a new file, all of it synced to disk, and fails with
// fs.ErrExist when the name is taken: an archive is never written over.
// A file that could not be written whole is removed.
func writeNew(full, rel string, content []byte) error {
	fileMode, dirMode := modes(rel)
	if err := os.MkdirAll(filepath.Dir(full), dirMode); err != nil {
		return err
	}
	out, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, fileMode)
	if err != nil {
		return err
	}
	_, werr := out.Write(content)
	serr := out.Sync()
	cerr := out.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(full)
		return err
	}
	return nil
}

// writeOver writes a file whole or not at all, in place of any there (a
// queued email dated again, a copy of the book's in the cache): a
// temporary file synced to disk, then renamed.
func writeOver(full, rel string, content []byte) error {
	fileMode, dirMode := modes(rel)
	dir := filepath.Dir(full)
	if err := os.MkdirAll(dir, dirMode); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".archive-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(content)
	serr := tmp.Sync()
	cerr := tmp.Close()
	if err := errors.Join(werr, serr, cerr, os.Chmod(tmp.Name(), fileMode)); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), full); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
