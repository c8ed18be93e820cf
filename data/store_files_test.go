package data

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"testing"
)

// TestFilesWrittenOnce: a file the book keeps reads back byte for byte;
// the same path with the same bytes again is no error (a move run again),
// with other bytes it is refused and the first bytes stay; an empty file
// is a file.
func TestFilesWrittenOnce(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	pdf := []byte("%PDF-1.4\x00\xff binary \x00 bytes\n%%EOF\n")
	if err := s.PutFile(ctx, "documents/2026/FA-1-reminder_1-2026-03-15.pdf", pdf); err != nil {
		t.Fatal(err)
	}
	if err := s.PutFile(ctx, "documents/2026/FA-1-reminder_1-2026-03-15.pdf", bytes.Clone(pdf)); err != nil {
		t.Fatalf("the same bytes again: %v", err)
	}
	err := s.PutFile(ctx, "documents/2026/FA-1-reminder_1-2026-03-15.pdf", []byte("%PDF another letter"))
	if !errors.Is(err, ErrAlreadyExists) {
		t.Fatalf("other bytes under the same name: %v", err)
	}
	got, err := s.File(ctx, "documents/2026/FA-1-reminder_1-2026-03-15.pdf")
	if err != nil || !bytes.Equal(got, pdf) {
		t.Fatalf("read back %q (%v), want the first bytes", got, err)
	}
	if err := s.PutFile(ctx, "attachments/empty.pdf", nil); err != nil {
		t.Fatal(err)
	}
	if got, err := s.File(ctx, "attachments/empty.pdf"); err != nil || got == nil || len(got) != 0 {
		t.Fatalf("an empty file reads %v (%v)", got, err)
	}
	if has, err := s.HasFile(ctx, "attachments/empty.pdf"); err != nil || !has {
		t.Fatalf("HasFile of a kept file: %v (%v)", has, err)
	}
	if err := s.PutFile(ctx, "", pdf); !errors.Is(err, ErrInvalid) {
		t.Fatalf("a file without a path: %v", err)
	}
}

// TestFilesNotFoundAndDeleted: a path the book keeps nothing under is
// ErrNotFound, to read and to delete; a deleted file is gone, and its
// name free again.
func TestFilesNotFoundAndDeleted(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	if _, err := s.File(ctx, "mail/2026/none.eml"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a missing file: %v", err)
	}
	if has, err := s.HasFile(ctx, "mail/2026/none.eml"); err != nil || has {
		t.Fatalf("HasFile of a missing file: %v (%v)", has, err)
	}
	if err := s.DeleteFile(ctx, "mail/2026/none.eml"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleting a missing file: %v", err)
	}
	if err := s.PutFile(ctx, "mail/2026/a@relance.eml", []byte("Subject: one\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteFile(ctx, "mail/2026/a@relance.eml"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.File(ctx, "mail/2026/a@relance.eml"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a deleted file: %v", err)
	}
	if err := s.PutFile(ctx, "mail/2026/a@relance.eml", []byte("Subject: two\r\n\r\n")); err != nil {
		t.Fatalf("the name of a deleted file: %v", err)
	}
}

