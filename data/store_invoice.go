package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

const invoiceColumns = `i.id, i.number, i.client_id, i.issue_date, i.delivery_date, i.due_date,
	i.amount_cents, i.currency, i.po_ref, i.attachment, i.state, i.notes,
	i.paused, i.paused_until, i.pause_reason, i.created_at, i.updated_at`

func scanInvoice(row interface{ Scan(...any) error }, extra ...any) (Invoice, error) {
	var inv Invoice
	var amount int64
	var created, updated string
	dest := append([]any{&inv.ID, &inv.Number, &inv.ClientID, &inv.IssueDate, &inv.DeliveryDate, &inv.DueDate,
		&amount, &inv.Currency, &inv.PORef, &inv.Attachment, &inv.State, &inv.Notes,
		&inv.Paused, &inv.PausedUntil, &inv.PauseReason, &created, &updated}, extra...)
	if err := row.Scan(dest...); err != nil {
		return Invoice{}, err
	}
	inv.Amount = Money(amount)
	var err error
	if inv.CreatedAt, err = parseTimeText(created); err != nil {
		return Invoice{}, err
	}
	inv.UpdatedAt, err = parseTimeText(updated)
	return inv, err
}

// invoiceWriteError names the field a constraint refusal is about.
func invoiceWriteError(op string, inv *Invoice, err error) error {
	err = translate(err)
	switch {
	case errors.Is(err, ErrAlreadyExists):
		return FieldErrors{invalid("number", ReasonDuplicate, inv.Number)}
	case errors.Is(err, errForeignKey):
		return FieldErrors{invalid("client", ReasonUnknownClient, "")}
	}
	return fmt.Errorf("%s invoice %q: %w", op, inv.Number, err)
}

// CreateInvoice validates inv, inserts it, sets inv.ID and records the event.
// A number already used gives a FieldError on "number" that matches
// ErrAlreadyExists; an unknown client one on "client".
func (s *Store) CreateInvoice(ctx context.Context, inv *Invoice) error {
	if err := inv.Validate(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Store) error {
		now := tx.Now()
		res, err := tx.writer().ExecContext(ctx, `
			INSERT INTO invoices (number, client_id, issue_date, delivery_date, due_date, amount_cents,
			       currency, po_ref, attachment, state, notes, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			inv.Number, inv.ClientID, inv.IssueDate, inv.DeliveryDate, inv.DueDate, int64(inv.Amount),
			inv.Currency, inv.PORef, inv.Attachment, inv.State, inv.Notes, timeText(now), timeText(now))
		if err != nil {
			return invoiceWriteError("create", inv, err)
		}
		if inv.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		inv.CreatedAt, inv.UpdatedAt = now, now
		return tx.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: EventInvoiceCreated,
			Params: map[string]string{"number": inv.Number, "amount": inv.Amount.Plain(), "due_date": inv.DueDate.String()}})
	})
}

// GetInvoice returns the invoice with that id, or ErrNotFound.
func (s *Store) GetInvoice(ctx context.Context, id int64) (Invoice, error) {
	return s.getInvoiceWhere(ctx, "i.id = ?", id)
}

// GetInvoiceByNumber returns the invoice with that number, or ErrNotFound.
func (s *Store) GetInvoiceByNumber(ctx context.Context, number string) (Invoice, error) {
	return s.getInvoiceWhere(ctx, "i.number = ?", number)
}

func (s *Store) getInvoiceWhere(ctx context.Context, where string, arg any) (Invoice, error) {
	inv, err := scanInvoice(s.reader().QueryRowContext(ctx,
		`SELECT `+invoiceColumns+` FROM invoices i WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return Invoice{}, fmt.Errorf("invoice %v: %w", arg, ErrNotFound)
	}
	if err != nil {
		return Invoice{}, fmt.Errorf("get invoice %v: %w", arg, translate(err))
	}
	return inv, nil
}

// UpdateInvoice validates and saves inv.
func (s *Store) UpdateInvoice(ctx context.Context, inv *Invoice) error {
	if err := inv.Validate(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Store) error {
		now := tx.Now()
		res, err := tx.writer().ExecContext(ctx, `
			UPDATE invoices SET number = ?, client_id = ?, issue_date = ?, delivery_date = ?, due_date = ?,
			       amount_cents = ?, currency = ?, po_ref = ?, attachment = ?, state = ?, notes = ?, updated_at = ?
			WHERE id = ?`,
			inv.Number, inv.ClientID, inv.IssueDate, inv.DeliveryDate, inv.DueDate, int64(inv.Amount),
			inv.Currency, inv.PORef, inv.Attachment, inv.State, inv.Notes, timeText(now), inv.ID)
		if err != nil {
			return invoiceWriteError("update", inv, err)
		}
		if err := checkAffected(res, "invoice", inv.ID); err != nil {
			return err
		}
		inv.UpdatedAt = now
		return tx.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: EventInvoiceUpdated,
			Params: map[string]string{"number": inv.Number}})
	})
}

