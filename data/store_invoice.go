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
	i.paused, i.paused_until, i.pause_reason, i.penalties_waived, i.credited_cents, i.credit_closed,
	i.created_at, i.updated_at`

func scanInvoice(row interface{ Scan(...any) error }, extra ...any) (Invoice, error) {
	var inv Invoice
	var amount, credited int64
	var created, updated string
	dest := append([]any{&inv.ID, &inv.Number, &inv.ClientID, &inv.IssueDate, &inv.DeliveryDate, &inv.DueDate,
		&amount, &inv.Currency, &inv.PORef, &inv.Attachment, &inv.State, &inv.Notes,
		&inv.Paused, &inv.PausedUntil, &inv.PauseReason, &inv.PenaltiesWaived, &credited, &inv.CreditClosed,
		&created, &updated}, extra...)
	if err := row.Scan(dest...); err != nil {
		return Invoice{}, err
	}
	inv.Amount, inv.Credited = Money(amount), Money(credited)
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
		if err := tx.grantEarlyDiscount(ctx, inv); err != nil {
			return err
		}
		now := tx.Now()
		id, err := tx.insertID(ctx, `
			INSERT INTO invoices (number, client_id, issue_date, delivery_date, due_date, amount_cents,
			       currency, po_ref, attachment, state, notes, created_at, updated_at, discount_bp, discount_days)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			inv.Number, inv.ClientID, inv.IssueDate, inv.DeliveryDate, inv.DueDate, int64(inv.Amount),
			inv.Currency, inv.PORef, inv.Attachment, inv.State, inv.Notes, timeText(now), timeText(now),
			inv.Discount.Rate, inv.Discount.Days)
		if err != nil {
			return invoiceWriteError("create", inv, err)
		}
		inv.ID = id
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
	// The discount is read here only, not by the lists, whose covering
	// indexes (0014) do not hold it.
	var rate, days int
	var delay DelayReason // likewise the reason given for the delay
	inv, err := scanInvoice(s.reader().QueryRowContext(ctx,
		`SELECT `+invoiceColumns+`, i.discount_bp, i.discount_days, i.delay_reason FROM invoices i WHERE `+where, arg),
		&rate, &days, &delay)
	inv.Discount = EarlyDiscount{Rate: rate, Days: days}
	inv.DelayReason = delay
	if errors.Is(err, sql.ErrNoRows) {
		return Invoice{}, fmt.Errorf("invoice %v: %w", arg, ErrNotFound)
	}
	if err != nil {
		return Invoice{}, fmt.Errorf("get invoice %v: %w", arg, translate(err))
	}
	return inv, nil
}

// UpdateInvoice validates and saves inv (a correction: its number, client,
// dates, amount...), and records on the timeline what changed, from what
// to what. The amount cannot go below the credit notes already issued, and
// the client cannot change once the invoice has a history.
func (s *Store) UpdateInvoice(ctx context.Context, inv *Invoice) error {
	if err := inv.Validate(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Store) error {
		before, err := tx.GetInvoice(ctx, inv.ID)
		if err != nil {
			return err
		}
		if err := tx.checkInvoiceEdit(ctx, &before, inv); err != nil {
			return err
		}
		now := tx.Now()
		_, err = tx.writer().ExecContext(ctx, `
			UPDATE invoices SET number = ?, client_id = ?, issue_date = ?, delivery_date = ?, due_date = ?,
			       amount_cents = ?, currency = ?, po_ref = ?, attachment = ?, state = ?, notes = ?, updated_at = ?
			WHERE id = ?`,
			inv.Number, inv.ClientID, inv.IssueDate, inv.DeliveryDate, inv.DueDate, int64(inv.Amount),
			inv.Currency, inv.PORef, inv.Attachment, inv.State, inv.Notes, timeText(now), inv.ID)
		if err != nil {
			return invoiceWriteError("update", inv, err)
		}
		// The amount decides whether the payments or the credit notes settle it.
		if err := tx.refreshSettled(ctx, inv.ID); err != nil {
			return err
		}
		inv.UpdatedAt, inv.Credited = now, before.Credited
		params := invoiceChanges(&before, inv)
		if params.none() {
			return nil
		}
		params["number"] = inv.Number
		return tx.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: EventInvoiceUpdated, Params: params})
	})
}

// checkInvoiceEdit refuses the corrections that would falsify the book: an
// amount below the credit notes, another client for an invoice with a history.
func (s *Store) checkInvoiceEdit(ctx context.Context, before, after *Invoice) error {
	var es FieldErrors
	if after.Amount < before.Credited {
		es = append(es, &FieldError{Field: "amount", Reason: ReasonBelowCredited, Value: before.Credited.Plain()})
	}
	if after.ClientID != before.ClientID {
		history, err := s.InvoiceHasHistory(ctx, before.ID)
		if err != nil {
			return err
		}
		if history {
			es = append(es, invalid("client", ReasonLockedByHistory, ""))
		}
	}
	return es.err()
}

