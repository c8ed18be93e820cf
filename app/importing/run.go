package importing

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"sort"

	"relance/data"
	"relance/data/imports"
)

// run is one import being written, inside its transaction.
type run struct {
	svc   *Service
	ctx   context.Context // the caller's: its cancellation stops the import
	batch imports.Batch
	opts  Options
	rep   *Report
	terms int // the company's payment terms, for invoices the file gives no due date
	// ownSIREN and ownVAT are the owner's company's, to tell its invoices
	// from a supplier's dropped among them ("" when not entered).
	ownSIREN, ownVAT string
	today            data.Date

	tx      *data.Store
	im      data.Import
	clients map[string]data.Client          // by the batch's client key
	names   map[string]string               // the file's client names by key
	totals  map[int64]*ClientTotal          // by client id
	credits map[string][]imports.CreditNote // the batch's credit notes by invoice number
	touched map[int64]bool                  // invoices added or updated, for tomorrow's count
	files   []string                        // PDFs written to the data dir, removed if the import rolls back
	refused bool                            // the book refused a line
}

// write is the transaction: clients, invoices with their payments and
// credit notes, loose payments, the record of the import, tomorrow's count.
func (r *run) write(tx *data.Store) error {
	ctx := r.ctx
	r.tx = tx
	r.im = data.Import{Kind: string(r.batch.Kind), Files: r.batch.Files}
	if err := tx.CreateImport(ctx, &r.im); err != nil {
		return err
	}
	if err := r.writeClients(ctx); err != nil {
		return err
	}
	r.credits = map[string][]imports.CreditNote{}
	for _, cn := range r.batch.CreditNotes {
		r.credits[cn.InvoiceNumber] = append(r.credits[cn.InvoiceNumber], cn)
	}
	if err := r.writeInvoices(ctx); err != nil {
		return err
	}
	if err := r.writeLoosePayments(ctx); err != nil {
		return err
	}
	r.im.Added, r.im.Updated, r.im.Unchanged, r.im.Skipped = r.rep.Added, r.rep.Updated, r.rep.Unchanged, r.rep.Skipped
	if err := tx.FinishImport(ctx, &r.im); err != nil {
		return err
	}
	r.rep.Clients = r.clientTotals()
	if err := r.countTomorrow(ctx); err != nil {
		return err
	}
	switch {
	case r.refused && !r.opts.SkipProblems && !r.opts.DryRun:
		return errStopped
	case r.opts.DryRun:
		return errDryRun
	}
	r.rep.ImportID = r.im.ID
	return nil
}

// refuse records a line the book refuses.
func (r *run) refuse(file string, line int, field string, reason data.Reason, value string) {
	r.refused = true
	r.rep.Problems = append(r.rep.Problems, imports.Problem{File: file, Line: line,
		FieldError: data.FieldError{Field: field, Reason: reason, Value: value}})
}

// refuseError records the field errors of a record the book refused; any
// other error is not the file's fault and stops the import.
func (r *run) refuseError(file string, line int, err error) error {
	var fes data.FieldErrors
	var fe *data.FieldError
	switch {
	case errors.As(err, &fes):
		for _, e := range fes {
			r.refuse(file, line, e.Field, e.Reason, e.Value)
		}
	case errors.As(err, &fe):
		r.refuse(file, line, fe.Field, fe.Reason, fe.Value)
	default:
		return err
	}
	return nil
}

// record notes a record the import wrote, so that Undo can take it back.
func (r *run) record(ctx context.Context, entity data.ImportEntity, id int64, before any) error {
	it := data.ImportItem{Entity: entity, ID: id}
	if before != nil {
		b, err := json.Marshal(before)
		if err != nil {
			return err
		}
		it.Updated, it.Before = true, b
	}
	return r.tx.AddImportItem(ctx, r.im.ID, it)
}

// clientTotals lists the clients the import owes, by name, with what the
// file says each owes when it says (a FEC's balances), clients in credit
// included.
func (r *run) clientTotals() []ClientTotal {
	var out []ClientTotal
	for key, balance := range r.batch.Balances {
		r.rep.Balance += balance
		r.rep.BalanceKnown = true
		c, ok := r.clients[key]
		if !ok { // in credit, or nothing left open: listed, not brought in
			if balance != 0 {
				out = append(out, ClientTotal{Name: cmp.Or(r.names[key], key), Balance: balance, BalanceKnown: true})
			}
			continue
		}
		t, ok := r.totals[c.ID]
		if !ok {
			t = &ClientTotal{Name: c.Name}
			r.totals[c.ID] = t
		}
		t.Balance, t.BalanceKnown = balance, true
	}
	for _, t := range r.totals {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
