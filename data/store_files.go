package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"unicode/utf8"
)

// The archived files (the exact .eml of each email sent, the PDFs
// printed, court files, the documents and invoice PDFs attached) are named
// in the book by a path relative to the data folder, with forward slashes.
// A book in a SQLite file keeps them in its data folder; a shared book,
// whose PCs each have a data folder of their own, keeps them in its files
// table, where every PC finds them (app/archive decides which, and is the
// one caller of these methods).

// PutFile keeps an archived file in the book under rel. A file is written
// once: the same path again with the same bytes does nothing (a move to a
// server run again), with other bytes it is refused with ErrAlreadyExists
// (another PC took that name meanwhile).
func (s *Store) PutFile(ctx context.Context, rel string, content []byte) error {
	if rel == "" {
		return fmt.Errorf("put file: %w", invalid("path", ReasonRequired, ""))
	}
	res, err := s.writer().ExecContext(ctx, `INSERT INTO files (path, content, size_bytes, added_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (path) DO NOTHING`, rel, nonNil(content), len(content), timeText(s.Now()))
	if err != nil {
		return fmt.Errorf("put file %s: %w", rel, translate(err))
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err
	}
	var same bool
	err = s.writer().QueryRowContext(ctx, `SELECT size_bytes = ? AND content = ? FROM files WHERE path = ?`,
		len(content), nonNil(content), rel).Scan(&same)
	if err != nil {
		return fmt.Errorf("put file %s: %w", rel, translate(err))
	}
	if !same {
		return fmt.Errorf("put file %s: the book holds another file under this name: %w", rel, ErrAlreadyExists)
	}
	return nil
}

// ReplaceFile writes an archived file again under rel, whatever it held:
// only for the one file whose bytes change before they count, a queued
// email dated again as it goes out (the archive is the exact bytes sent).
func (s *Store) ReplaceFile(ctx context.Context, rel string, content []byte) error {
	if rel == "" {
		return fmt.Errorf("replace file: %w", invalid("path", ReasonRequired, ""))
	}
	_, err := s.writer().ExecContext(ctx, `INSERT INTO files (path, content, size_bytes, added_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (path) DO UPDATE SET content = excluded.content, size_bytes = excluded.size_bytes, added_at = excluded.added_at`,
		rel, nonNil(content), len(content), timeText(s.Now()))
	if err != nil {
		return fmt.Errorf("replace file %s: %w", rel, translate(err))
	}
	return nil
}

// File is the archived file the book keeps under rel; ErrNotFound when it
// keeps none.
func (s *Store) File(ctx context.Context, rel string) ([]byte, error) {
	var content []byte
	err := s.reader().QueryRowContext(ctx, `SELECT content FROM files WHERE path = ?`, rel).Scan(&content)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("file %s: %w", rel, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("file %s: %w", rel, translate(err))
	}
	return nonNil(content), nil
}

// HasFile reports whether the book keeps a file under rel, without
// reading it.
func (s *Store) HasFile(ctx context.Context, rel string) (bool, error) {
	var has bool
	err := s.reader().QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM files WHERE path = ?)`, rel).Scan(&has)
	if err != nil {
		return false, fmt.Errorf("has file %s: %w", rel, translate(err))
	}
	return has, nil
}

// DeleteFile takes the file under rel out of the book (a document taken
// off an invoice, an email that was never queued); ErrNotFound when the
// book keeps none.
func (s *Store) DeleteFile(ctx context.Context, rel string) error {
	res, err := s.writer().ExecContext(ctx, `DELETE FROM files WHERE path = ?`, rel)
	if err != nil {
		return fmt.Errorf("delete file %s: %w", rel, translate(err))
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return fmt.Errorf("delete file %s: %w", rel, ErrNotFound)
	}
	return nil
}

// ListFilePaths lists, sorted, the paths of the files the book keeps
// inside the folder under (a court file's exhibits), every one when under
// is "".
func (s *Store) ListFilePaths(ctx context.Context, under string) ([]string, error) {
	scan := func(r rowScanner) (string, error) {
		var p string
		return p, r.Scan(&p)
	}
	if under == "" {
		return listOf(ctx, s, "list files", scan, `SELECT path FROM files ORDER BY path`)
	}
	prefix := under + "/"
	// substr rather than LIKE: names have underscores (court_file), which
	// LIKE takes for any character. Both count characters, not bytes.
	return listOf(ctx, s, "list files", scan, `SELECT path FROM files WHERE substr(path, 1, ?) = ? ORDER BY path`,
		utf8.RuneCountInString(prefix), prefix)
}

// ListArchivedPaths lists, sorted and once each, the archived files the
// book refers to: the timeline's files, the letters of the steps done, the
// invoices' PDFs, the documents attached, the emails of the outbox and the
// PDFs an import copied. A path may name a folder (a court file's). This
// is what a move of the book to a server or back carries.
func (s *Store) ListArchivedPaths(ctx context.Context) ([]string, error) {
	scan := func(r rowScanner) (string, error) {
		var p string
		return p, r.Scan(&p)
	}
	return listOf(ctx, s, "list archived files", scan, `
		SELECT file FROM events WHERE file <> ''
		UNION SELECT file FROM actions WHERE file <> ''
		UNION SELECT attachment FROM invoices WHERE attachment <> ''
		UNION SELECT path FROM attachments
		UNION SELECT eml FROM outbox WHERE eml <> ''
		UNION SELECT path FROM import_items WHERE entity = 'file' AND path <> ''
		ORDER BY 1`)
}

// nonNil is b, or an empty slice for nil: an empty file is stored as no
// bytes, not as NULL.
func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

// DeleteAllFiles empties the archived files' table: a book copied out of
// a server into a file keeps its files in the data folder instead.
func (s *Store) DeleteAllFiles(ctx context.Context) error {
	if _, err := s.writer().ExecContext(ctx, `DELETE FROM files`); err != nil {
		return fmt.Errorf("delete the archived files: %w", translate(err))
	}
	return nil
}
