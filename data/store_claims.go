package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Events of what a claim is made of: the penalties given up or claimed
// again, the court-file documents attached and removed.
const (
	EventPenaltiesWaived    EventKind = "penalties_waived"
	EventPenaltiesClaimed   EventKind = "penalties_claimed"
	EventAttachmentAdded    EventKind = "attachment_added"
	EventAttachmentRemoved  EventKind = "attachment_removed"
	maxAttachmentTitleRunes           = 200
)

// WaivePenalties gives up (waived) or claims again (!waived) the
// late-payment penalties and the 40 € indemnity of an invoice, with the
// owner's reason in the timeline. Letters and court files follow it.
func (s *Store) WaivePenalties(ctx context.Context, invoiceID int64, waived bool, reason string) error {
	reason = strings.TrimSpace(reason)
	if err := maxLen("reason", reason, 500); err != nil {
		return FieldErrors{err.(*FieldError)}
	}
	return s.InTx(ctx, func(tx *Store) error {
		inv, err := tx.GetInvoice(ctx, invoiceID)
		if err != nil {
			return err
		}
		if inv.PenaltiesWaived == waived {
			return nil
		}
		if _, err := tx.writer().ExecContext(ctx, `UPDATE invoices SET penalties_waived = ?, updated_at = ? WHERE id = ?`,
			waived, timeText(tx.Now()), invoiceID); err != nil {
			return fmt.Errorf("waive penalties of %s: %w", inv.Number, translate(err))
		}
		kind := EventPenaltiesClaimed
		if waived {
			kind = EventPenaltiesWaived
		}
		return tx.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: kind,
			Params: map[string]string{"number": inv.Number, "reason": reason}})
	})
}

// AttachmentKind says what a court-file document proves.
type AttachmentKind string

// The kinds of documents a court file asks for besides the invoices.
const (
	// AttachContract: the signed quote, the order, the contract or the
	// accepted terms of sale: proof that the debt was agreed.
	AttachContract AttachmentKind = "contract"
	// AttachDelivery: the delivery note, the acceptance report: proof the
	// goods or the work were delivered.
	AttachDelivery AttachmentKind = "delivery"
	// AttachKbis: the debtor's Kbis extract (under three months), which
	// identifies a company before the court.
	AttachKbis  AttachmentKind = "kbis"
	AttachOther AttachmentKind = "other"
)

// AttachmentKinds lists the kinds in display order.
var AttachmentKinds = []AttachmentKind{AttachContract, AttachDelivery, AttachKbis, AttachOther}

// Attachment is a document kept with an invoice, or with a client for all
// its invoices (InvoiceID 0): a signed quote, a delivery note, a Kbis.
type Attachment struct {
	ID        int64
	ClientID  int64
	InvoiceID int64 // 0: the client's, valid for every invoice
	Kind      AttachmentKind
	Title     string
	Path      string // relative to the data folder
	DocDate   Date   // the document's own date, when known
}

// Validate checks an attachment.
func (a *Attachment) Validate() error {
	a.Title = strings.TrimSpace(a.Title)
	var es FieldErrors
	if a.ClientID <= 0 {
		es.add(invalid("client", ReasonRequired, ""))
	}
	known := false
	for _, k := range AttachmentKinds {
		known = known || a.Kind == k
	}
	if !known {
		es.add(invalid("attachment_kind", ReasonUnknownChoice, string(a.Kind)))
	}
	es.add(required("attachment_file", a.Path))
	es.add(maxLen("attachment_title", a.Title, maxAttachmentTitleRunes))
	return es.err()
}

const attachmentColumns = `id, client_id, COALESCE(invoice_id, 0), kind, title, path, doc_date`

func scanAttachment(row rowScanner) (Attachment, error) {
	var a Attachment
	err := row.Scan(&a.ID, &a.ClientID, &a.InvoiceID, &a.Kind, &a.Title, &a.Path, &a.DocDate)
	return a, err
}

