package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Import is one import of a book brought from another tool (a CSV, an
// XLSX, a FEC, Factur-X files), with what it did. It is kept so that the
// owner can see what came in when, and undo an import as a whole while
// nothing was done on its invoices since.
type Import struct {
	ID    int64
	Kind  string   // csv, xlsx, fec, facturx, bank
	Files []string // the files' base names
	At    time.Time

	// What it did to invoices: added, updated, found unchanged, skipped.
	Added, Updated, Unchanged, Skipped int

	// LastEventID is the newest event once the import was written.
	LastEventID int64
	UndoneAt    time.Time // zero while the import stands
}

// ImportKindBank is the kind of a bank statement's import: its lines are
// bank_lines, and its undo takes back the payments made of them.
const ImportKindBank = "bank"

// Undone reports whether the import was undone.
func (im *Import) Undone() bool { return !im.UndoneAt.IsZero() }

// ImportEntity names what kind of record an import wrote.
type ImportEntity string

// The records an import writes.
const (
	ImportClient     ImportEntity = "client"
	ImportInvoice    ImportEntity = "invoice"
	ImportPayment    ImportEntity = "payment"
	ImportCreditNote ImportEntity = "credit_note"
	ImportAction     ImportEntity = "action" // an earlier reminder recorded
	ImportFile       ImportEntity = "file"   // an invoice PDF copied into the data dir
)

// ImportItem is a record an import wrote: added (undo deletes it) or, for
// clients and invoices, updated (undo puts Before back).
type ImportItem struct {
	Entity  ImportEntity
	ID      int64
	Updated bool
	Before  []byte // the record before, in JSON, when Updated
	Path    string // ImportFile: the file, relative to the data dir
}

// Event kinds of imports, on the timeline of each invoice and client an
// import added or changed, and of those an undo changed back.
const (
	EventInvoiceImported EventKind = "invoice_imported"
	EventImportUndone    EventKind = "import_undone"
)

// CreateImport records the start of an import and sets im.ID and im.At.
// It runs inside the import's transaction, so that an import that fails
// leaves no record either.
func (s *Store) CreateImport(ctx context.Context, im *Import) error {
	im.At = s.Now()
	id, err := s.insertID(ctx, `INSERT INTO imports (kind, files, at) VALUES (?, ?, ?)`,
		im.Kind, strings.Join(im.Files, "\n"), timeText(im.At))
	if err != nil {
		return fmt.Errorf("record import: %w", translate(err))
	}
	im.ID = id
	return nil
}

// AddImportItem records a record the import it.ID wrote.
func (s *Store) AddImportItem(ctx context.Context, importID int64, it ImportItem) error {
	op := "added"
	if it.Updated {
		op = "updated"
	}
	_, err := s.writer().ExecContext(ctx, `
		INSERT INTO import_items (import_id, entity, entity_id, op, before, path) VALUES (?, ?, ?, ?, ?, ?)`,
		importID, it.Entity, it.ID, op, string(it.Before), it.Path)
	if err != nil {
		return fmt.Errorf("record import item %s %d: %w", it.Entity, it.ID, translate(err))
	}
	return nil
}

// FinishImport saves the import's counts and the newest event, once
// everything it writes is written.
func (s *Store) FinishImport(ctx context.Context, im *Import) error {
	if err := s.reader().QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM events`).Scan(&im.LastEventID); err != nil {
		return fmt.Errorf("finish import: %w", translate(err))
	}
	_, err := s.writer().ExecContext(ctx, `
		UPDATE imports SET added = ?, updated = ?, unchanged = ?, skipped = ?, last_event_id = ? WHERE id = ?`,
		im.Added, im.Updated, im.Unchanged, im.Skipped, im.LastEventID, im.ID)
	if err != nil {
		return fmt.Errorf("finish import: %w", translate(err))
	}
	return nil
}

const importColumns = `id, kind, files, at, added, updated, unchanged, skipped, last_event_id, undone_at`

func scanImport(r rowScanner) (Import, error) {
	var im Import
	var files, at string
	var undone sql.NullString // NULL while the import stands
	if err := r.Scan(&im.ID, &im.Kind, &files, &at, &im.Added, &im.Updated, &im.Unchanged, &im.Skipped,
		&im.LastEventID, &undone); err != nil {
		return im, err
	}
	im.Files = strings.Split(files, "\n")
	var err error
	if im.At, err = parseTimeText(at); err != nil {
		return im, err
	}
	im.UndoneAt, err = parseTimeText(undone.String)
	return im, err
}

// ListImports returns the imports, newest first.
func (s *Store) ListImports(ctx context.Context) ([]Import, error) {
	return listOf(ctx, s, "list imports", scanImport, `SELECT `+importColumns+` FROM imports ORDER BY id DESC`)
}

// GetImport returns an import, or ErrNotFound.
func (s *Store) GetImport(ctx context.Context, id int64) (Import, error) {
	im, err := scanImport(s.reader().QueryRowContext(ctx, `SELECT `+importColumns+` FROM imports WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return im, fmt.Errorf("import %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return im, fmt.Errorf("get import %d: %w", id, translate(err))
	}
	return im, nil
}

// ImportUndoable reports whether an import can still be undone: it stands,
// and nothing happened since on the invoices it wrote nor on the clients
// it added (no payment, reminder, call, edit: no event after its own).
func (s *Store) ImportUndoable(ctx context.Context, id int64) (bool, error) {
	im, err := s.GetImport(ctx, id)
	if err != nil || im.Undone() {
		return false, err
	}
	if im.Kind == ImportKindBank {
		return s.bankImportUndoable(ctx, im)
	}
	var later bool
	err = s.reader().QueryRowContext(ctx, `
		SELECT EXISTS (SELECT 1 FROM events e WHERE e.id > ?2 AND (
		       e.invoice_id IN (SELECT entity_id FROM import_items WHERE import_id = ?1 AND entity = 'invoice')
		    OR e.client_id IN (SELECT entity_id FROM import_items WHERE import_id = ?1 AND entity = 'client' AND op = 'added')))`,
		id, im.LastEventID).Scan(&later)
	if err != nil {
		return false, fmt.Errorf("can import %d be undone: %w", id, translate(err))
	}
	return !later, nil
}

// ErrImportUsed is returned when an import is undone after something was
// done on its invoices: undoing it would erase that too.
var ErrImportUsed = fmt.Errorf("something was done on the imported invoices since: %w", ErrHasHistory)

// UndoImport undoes an import as a whole, in one transaction: what it
// added is deleted, what it updated is put back as it was. It returns the
// files the import had copied into the data dir (relative paths), which
// the caller removes once this returns. An import with activity since
// (ImportUndoable false) is refused with ErrImportUsed.
func (s *Store) UndoImport(ctx context.Context, id int64) (files []string, err error) {
	err = s.InTx(ctx, func(tx *Store) error {
		ok, err := tx.ImportUndoable(ctx, id)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("undo import %d: %w", id, ErrImportUsed)
		}
		if im, err := tx.GetImport(ctx, id); err != nil {
			return err
		} else if im.Kind == ImportKindBank {
			if err := tx.undoBankImport(ctx, id); err != nil {
				return err
			}
			_, err = tx.writer().ExecContext(ctx, `UPDATE imports SET undone_at = ? WHERE id = ?`, timeText(tx.Now()), id)
			return translate(err)
		}
		items, err := tx.importItems(ctx, id)
		if err != nil {
			return err
		}
		if files, err = tx.undoItems(ctx, items); err != nil {
			return err
		}
		_, err = tx.writer().ExecContext(ctx, `UPDATE imports SET undone_at = ? WHERE id = ?`, timeText(tx.Now()), id)
		return translate(err)
	})
	if err != nil {
		return nil, fmt.Errorf("undo import %d: %w", id, err)
	}
	return files, nil
}

