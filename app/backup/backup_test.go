package backup

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"relance/data"
)

var testDay = data.MustDate("2026-12-07")

// newBook is a book in a data folder of its own with a client, an invoice
// and an archived email file.
func newBook(t *testing.T) (*data.Store, string) {
	t.Helper()
	dir := t.TempDir()
	store, err := data.Open(filepath.Join(dir, "relance.db"), data.WithClock(data.ClockOn(testDay)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	ctx := context.Background()
	c := data.Client{Name: "Boulangerie Vernet", Email: "compta@vernet.fr"}
	if err := store.CreateClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	inv := data.Invoice{Number: "FA-2026-0042", ClientID: c.ID, IssueDate: testDay.AddDays(-40), DueDate: testDay.AddDays(-10),
		Amount: 125050}
	if err := store.CreateInvoice(ctx, &inv); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "mail", "2026", "a1.eml"), "Subject: Relance FA-2026-0042\r\n\r\nBonjour")
	return store, dir
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestDailyBackupOncePerDayOwnerOnly: the day's backup is made once, is a
// book that checks (its client and invoice in it), readable by the owner
// only, and copied to the second folder.
func TestDailyBackupOncePerDayOwnerOnly(t *testing.T) {
	ctx := context.Background()
	store, dir := newBook(t)
	second := t.TempDir()
	k := &Keeper{Store: store, DataDir: dir, Second: second}
	res, made, err := k.Daily(ctx)
	if err != nil || !made || res.SecondErr != nil {
		t.Fatalf("first daily backup: %+v %v %v", res, made, err)
	}
	if filepath.Base(res.Path) != "relance-2026-12-07.db" {
		t.Errorf("named %s", res.Path)
	}
	if st, err := os.Stat(res.Path); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("backup file: %v %v", st.Mode(), err)
	}
	info, err := data.CheckBackup(ctx, res.Path)
	if err != nil || info.Clients != 1 || info.Invoices != 1 || info.Schema != data.LatestSchema() {
		t.Fatalf("the backup does not check: %+v %v", info, err)
	}
	if _, err := data.CheckBackup(ctx, res.SecondPath); err != nil {
		t.Errorf("the second copy: %v", err)
	}
	if _, made, err := k.Daily(ctx); err != nil || made {
		t.Errorf("a second daily backup the same day: made %v, %v", made, err)
	}
}

// TestPruneKeepsDaysAndMonths: of two years of daily backups (two today),
// the newest of each of the last 14 days and of each of the last 12
// months (this one and the 11 before) stay; everything else goes, and no
// file that is no backup.
func TestPruneKeepsDaysAndMonths(t *testing.T) {
	dir := t.TempDir()
	for d := testDay.AddDays(-730); !d.After(testDay); d = d.AddDays(1) {
		writeFile(t, filepath.Join(dir, "relance-"+d.String()+".db"), "x")
	}
	writeFile(t, filepath.Join(dir, "relance-"+testDay.String()+"-093000.db"), "by hand")
	writeFile(t, filepath.Join(dir, "notes.txt"), "not a backup")
	if _, err := Prune(dir, testDay); err != nil {
		t.Fatal(err)
	}
	list, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	// 14 days (from Nov 24 to Dec 7), plus the last of Jan .. Oct 2026
	// (November's newest, the 30th, and December's are within the days).
	if len(list) != 14+10 {
		for _, b := range list {
			t.Log(b.Path)
		}
		t.Fatalf("%d backups kept, want 24", len(list))
	}
	if filepath.Base(list[0].Path) != "relance-2026-12-07.db" && filepath.Base(list[0].Path) != "relance-2026-12-07-093000.db" {
		t.Errorf("newest %s", list[0].Path)
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Error("a file that is no backup was deleted")
	}
	oldest := list[len(list)-1]
	if oldest.Day != data.MustDate("2026-01-31") {
		t.Errorf("oldest kept %s, want the last of January 2026", oldest.Day)
	}
}

