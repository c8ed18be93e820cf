package importing

import (
	"context"
	"errors"
	"strings"

	"relance/data"
	"relance/data/imports"
)

// methodImported is the payment method of payments an import records: the
// file rarely says how the client paid.
const methodImported = "other"

// writeInvoices adds or updates each of the file's invoices, telling
// Progress as it goes; a cancelled context stops the import, which then
// writes nothing.
func (r *run) writeInvoices(ctx context.Context) error {
	r.touched = map[int64]bool{}
	total := len(r.batch.Invoices)
	for i := range r.batch.Invoices {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		if err := r.writeInvoice(ctx, &r.batch.Invoices[i]); err != nil {
			return err
		}
		if r.opts.Progress != nil {
			r.opts.Progress(i+1, total)
		}
	}
	return nil
}

// writeInvoice brings one invoice in: added when its number is new to the
// book, compared and updated when it is known.
func (r *run) writeInvoice(ctx context.Context, fi *imports.Invoice) error {
	client, ok := r.clients[fi.ClientKey]
	if !ok { // its client was refused (a problem of its own line) or never named
		if fi.ClientKey == "" {
			r.refuse(fi.File, fi.Line, "client", data.ReasonRequired, "")
		}
		r.rep.Skipped++
		return nil
	}
	if !r.issuedByOwner(fi) {
		r.refuse(fi.File, fi.Line, "seller", data.ReasonNotOurs, fi.SellerName)
		r.rep.Skipped++
		return nil
	}
	if fi.Currency != "" && fi.Currency != "EUR" {
		r.refuse(fi.File, fi.Line, "currency", data.ReasonCurrency, fi.Currency)
		r.rep.Skipped++
		return nil
	}
	existing, err := r.tx.GetInvoiceByNumber(ctx, fi.Number)
	switch {
	case errors.Is(err, data.ErrNotFound):
		return r.addInvoice(ctx, fi, client)
	case err != nil:
		return err
	}
	return r.updateInvoice(ctx, fi, client, existing)
}

// issuedByOwner reports whether an invoice that names its seller was
// issued by the owner's company: the same SIREN, else the same VAT
// number. One that names none, or a book whose company has neither, is
// taken as the owner's.
func (r *run) issuedByOwner(fi *imports.Invoice) bool {
	switch {
	case fi.SellerSIREN != "" && r.ownSIREN != "":
		return sirenOf(fi.SellerSIREN) == r.ownSIREN
	case fi.SellerVAT != "" && r.ownVAT != "":
		return strings.EqualFold(fi.SellerVAT, r.ownVAT)
	}
	return true
}

// owed is what the file says an invoice still owes, and the part of its
// amount the file says was settled without telling when (gap).
func (r *run) owed(fi *imports.Invoice, credited data.Money) (owed, gap data.Money) {
	paid := data.Money(0)
	for _, p := range fi.Payments {
		paid += p.Amount
	}
	owed = fi.Amount - credited - paid
	if fi.OutstandingKnown {
		gap, owed = owed-fi.Outstanding, fi.Outstanding
	}
	return owed, gap
}

// creditsOf is the file's credit notes on an invoice, and their total.
func (r *run) creditsOf(number string) ([]imports.CreditNote, data.Money) {
	list := r.credits[number]
	total := data.Money(0)
	for _, cn := range list {
		total += cn.Amount
	}
	return list, total
}

// addInvoice adds an invoice that still owes something; one settled in the
// file is skipped (Relance chases what is owed). An earlier reminder the
// file gives places it in its scenario: the next step follows it.
func (r *run) addInvoice(ctx context.Context, fi *imports.Invoice, client data.Client) error {
	credits, credited := r.creditsOf(fi.Number)
	owed, gap := r.owed(fi, credited)
	switch {
	case owed <= 0:
		r.rep.Skipped++
		return nil
	case gap < 0:
		r.refuse(fi.File, fi.Line, "outstanding", data.ReasonConflict, fi.Outstanding.Plain())
		r.rep.Skipped++
		return nil
	}
	if !fi.RemindedOn.IsZero() && (fi.RemindedOn.After(r.today) || fi.RemindedOn.Before(fi.IssueDate)) {
		r.refuse(fi.File, fi.Line, "reminded_on", data.ReasonOutOfRange, fi.RemindedOn.FormatFR())
		r.rep.Skipped++
		return nil
	}
	inv := r.invoiceOf(fi, client)
	var err error
	if inv.Attachment, err = r.pdfPath(ctx, fi); err != nil {
		return err
	}
	if err := r.svc.dunning.In(r.tx).CreateInvoice(ctx, &inv, fi.RemindedOn); err != nil {
		r.rep.Skipped++
		return r.refuseError(fi.File, fi.Line, err)
	}
	if err := r.record(ctx, data.ImportInvoice, inv.ID, nil); err != nil {
		return err
	}
	if err := r.writePDF(ctx, fi, inv.Attachment); err != nil {
		return err
	}
	if err := r.settle(ctx, fi, &inv, credits, gap); err != nil {
		return err
	}
	r.rep.Added++
	r.count(client, inv, owed)
	return r.tx.ImportedEvent(ctx, &inv, "added", &r.im)
}

