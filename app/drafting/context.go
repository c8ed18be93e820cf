// Package drafting drafts what Relance writes about an invoice from the
// book: the documents.Context of a letter, an account statement, a court
// file or a template preview (what the client owes, the statement, the
// reminders sent, the claims still open), the court file's exhibits, and
// the email of a dunning group with the files it carries. It refuses a
// letter the post or the law would refuse (company details, an address,
// a rate missing). The window and the command line (relance letter,
// relance send-due) share it; it draws nothing.
package drafting

import (
	"cmp"
	"context"
	"errors"
	"fmt"
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

// DocumentContextFor is DocumentContext for the document of a step's
// template key: a formal notice (its email too) also claims the client's
// invoices paid late (ClaimsPaidLate).
func DocumentContextFor(ctx context.Context, store *data.Store, svc *dunning.Service, invoiceID int64, key string,
	asOf data.Date) (*documents.Context, error) {
	return documentContext(ctx, store, svc, invoiceID, asOf, "", ClaimsPaidLate(key))
}

// DocumentContextIn is DocumentContext in another language than the
// client's ("" for the client's): the Templates preview shows a template
// of either language on any invoice.
func DocumentContextIn(ctx context.Context, store *data.Store, svc *dunning.Service, invoiceID int64, asOf data.Date,
	lang string) (*documents.Context, error) {
	return documentContext(ctx, store, svc, invoiceID, asOf, lang, false)
}

// documentContext is DocumentContextIn; claim adds the client's invoices
// paid late, whose penalties a formal notice and a court file still claim.
func documentContext(ctx context.Context, store *data.Store, svc *dunning.Service, invoiceID int64, asOf data.Date,
	lang string, claim bool) (*documents.Context, error) {
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
	if err := addStatement(ctx, store, svc, c, ids, asOf, claim); err != nil {
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

// addPaidLate adds to a formal notice or a court file the client's
// invoices paid after their due date: their penalties and the 40 € are
// owed all the same (L441-10, D441-5), unless the owner waived them (the
// store leaves those out). Each becomes a line with nothing outstanding,
// and its statement joins the sum. A consumer owes neither: interest runs
// only from a notice and no indemnity is ever owed. A claim already
// time-barred is left out, and so is an invoice listed already (listed:
// the document is about it).
func addPaidLate(ctx context.Context, store *data.Store, svc *dunning.Service, c *documents.Context, sum *statementSum,
	listed []int64, asOf data.Date) error {
	if !c.Client.Kind.IsBusiness() {
		return nil
	}
	invoices, err := store.ListPaidLateInvoices(ctx, c.Client.ID)
	if err != nil {
		return err
	}
	for _, inv := range invoices {
		if slices.Contains(listed, inv.ID) {
			continue
		}
		line, ok, err := paidLateLine(ctx, store, inv, c.Client.Kind, asOf)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		r, err := svc.Statement(ctx, inv.ID, asOf)
		if err != nil {
			return err
		}
		if err := sum.add(r); err != nil {
			return err
		}
		c.Invoices = append(c.Invoices, line)
	}
	return nil
}

// paidLateLine is the line of an invoice paid off after its due date; ok
// is false when it was not paid off by asOf, was paid on time, or its
// claim is time-barred on asOf.
func paidLateLine(ctx context.Context, store *data.Store, inv data.Invoice, kind data.ClientKind,
	asOf data.Date) (documents.InvoiceLine, bool, error) {
	payments, err := store.ListPaymentsByInvoice(ctx, inv.ID)
	if err != nil {
		return documents.InvoiceLine{}, false, err
	}
	slices.SortStableFunc(payments, func(a, b data.Payment) int { return a.Date.Compare(b.Date) })
	var paid data.Money
	var paidOn data.Date
	var restarts []dunning.Restart // partial payments start the limitation period afresh
	for _, p := range payments {
		if p.Date.After(asOf) {
			break
		}
		if paid += p.Amount; paid >= inv.Owed() {
			paidOn = p.Date
			break
		}
		restarts = append(restarts, dunning.Restart{Date: p.Date, Reason: dunning.RestartPartialPayment})
	}
	if !paidOn.After(inv.DueDate) {
		return documents.InvoiceLine{}, false, nil
	}
	limit := dunning.ComputePrescription(dunning.PrescriptionInput{ClientKind: kind, Delivery: inv.DeliveryDate,
		Issue: inv.IssueDate, Restarts: restarts})
	if limit.Level(asOf) == dunning.PrescriptionExpired {
		return documents.InvoiceLine{}, false, nil
	}
	return documents.InvoiceLine{Number: inv.Number, IssueDate: inv.IssueDate, DueDate: inv.DueDate, Amount: inv.Amount,
		Paid: paid, DaysLate: paidOn.DaysSince(inv.DueDate), PaidLate: true, PaidOn: paidOn}, true, nil
}

// addStatement sets the penalty statement of the invoices the document
// lists, summed up: their slices one after the other, their totals added
// (the 40 € indemnity once per late invoice for a business). With claim,
// the client's invoices paid late join it, each as a line of its own. An
// invoice not yet due has none. A half-year of the delay without a known
// rate refuses the document (*NoRateError) rather than under-claim.
func addStatement(ctx context.Context, store *data.Store, svc *dunning.Service, c *documents.Context, ids []int64,
	asOf data.Date, claim bool) error {
	if !c.Invoice.DueDate.Before(asOf) {
		return nil
	}
	sum := newStatementSum(c, asOf)
	for _, id := range ids {
		r, err := svc.Statement(ctx, id, asOf)
		if err != nil {
			return err
		}
		if err := sum.add(r); err != nil {
			return err
		}
	}
	if claim {
		if err := addPaidLate(ctx, store, svc, c, sum, ids, asOf); err != nil {
			return err
		}
	}
	c.Statement = sum.done()
	return nil
}

// statementSum adds invoices' statements into one document statement.
type statementSum struct {
	c      *documents.Context
	st     *documents.Statement
	seen   map[string]bool // warnings already said
	waived bool            // an invoice's penalties were given up
}

func newStatementSum(c *documents.Context, asOf data.Date) *statementSum {
	return &statementSum{c: c, st: &documents.Statement{AsOf: asOf, BasisCode: dunning.BasisNone}, seen: map[string]bool{}}
}

// add sums one invoice's statement, or refuses it when a half-year of its
// delay has no rate.
func (s *statementSum) add(r dunning.StatementReport) error {
	st := r.Statement
	if half, missing := st.NoRate(); missing {
		return &NoRateError{Invoice: r.Invoice.Number, Half: half, Legal: r.Client.Kind == data.Consumer}
	}
	addSlices(s.st, r.Invoice.Number, st)
	// The basis said is one that claims something: a waived invoice next
	// to claimed ones does not make the whole statement a waiver.
	switch st.Basis {
	case dunning.BasisNone:
	case dunning.BasisWaived:
		s.waived = true
	default:
		if s.st.BasisCode == dunning.BasisNone {
			s.st.BasisCode = st.Basis
		}
	}
	if s.st.Imputation == "" && st.Basis != dunning.BasisWaived {
		s.st.Imputation = st.Imputation
	}
	for _, w := range st.Warnings {
		if text := documents.WarningSentence(w.Key, w.Args, s.c.Lang); text != "" && !s.seen[text] {
			s.seen[text] = true
			s.st.Warnings = append(s.st.Warnings, text)
		}
	}
	return nil
}

// done is the summed statement with its basis in words.
func (s *statementSum) done() *documents.Statement {
	if s.st.BasisCode == dunning.BasisNone && s.waived {
		s.st.BasisCode = dunning.BasisWaived
	}
	s.st.Basis = documents.BasisSentence(s.st.BasisCode, s.c.Lang)
	return s.st
}

// addSlices adds one invoice's statement to the summed one: the principal
// still owed, the interest accrued and what the payments settled of it,
// so that the summed lines add up to the summed total.
func addSlices(st *documents.Statement, number string, s dunning.Statement) {
	for _, sl := range s.Slices {
		st.Rows = append(st.Rows, documents.StatementRow{Invoice: number, From: sl.From, To: sl.To, Days: sl.Days, Base: sl.Base,
			RateBP: sl.RateBP, Amount: sl.Amount})
	}
	st.Outstanding += s.Outstanding
	st.Penalties += s.Penalties
	st.InterestPaid += s.InterestPaid
	st.Indemnity += s.Indemnity
	st.Total += s.Total
}

// ErrNoRate is returned when a statement's delay runs through a half-year the rates table
// has no rate for. Printed, its days would silently count for nothing, so
// the document is refused until the user adds the rate in Settings.
var ErrNoRate = errors.New("no rate known for a half-year of the delay")

// NoRateError is ErrNoRate for one invoice, naming the half-year the UI
// and the command line show.
type NoRateError struct {
	Invoice string
	Half    dunning.HalfYear
	Legal   bool // the legal interest rate is missing (a consumer), not the ECB rate
}

func (e *NoRateError) Error() string {
	rate := "ECB rate"
	if e.Legal {
		rate = "legal interest rate"
	}
	return fmt.Sprintf("invoice %s: no %s known for %s: add it in Settings, then print again", e.Invoice, rate, e.Half)
}

func (e *NoRateError) Unwrap() error { return ErrNoRate }

// earlierReminders are the days reminders (emails and letters of the
// scenario, not the pre-due notice, a thank-you nor the formal notice)
// went out on the listed invoices up to asOf, oldest first, each day once.
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
		// A formal notice is not a reminder: the notice and the court file
		// name it apart ("relancé le ..., puis mis en demeure").
		if IsReminderStep(st) && st.Channel != data.ChannelRegisteredLetter {
			days[day] = true
		}
	}
	return nil
}

// IsReminderStep reports whether a step asks for payment: a message (email or letter), not the
// courtesy notice before the due date nor a thank-you.
func IsReminderStep(st data.Step) bool {
	switch st.Channel {
	case data.ChannelEmail, data.ChannelLetter, data.ChannelRegisteredLetter:
		return st.TemplateKey != "pre_due" && st.TemplateKey != "thank_you"
	}
	return false
}

// brokenSinceReminder is the invoice's last promise when it broke and no
// reminder went out since (the next one quotes it), else nil. promises
// are oldest first; reminders are the days reminders went out.
func brokenSinceReminder(promises []data.Promise, reminders []data.Date) *data.Promise {
	if len(promises) == 0 {
		return nil
	}
	last := promises[len(promises)-1]
	if last.Status != data.PromiseBroken {
		return nil
	}
	broke := last.SettledOn
	if broke.IsZero() {
		broke = last.PromisedOn
	}
	for _, d := range reminders {
		if !d.Before(broke) {
			return nil
		}
	}
	return &last
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
	c.BrokenPromise = brokenSinceReminder(promises, c.EarlierReminders)
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
