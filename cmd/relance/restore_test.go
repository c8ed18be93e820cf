package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"relance/app/backup"
	"relance/data"
)

// TestRestoreInPlace is what the process does once the window asked for a
// restore and closed: a backup is put in place (the book before kept
// aside) and its report says what it holds; a file that is no backup is
// refused with the book left as it was; the next start reads each report
// once.
func TestRestoreInPlace(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	store, err := data.Open(filepath.Join(dir, "relance.db"))
	if err != nil {
		t.Fatal(err)
	}
	c := data.Client{Name: "Boulangerie Vernet"}
	if err := store.CreateClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	saved := filepath.Join(t.TempDir(), "copy.db")
	if err := store.BackupTo(ctx, saved); err != nil {
		t.Fatal(err)
	}
	c2 := data.Client{Name: "Imprimerie Lys"}
	if err := store.CreateClient(ctx, &c2); err != nil {
		t.Fatal(err)
	}
	store.Close()

	notes := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(notes, []byte("not a book, not a book, not a book, not a book, not a book, not a book"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := restoreInPlace(dir, notes, time.Now()); r.Reason != data.BackupNotABook || r.KeptAs != "" {
		t.Fatalf("a text file: %+v", r)
	}
	r := restoreInPlace(dir, saved, time.Now())
	if r.Reason != "" || r.Detail != "" || r.Clients != 1 || r.KeptAs == "" {
		t.Fatalf("restore: %+v", r)
	}
	if err := backup.WriteReport(dir, r); err != nil {
		t.Fatal(err)
	}
	if got, ok := backup.TakeReport(dir); !ok || got != r {
		t.Fatalf("report read back: %+v %v", got, ok)
	}
	if _, ok := backup.TakeReport(dir); ok {
		t.Error("a report is said twice")
	}
	back, err := data.Open(filepath.Join(dir, "relance.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	if list, _ := back.ListClients(ctx); len(list) != 1 {
		t.Errorf("restored book: %d clients", len(list))
	}
}
