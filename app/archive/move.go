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
)

// Upload puts in the book every archived file it refers to
// (data.Store.ListArchivedPaths; the files of a court file's folder) that
// is in the data folder: the move of a book to a server, once its records
// are there. progress, when set, is told how many files of total are
// done. The files the book names that the folder lacks are returned: they
// were removed by hand, or never written. Run again, Upload puts nothing
// twice; a file the book already holds other bytes for is an error.
func (f *Files) Upload(ctx context.Context, progress func(done, total int)) (missing []string, err error) {
	if !f.inBook() {
		return nil, ErrFilesInFolder
	}
	named, err := f.Store.ListArchivedPaths(ctx)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, rel := range named {
		found, err := f.localFiles(rel)
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, ErrBadPath) {
			missing = append(missing, rel)
			continue
		}
		if err != nil {
			return missing, err
		}
		files = append(files, found...)
	}
	for i, rel := range files {
		if err := ctx.Err(); err != nil {
			return missing, err
		}
		full, _ := f.path(rel) // checked by localFiles
		content, err := os.ReadFile(full)
		if err != nil {
			return missing, fmt.Errorf("upload %s: %w", rel, err)
		}
		if err := f.Store.PutFile(ctx, rel, content); err != nil {
			return missing, fmt.Errorf("upload %s: %w", rel, err)
		}
		if progress != nil {
			progress(i+1, len(files))
		}
	}
	return missing, nil
}

// localFiles are the files of the data folder that rel names: itself, or
// the files inside it when it is a folder (a court file).
func (f *Files) localFiles(rel string) ([]string, error) {
	full, err := f.path(rel)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(full)
	if err != nil {
		return nil, fmt.Errorf("upload %s: %w", rel, err)
	}
	if !info.IsDir() {
		return []string{rel}, nil
	}
	var out []string
	err = filepath.WalkDir(full, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") { // .archive-*: a copy interrupted
			return err
		}
		inner, err := filepath.Rel(f.Dir, p)
		out = append(out, filepath.ToSlash(inner))
		return err
	})
	return out, err
}

// Download writes into the data folder every file the book keeps, in
// place of a copy there that differs (a cached email dated again since):
// the move of a shared book back to a file, before the records leave the
// server. progress, when set, is told how many files of total are done.
func (f *Files) Download(ctx context.Context, progress func(done, total int)) error {
	if !f.inBook() {
		return ErrFilesInFolder
	}
	paths, err := f.Store.ListFilePaths(ctx, "")
	if err != nil {
		return err
	}
	for i, rel := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		full, err := f.path(rel)
		if err != nil {
			return err
		}
		content, err := f.Store.File(ctx, rel)
		if err != nil {
			return fmt.Errorf("download %s: %w", rel, err)
		}
		if local, err := os.ReadFile(full); err != nil || !bytes.Equal(local, content) {
			if err := writeOver(full, rel, content); err != nil {
				return fmt.Errorf("download %s: %w", rel, err)
			}
		}
		if progress != nil {
			progress(i+1, len(paths))
		}
	}
	return nil
}
