// Package compose gathers from the book what a document or an email about
// an invoice says: the documents.Context of a letter, an account statement
// or a template preview, and the draft email of a dunning group with the
// files it carries. The window and the command line (relance letter,
// relance send-due) share it; it draws nothing.
package compose

import (
	"cmp"
	"context"
	"slices"

	"relance/app/dunning"
	"relance/data"
	"relance/documents"
)

// defaultDeadlineDays is the delay a formal notice gives when the caller
// does not set one: 8 days from receipt is the usual (LEGAL_FR.md).
const defaultDeadlineDays = 8

// DocumentContext builds the Context of a document about an invoice as of
// a day, in its client's language: the client, the company, what was paid,
// the client's overdue invoices (or the invoice alone when it is not late),
// their penalty statement summed up, the days reminders went out, the open
// promise and the active payment plan. The deadline is 8 days; callers
// change Deadline, DeadlineDays, Registered and TrackingNumber as needed.
func DocumentContext(ctx context.Context, store *data.Store, svc *dunning.Service, invoiceID int64, asOf data.Date) (*documents.Context, error) {
	return DocumentContextIn(ctx, store, svc, invoiceID, asOf, "")
}

// DocumentContextIn is DocumentContext in another language than the
// client's ("" for the client's): the Templates preview shows a template
// of either language on any invoice.
func DocumentContextIn(ctx context.Context, store *data.Store, svc *dunning.Service, invoiceID int64, asOf data.Date,
	lang string) (*documents.Context, error) {
	inv, err := store.GetInvoice(ctx, invoiceID)
	if err != nil {
		return nil, err
	}
	c := &documents.Context{Today: asOf, Invoice: inv, PaymentReference: inv.Number,
		DeadlineDays: defaultDeadlineDays, Deadline: asOf.AddDays(defaultDeadlineDays)}
	if c.Client, err = store.GetClient(ctx, inv.ClientID); err != nil {
		return nil, err
	}
	c.Lang = cmp.Or(lang, c.Client.Language)
	if c.Company, err = store.GetCompany(ctx); err != nil {
		return nil, err
	}
	if c.Paid, err = paidAsOf(ctx, store, invoiceID, asOf); err != nil {
		return nil, err
	}
	var ids []int64
	if c.Invoices, ids, err = documentLines(ctx, store, c, asOf); err != nil {
		return nil, err
	}
	if err := addStatement(ctx, svc, c, ids, asOf); err != nil {
		return nil, err
	}
	if c.EarlierReminders, err = earlierReminders(ctx, store, ids, asOf); err != nil {
		return nil, err
	}
	return c, addPromiseAndPlan(ctx, store, c)
}

// paidAsOf sums the payments received on the invoice up to asOf.
func paidAsOf(ctx context.Context, store *data.Store, invoiceID int64, asOf data.Date) (data.Money, error) {
	payments, err := store.ListPaymentsByInvoice(ctx, invoiceID)
	var paid data.Money
	for _, p := range payments {
		if !p.Date.After(asOf) {
			paid += p.Amount
		}
	}
	return paid, err
}

// documentLines are the invoices a document lists: the client's open
// invoices overdue on asOf, oldest due first, when the invoice is one of
// them; else the invoice alone (a notice before the due date). ids are the
// invoices' ids, in the same order.
func documentLines(ctx context.Context, store *data.Store, c *documents.Context, asOf data.Date) ([]documents.InvoiceLine, []int64, error) {
	line := func(inv data.Invoice, paid data.Money) documents.InvoiceLine {
		return documents.InvoiceLine{Number: inv.Number, IssueDate: inv.IssueDate, DueDate: inv.DueDate, Amount: inv.Amount,
			Paid: paid, Outstanding: inv.Amount - paid, DaysLate: max(asOf.DaysSince(inv.DueDate), 0)}
	}
	overdue := func(inv data.Invoice, paid data.Money) bool {
		return inv.State == data.StateOpen && paid < inv.Amount && inv.DueDate.Before(asOf)
	}
	if !overdue(c.Invoice, c.Paid) {
		return []documents.InvoiceLine{line(c.Invoice, c.Paid)}, []int64{c.Invoice.ID}, nil
	}
	all, err := store.ListInvoiceSummariesByClient(ctx, c.Client.ID)
	if err != nil {
		return nil, nil, err
	}
	slices.SortStableFunc(all, func(a, b data.InvoiceSummary) int {
		return cmp.Or(a.DueDate.Compare(b.DueDate), cmp.Compare(a.Number, b.Number))
	})
	var out []documents.InvoiceLine
	var ids []int64
	for _, s := range all {
		paid := s.Paid
		if s.ID == c.Invoice.ID {
			paid = c.Paid
		}
		if overdue(s.Invoice, paid) {
			out = append(out, line(s.Invoice, paid))
			ids = append(ids, s.ID)
		}
	}
	return out, ids, nil
}

