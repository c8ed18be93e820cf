package archive_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"relance/app/archive"
	"relance/app/sharedbook/sharedbooktest"
	"relance/data"
)

var day = data.MustDate("2026-11-24")

// folderBook is a book in a SQLite file and its archive in a data folder
// of its own, both in temporary folders.
func folderBook(t *testing.T) *archive.Files {
	t.Helper()
	store, err := data.Open(filepath.Join(t.TempDir(), "relance.db"), data.WithClock(data.ClockOn(day)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return &archive.Files{Dir: t.TempDir(), Store: store}
}

// sharedBook is the address of a shared book: an empty database of its
// own on the throwaway test server (sharedbooktest).
func sharedBook(t *testing.T) string {
	t.Helper()
	_, _, address := sharedbooktest.NewDatabase(t)
	return address
}

// pc is one PC of the shared book at address: a connection and a data
// folder of its own.
func pc(t *testing.T, address string) *archive.Files {
	t.Helper()
	store, err := data.OpenServer(context.Background(), address, data.WithClock(data.ClockOn(day)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return &archive.Files{Dir: t.TempDir(), Store: store}
}

func local(f *archive.Files, rel string) string { return filepath.Join(f.Dir, filepath.FromSlash(rel)) }

func readLocal(t *testing.T, f *archive.Files, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(local(f, rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var letter = []byte("%PDF-1.7\n\x00\xff\xfe binary\n%%EOF\n")

// TestFolderBookKeepsFilesInTheFolder: a book in a file archives in its
// data folder as it always did — the emails the owner's only, the letters
// readable — never writes over an archive, numbers a name taken, reads,
// opens and removes there; its database keeps no file.
func TestFolderBookKeepsFilesInTheFolder(t *testing.T) {
	ctx := context.Background()
	f := folderBook(t)
	const rel = "documents/2026/FA-1-reminder_1-2026-11-24.pdf"
	if err := f.Write(ctx, rel, letter); err != nil {
		t.Fatal(err)
	}
	if got := readLocal(t, f, rel); !bytes.Equal(got, letter) {
		t.Fatalf("written %q", got)
	}
	if err := f.Write(ctx, rel, []byte("%PDF another")); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("an archive written over: %v", err)
	}
	if got := readLocal(t, f, rel); !bytes.Equal(got, letter) {
		t.Fatal("the first letter changed")
	}
	second, err := f.Add(ctx, rel, []byte("%PDF printed again"))
	if err != nil || second != "documents/2026/FA-1-reminder_1-2026-11-24-2.pdf" {
		t.Fatalf("printed again the same day: %q (%v)", second, err)
	}
	if err := f.Write(ctx, "mail/2026/a@relance.eml", []byte("Subject: x\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" {
		for rel, want := range map[string]fs.FileMode{rel: 0o644, "mail/2026/a@relance.eml": 0o600, "mail/2026": 0o700} {
			if info, err := os.Stat(local(f, rel)); err != nil || info.Mode().Perm() != want {
				t.Errorf("%s: mode %v (%v), want %v", rel, info.Mode().Perm(), err, want)
			}
		}
	}
	if got, err := f.Read(ctx, rel); err != nil || !bytes.Equal(got, letter) {
		t.Fatalf("Read %q (%v)", got, err)
	}
	if p, err := f.Local(ctx, rel); err != nil || p != local(f, rel) {
		t.Fatalf("Local %q (%v)", p, err)
	}
	if err := f.Remove(ctx, rel); err != nil {
		t.Fatal(err)
	}
	if err := f.Remove(ctx, rel); err != nil {
		t.Fatalf("removed twice: %v", err)
	}
	p, err := f.Local(ctx, rel)
	if !errors.Is(err, fs.ErrNotExist) || p != local(f, rel) {
		t.Fatalf("a removed file: %q, %v", p, err)
	}
	if _, err := f.Read(ctx, rel); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Read of a removed file: %v", err)
	}
	if kept, err := f.Store.ListFilePaths(ctx, ""); err != nil || len(kept) != 0 {
		t.Fatalf("a book in a file keeps files: %v (%v)", kept, err)
	}
	if _, err := f.Upload(ctx, nil); !errors.Is(err, archive.ErrFilesInFolder) {
		t.Fatalf("Upload on a book in a file: %v", err)
	}
}

// TestPathsStayInTheDataFolder: a path the book gives that would reach
// outside the data folder is refused, whatever is asked of it.
func TestPathsStayInTheDataFolder(t *testing.T) {
	ctx := context.Background()
	f := folderBook(t)
	for _, rel := range []string{"", ".", "../relance.db", "documents/../../x.pdf", "/etc/passwd", "a//b.pdf",
		"a/./b.pdf", `documents\..\..\x.pdf`, "documents/"} {
		if err := f.Write(ctx, rel, letter); !errors.Is(err, archive.ErrBadPath) {
			t.Errorf("Write %q: %v", rel, err)
		}
		if _, err := f.Local(ctx, rel); !errors.Is(err, archive.ErrBadPath) {
			t.Errorf("Local %q: %v", rel, err)
		}
		if err := f.Remove(ctx, rel); !errors.Is(err, archive.ErrBadPath) {
			t.Errorf("Remove %q: %v", rel, err)
		}
	}
}

// TestAddFolderOfAFolderBook: a court file's folder is filled once, the
// next of the day numbered; a fill that fails leaves no folder.
func TestAddFolderOfAFolderBook(t *testing.T) {
	ctx := context.Background()
	f := folderBook(t)
	const rel = "documents/2026/FA-1-court_file-2026-11-24"
	fill := func(dir string) error { return os.WriteFile(filepath.Join(dir, "00-bordereau.pdf"), letter, 0o644) }
	for _, want := range []string{rel, rel + "-2"} {
		got, err := f.AddFolder(ctx, rel, fill)
		if err != nil || got != want {
			t.Fatalf("AddFolder: %q (%v), want %q", got, err, want)
		}
		if b := readLocal(t, f, want+"/00-bordereau.pdf"); !bytes.Equal(b, letter) {
			t.Fatalf("%s holds %q", want, b)
		}
	}
	failed := errors.New("no PDF")
	if _, err := f.AddFolder(ctx, rel, func(string) error { return failed }); !errors.Is(err, failed) {
		t.Fatalf("a fill that fails: %v", err)
	}
	if _, err := os.Stat(local(f, rel+"-3")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a failed court file left its folder: %v", err)
	}
}

// TestSharedBookKeepsTheFiles: on a shared book an archive is in the
// book as well as in the folder; when the book refuses it (another PC
// archived other bytes under the name) nothing stays in the folder, and
// the name counts as taken; a removed file leaves the book too.
func TestSharedBookKeepsTheFiles(t *testing.T) {
	ctx := context.Background()
	f := pc(t, sharedBook(t))
	const rel = "claims/FA-1-kbis-2026-11-24.pdf"
	if err := f.Write(ctx, rel, letter); err != nil {
		t.Fatal(err)
	}
	if got, err := f.Store.File(ctx, rel); err != nil || !bytes.Equal(got, letter) {
		t.Fatalf("the book holds %q (%v)", got, err)
	}
	const other = "claims/FA-1-contract-2026-11-24.pdf"
	if err := f.Store.PutFile(ctx, other, []byte("%PDF written by another PC")); err != nil {
		t.Fatal(err)
	}
	if err := f.Write(ctx, other, letter); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("a name another PC took: %v", err)
	}
	if _, err := os.Stat(local(f, other)); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the refused file stayed in the folder: %v", err)
	}
	if got, err := f.Add(ctx, other, letter); err != nil || got != "claims/FA-1-contract-2026-11-24-2.pdf" {
		t.Fatalf("Add beside another PC's file: %q (%v)", got, err)
	}
	if err := f.Remove(ctx, rel); err != nil {
		t.Fatal(err)
	}
	if has, _ := f.Store.HasFile(ctx, rel); has {
		t.Fatal("a removed file stayed in the book")
	}
	if _, err := f.Local(ctx, rel); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Local of a removed file: %v", err)
	}
}

// TestSharedBookFileOpensOnAnotherPC is the point of a shared book's
// archive: a letter printed on one PC (data folder A) opens on another
// (data folder B) with the same bytes, fetched from the book; so do a
// court file's exhibits, and a queued email dated again as it went is
// read there as sent.
func TestSharedBookFileOpensOnAnotherPC(t *testing.T) {
	ctx := context.Background()
	address := sharedBook(t)
	a, b := pc(t, address), pc(t, address)
	const rel = "documents/2026/FA-1-formal_notice-2026-11-24.pdf"
	if err := a.Write(ctx, rel, letter); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(local(b, rel)); !errors.Is(err, fs.ErrNotExist) {
		t.Fatal("B's folder has the file before it is asked for")
	}
	p, err := b.Local(ctx, rel)
	if err != nil || p != local(b, rel) {
		t.Fatalf("B opens %q (%v)", p, err)
	}
	if got := readLocal(t, b, rel); !bytes.Equal(got, letter) {
		t.Fatalf("B opens %q, A printed %q", got, letter)
	}
	if got, err := b.Add(ctx, rel, []byte("%PDF B's own")); err != nil || got != "documents/2026/FA-1-formal_notice-2026-11-24-2.pdf" {
		t.Fatalf("B printing the same name: %q (%v)", got, err)
	}

	court, err := a.AddFolder(ctx, "documents/2026/FA-1-court_file-2026-11-24", func(dir string) error {
		for _, name := range []string{"00-bordereau-des-pieces.pdf", "05-mise-en-demeure.pdf"} {
			if err := os.WriteFile(filepath.Join(dir, name), append([]byte(name), letter...), 0o644); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if again, err := b.AddFolder(ctx, court, func(string) error { return nil }); err != nil || again != court+"-2" {
		t.Fatalf("B's court file of the same day: %q (%v)", again, err)
	}
	if p, err := b.Local(ctx, court); err != nil || p != local(b, court) {
		t.Fatalf("B opens the court file %q (%v)", p, err)
	}
	entries, err := os.ReadDir(local(b, court))
	if err != nil || len(entries) != 2 {
		t.Fatalf("B's court file holds %v (%v)", entries, err)
	}
	if got := readLocal(t, b, court+"/05-mise-en-demeure.pdf"); !bytes.Equal(got, append([]byte("05-mise-en-demeure.pdf"), letter...)) {
		t.Fatalf("exhibit 5 reads %q", got)
	}

	const eml = "mail/2026/x@relance.eml"
	if err := a.Write(ctx, eml, []byte("Date: queued\r\n\r\nBonjour")); err != nil {
		t.Fatal(err)
	}
	if err := b.Replace(ctx, eml, []byte("Date: sent\r\n\r\nBonjour")); err != nil {
		t.Fatal(err)
	}
	if got, err := a.Read(ctx, eml); err != nil || string(got) != "Date: sent\r\n\r\nBonjour" {
		t.Fatalf("A reads the email B sent as %q (%v)", got, err)
	}
	if _, err := a.Local(ctx, eml); err != nil {
		t.Fatal(err)
	}
	if got := readLocal(t, a, eml); string(got) != "Date: sent\r\n\r\nBonjour" {
		t.Fatalf("A opens the email B sent as %q, its copy from before", got)
	}
}

// TestSharedBookFileInATransaction: a file archived through a
// transaction (an import's) that rolls back is not kept by the book.
func TestSharedBookFileInATransaction(t *testing.T) {
	ctx := context.Background()
	f := pc(t, sharedBook(t))
	failed := errors.New("the import failed")
	err := f.Store.InTx(ctx, func(tx *data.Store) error {
		if err := f.In(tx).Write(ctx, "attachments/FA-9.pdf", letter); err != nil {
			return err
		}
		return failed
	})
	if !errors.Is(err, failed) {
		t.Fatal(err)
	}
	if has, _ := f.Store.HasFile(ctx, "attachments/FA-9.pdf"); has {
		t.Fatal("the book kept the file of a transaction rolled back")
	}
}

// TestMoveToAServerAndBack: the move of a book to a server puts in it
// every file its records name that the data folder holds (a court file's
// folder whole), says which are missing, and can run again; the way back
// writes every file the book keeps into a data folder, in place of a copy
// that differs.
func TestMoveToAServerAndBack(t *testing.T) {
	ctx := context.Background()
	f := pc(t, sharedBook(t))
	c := data.Client{Name: "Boulangerie Martin", Email: "compta@martin.fr",
		Address: data.Address{Street: "3 rue Mercière", PostalCode: "69002", City: "Lyon"}}
	if err := f.Store.CreateClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	inv := data.Invoice{Number: "FA-1", ClientID: c.ID, IssueDate: data.MustDate("2026-10-01"),
		DueDate: data.MustDate("2026-10-31"), Amount: 120000, Attachment: "attachments/FA-1.pdf"}
	if err := f.Store.CreateInvoice(ctx, &inv); err != nil {
		t.Fatal(err)
	}
	court := "documents/2026/FA-1-court_file-2026-11-24"
	for _, file := range []string{"documents/2026/FA-1-reminder_1.pdf", court, "documents/2026/gone.pdf"} {
		e := data.Event{ClientID: c.ID, InvoiceID: inv.ID, Kind: "letter_printed", File: file}
		if err := f.Store.CreateEvent(ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
	onDisk := map[string][]byte{ // the data folder of the book in a file, before the move
		"attachments/FA-1.pdf":               []byte("%PDF invoice"),
		"documents/2026/FA-1-reminder_1.pdf": []byte("%PDF reminder"),
		court + "/00-bordereau.pdf":          []byte("%PDF bordereau"),
		court + "/03-facture-FA-1.pdf":       []byte("%PDF invoice"),
	}
	for rel, b := range onDisk {
		if err := os.MkdirAll(filepath.Dir(local(f, rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(local(f, rel), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var seen []int
	missing, err := f.Upload(ctx, func(done, total int) {
		if total != len(onDisk) {
			t.Errorf("progress out of %d files, want %d", total, len(onDisk))
		}
		seen = append(seen, done)
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(missing, []string{"documents/2026/gone.pdf"}) {
		t.Errorf("missing %v", missing)
	}
	if !slices.Equal(seen, []int{1, 2, 3, 4}) {
		t.Errorf("progress %v", seen)
	}
	for rel, want := range onDisk {
		if got, err := f.Store.File(ctx, rel); err != nil || !bytes.Equal(got, want) {
			t.Errorf("the book holds %s as %q (%v)", rel, got, err)
		}
	}
	if _, err := f.Upload(ctx, nil); err != nil {
		t.Fatalf("the move run again: %v", err)
	}

	back := &archive.Files{Dir: t.TempDir(), Store: f.Store}
	stale := "documents/2026/FA-1-reminder_1.pdf"
	if err := os.MkdirAll(filepath.Dir(local(back, stale)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(local(back, stale), []byte("%PDF stale"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := back.Download(ctx, nil); err != nil {
		t.Fatal(err)
	}
	for rel, want := range onDisk {
		if got := readLocal(t, back, rel); !bytes.Equal(got, want) {
			t.Errorf("the way back wrote %s as %q", rel, got)
		}
	}
}
