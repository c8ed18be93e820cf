package demo

import (
	"cmp"
	"context"
	"slices"
	"time"

	"relance/data"
)

// thankYouDays is how far back a payment keeps a paid invoice in the book the
// planner reads: the window in which it proposes a thank-you (the dunning
// service reads the same week).
const thankYouDays = 7

// ledger is the dunning book as the replay has written it so far: what
// data.Store.LoadDunningBook would read from the store. The replay cannot
// ask the store for it, because LoadDunningBook reads committed data only
// and the whole demo is written in one transaction; so the ledger keeps the
// same rows, re-read from the transaction whenever the replay touches an
// invoice.
type ledger struct {
	store    *data.Store
	company  data.Company
	rules    data.DunningBook // scenarios and categories
	clients  map[int64]*data.Client
	invoices []*ledgerInvoice // in the order they were created
	byID     map[int64]*ledgerInvoice
	channel  map[int64]data.Channel // by step
	lastMsg  map[int64]data.Date    // by client: the last day a message went out
	leadDays int                    // how early a step may come before a due date
}

// ledgerInvoice is one invoice with the rows the planner reads about it.
type ledgerInvoice struct {
	inv      data.PlanInvoice
	actions  []data.Action
	payments []data.Payment
	promises []data.Promise
	plan     *data.PaymentPlan // the active plan, if any
}

// newLedger reads the rules (company settings, scenarios, categories) and the
// clients, which the replay does not change.
func newLedger(ctx context.Context, store *data.Store) (*ledger, error) {
	l := &ledger{store: store, clients: map[int64]*data.Client{}, byID: map[int64]*ledgerInvoice{},
		channel: map[int64]data.Channel{}, lastMsg: map[int64]data.Date{}}
	var err error
	if l.company, err = store.GetCompany(ctx); err != nil {
		return nil, err
	}
	if l.rules.Scenarios, err = store.ListScenarios(ctx); err != nil {
		return nil, err
	}
	if l.rules.Categories, err = store.ListCategories(ctx); err != nil {
		return nil, err
	}
	for _, sc := range l.rules.Scenarios {
		for _, st := range sc.Steps {
			l.channel[st.ID] = st.Channel
			l.leadDays = max(l.leadDays, -st.OffsetDays)
		}
	}
	clients, err := store.ListClients(ctx)
	if err != nil {
		return nil, err
	}
	for i := range clients {
		l.clients[clients[i].ID] = &clients[i]
	}
	return l, nil
}

// add starts following a newly created invoice.
func (l *ledger) add(inv data.Invoice) {
	li := &ledgerInvoice{inv: data.PlanInvoice{ID: inv.ID, ClientID: inv.ClientID, Number: inv.Number,
		IssueDate: inv.IssueDate, DeliveryDate: inv.DeliveryDate, DueDate: inv.DueDate, Amount: inv.Amount,
		State: inv.State, Paused: inv.Paused, PausedUntil: inv.PausedUntil, EnteredOn: data.DateOf(inv.CreatedAt.In(time.Local))}}
	l.invoices = append(l.invoices, li)
	l.byID[inv.ID] = li
}

// rows names what the replay changed about an invoice, so that refresh
// re-reads only that.
type rows uint8

const (
	stateRows rows = 1 << iota // the invoice's state and pause
	actionRows
	paymentRows
	promiseRows
	planRows
)

// refresh re-reads what the store holds about an invoice after the replay
// wrote to it, directly or through the dunning service.
func (l *ledger) refresh(ctx context.Context, invoiceID int64, what rows) error {
	li := l.byID[invoiceID]
	var err error
	if what&stateRows != 0 {
		inv, err := l.store.GetInvoice(ctx, invoiceID)
		if err != nil {
			return err
		}
		li.inv.State, li.inv.Paused, li.inv.PausedUntil = inv.State, inv.Paused, inv.PausedUntil
	}
	if what&actionRows != 0 {
		if li.actions, err = l.store.ListActionsByInvoice(ctx, invoiceID); err != nil {
			return err
		}
		l.noteMessages(li)
	}
	if what&paymentRows != 0 {
		if li.payments, err = l.store.ListPaymentsByInvoice(ctx, invoiceID); err != nil {
			return err
		}
		li.inv.Paid = 0
		for _, p := range li.payments {
			li.inv.Paid += p.Amount
		}
	}
	if what&promiseRows != 0 {
		if li.promises, err = l.store.ListPromisesByInvoice(ctx, invoiceID); err != nil {
			return err
		}
	}
	if what&planRows != 0 {
		return l.refreshPlan(ctx, li)
	}
	return nil
}

// noteMessages keeps the last day a message went to the invoice's client.
func (l *ledger) noteMessages(li *ledgerInvoice) {
	for _, a := range li.actions {
		if a.Status == data.ActionDone && l.channel[a.StepID].IsMessage() && a.DoneOn.After(l.lastMsg[li.inv.ClientID]) {
			l.lastMsg[li.inv.ClientID] = a.DoneOn
		}
	}
}

func (l *ledger) refreshPlan(ctx context.Context, li *ledgerInvoice) error {
	plans, err := l.store.ListPaymentPlansByInvoice(ctx, li.inv.ID)
	if err != nil {
		return err
	}
	li.plan = nil
	for i := range plans {
		if plans[i].Status == data.PlanActive {
			li.plan = &plans[i]
		}
	}
	return nil
}

// book is the dunning book as of day, with what the dunning service would
// read: the unpaid invoices that can have a step by then, and those paid in
// the last week after a reminder (for the thank-you).
func (l *ledger) book(day data.Date) *data.DunningBook {
	b := &data.DunningBook{Company: l.company, Scenarios: l.rules.Scenarios, Categories: l.rules.Categories,
		Clients: l.clients, Actions: map[int64][]data.Action{}, Payments: map[int64][]data.Payment{},
		Promises: map[int64][]data.Promise{}, Plans: map[int64]*data.PaymentPlan{}, LastMessage: map[int64]data.Date{}}
	// A week more than the earliest step, for weekends and holidays, as the
	// dunning service does.
	horizon := day.AddDays(l.leadDays + 7)
	for _, li := range l.invoices {
		if !l.inBook(li, day, horizon) {
			continue
		}
		b.Invoices = append(b.Invoices, li.inv)
		// In the shape the store's book gives them (data.PlanAction,
		// data.PlanPayment), so that the replay plans what Today will.
		for _, a := range li.actions {
			b.Actions[li.inv.ID] = append(b.Actions[li.inv.ID], data.PlanAction(a))
		}
		for _, p := range li.payments {
			b.Payments[li.inv.ID] = append(b.Payments[li.inv.ID], data.PlanPayment(p))
		}
		b.Promises[li.inv.ID] = li.promises
		if li.plan != nil {
			b.Plans[li.inv.ID] = li.plan
		}
	}
	slices.SortFunc(b.Invoices, func(x, y data.PlanInvoice) int {
		return cmp.Or(x.DueDate.Compare(y.DueDate), cmp.Compare(x.ID, y.ID))
	})
	for client, last := range l.lastMsg {
		if !last.Before(day.AddDays(-60)) {
			b.LastMessage[client] = last
		}
	}
	return b
}

func (l *ledger) inBook(li *ledgerInvoice, day, horizon data.Date) bool {
	if li.inv.Paid < li.inv.Amount {
		return !li.inv.DueDate.After(horizon)
	}
	if len(li.actions) == 0 {
		return false
	}
	since := day.AddDays(-thankYouDays)
	return slices.ContainsFunc(li.payments, func(p data.Payment) bool { return !p.Date.Before(since) })
}