// addStatement sets the penalty statement of the invoices the document
// lists, summed up: their slices one after the other, their totals added
// (the 40 € indemnity once per late invoice for a professional). An
// invoice not yet due has none.
func addStatement(ctx context.Context, svc *dunning.Service, c *documents.Context, ids []int64, asOf data.Date) error {
	if !c.Invoice.DueDate.Before(asOf) {
		return nil
	}
	st := &documents.Statement{AsOf: asOf}
	basis := dunning.BasisNone
	seen := map[string]bool{}
	for _, id := range ids {
		r, err := svc.Statement(ctx, id, asOf)
		if err != nil {
			return err
		}
		addSlices(st, r.Invoice.Number, r.Statement)
		if basis == dunning.BasisNone {
			basis = r.Statement.Basis
		}
		for _, w := range r.Statement.Warnings {
			if text := documents.WarningSentence(w.Key, w.Args, c.Lang); text != "" && !seen[text] {
				seen[text] = true
				st.Warnings = append(st.Warnings, text)
			}
		}
	}
	st.BasisCode, st.Basis = basis, documents.BasisSentence(basis, c.Lang)
	c.Statement = st
	return nil
}

// addSlices adds one invoice's statement to the summed one.
func addSlices(st *documents.Statement, number string, s dunning.Statement) {
	for _, sl := range s.Slices {
		st.Rows = append(st.Rows, documents.StatementRow{Invoice: number, From: sl.From, To: sl.To, Days: sl.Days, Base: sl.Base,
			RateBP: sl.RateBP, Amount: sl.Amount})
	}
	st.Outstanding += s.Outstanding
	st.Penalties += s.Penalties
	st.Indemnity += s.Indemnity
	st.Total += s.Total
}

// earlierReminders are the days reminders (emails and letters of the
// scenario, not the pre-due notice nor a thank-you) went out on the listed
// invoices up to asOf, oldest first, each day once.
func earlierReminders(ctx context.Context, store *data.Store, ids []int64, asOf data.Date) ([]data.Date, error) {
	steps := map[int64]data.Step{}
	days := map[data.Date]bool{}
	for _, id := range ids {
		if err := addReminderDays(ctx, store, id, asOf, steps, days); err != nil {
			return nil, err
		}
	}
	out := make([]data.Date, 0, len(days))
	for d := range days {
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b data.Date) int { return a.Compare(b) })
	return out, nil
}

func addReminderDays(ctx context.Context, store *data.Store, invoiceID int64, asOf data.Date,
	steps map[int64]data.Step, days map[data.Date]bool) error {
	actions, err := store.ListActionsByInvoice(ctx, invoiceID)
	if err != nil {
		return err
	}
	for _, a := range actions {
		day := cmp.Or(a.SentOn, a.DoneOn)
		if a.Status != data.ActionDone || day.IsZero() || day.After(asOf) {
			continue
		}
		st, ok := steps[a.StepID]
		if !ok {
			if st, err = store.GetStep(ctx, a.StepID); err != nil {
				return err
			}
			steps[a.StepID] = st
		}
		if IsReminderStep(st) {
			days[day] = true
		}
	}
	return nil
}

// IsReminderStep: a message asking for payment (email or letter), not the
// courtesy notice before the due date nor a thank-you.
func IsReminderStep(st data.Step) bool {
	switch st.Channel {
	case data.ChannelEmail, data.ChannelLetter, data.ChannelRegisteredLetter:
		return st.TemplateKey != "pre_due" && st.TemplateKey != "thank_you"
	}
	return false
}

// addPromiseAndPlan sets the invoice's open promise and active payment plan.
func addPromiseAndPlan(ctx context.Context, store *data.Store, c *documents.Context) error {
	promises, err := store.ListPromisesByInvoice(ctx, c.Invoice.ID)
	if err != nil {
		return err
	}
	for i := range promises {
		if promises[i].Status == data.PromiseOpen {
			c.Promise = &promises[i]
		}
	}
	plans, err := store.ListPaymentPlansByInvoice(ctx, c.Invoice.ID)
	if err != nil {
		return err
	}
	for i := range plans {
		if plans[i].Status == data.PlanActive {
			c.Plan = &plans[i]
		}
	}
	return nil
}