// invoiceChanges lists what an edit changed, in the stored forms (ISO
// dates, plain amounts) that the timeline formats.
func invoiceChanges(before, after *Invoice) changes {
	c := changes{}
	c.add("number", before.Number, after.Number)
	c.add("client", strconv.FormatInt(before.ClientID, 10), strconv.FormatInt(after.ClientID, 10))
	c.add("issue_date", before.IssueDate.String(), after.IssueDate.String())
	c.add("delivery_date", before.DeliveryDate.String(), after.DeliveryDate.String())
	c.add("due_date", before.DueDate.String(), after.DueDate.String())
	c.add("amount", before.Amount.Plain(), after.Amount.Plain())
	c.add("po_ref", before.PORef, after.PORef)
	c.add("attachment", before.Attachment, after.Attachment)
	c.add("notes", before.Notes, after.Notes)
	return c
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

// DeleteInvoice removes an invoice typed by mistake, with its timeline; the
// client's timeline keeps a line saying so. An invoice with a history
// (InvoiceHasHistory) is refused with ErrHasHistory: it is cancelled with a
// credit note instead.
func (s *Store) DeleteInvoice(ctx context.Context, id int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		inv, err := tx.GetInvoice(ctx, id)
		if err != nil {
			return err
		}
		history, err := tx.InvoiceHasHistory(ctx, id)
		if err != nil {
			return err
		}
		if history {
			return fmt.Errorf("delete invoice %s: %w", inv.Number, ErrHasHistory)
		}
		if _, err := tx.writer().ExecContext(ctx, `DELETE FROM invoices WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete invoice %s: %w", inv.Number, translate(err))
		}
		return tx.appendEvent(ctx, &Event{ClientID: inv.ClientID, Kind: EventInvoiceDeleted,
			Params: map[string]string{"number": inv.Number, "amount": inv.Amount.Plain(), "due_date": inv.DueDate.String()}})
	})
}

// InvoiceHasHistory reports whether anything happened on an invoice beyond
// its creation and its corrections: a payment, a credit note, a step (a
// reminder, a call, a letter), a promise, a payment plan, an email queued,
// or any other event of its timeline. Such an invoice is proof of what was
// done and is never deleted.
func (s *Store) InvoiceHasHistory(ctx context.Context, id int64) (bool, error) {
	var history bool
	err := s.reader().QueryRowContext(ctx, `
		SELECT EXISTS (SELECT 1 FROM payments WHERE invoice_id = ?1)
		    OR EXISTS (SELECT 1 FROM credit_notes WHERE invoice_id = ?1)
		    OR EXISTS (SELECT 1 FROM actions WHERE invoice_id = ?1)
		    OR EXISTS (SELECT 1 FROM promises WHERE invoice_id = ?1)
		    OR EXISTS (SELECT 1 FROM payment_plans WHERE invoice_id = ?1)
		    OR EXISTS (SELECT 1 FROM outbox_items WHERE invoice_id = ?1)
		    OR EXISTS (SELECT 1 FROM events WHERE invoice_id = ?1 AND kind NOT IN (?2, ?3))`,
		id, EventInvoiceCreated, EventInvoiceUpdated).Scan(&history)
	if err != nil {
		return false, fmt.Errorf("history of invoice %d: %w", id, translate(err))
	}
	return history, nil
}

// InvoiceSummary is an invoice with what a list shows next to it: the
// client's name and the sum of payments (credit notes are in
// Invoice.Credited).
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
	return s.listSummaries(ctx, "", latestDueFirst, nil)
}

// ListOpenInvoiceSummaries returns at most limit open invoices with
// something left to pay (neither disputed nor written off), the earliest
// due first: read through the unpaid invoices' index, whatever the size of
// the book.
func (s *Store) ListOpenInvoiceSummaries(ctx context.Context, limit int) ([]InvoiceSummary, error) {
	return s.listSummaries(ctx, "WHERE i.paid_cents < i.amount_cents AND i.state = 'open'",
		"ORDER BY i.due_date, i.number LIMIT ?", []any{limit})
}

// latestDueFirst is the lists' usual order.
const latestDueFirst = "ORDER BY i.due_date DESC, i.number DESC"

// ListInvoiceSummariesByClient returns the invoices of one client.
func (s *Store) ListInvoiceSummariesByClient(ctx context.Context, clientID int64) ([]InvoiceSummary, error) {
	return s.listSummaries(ctx, "WHERE i.client_id = ?", latestDueFirst, []any{clientID})
}

// listSummaries reads the invoices where says, in order (which may end
// with a LIMIT).
func (s *Store) listSummaries(ctx context.Context, where, order string, args []any) ([]InvoiceSummary, error) {
	// Sizing the slice of the whole book first spares the copies of
	// growing it row by row, which cost more than the query on a large
	// book; a part of it (a client's, a month's) is small, and counting it
	// would read it twice.
	var count int
	if where == "" {
		if err := s.reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM invoices`).Scan(&count); err != nil {
			return nil, fmt.Errorf("count invoices: %w", translate(err))
		}
	}
	query := `SELECT ` + invoiceColumns + `, c.name, i.paid_cents - i.credited_cents
		FROM invoices i
		JOIN clients c ON c.id = i.client_id
		` + where + `
		` + order
	if s.observe != nil {
		s.observe(query, args)
	}
	rows, err := s.reader().QueryContext(ctx, query, args...)
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
	return s.listSummaries(ctx, "WHERE i.due_date BETWEEN ? AND ?", latestDueFirst, []any{first, last})
}