// TestFilesReplacedOnlyByReplace: ReplaceFile writes over what PutFile
// refuses to (a queued email dated as it goes), and writes a new one too.
func TestFilesReplacedOnlyByReplace(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	const rel = "mail/2026/b@relance.eml"
	if err := s.PutFile(ctx, rel, []byte("Date: Mon, 16 Mar 2026 09:00:00 +0000\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	dated := []byte("Date: Tue, 17 Mar 2026 10:30:00 +0000\r\n\r\n")
	if err := s.ReplaceFile(ctx, rel, dated); err != nil {
		t.Fatal(err)
	}
	if got, err := s.File(ctx, rel); err != nil || !bytes.Equal(got, dated) {
		t.Fatalf("after ReplaceFile: %q (%v)", got, err)
	}
	if err := s.ReplaceFile(ctx, "mail/2026/c@relance.eml", dated); err != nil {
		t.Fatal(err)
	}
	if has, _ := s.HasFile(ctx, "mail/2026/c@relance.eml"); !has {
		t.Fatal("ReplaceFile of a new path wrote nothing")
	}
}

// TestFilesInsideATransaction: a file put in a transaction that rolls
// back is not kept (an import that failed leaves no PDF in the book).
func TestFilesInsideATransaction(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	failed := errors.New("the import failed")
	err := s.InTx(ctx, func(tx *Store) error {
		if err := tx.PutFile(ctx, "attachments/FA-9.pdf", []byte("%PDF")); err != nil {
			return err
		}
		if has, err := tx.HasFile(ctx, "attachments/FA-9.pdf"); err != nil || !has {
			t.Errorf("the transaction does not see its own file: %v (%v)", has, err)
		}
		return failed
	})
	if !errors.Is(err, failed) {
		t.Fatal(err)
	}
	if has, _ := s.HasFile(ctx, "attachments/FA-9.pdf"); has {
		t.Fatal("a file put in a rolled-back transaction was kept")
	}
}

// TestFilesListedByFolder: ListFilePaths lists every file, sorted, or
// those inside one folder only — not a folder whose name merely starts
// alike, and an underscore is an underscore.
func TestFilesListedByFolder(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	court := "documents/2026/FA-1-court_file-2026-03-15"
	for _, rel := range []string{
		court + "/05-relance.pdf", court + "/00-bordereau-des-pieces.pdf",
		court + "-2/00-bordereau-des-pieces.pdf",          // the next court file of the day
		"documents/2026/FA-1-courtXfile-2026-03-15/x.pdf", // _ is no wildcard
		"documents/2026/FA-1-reminder_1-2026-03-15.pdf",
		"mail/2026/é@relance.eml",
	} {
		if err := s.PutFile(ctx, rel, []byte(rel)); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.ListFilePaths(ctx, court)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{court + "/00-bordereau-des-pieces.pdf", court + "/05-relance.pdf"}; !slices.Equal(got, want) {
		t.Errorf("files of the court file: %v, want %v", got, want)
	}
	all, err := s.ListFilePaths(ctx, "")
	if err != nil || len(all) != 6 || !slices.IsSorted(all) {
		t.Errorf("every file: %v (%v)", all, err)
	}
	if mail, _ := s.ListFilePaths(ctx, "mail/2026"); !slices.Equal(mail, []string{"mail/2026/é@relance.eml"}) {
		t.Errorf("files of mail/2026: %v", mail)
	}
}

// TestArchivedPathsOfTheBook: ListArchivedPaths gathers, once each, the
// files every table names: the timeline, the steps done, the invoices'
// PDFs, the documents attached, the outbox, the files an import copied.
func TestArchivedPathsOfTheBook(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	inv.Attachment = "attachments/FA-1.pdf"
	if err := s.UpdateInvoice(ctx, &inv); err != nil {
		t.Fatal(err)
	}
	if _, err := queueReminder(t, s, inv, "a1@relance"); err != nil {
		t.Fatal(err)
	}
	st := stepAt(t, s, "standard", 3)
	a := Action{InvoiceID: inv.ID, StepID: st.ID, DoneOn: testDay, File: "documents/2026/FA-1-letter.pdf"}
	if err := s.RecordAction(ctx, &a); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"documents/2026/FA-1-letter.pdf", "documents/2026/FA-1-court_file-2026-03-15"} {
		e := Event{ClientID: c.ID, InvoiceID: inv.ID, Kind: "letter_printed", File: file}
		if err := s.CreateEvent(ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
	doc := Attachment{InvoiceID: inv.ID, Kind: AttachKbis, Path: "claims/FA-1-kbis.pdf"}
	if err := s.CreateAttachment(ctx, &doc); err != nil {
		t.Fatal(err)
	}
	err := s.InTx(ctx, func(tx *Store) error {
		im := Import{Kind: "facturx", Files: []string{"FA-2.pdf"}}
		if err := tx.CreateImport(ctx, &im); err != nil {
			return err
		}
		return tx.AddImportItem(ctx, im.ID, ImportItem{Entity: ImportFile, Path: "attachments/FA-2.pdf"})
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.ListArchivedPaths(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"attachments/FA-1.pdf", "attachments/FA-2.pdf", "claims/FA-1-kbis.pdf",
		"documents/2026/FA-1-court_file-2026-03-15", "documents/2026/FA-1-letter.pdf", "mail/2026/a1@relance.eml"}
	if !slices.Equal(got, want) {
		t.Errorf("archived paths:\n got %v\nwant %v", got, want)
	}
}