func (s *Store) importItems(ctx context.Context, id int64) ([]ImportItem, error) {
	scan := func(r rowScanner) (ImportItem, error) {
		var it ImportItem
		var op, before string
		err := r.Scan(&it.Entity, &it.ID, &op, &before, &it.Path)
		it.Updated, it.Before = op == "updated", []byte(before)
		return it, err
	}
	return listOf(ctx, s, "import items", scan,
		`SELECT entity, entity_id, op, before, path FROM import_items WHERE import_id = ? ORDER BY rowid DESC`, id)
}

// undoItems takes the items back, the newest first: the payments, credit
// notes and earlier reminders before the invoices they are on, the
// invoices before their clients.
func (s *Store) undoItems(ctx context.Context, items []ImportItem) (files []string, err error) {
	touched := map[int64]bool{} // invoices kept whose payments or credit notes change
	for _, entity := range []ImportEntity{ImportPayment, ImportCreditNote, ImportAction, ImportInvoice, ImportClient, ImportFile} {
		for _, it := range items {
			if it.Entity != entity {
				continue
			}
			if it.Entity == ImportFile {
				files = append(files, it.Path)
				continue
			}
			if err := s.undoItem(ctx, it, touched); err != nil {
				return nil, err
			}
		}
	}
	for invoiceID := range touched {
		if err := s.refreshSettled(ctx, invoiceID); err != nil && !errors.Is(err, ErrNotFound) {
			return nil, err
		}
	}
	return files, nil
}