// invoiceOf is a file's invoice as the book keeps it. Without a due date
// in the file, the company's payment terms give one.
func (r *run) invoiceOf(fi *imports.Invoice, client data.Client) data.Invoice {
	due := fi.DueDate
	if due.IsZero() {
		due = fi.IssueDate.AddDays(r.terms)
	}
	return data.Invoice{Number: fi.Number, ClientID: client.ID, IssueDate: fi.IssueDate, DeliveryDate: fi.DeliveryDate,
		DueDate: due, Amount: fi.Amount, Currency: "EUR", PORef: fi.PORef}
}

// settle records what the file says was paid or credited on an invoice:
// its dated payments, its credit notes, and the gap, what was settled on a
// day the file does not give. The gap is dated on the due date (today if
// that is still to come): a payment of unknown date is taken as made in
// time, so that no letter ever claims late-payment penalties on it.
func (r *run) settle(ctx context.Context, fi *imports.Invoice, inv *data.Invoice, credits []imports.CreditNote, gap data.Money) error {
	for _, cn := range credits {
		if err := r.addCreditNote(ctx, inv, cn); err != nil {
			return err
		}
	}
	for _, p := range fi.Payments {
		if err := r.addPayment(ctx, inv, p.Date, p.Amount, p.BankRef, fi.File, p.Line); err != nil {
			return err
		}
	}
	if gap <= 0 {
		return nil
	}
	on := inv.DueDate
	if on.After(r.today) {
		on = r.today
	}
	if on.Before(inv.IssueDate) {
		on = inv.IssueDate
	}
	return r.addPayment(ctx, inv, on, gap, "", fi.File, fi.Line)
}

func (r *run) addPayment(ctx context.Context, inv *data.Invoice, on data.Date, amount data.Money, ref, file string, line int) error {
	p := data.Payment{InvoiceID: inv.ID, Date: on, Amount: amount, Method: methodImported, BankRef: ref}
	err := r.tx.CreatePayment(ctx, &p)
	if errors.Is(err, data.ErrAlreadyExists) {
		return nil // the same bank reference is recorded already: this payment is in the book
	}
	if err != nil {
		return r.refuseError(file, line, err)
	}
	r.rep.PaymentsAdded++
	return r.record(ctx, data.ImportPayment, p.ID, nil)
}

func (r *run) addCreditNote(ctx context.Context, inv *data.Invoice, cn imports.CreditNote) error {
	reason := "Avoir"
	if cn.Number != "" {
		reason += " " + cn.Number
	}
	c := data.CreditNote{InvoiceID: inv.ID, Date: cn.Date, Amount: cn.Amount, Reason: reason}
	if c.Date.IsZero() {
		c.Date = r.today
	}
	if err := r.tx.CreateCreditNote(ctx, &c); err != nil {
		return r.refuseError(cn.File, cn.Line, err)
	}
	r.rep.CreditNotesAdded++
	return r.record(ctx, data.ImportCreditNote, c.ID, nil)
}

// count adds an imported invoice to the report's totals.
func (r *run) count(client data.Client, inv data.Invoice, owed data.Money) {
	r.touched[inv.ID] = true
	r.rep.Owed += owed
	if inv.DueDate.Before(r.today) {
		r.rep.Overdue++
	}
	t, ok := r.totals[client.ID]
	if !ok {
		t = &ClientTotal{Name: client.Name}
		r.totals[client.ID] = t
	}
	t.Invoices++
	t.Owed += owed
}
