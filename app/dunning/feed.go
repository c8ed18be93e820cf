package dunning

import (
	"cmp"
	"context"
	"slices"

	"relance/data"
)

// FeedKind says what a calendar item is.
type FeedKind string

// The kinds of calendar items.
const (
	FeedDue                 FeedKind = "due"                  // an invoice falls due
	FeedStep                FeedKind = "step"                 // an invoice's next dunning step
	FeedPromise             FeedKind = "promise"              // a promised payment date
	FeedInstalment          FeedKind = "instalment"           // a payment-plan instalment
	FeedNoticeDeadline      FeedKind = "notice_deadline"      // the deadline a formal notice gave
	FeedPrescriptionWarning FeedKind = "prescription_warning" // the limitation period nears its end
	FeedPrescription        FeedKind = "prescription"         // the last day to take the claim to court
)

// FeedItem is one thing to draw on a calendar day.
type FeedItem struct {
	Date      data.Date
	Kind      FeedKind
	InvoiceID int64
	ClientID  int64
	Number    string
	Client    string
	Amount    data.Money      // outstanding, promised or instalment amount
	Status    data.StatusKind // FeedDue: the invoice's status today (colour)
	Step      data.Step       // FeedStep
	Wait      string          // FeedStep: why it waits, if it does
}

// Feed lists the calendar items from first to last (inclusive), sorted by
// day: invoices falling due (paid or not), next steps, promised dates,
// instalments, notice deadlines and limitation warnings.
func (s *Service) Feed(ctx context.Context, first, last data.Date) ([]FeedItem, error) {
	today := s.clock.Today()
	company, err := s.store.GetCompany(ctx)
	if err != nil {
		return nil, err
	}
	dueInvoices, err := s.store.ListInvoiceSummariesDueBetween(ctx, first, last)
	if err != nil {
		return nil, err
	}
	f := feed{first: first, last: last}
	for i := range dueInvoices {
		inv := &dueInvoices[i]
		st := inv.Status(today, company.DueSoonDays)
		f.add(FeedItem{Date: inv.DueDate, Kind: FeedDue, InvoiceID: inv.ID, ClientID: inv.ClientID, Number: inv.Number,
			Client: inv.ClientName, Amount: st.Outstanding, Status: st.Kind})
	}
	// The next steps are those the invoice list shows (the same plan:
	// the last run only flags catch-ups, which the calendar does not show).
	lastRun, err := s.lastRun(ctx)
	if err != nil {
		return nil, err
	}
	// The book is the service's own, read while it cannot change.
	_, err = s.plan(ctx, today, lastRun, true, func(book *data.DunningBook, plan *Plan) error {
		f.book = book
		for i := range book.Invoices {
			f.invoiceItems(&book.Invoices[i], plan)
		}
		f.book = nil
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(f.items, func(a, b FeedItem) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Number, b.Number))
	})
	return f.items, nil
}

type feed struct {
	first, last data.Date
	book        *data.DunningBook
	items       []FeedItem
}

func (f *feed) add(it FeedItem) {
	if !it.Date.Before(f.first) && !it.Date.After(f.last) {
		f.items = append(f.items, it)
	}
}

// invoiceItems adds what an open invoice puts on the calendar besides its
// due date.
func (f *feed) invoiceItems(inv *data.PlanInvoice, plan *Plan) {
	if inv.Paid >= inv.Amount {
		return
	}
	base := FeedItem{InvoiceID: inv.ID, ClientID: inv.ClientID, Number: inv.Number, Amount: inv.Amount - inv.Paid}
	if c := f.book.Clients[inv.ClientID]; c != nil {
		base.Client = c.Name
	}
	if next, ok := plan.Next[inv.ID]; ok && next.Step.ID != 0 && !next.Date.IsZero() {
		it := base
		it.Date, it.Kind, it.Step, it.Wait = next.Date, FeedStep, next.Step, next.Wait
		f.add(it)
	}
	for _, p := range f.book.Promises[inv.ID] {
		if p.Status == data.PromiseOpen {
			it := base
			it.Date, it.Kind, it.Amount = p.PromisedOn, FeedPromise, p.Amount
			f.add(it)
		}
	}
	if pl := f.book.Plans[inv.ID]; pl != nil {
		for _, in := range pl.Instalments {
			it := base
			it.Date, it.Kind, it.Amount = in.DueDate, FeedInstalment, in.Amount
			f.add(it)
		}
	}
	f.noticeDeadlines(inv, base)
	f.prescription(inv, base)
}

func (f *feed) noticeDeadlines(inv *data.PlanInvoice, base FeedItem) {
	for _, a := range f.book.Actions[inv.ID] {
		if a.ReceivedOn.IsZero() {
			continue
		}
		for _, sc := range f.book.Scenarios {
			for _, st := range sc.Steps {
				if st.ID == a.StepID && st.DeadlineDays > 0 {
					it := base
					it.Date, it.Kind, it.Step = a.ReceivedOn.AddDays(st.DeadlineDays), FeedNoticeDeadline, st
					f.add(it)
				}
			}
		}
	}
}

// maxFirstWarningDays bounds the lead of a limitation period's first
// warning (six months for a consumer: at most 184 days).
const maxFirstWarningDays = 184

func (f *feed) prescription(inv *data.PlanInvoice, base FeedItem) {
	c := f.book.Clients[inv.ClientID]
	if c == nil || inv.State == data.StateWrittenOff {
		return
	}
	// No limitation date or warning can fall in view before this: the
	// calendar of most open invoices, far younger, needs no computation.
	if f.last.Before(limitationFloor(inv, maxFirstWarningDays)) {
		return
	}
	p := PrescriptionOf(inv, c.Kind, f.book)
	if p.Deadline.IsZero() {
		return
	}
	for _, d := range []data.Date{p.FirstWarning, p.SecondWarning} {
		it := base
		it.Date, it.Kind = d, FeedPrescriptionWarning
		f.add(it)
	}
	it := base
	it.Date, it.Kind = p.Deadline, FeedPrescription
	f.add(it)
}
