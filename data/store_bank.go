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

// BankLineStatus is where a bank line stands.
type BankLineStatus string

// The states of a bank line.
const (
	BankLineOpen     BankLineStatus = "open"     // a credit to decide, or a return whose payment was not found
	BankLineMatched  BankLineStatus = "matched"  // its money paid invoices
	BankLineIgnored  BankLineStatus = "ignored"  // not a customer payment
	BankLineReversed BankLineStatus = "reversed" // a return that re-opened the payment it gave back
	BankLineOther    BankLineStatus = "other"    // a debit: nothing to do
)

// BankLine is a movement of money read from a bank statement, kept once
// (Identity is unique) with what the owner decided of it.
type BankLine struct {
	ID       int64
	ImportID int64
	Identity string // stable across statements: see data/imports/bank
	FileLine int
	Account  string
	Booked   Date
	Value    Date
	Amount   Money // signed: > 0 money in
	Currency string
	Name     string // the other party
	IBAN     string
	Label    string
	// Reference is a structured remittance reference; EndToEnd the
	// payer's end-to-end identification.
	Reference, EndToEnd string
	// A return gives back money received earlier (ReturnOf: the end-to-end
	// identification of what it returns).
	Return       bool
	ReturnReason string
	ReturnOf     string

	Status    BankLineStatus
	DecidedAt time.Time // zero while open
}

// Credit reports whether the line is money in.
func (l *BankLine) Credit() bool { return l.Amount > 0 }

// BankPayment is the part of a bank credit the owner gives to one invoice.
// Fees is what the payer's bank kept on top of Amount: the invoice is paid
// Amount + Fees.
type BankPayment struct {
	InvoiceID int64
	Amount    Money
	Fees      Money
}

// Payer is someone who paid a client's invoices before: the IBAN and the
// name their bank printed.
type Payer struct {
	ClientID int64
	IBAN     string
	Name     string
}

// Event kinds of bank statements.
const (
	EventPaymentReversed EventKind = "payment_reversed" // a return re-opened a payment
)

// ErrBankLineDecided is returned when a bank line already decided is
// decided again (confirmed twice, by two windows or a double click).
var ErrBankLineDecided = fmt.Errorf("this bank line was already dealt with: %w", ErrInUse)

const bankLineColumns = `id, import_id, identity, file_line, account, booked_on, value_on, amount_cents, currency,
	name, iban, label, reference, end_to_end, is_return, return_reason, return_of, status, decided_at`

func scanBankLine(r rowScanner) (BankLine, error) {
	var l BankLine
	var amount int64
	var decided sql.NullString // NULL until decided
	err := r.Scan(&l.ID, &l.ImportID, &l.Identity, &l.FileLine, &l.Account, &l.Booked, &l.Value, &amount, &l.Currency,
		&l.Name, &l.IBAN, &l.Label, &l.Reference, &l.EndToEnd, &l.Return, &l.ReturnReason, &l.ReturnOf, &l.Status, &decided)
	if err != nil {
		return l, err
	}
	l.Amount = Money(amount)
	l.DecidedAt, err = parseTimeText(decided.String)
	return l, err
}

// AddBankLine records a line of a statement import, unless a line of the
// same identity is already in the book: added is false then, and nothing
// is written. A debit that is not a return is recorded as BankLineOther.
func (s *Store) AddBankLine(ctx context.Context, l *BankLine) (added bool, err error) {
	if l.Identity == "" || l.Booked.IsZero() {
		return false, fmt.Errorf("bank line %d: no identity or date: %w", l.FileLine, ErrInvalid)
	}
	l.Status = BankLineOpen
	if l.Amount <= 0 && !l.Return {
		l.Status = BankLineOther
	}
	if l.Currency == "" {
		l.Currency = "EUR"
	}
	id, err := s.insertID(ctx, `
		INSERT INTO bank_lines (import_id, identity, file_line, account, booked_on, value_on, amount_cents, currency,
		       name, iban, label, reference, end_to_end, is_return, return_reason, return_of, status)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (identity) DO NOTHING`,
		l.ImportID, l.Identity, l.FileLine, l.Account, l.Booked, l.Value, int64(l.Amount), l.Currency,
		l.Name, NormaliseIBAN(l.IBAN), l.Label, l.Reference, l.EndToEnd, l.Return, l.ReturnReason, l.ReturnOf, l.Status)
	if errors.Is(err, sql.ErrNoRows) { // the line is in the book already: ON CONFLICT inserted nothing
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("record bank line %d: %w", l.FileLine, translate(err))
	}
	l.ID = id
	return true, nil
}