func (s *Store) undoItem(ctx context.Context, it ImportItem, touched map[int64]bool) error {
	switch {
	case it.Entity == ImportInvoice && it.Updated:
		return s.restoreInvoice(ctx, it.Before)
	case it.Entity == ImportClient && it.Updated:
		return s.restoreClient(ctx, it.Before)
	case it.Entity == ImportPayment || it.Entity == ImportCreditNote || it.Entity == ImportAction:
		table := importTable(it.Entity)
		var invoiceID int64
		err := s.reader().QueryRowContext(ctx, `SELECT invoice_id FROM `+table+` WHERE id = ?`, it.ID).Scan(&invoiceID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // already gone (deleted with a correction that the check let through)
		}
		if err != nil {
			return translate(err)
		}
		touched[invoiceID] = true
		_, err = s.writer().ExecContext(ctx, `DELETE FROM `+table+` WHERE id = ?`, it.ID)
		return translate(err)
	case it.Entity == ImportInvoice:
		delete(touched, it.ID)
		_, err := s.writer().ExecContext(ctx, `DELETE FROM invoices WHERE id = ?`, it.ID)
		return translate(err)
	case it.Entity == ImportClient:
		_, err := s.writer().ExecContext(ctx, `DELETE FROM clients WHERE id = ?`, it.ID)
		return translate(err)
	}
	return fmt.Errorf("undo import: unknown item %s", it.Entity)
}

// importTable is the table of the records an import adds to invoices.
func importTable(e ImportEntity) string {
	switch e {
	case ImportPayment:
		return "payments"
	case ImportCreditNote:
		return "credit_notes"
	}
	return "actions"
}

// restoreInvoice puts an invoice back as it was before an import updated
// it, and says so on its timeline.
func (s *Store) restoreInvoice(ctx context.Context, before []byte) error {
	var inv Invoice
	if err := json.Unmarshal(before, &inv); err != nil {
		return fmt.Errorf("undo import: invoice as it was: %w", err)
	}
	_, err := s.writer().ExecContext(ctx, `
		UPDATE invoices SET number = ?, client_id = ?, issue_date = ?, delivery_date = ?, due_date = ?,
		       amount_cents = ?, currency = ?, po_ref = ?, attachment = ?, notes = ?, updated_at = ?
		WHERE id = ?`,
		inv.Number, inv.ClientID, inv.IssueDate, inv.DeliveryDate, inv.DueDate, int64(inv.Amount),
		inv.Currency, inv.PORef, inv.Attachment, inv.Notes, timeText(s.Now()), inv.ID)
	if err != nil {
		return fmt.Errorf("undo import: restore invoice %s: %w", inv.Number, translate(err))
	}
	if err := s.refreshSettled(ctx, inv.ID); err != nil {
		return err
	}
	return s.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: EventImportUndone,
		Params: map[string]string{"number": inv.Number}})
}

// restoreClient puts a client back as it was before an import updated it.
func (s *Store) restoreClient(ctx context.Context, before []byte) error {
	var c Client
	if err := json.Unmarshal(before, &c); err != nil {
		return fmt.Errorf("undo import: client as it was: %w", err)
	}
	if err := s.UpdateClient(ctx, &c); err != nil {
		return fmt.Errorf("undo import: restore client %s: %w", c.Name, err)
	}
	return s.appendEvent(ctx, &Event{ClientID: c.ID, Kind: EventImportUndone, Params: map[string]string{"name": c.Name}})
}

// ImportedEvent records on an invoice's timeline that an import brought
// it in or changed it (how: "added" or "updated"), from which files.
func (s *Store) ImportedEvent(ctx context.Context, inv *Invoice, how string, im *Import) error {
	return s.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: EventInvoiceImported,
		Params: map[string]string{"number": inv.Number, "how": how, "file": strings.Join(im.Files, ", "), "format": im.Kind}})
}