// SetInvoiceState changes what the user decided about an invoice (disputed,
// written off, ...) and records why in the timeline.
func (s *Store) SetInvoiceState(ctx context.Context, id int64, state InvoiceState, reason string) error {
	if !validState(state) {
		return invalid("state", ReasonUnknownChoice, string(state))
	}
	return s.InTx(ctx, func(tx *Store) error {
		inv, err := tx.GetInvoice(ctx, id)
		if err != nil {
			return err
		}
		if inv.State == state {
			return nil
		}
		if _, err := tx.writer().ExecContext(ctx, `UPDATE invoices SET state = ?, updated_at = ? WHERE id = ?`,
			state, timeText(tx.Now()), id); err != nil {
			return fmt.Errorf("set invoice %d state: %w", id, translate(err))
		}
		return tx.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: id, Kind: EventStateChanged,
			Params: map[string]string{"number": inv.Number, "from": string(inv.State), "to": string(state), "reason": reason}})
	})
}

// DeleteInvoice removes an invoice with its payments and timeline.
func (s *Store) DeleteInvoice(ctx context.Context, id int64) error {
	res, err := s.writer().ExecContext(ctx, `DELETE FROM invoices WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("delete invoice %d: %w", id, translate(err))
	}
	return checkAffected(res, "invoice", id)
}

// InvoiceSummary is an invoice with what a list shows next to it: the
// client's name and the sum of payments.
type InvoiceSummary struct {
	Invoice
	ClientName string
	Paid       Money
}

// Status derives the summary's status on day today.
func (s *InvoiceSummary) Status(today Date, dueSoonDays int) Status {
	return DeriveStatus(&s.Invoice, s.Paid, today, dueSoonDays)
}

// ListInvoiceSummaries returns every invoice with its client's name and paid
// amount, latest due date first.
func (s *Store) ListInvoiceSummaries(ctx context.Context) ([]InvoiceSummary, error) {
	return s.listSummaries(ctx, "", nil)
}

// ListInvoiceSummariesByClient returns the invoices of one client.
func (s *Store) ListInvoiceSummariesByClient(ctx context.Context, clientID int64) ([]InvoiceSummary, error) {
	return s.listSummaries(ctx, "WHERE i.client_id = ?", []any{clientID})
}

func (s *Store) listSummaries(ctx context.Context, where string, args []any) ([]InvoiceSummary, error) {
	// Sizing the slice first spares the copies of growing it row by row,
	// which cost more than the query on a large book.
	var count int
	if err := s.reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM invoices i `+where, args...).Scan(&count); err != nil {
		return nil, fmt.Errorf("count invoices: %w", translate(err))
	}
	rows, err := s.reader().QueryContext(ctx, `
		SELECT `+invoiceColumns+`, c.name, i.paid_cents
		FROM invoices i
		JOIN clients c ON c.id = i.client_id
		`+where+`
		ORDER BY i.due_date DESC, i.number DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("list invoices: %w", translate(err))
	}
	defer rows.Close()
	out := make([]InvoiceSummary, 0, count)
	for rows.Next() {
		var sum InvoiceSummary
		var paid int64
		if sum.Invoice, err = scanInvoice(rows, &sum.ClientName, &paid); err != nil {
			return nil, fmt.Errorf("list invoices: %w", err)
		}
		sum.Paid = Money(paid)
		out = append(out, sum)
	}
	return out, rows.Err()
}

// NextInvoiceNumber suggests the number after the highest `FA-<year>-NNNN`
// already used (`FA-2026-0001` for the first of the year), the numbering most
// French invoicing tools default to.
func (s *Store) NextInvoiceNumber(ctx context.Context, year int) (string, error) {
	prefix := fmt.Sprintf("FA-%04d-", year)
	rows, err := s.reader().QueryContext(ctx,
		`SELECT number FROM invoices WHERE number LIKE ? || '%'`, prefix)
	if err != nil {
		return "", fmt.Errorf("next invoice number: %w", translate(err))
	}
	defer rows.Close()
	highest := 0
	for rows.Next() {
		var number string
		if err := rows.Scan(&number); err != nil {
			return "", err
		}
		if n, err := strconv.Atoi(strings.TrimPrefix(number, prefix)); err == nil && n > highest {
			highest = n
		}
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s%04d", prefix, highest+1), nil
}

// ListInvoiceSummariesDueBetween returns the invoices falling due from
// first to last (inclusive), paid or not: what a calendar month shows.
func (s *Store) ListInvoiceSummariesDueBetween(ctx context.Context, first, last Date) ([]InvoiceSummary, error) {
	return s.listSummaries(ctx, "WHERE i.due_date BETWEEN ? AND ?", []any{first, last})
}