// TestRestoreKeepsTheCurrentBookAside: a backup restored replaces the
// book, whose file is kept aside; a damaged file, a file that is no book
// and a newer book are refused with the book untouched.
func TestRestoreKeepsTheCurrentBookAside(t *testing.T) {
	ctx := context.Background()
	store, dir := newBook(t)
	k := &Keeper{Store: store, DataDir: dir}
	res, err := k.Now(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	// After the backup, a second client, then the book is closed to restore.
	c := data.Client{Name: "Imprimerie Lys"}
	if err := store.CreateClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	store.Close()

	bad := filepath.Join(t.TempDir(), "bad.db")
	writeFile(t, bad, "this is no database, only text long enough to be read as a header by SQLite......")
	var be *data.BackupError
	if _, _, err := Restore(ctx, dir, bad, time.Now()); !errors.As(err, &be) || be.Reason != data.BackupNotABook {
		t.Errorf("a text file: %v", err)
	}
	damaged := filepath.Join(t.TempDir(), "damaged.db")
	raw, _ := os.ReadFile(res.Path)
	for i := 4096; i < len(raw); i++ { // everything after the first page
		raw[i] ^= 0x5a
	}
	writeFile(t, damaged, string(raw))
	if _, _, err := Restore(ctx, dir, damaged, time.Now()); !errors.As(err, &be) ||
		(be.Reason != data.BackupDamaged && be.Reason != data.BackupNotABook) {
		t.Errorf("a damaged file: %v", err)
	}

	info, keptAs, err := Restore(ctx, dir, res.Path, time.Date(2026, 12, 7, 15, 0, 0, 0, time.Local))
	if err != nil || info.Clients != 1 {
		t.Fatalf("restore: %+v %v", info, err)
	}
	if filepath.Base(keptAs) != "relance.db.before-restore-2026-12-07-150000" {
		t.Errorf("kept aside as %q", keptAs)
	}
	if kept, err := data.CheckBackup(ctx, keptAs); err != nil || kept.Clients != 2 {
		t.Errorf("the book kept aside: %+v %v", kept, err)
	}
	back, err := data.Open(filepath.Join(dir, "relance.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	if clients, err := back.ListClients(ctx); err != nil || len(clients) != 1 {
		t.Errorf("restored book: %d clients, %v", len(clients), err)
	}
}

// TestExportImportMovesTheWholeBook: the zip of a book, imported into an
// empty data folder on "another PC", brings the invoice and the archived
// email back; a zip entry reaching out of the folder is refused.
func TestExportImportMovesTheWholeBook(t *testing.T) {
	ctx := context.Background()
	store, dir := newBook(t)
	var buf bytes.Buffer
	if err := Export(ctx, store, dir, &buf); err != nil {
		t.Fatal(err)
	}
	zipPath := filepath.Join(t.TempDir(), "relance.zip")
	if err := os.WriteFile(zipPath, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	info, keptAs, err := Import(ctx, other, zipPath, time.Now())
	if err != nil || info.Invoices != 1 || keptAs != "" {
		t.Fatalf("import: %+v %q %v", info, keptAs, err)
	}
	eml, err := os.ReadFile(filepath.Join(other, "mail", "2026", "a1.eml"))
	if err != nil || !bytes.Contains(eml, []byte("FA-2026-0042")) {
		t.Errorf("the archived email: %q %v", eml, err)
	}
	moved, err := data.Open(filepath.Join(other, "relance.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer moved.Close()
	if inv, err := moved.GetInvoiceByNumber(ctx, "FA-2026-0042"); err != nil || inv.Amount != 125050 {
		t.Errorf("the invoice: %+v %v", inv, err)
	}
	if _, err := os.Stat(filepath.Join(other, importDir)); !os.IsNotExist(err) {
		t.Errorf("the unpacking folder stayed: %v", err)
	}
}

// TestImportRefusesAZipReachingOut: an entry named "../x" is refused and
// nothing lands outside the data folder, nor is the book touched.
func TestImportRefusesAZipReachingOut(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "book")
	zipPath := filepath.Join(t.TempDir(), "evil.zip")
	f, err := os.Create(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, name := range []string{"relance.db", "../outside.txt"} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("x"))
	}
	zw.Close()
	f.Close()
	if _, _, err := Import(context.Background(), dir, zipPath, time.Now()); err == nil ||
		!strings.Contains(err.Error(), "outside") {
		t.Fatalf("import of a zip reaching out: %v", err)
	}
	if _, err := os.Stat(filepath.Join(parent, "outside.txt")); !os.IsNotExist(err) {
		t.Errorf("a file landed outside the data folder: %v", err)
	}
}

// TestSecondFolderRestoresIntoAFreshInstall: the day's backup with a
// second folder, restored on a "new PC" (an empty data folder) from that
// folder alone, brings back every invoice, and every file the book refers
// to (the invoice's PDF, the sent email, the printed letter) as it was.
func TestSecondFolderRestoresIntoAFreshInstall(t *testing.T) {
	ctx := context.Background()
	store, dir := newBook(t)
	inv, err := store.GetInvoiceByNumber(ctx, "FA-2026-0042")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"attachments/FA-2026-0042.pdf":         "%PDF-1.4 facture",
		"mail/2026/relance-1@atelier.eml":      "Subject: Relance FA-2026-0042\r\n\r\nBonjour",
		"letters/2026/FA-2026-0042-notice.pdf": "%PDF-1.4 mise en demeure",
	}
	for rel, text := range files {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(rel)), text)
	}
	inv.Attachment = "attachments/FA-2026-0042.pdf"
	if err := store.UpdateInvoice(ctx, &inv); err != nil {
		t.Fatal(err)
	}
	scenarios, err := store.ListScenarios(ctx)
	if err != nil {
		t.Fatal(err)
	}
	steps := map[string]data.Step{}
	for _, st := range scenarios[0].Steps {
		steps[st.TemplateKey] = st
	}
	m := data.OutboxMessage{ClientID: inv.ClientID, TemplateKey: "reminder_1", MessageID: "relance-1@atelier", From: "moi@atelier.fr",
		Recipients: []string{"compta@vernet.fr"}, To: "compta@vernet.fr", Subject: "Relance", EML: "mail/2026/relance-1@atelier.eml",
		Items: []data.OutboxItem{{InvoiceID: inv.ID, StepID: steps["reminder_1"].ID, Planned: testDay}}}
	if err := store.CreateOutboxMessage(ctx, &m); err != nil {
		t.Fatal(err)
	}
	if _, err := store.ClaimOutboxMessage(ctx, m.ID, "run"); err != nil {
		t.Fatal(err)
	}
	if err := store.MarkOutboxSent(ctx, m.ID, store.Now()); err != nil {
		t.Fatal(err)
	}
	letter := data.Action{InvoiceID: inv.ID, StepID: steps["formal_notice"].ID, PlannedOn: testDay, DoneOn: testDay,
		Status: data.ActionDone, File: "letters/2026/FA-2026-0042-notice.pdf"}
	if err := store.RecordAction(ctx, &letter); err != nil {
		t.Fatal(err)
	}

	second := t.TempDir()
	k := &Keeper{Store: store, DataDir: dir, Second: second}
	res, made, err := k.Daily(ctx)
	if err != nil || !made || res.SecondErr != nil {
		t.Fatalf("backup: %+v %v %v", res, made, err)
	}

	fresh := t.TempDir()
	if _, _, err := Restore(ctx, fresh, res.SecondPath, time.Now()); err != nil {
		t.Fatal(err)
	}
	back, err := data.Open(filepath.Join(fresh, "relance.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	got, err := back.GetInvoiceByNumber(ctx, "FA-2026-0042")
	if err != nil || got.Amount != inv.Amount {
		t.Fatalf("the invoice: %+v %v", got, err)
	}
	// Every file the restored book refers to is there, as it was.
	referred := []string{got.Attachment}
	actions, err := back.ListActionsByInvoice(ctx, got.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range actions {
		if a.File != "" {
			referred = append(referred, a.File)
		}
	}
	sent, err := back.ListOutbox(ctx, data.OutboxSent)
	if err != nil || len(sent) != 1 {
		t.Fatalf("sent emails: %d %v", len(sent), err)
	}
	referred = append(referred, sent[0].EML)
	if len(referred) < 4 {
		t.Fatalf("the book refers to %v", referred)
	}
	for _, rel := range referred {
		b, err := os.ReadFile(filepath.Join(fresh, filepath.FromSlash(rel)))
		if err != nil || string(b) != files[rel] {
			t.Errorf("%s after the restore: %q %v", rel, b, err)
		}
	}
}
