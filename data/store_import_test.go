package data

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
)

// importFixture writes, as an import would: a new client with an invoice
// and a payment on it, and a change to an invoice typed before.
func importFixture(t *testing.T, s *Store) (im Import, added, kept Invoice, client Client) {
	t.Helper()
	ctx := WithActor(context.Background(), "import")
	old := Client{Name: "Boulangerie Martin"}
	mustDo(t, s.CreateClient(ctx, &old))
	kept = Invoice{Number: "FA-1", ClientID: old.ID, IssueDate: MustDate("2026-01-05"), DueDate: MustDate("2026-02-04"), Amount: 50000}
	mustDo(t, s.CreateInvoice(ctx, &kept))
	err := s.InTx(ctx, func(tx *Store) error {
		im = Import{Kind: "csv", Files: []string{"export.csv"}}
		mustDo(t, tx.CreateImport(ctx, &im))
		client = Client{Name: "Hôtel Belvédère", VATNumber: "FR 40 303 265 045"}
		mustDo(t, tx.CreateClient(ctx, &client))
		mustDo(t, tx.AddImportItem(ctx, im.ID, ImportItem{Entity: ImportClient, ID: client.ID}))
		added = Invoice{Number: "FA-2", ClientID: client.ID, IssueDate: MustDate("2026-01-10"), DueDate: MustDate("2026-02-09"), Amount: 120000}
		mustDo(t, tx.CreateInvoice(ctx, &added))
		mustDo(t, tx.AddImportItem(ctx, im.ID, ImportItem{Entity: ImportInvoice, ID: added.ID}))
		p := Payment{InvoiceID: added.ID, Date: MustDate("2026-02-01"), Amount: 20000, Method: "other"}
		mustDo(t, tx.CreatePayment(ctx, &p))
		mustDo(t, tx.AddImportItem(ctx, im.ID, ImportItem{Entity: ImportPayment, ID: p.ID}))
		before, _ := json.Marshal(kept)
		changed := kept
		changed.Amount, changed.DueDate = 55000, MustDate("2026-02-14")
		mustDo(t, tx.UpdateInvoice(ctx, &changed))
		mustDo(t, tx.AddImportItem(ctx, im.ID, ImportItem{Entity: ImportInvoice, ID: kept.ID, Updated: true, Before: before}))
		mustDo(t, tx.AddImportItem(ctx, im.ID, ImportItem{Entity: ImportFile, Path: "attachments/FA-2.pdf"}))
		mustDo(t, tx.ImportedEvent(ctx, &added, "added", &im))
		im.Added, im.Updated = 1, 1
		return tx.FinishImport(ctx, &im)
	})
	mustDo(t, err)
	return im, added, kept, client
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestUndoImportPutsTheBookBack(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	im, added, kept, client := importFixture(t, s)
	if c, _ := s.GetClient(ctx, client.ID); c.VATNumber != "FR40303265045" {
		t.Fatalf("VAT number stored as %q", c.VATNumber)
	}
	list, err := s.ListImports(ctx)
	if err != nil || len(list) != 1 || list[0].Added != 1 || list[0].Updated != 1 || list[0].Files[0] != "export.csv" {
		t.Fatalf("imports listed: %+v %v", list, err)
	}
	if ok, err := s.ImportUndoable(ctx, im.ID); !ok || err != nil {
		t.Fatalf("a fresh import cannot be undone: %v", err)
	}
	files, err := s.UndoImport(ctx, im.ID)
	if err != nil || len(files) != 1 || files[0] != "attachments/FA-2.pdf" {
		t.Fatalf("undo: files %v, %v", files, err)
	}
	if _, err := s.GetInvoice(ctx, added.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("the imported invoice is still there: %v", err)
	}
	if _, err := s.GetClient(ctx, client.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("the imported client is still there: %v", err)
	}
	back, _ := s.GetInvoice(ctx, kept.ID)
	if back.Amount != 50000 || back.DueDate != MustDate("2026-02-04") {
		t.Errorf("the updated invoice is not back as it was: %+v", back)
	}
	if got, _ := s.GetImport(ctx, im.ID); !got.Undone() {
		t.Error("the import is not marked undone")
	}
	if _, err := s.UndoImport(ctx, im.ID); err == nil {
		t.Error("an import was undone twice")
	}
}

func TestUndoImportRefusedOnceUsed(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	im, added, _, _ := importFixture(t, s)
	// The owner records a payment on an imported invoice.
	mustDo(t, s.CreatePayment(ctx, &Payment{InvoiceID: added.ID, Date: MustDate("2026-02-20"), Amount: 10000, Method: "transfer"}))
	if ok, _ := s.ImportUndoable(ctx, im.ID); ok {
		t.Fatal("an import with a payment recorded since is undoable")
	}
	if _, err := s.UndoImport(ctx, im.ID); !errors.Is(err, ErrImportUsed) {
		t.Fatalf("undo after a payment: %v, want ErrImportUsed", err)
	}
	if _, err := s.GetInvoice(ctx, added.ID); err != nil {
		t.Fatalf("a refused undo deleted the invoice: %v", err)
	}
}
