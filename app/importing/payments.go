package importing

import (
	"context"
	"errors"

	"relance/data"
)

// writeLoosePayments records the payments a file lists on their own (a
// table of payments), each on the invoice it names, in the book or in the
// same import. One already in the book (same bank reference, or same day
// and amount) is left.
func (r *run) writeLoosePayments(ctx context.Context) error {
	for _, p := range r.batch.Payments {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		inv, err := r.tx.GetInvoiceByNumber(ctx, p.InvoiceNumber)
		if errors.Is(err, data.ErrNotFound) {
			r.refuse(p.File, p.Line, "invoice_number", data.ReasonUnknownChoice, p.InvoiceNumber)
			continue
		}
		if err != nil {
			return err
		}
		book, err := r.tx.ListPaymentsByInvoice(ctx, inv.ID)
		if err != nil {
			return err
		}
		if isKnownPayment(p.BankRef, p.Date, p.Amount, book) {
			continue
		}
		if err := r.addPayment(ctx, &inv, p.Date, p.Amount, p.BankRef, p.File, p.Line); err != nil {
			return err
		}
		r.touched[inv.ID] = true
	}
	return nil
}

func isKnownPayment(ref string, on data.Date, amount data.Money, book []data.Payment) bool {
	for _, b := range book {
		if (ref != "" && ref == b.BankRef) || (on == b.Date && amount == b.Amount) {
			return true
		}
	}
	return false
}