// GetBankLine returns a bank line, or ErrNotFound.
func (s *Store) GetBankLine(ctx context.Context, id int64) (BankLine, error) {
	l, err := scanBankLine(s.reader().QueryRowContext(ctx, `SELECT `+bankLineColumns+` FROM bank_lines WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return l, fmt.Errorf("bank line %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return l, fmt.Errorf("get bank line %d: %w", id, translate(err))
	}
	return l, nil
}

// ListBankLinesToDecide returns the lines waiting for the owner: credits
// not yet matched nor set aside, and returns whose payment was not found,
// oldest first.
func (s *Store) ListBankLinesToDecide(ctx context.Context) ([]BankLine, error) {
	return listOf(ctx, s, "list bank lines", scanBankLine,
		`SELECT `+bankLineColumns+` FROM bank_lines WHERE status = 'open' ORDER BY booked_on, id`)
}

// ListBankLinesOfImport returns the lines a statement import recorded, in
// file order.
func (s *Store) ListBankLinesOfImport(ctx context.Context, importID int64) ([]BankLine, error) {
	return listOf(ctx, s, "list bank lines", scanBankLine,
		`SELECT `+bankLineColumns+` FROM bank_lines WHERE import_id = ? ORDER BY file_line, id`, importID)
}

// ListPayers returns the payers learnt for every client.
func (s *Store) ListPayers(ctx context.Context) ([]Payer, error) {
	return listOf(ctx, s, "list payers", func(r rowScanner) (Payer, error) {
		var p Payer
		return p, r.Scan(&p.ClientID, &p.IBAN, &p.Name)
	}, `SELECT client_id, iban, name FROM payers ORDER BY client_id, id`)
}

// PayFromBankLine records the payments a bank credit makes, each on its
// invoice with the line's date, marks the line matched, and learns its
// payer (IBAN and name) for the client when all the invoices are one
// client's. The parts may add up to less than the credit (the rest stays
// unexplained) but not more.
func (s *Store) PayFromBankLine(ctx context.Context, lineID int64, parts []BankPayment) error {
	return s.InTx(ctx, func(tx *Store) error {
		l, err := tx.openLine(ctx, lineID)
		if err != nil {
			return err
		}
		if err := checkParts(l, parts); err != nil {
			return err
		}
		clients := map[int64]bool{}
		for _, part := range parts {
			clientID, err := tx.payFromLine(ctx, l, part)
			if err != nil {
				return err
			}
			clients[clientID] = true
		}
		if len(clients) == 1 {
			for clientID := range clients {
				if err := tx.learnPayer(ctx, clientID, l); err != nil {
					return err
				}
			}
		}
		return tx.decideLine(ctx, l, BankLineMatched)
	})
}

// openLine reads a line that is still to decide.
func (s *Store) openLine(ctx context.Context, lineID int64) (BankLine, error) {
	l, err := s.GetBankLine(ctx, lineID)
	if err != nil {
		return l, err
	}
	if l.Status != BankLineOpen {
		return l, fmt.Errorf("bank line %d: %w", lineID, ErrBankLineDecided)
	}
	return l, nil
}

// checkParts refuses a split that gives more than the credit, or nothing.
func checkParts(l BankLine, parts []BankPayment) error {
	if !l.Credit() {
		return FieldErrors{invalid("amount", ReasonNotPositive, l.Amount.Plain())}
	}
	if len(parts) == 0 {
		return FieldErrors{invalid("invoice", ReasonRequired, "")}
	}
	var total Money
	for _, p := range parts {
		if p.Amount <= 0 || p.Fees < 0 {
			return FieldErrors{invalid("amount", ReasonNotPositive, p.Amount.Plain())}
		}
		total += p.Amount
	}
	if total > l.Amount {
		return FieldErrors{invalid("amount", ReasonOutOfRange, total.Plain())}
	}
	return nil
}

// payFromLine records one part of a credit as a payment.
func (s *Store) payFromLine(ctx context.Context, l BankLine, part BankPayment) (clientID int64, err error) {
	inv, err := s.GetInvoice(ctx, part.InvoiceID)
	if err != nil {
		return 0, err
	}
	paid := part.Amount + part.Fees
	_, err = s.writer().ExecContext(ctx, `
		INSERT INTO payments (invoice_id, paid_on, amount_cents, method, created_at, bank_line_id, fees_cents)
		VALUES (?, ?, ?, 'transfer', ?, ?, ?)`,
		inv.ID, l.Booked, int64(paid), timeText(s.Now()), l.ID, int64(part.Fees))
	if err != nil {
		return 0, fmt.Errorf("record payment of bank line %d: %w", l.FileLine, translate(err))
	}
	if err := s.refreshSettled(ctx, inv.ID); err != nil {
		return 0, err
	}
	params := map[string]string{"number": inv.Number, "amount": paid.Plain(), "date": l.Booked.String(),
		"method": "transfer", "bank": bankLabel(l)}
	if part.Fees > 0 {
		params["fees"] = part.Fees.Plain()
	}
	if err := s.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: EventPaymentRecorded,
		Params: params}); err != nil {
		return 0, err
	}
	return inv.ClientID, s.reconcileEarlyPayment(ctx, &inv)
}

// bankLabel is how the timeline names a bank line: its payer and label.
func bankLabel(l BankLine) string {
	return strings.TrimSpace(strings.Join(strings.Fields(l.Name+" "+l.Label), " "))
}

// learnPayer remembers who paid for a client, to recognise them next time.
func (s *Store) learnPayer(ctx context.Context, clientID int64, l BankLine) error {
	name := strings.Join(strings.Fields(l.Name), " ")
	iban := NormaliseIBAN(l.IBAN)
	if name == "" && iban == "" {
		return nil
	}
	_, err := s.writer().ExecContext(ctx, `
		INSERT INTO payers (client_id, iban, name, bank_line_id) VALUES (?, ?, ?, ?)
		ON CONFLICT (client_id, iban, name) DO NOTHING`, clientID, iban, name, l.ID)
	if err != nil {
		return fmt.Errorf("learn payer: %w", translate(err))
	}
	return nil
}

// decideLine records the owner's decision on a line, and moves its
// import's newest event forward: what the import did includes it, and
// only what comes after blocks its undo.
func (s *Store) decideLine(ctx context.Context, l BankLine, status BankLineStatus) error {
	_, err := s.writer().ExecContext(ctx, `UPDATE bank_lines SET status = ?, decided_at = ? WHERE id = ?`,
		status, timeText(s.Now()), l.ID)
	if err != nil {
		return fmt.Errorf("decide bank line %d: %w", l.ID, translate(err))
	}
	_, err = s.writer().ExecContext(ctx, `
		UPDATE imports SET last_event_id = (SELECT COALESCE(MAX(id), 0) FROM events) WHERE id = ?`, l.ImportID)
	return translate(err)
}

// IgnoreBankLine sets a credit aside as not a customer payment (a loan, a
// refund from a supplier, a transfer between the owner's accounts).
func (s *Store) IgnoreBankLine(ctx context.Context, lineID int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		l, err := tx.openLine(ctx, lineID)
		if err != nil {
			return err
		}
		return tx.decideLine(ctx, l, BankLineIgnored)
	})
}

// ReopenBankLine takes back a decision on a line: the payments made of it
// are deleted (each on its invoice's timeline), the payer learnt from it
// forgotten, and the line is to decide again.
func (s *Store) ReopenBankLine(ctx context.Context, lineID int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		l, err := tx.GetBankLine(ctx, lineID)
		if err != nil {
			return err
		}
		if l.Status != BankLineMatched && l.Status != BankLineIgnored {
			return fmt.Errorf("bank line %d is %s: %w", lineID, l.Status, ErrInUse)
		}
		payments, err := tx.paymentsOfLine(ctx, lineID)
		if err != nil {
			return err
		}
		for _, p := range payments {
			if err := tx.DeletePayment(ctx, p.ID); err != nil {
				return err
			}
		}
		if _, err := tx.writer().ExecContext(ctx, `DELETE FROM payers WHERE bank_line_id = ?`, lineID); err != nil {
			return translate(err)
		}
		_, err = tx.writer().ExecContext(ctx, `UPDATE bank_lines SET status = 'open', decided_at = NULL WHERE id = ?`, lineID)
		return translate(err)
	})
}

// paymentsOfLine returns the payments made of a bank line.
func (s *Store) paymentsOfLine(ctx context.Context, lineID int64) ([]Payment, error) {
	return listOf(ctx, s, "list payments", scanPayment,
		`SELECT `+paymentColumns+` FROM payments WHERE bank_line_id = ? ORDER BY id`, lineID)
}

// ReturnedPayment finds the payment a return gives back: the one made of
// the credit whose end-to-end identification the return names, else the
// newest payment from a bank credit of the same amount and payer (IBAN,
// or name) booked before the return. found is false when there is none.
func (s *Store) ReturnedPayment(ctx context.Context, ret BankLine) (p Payment, found bool, err error) {
	byEndToEnd := `SELECT p.id FROM payments p JOIN bank_lines l ON l.id = p.bank_line_id
		WHERE l.end_to_end = ?1 AND ?1 <> '' ORDER BY p.id DESC LIMIT 1`
	byPayer := `SELECT p.id FROM payments p JOIN bank_lines l ON l.id = p.bank_line_id
		WHERE l.amount_cents = ?2 AND l.booked_on <= ?3 AND l.status = 'matched'
		  AND ((l.iban <> '' AND l.iban = ?4) OR (l.name <> '' AND l.name = ?5))
		ORDER BY l.booked_on DESC, p.id DESC LIMIT 1`
	p, err = scanPayment(s.reader().QueryRowContext(ctx,
		`SELECT `+paymentColumns+` FROM payments WHERE id = COALESCE((`+byEndToEnd+`), (`+byPayer+`))`,
		ret.ReturnOf, -int64(ret.Amount), ret.Booked, NormaliseIBAN(ret.IBAN), ret.Name))
	if errors.Is(err, sql.ErrNoRows) {
		return p, false, nil
	}
	if err != nil {
		return p, false, fmt.Errorf("find the returned payment: %w", translate(err))
	}
	return p, true, nil
}

// ReverseWithBankLine re-opens the payment a return gives back: the
// payment is taken off its invoice (kept on the line, for an undo), the
// invoice's timeline says why, and the line is marked reversed.
func (s *Store) ReverseWithBankLine(ctx context.Context, lineID, paymentID int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		l, err := tx.openLine(ctx, lineID)
		if err != nil {
			return err
		}
		p, err := tx.GetPayment(ctx, paymentID)
		if err != nil {
			return err
		}
		inv, err := tx.GetInvoice(ctx, p.InvoiceID)
		if err != nil {
			return err
		}
		kept, err := json.Marshal(p)
		if err != nil {
			return err
		}
		if _, err := tx.writer().ExecContext(ctx, `DELETE FROM payments WHERE id = ?`, p.ID); err != nil {
			return fmt.Errorf("reverse payment %d: %w", p.ID, translate(err))
		}
		if err := tx.refreshSettled(ctx, inv.ID); err != nil {
			return err
		}
		if _, err := tx.writer().ExecContext(ctx, `UPDATE bank_lines SET reversed = ? WHERE id = ?`, string(kept), l.ID); err != nil {
			return translate(err)
		}
		if err := tx.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: EventPaymentReversed,
			Params: map[string]string{"number": inv.Number, "amount": p.Amount.Plain(), "date": p.Date.String(),
				"returned_on": l.Booked.String(), "reason": l.ReturnReason}}); err != nil {
			return err
		}
		if err := tx.reconcileEarlyPayment(ctx, &inv); err != nil {
			return err
		}
		return tx.decideLine(ctx, l, BankLineReversed)
	})
}

// bankImportInvoices is the subquery of the invoices a statement import
// (?1) changed: those its credits paid, and those whose payment its
// returns re-opened.
const bankImportInvoices = `SELECT p.invoice_id FROM payments p JOIN bank_lines l ON l.id = p.bank_line_id WHERE l.import_id = ?1
	UNION
	SELECT CAST(json_extract(reversed, '$.InvoiceID') AS INTEGER) FROM bank_lines WHERE import_id = ?1 AND reversed <> ''`

// bankImportTouched lists the invoices a statement import changed.
func (s *Store) bankImportTouched(ctx context.Context, importID int64) ([]int64, error) {
	return listOf(ctx, s, "bank import invoices", func(r rowScanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	}, bankImportInvoices, importID)
}

// bankImportUndoable: nothing happened on the invoices a statement import
// changed since its last decision.
func (s *Store) bankImportUndoable(ctx context.Context, im Import) (bool, error) {
	var later bool
	err := s.reader().QueryRowContext(ctx, `
		SELECT EXISTS (SELECT 1 FROM events e WHERE e.id > ?2 AND e.invoice_id IN (`+bankImportInvoices+`))`,
		im.ID, im.LastEventID).Scan(&later)
	if err != nil {
		return false, fmt.Errorf("can import %d be undone: %w", im.ID, translate(err))
	}
	return !later, nil
}

// undoBankImport takes a statement import back: the payments its credits
// made are deleted, the payments its returns re-opened are put back, the
// payers learnt from it forgotten, its lines removed (a later import of
// the same statement brings them in again).
func (s *Store) undoBankImport(ctx context.Context, id int64) error {
	touched, err := s.bankImportTouched(ctx, id)
	if err != nil {
		return err
	}
	if err := s.restoreReversed(ctx, id); err != nil {
		return err
	}
	for _, q := range []string{
		`DELETE FROM payments WHERE bank_line_id IN (SELECT id FROM bank_lines WHERE import_id = ?)`,
		`DELETE FROM payers WHERE bank_line_id IN (SELECT id FROM bank_lines WHERE import_id = ?)`,
		`DELETE FROM bank_lines WHERE import_id = ?`,
	} {
		if _, err := s.writer().ExecContext(ctx, q, id); err != nil {
			return fmt.Errorf("undo statement import %d: %w", id, translate(err))
		}
	}
	for _, invoiceID := range touched {
		if err := s.refreshSettled(ctx, invoiceID); err != nil {
			return err
		}
		inv, err := s.GetInvoice(ctx, invoiceID)
		if err != nil {
			return err
		}
		if err := s.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: EventImportUndone,
			Params: map[string]string{"number": inv.Number}}); err != nil {
			return err
		}
		if err := s.reconcileEarlyPayment(ctx, &inv); err != nil {
			return err
		}
	}
	return nil
}

// restoreReversed puts back the payments the returns of an import had
// re-opened.
func (s *Store) restoreReversed(ctx context.Context, importID int64) error {
	kept, err := listOf(ctx, s, "reversed payments", func(r rowScanner) (string, error) {
		var v string
		return v, r.Scan(&v)
	}, `SELECT reversed FROM bank_lines WHERE import_id = ? AND reversed <> ''`, importID)
	if err != nil {
		return err
	}
	for _, text := range kept {
		var p Payment
		if err := json.Unmarshal([]byte(text), &p); err != nil {
			return fmt.Errorf("undo statement import: payment as it was: %w", err)
		}
		_, err := s.writer().ExecContext(ctx, `
			INSERT INTO payments (id, invoice_id, paid_on, amount_cents, method, bank_ref, created_at, bank_line_id, fees_cents)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			p.ID, p.InvoiceID, p.Date, int64(p.Amount), p.Method, nullString(p.BankRef), timeText(p.CreatedAt),
			nullID(p.BankLineID), int64(p.Fees))
		if err != nil {
			return fmt.Errorf("undo statement import: put back payment %d: %w", p.ID, translate(err))
		}
	}
	return nil
}

