package importing

import (
	"context"

	"relance/data"
	"relance/data/imports"
)

// updateInvoice brings the book's invoice in line with the file's when the
// number is known: the file's dates, amount and order reference, the
// payments and credit notes it has that the book lacks, and what the
// client paid since, when the file owes less than the book. A file that
// owes more than the book (the book knows a payment the file does not) is
// refused on that line: the owner's records win over an older export.
func (r *run) updateInvoice(ctx context.Context, fi *imports.Invoice, client data.Client, existing data.Invoice) error {
	if existing.ClientID != client.ID {
		r.refuse(fi.File, fi.Line, "number", data.ReasonConflict, fi.Number)
		r.rep.Skipped++
		return nil
	}
	payments, credits, err := r.bookSettlements(ctx, existing.ID)
	if err != nil {
		return err
	}
	newPayments := missingPayments(fi.Payments, payments)
	fileCredits, _ := r.creditsOf(fi.Number)
	newCredits := missingCredits(fileCredits, credits)
	changed := r.invoiceOf(fi, client)
	changed.ID, changed.State, changed.Notes, changed.Attachment = existing.ID, existing.State, existing.Notes, existing.Attachment
	if changed.Attachment == "" { // the legal invoice, brought by this file
		if changed.Attachment, err = r.pdfPath(ctx, fi); err != nil {
			return err
		}
	}
	if fi.DueDate.IsZero() {
		changed.DueDate = existing.DueDate
	}
	if changed.DeliveryDate.IsZero() {
		changed.DeliveryDate = existing.DeliveryDate
	}
	if changed.PORef == "" {
		changed.PORef = existing.PORef
	}
	bookOwed := existing.Amount - sumPayments(payments) - sumCredits(credits) - sumFile(newPayments) - sumFileCredits(newCredits)
	since := data.Money(0) // paid since the last import, on a day the file does not give
	if fi.OutstandingKnown {
		since = bookOwed + (changed.Amount - existing.Amount) - fi.Outstanding
	}
	if since < 0 {
		r.refuse(fi.File, fi.Line, "outstanding", data.ReasonConflict, fi.Outstanding.Plain())
		r.rep.Skipped++
		return nil
	}
	fieldsChanged := !sameInvoice(existing, changed)
	if !fieldsChanged && len(newPayments) == 0 && len(newCredits) == 0 && since == 0 {
		r.rep.Unchanged++
		return nil
	}
	if fieldsChanged {
		if err := r.tx.UpdateInvoice(ctx, &changed); err != nil {
			r.rep.Skipped++
			return r.refuseError(fi.File, fi.Line, err)
		}
		if err := r.record(ctx, data.ImportInvoice, existing.ID, existing); err != nil {
			return err
		}
		if changed.Attachment != existing.Attachment {
			if err := r.writePDF(ctx, fi, changed.Attachment); err != nil {
				return err
			}
		}
	} else if err := r.record(ctx, data.ImportInvoice, existing.ID, nil); err != nil {
		return err
	}
	return r.settleUpdate(ctx, fi, &changed, client, newPayments, newCredits, since)
}

// settleUpdate records what was paid or credited since the invoice was
// last imported. A payment of unknown date is dated today: the day the
// owner learns of it.
func (r *run) settleUpdate(ctx context.Context, fi *imports.Invoice, inv *data.Invoice, client data.Client,
	payments []imports.Payment, credits []imports.CreditNote, since data.Money) error {
	for _, cn := range credits {
		if err := r.addCreditNote(ctx, inv, cn); err != nil {
			return err
		}
	}
	for _, p := range payments {
		if err := r.addPayment(ctx, inv, p.Date, p.Amount, p.BankRef, fi.File, p.Line); err != nil {
			return err
		}
	}
	if since > 0 {
		if err := r.addPayment(ctx, inv, r.today, since, "", fi.File, fi.Line); err != nil {
			return err
		}
	}
	payments2, credits2, err := r.bookSettlements(ctx, inv.ID)
	if err != nil {
		return err
	}
	r.rep.Updated++
	if owed := inv.Amount - sumPayments(payments2) - sumCredits(credits2); owed > 0 {
		r.count(client, *inv, owed)
	}
	return r.tx.ImportedEvent(ctx, inv, "updated", &r.im)
}

func (r *run) bookSettlements(ctx context.Context, invoiceID int64) ([]data.Payment, []data.CreditNote, error) {
	payments, err := r.tx.ListPaymentsByInvoice(ctx, invoiceID)
	if err != nil {
		return nil, nil, err
	}
	credits, err := r.tx.ListCreditNotesByInvoice(ctx, invoiceID)
	return payments, credits, err
}

// sameInvoice reports whether the file changes nothing the book keeps.
func sameInvoice(a, b data.Invoice) bool {
	return a.IssueDate == b.IssueDate && a.DueDate == b.DueDate && a.DeliveryDate == b.DeliveryDate &&
		a.Amount == b.Amount && a.PORef == b.PORef && a.Attachment == b.Attachment
}

// missingPayments are the file's payments the book does not have.
func missingPayments(file []imports.Payment, book []data.Payment) []imports.Payment {
	var out []imports.Payment
	for _, p := range file {
		if !isKnownPayment(p.BankRef, p.Date, p.Amount, book) {
			out = append(out, p)
		}
	}
	return out
}

// missingCredits are the file's credit notes the book does not have (the
// same day and amount is the same credit note).
func missingCredits(file []imports.CreditNote, book []data.CreditNote) []imports.CreditNote {
	var out []imports.CreditNote
	for _, cn := range file {
		known := false
		for _, b := range book {
			if cn.Date == b.Date && cn.Amount == b.Amount {
				known = true
				break
			}
		}
		if !known {
			out = append(out, cn)
		}
	}
	return out
}

func sumPayments(list []data.Payment) (t data.Money) {
	for _, p := range list {
		t += p.Amount
	}
	return t
}

func sumCredits(list []data.CreditNote) (t data.Money) {
	for _, c := range list {
		t += c.Amount
	}
	return t
}

func sumFile(list []imports.Payment) (t data.Money) {
	for _, p := range list {
		t += p.Amount
	}
	return t
}

func sumFileCredits(list []imports.CreditNote) (t data.Money) {
	for _, c := range list {
		t += c.Amount
	}
	return t
}