// CreateAttachment stores an attachment (its file already copied into the
// data folder) and records it in the timeline. An invoice's attachment
// belongs to the invoice's client.
func (s *Store) CreateAttachment(ctx context.Context, a *Attachment) error {
	return s.InTx(ctx, func(tx *Store) error {
		ev := &Event{Kind: EventAttachmentAdded, Params: map[string]string{"document": string(a.Kind), "title": a.Title}}
		if a.InvoiceID != 0 {
			inv, err := tx.GetInvoice(ctx, a.InvoiceID)
			if err != nil {
				return err
			}
			a.ClientID, ev.InvoiceID, ev.Params["number"] = inv.ClientID, inv.ID, inv.Number
		}
		if err := a.Validate(); err != nil {
			return err
		}
		ev.ClientID = a.ClientID
		id, err := tx.insertID(ctx, `INSERT INTO attachments (client_id, invoice_id, kind, title, path, doc_date, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, a.ClientID, nullID(a.InvoiceID), a.Kind, a.Title, a.Path, a.DocDate, timeText(tx.Now()))
		if errors.Is(translate(err), errForeignKey) {
			return FieldErrors{invalid("client", ReasonUnknownClient, "")}
		}
		if err != nil {
			return fmt.Errorf("create attachment %q: %w", a.Title, translate(err))
		}
		a.ID = id
		return tx.appendEvent(ctx, ev)
	})
}

// GetAttachment returns an attachment by id, or ErrNotFound.
func (s *Store) GetAttachment(ctx context.Context, id int64) (Attachment, error) {
	a, err := scanAttachment(s.reader().QueryRowContext(ctx, `SELECT `+attachmentColumns+` FROM attachments WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Attachment{}, fmt.Errorf("attachment %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Attachment{}, fmt.Errorf("get attachment %d: %w", id, translate(err))
	}
	return a, nil
}

// ListAttachmentsForInvoice returns the documents that support an
// invoice: its own, then its client's (valid for all its invoices), each
// group in the order they were added.
func (s *Store) ListAttachmentsForInvoice(ctx context.Context, invoiceID int64) ([]Attachment, error) {
	return listOf(ctx, s, "list attachments", scanAttachment, `SELECT `+attachmentColumns+` FROM attachments
		WHERE invoice_id = ? OR (invoice_id IS NULL AND client_id = (SELECT client_id FROM invoices WHERE id = ?))
		ORDER BY invoice_id IS NULL, id`, invoiceID, invoiceID)
}

// ListAttachmentsByClient returns a client's own attachments (not those of
// its invoices), in the order they were added.
func (s *Store) ListAttachmentsByClient(ctx context.Context, clientID int64) ([]Attachment, error) {
	return listOf(ctx, s, "list attachments", scanAttachment, `SELECT `+attachmentColumns+` FROM attachments
		WHERE client_id = ? AND invoice_id IS NULL ORDER BY id`, clientID)
}

// DeleteAttachment removes an attachment from the book (the caller removes
// its file) and records it in the timeline.
func (s *Store) DeleteAttachment(ctx context.Context, id int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		a, err := tx.GetAttachment(ctx, id)
		if err != nil {
			return err
		}
		if _, err := tx.writer().ExecContext(ctx, `DELETE FROM attachments WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete attachment %d: %w", id, translate(err))
		}
		ev := &Event{ClientID: a.ClientID, InvoiceID: a.InvoiceID, Kind: EventAttachmentRemoved,
			Params: map[string]string{"document": string(a.Kind), "title": a.Title}}
		return tx.appendEvent(ctx, ev)
	})
}

// ListPaidLateInvoices returns a client's invoices paid in full after their
// due date, whose penalties and 40 € were neither waived nor written off:
// the formal notice and the court file still claim those (L441-10 and
// D441-5 owe them whether the principal came late or not at all). Oldest
// due first.
func (s *Store) ListPaidLateInvoices(ctx context.Context, clientID int64) ([]Invoice, error) {
	scan := func(r rowScanner) (Invoice, error) { return scanInvoice(r) }
	return listOf(ctx, s, "list invoices paid late", scan, `SELECT `+invoiceColumns+` FROM invoices i
		WHERE i.client_id = ? AND i.paid_cents >= i.amount_cents AND i.state <> 'written_off'
		  AND i.penalties_waived = 0 AND i.credit_closed = 0
		  AND EXISTS (SELECT 1 FROM payments p WHERE p.invoice_id = i.id AND p.paid_on > i.due_date)
		ORDER BY i.due_date, i.number`, clientID)
}