// OpenBalance is an invoice that still has something to pay, as the
// matching of bank credits needs it.
type OpenBalance struct {
	InvoiceID   int64
	Number      string
	ClientID    int64
	ClientName  string
	Outstanding Money
	Issued, Due Date
}

// ListOpenBalances returns the invoices a payment may still settle: with a
// balance left, not cancelled by a credit note nor written off.
func (s *Store) ListOpenBalances(ctx context.Context) ([]OpenBalance, error) {
	return listOf(ctx, s, "list open balances", func(r rowScanner) (OpenBalance, error) {
		var b OpenBalance
		var left int64
		err := r.Scan(&b.InvoiceID, &b.Number, &b.ClientID, &b.ClientName, &left, &b.Issued, &b.Due)
		b.Outstanding = Money(left)
		return b, err
	}, `SELECT i.id, i.number, i.client_id, c.name, i.amount_cents - i.paid_cents, i.issue_date, i.due_date
	    FROM invoices i JOIN clients c ON c.id = i.client_id
	    WHERE i.paid_cents < i.amount_cents AND i.credit_closed = 0 AND i.state <> 'written_off'
	    ORDER BY i.due_date, i.id`)
}

// reopenEmptyLine puts a matched bank line back among those to decide
// once no payment is left of it.
func (s *Store) reopenEmptyLine(ctx context.Context, lineID int64) error {
	if lineID == 0 {
		return nil
	}
	_, err := s.writer().ExecContext(ctx, `
		UPDATE bank_lines SET status = 'open', decided_at = NULL
		WHERE id = ?1 AND status = 'matched' AND NOT EXISTS (SELECT 1 FROM payments WHERE bank_line_id = ?1)`, lineID)
	if err != nil {
		return fmt.Errorf("reopen bank line %d: %w", lineID, translate(err))
	}
	_, err = s.writer().ExecContext(ctx, `
		DELETE FROM payers WHERE bank_line_id = ?1 AND NOT EXISTS (SELECT 1 FROM payments WHERE bank_line_id = ?1)`, lineID)
	return translate(err)
}

// PaymentOnInvoice is a payment with the invoice and client it is on, for
// the owner to say which one a return gives back.
type PaymentOnInvoice struct {
	Payment
	Number     string
	ClientName string
}

// ListPaymentsReturnable lists the payments a return of amount booked on
// day may give back: of that amount, made in the 180 days before, newest
// first.
func (s *Store) ListPaymentsReturnable(ctx context.Context, amount Money, day Date) ([]PaymentOnInvoice, error) {
	return listOf(ctx, s, "list returnable payments", func(r rowScanner) (PaymentOnInvoice, error) {
		var p PaymentOnInvoice
		var id int64
		if err := r.Scan(&id, &p.Number, &p.ClientName); err != nil {
			return p, err
		}
		var err error
		p.Payment, err = s.GetPayment(ctx, id)
		return p, err
	}, `SELECT p.id, i.number, c.name FROM payments p JOIN invoices i ON i.id = p.invoice_id JOIN clients c ON c.id = i.client_id
	    WHERE p.amount_cents = ? AND p.paid_on <= ? AND p.paid_on >= ? ORDER BY p.paid_on DESC, p.id DESC LIMIT 50`,
		int64(amount), day, day.AddDays(-180))
}
