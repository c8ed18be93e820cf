package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"relance/app/dunning"
	"relance/data"
)

// The demo book comes with the dunning history of an owner who has used
// Relance all along: Load replays the book day by day, from its first
// invoice to the day before today, writing each invoice, payment and state
// change on its date and, every business day, doing what the planner
// proposes. Today's steps are left to the user. Nothing is invented that
// the book contradicts: a promise is kept only when the book's own payments
// keep it.

// replayClock is the day the replay is writing, at noon (as data.ClockOn),
// so that timestamps and timeline events carry the dates things happened.
type replayClock struct{ day data.Date }

// Now returns noon UTC of the replayed day.
func (c *replayClock) Now() time.Time { return data.ClockOn(c.day).Now() }

// Today returns the replayed day.
func (c *replayClock) Today() data.Date { return c.day }

// replaySeed draws the outcomes of the replay (calls, letters), apart from
// the book's generator so that the book itself does not depend on them.
const replaySeed = seed + 1

// replay writes the book's history into the load transaction.
type replay struct {
	book      book
	clock     *replayClock
	store     *data.Store // the load transaction, reading clock
	svc       *dunning.Service
	cal       dunning.Calendar
	ledger    *ledger
	rng       *rand.Rand
	clientIDs []int64
	ids       []int64                                     // invoice ids, by index in book.invoices
	index     map[int64]int                               // index in book.invoices, by invoice id
	agenda    map[data.Date][]func(context.Context) error // what the script does on a day, before the planner runs
	scripted  map[int64]bool                              // invoices whose scripted call was made
	lastRun   data.Date
	calls     int // calls with no money on its way, to pick the next outcome of callCycle
	sum       Summary
}

func newReplay(ctx context.Context, store *data.Store, clock *replayClock, b book, clientIDs []int64) (*replay, error) {
	l, err := newLedger(ctx, store)
	if err != nil {
		return nil, err
	}
	r := &replay{book: b, clock: clock, store: store, svc: dunning.NewService(store, clock),
		cal: dunning.Calendar{AlsaceMoselle: l.company.AlsaceMoselle}, ledger: l,
		rng: rand.New(rand.NewPCG(replaySeed, replaySeed)), clientIDs: clientIDs, ids: make([]int64, len(b.invoices)),
		index: map[int64]int{}, agenda: map[data.Date][]func(context.Context) error{}, scripted: map[int64]bool{},
		sum: Summary{Clients: len(b.clients)}}
	r.schedule()
	return r, nil
}

// at adds something to do on day.
func (r *replay) at(day data.Date, do func(context.Context) error) {
	r.agenda[day] = append(r.agenda[day], do)
}

// schedule puts the book on the agenda: each invoice on its issue date,
// then, on their dates, the payment plan, the payments and the decisions to
// dispute or write off.
func (r *replay) schedule() {
	for i := range r.book.invoices {
		r.at(r.book.invoices[i].invoice.IssueDate, func(ctx context.Context) error { return r.createInvoice(ctx, i) })
	}
	for i := range r.book.invoices {
		p := &r.book.invoices[i]
		if p.plan && len(p.payments) > 0 {
			r.at(p.payments[0].Date, func(ctx context.Context) error { return r.agreePlan(ctx, i) })
		}
		for j := range p.payments {
			r.at(p.payments[j].Date, func(ctx context.Context) error { return r.pay(ctx, i, j) })
		}
		if p.state != "" && p.state != data.StateOpen {
			r.at(r.decisionDay(p), func(ctx context.Context) error { return r.decide(ctx, i) })
		}
	}
}

// run replays every day from the first invoice to today: today's agenda is
// written (an invoice issued or a payment received this morning), today's
// dunning is left to the user.
func (r *replay) run(ctx context.Context) (Summary, error) {
	for day := firstIssue(r.book); !day.After(r.book.today); day = day.AddDays(1) {
		r.clock.day = day
		for _, do := range r.agenda[day] {
			if err := do(ctx); err != nil {
				return Summary{}, err
			}
		}
		if day.Before(r.book.today) && r.cal.IsBusinessDay(day) {
			if err := r.dun(ctx, day); err != nil {
				return Summary{}, fmt.Errorf("dunning of %s: %w", day, err)
			}
		}
	}
	return r.sum, nil
}

func (r *replay) createInvoice(ctx context.Context, i int) error {
	p := &r.book.invoices[i]
	inv := p.invoice
	inv.ClientID = r.clientIDs[p.client]
	if err := r.store.CreateInvoice(ctx, &inv); err != nil {
		return err
	}
	r.ids[i], r.index[inv.ID] = inv.ID, i
	r.ledger.add(inv)
	r.sum.Invoices++
	return nil
}

func (r *replay) pay(ctx context.Context, i, j int) error {
	pay := r.book.invoices[i].payments[j]
	pay.InvoiceID = r.ids[i]
	if err := r.store.CreatePayment(ctx, &pay); err != nil {
		return fmt.Errorf("invoice %s: %w", r.book.invoices[i].invoice.Number, err)
	}
	r.sum.Payments++
	return r.ledger.refresh(ctx, pay.InvoiceID, paymentRows)
}

// callFallbackDays: a state change the script means a phone call to bring
// (a dispute) is written by hand this much later, in case no call came.
const callFallbackDays = 10

// decisionDay is when the demo's disputes and write-offs were decided: some
// days after the due date (or the last payment), never after today.
func (r *replay) decisionDay(p *plannedInvoice) data.Date {
	last := p.invoice.DueDate
	for _, pay := range p.payments {
		if pay.Date.After(last) {
			last = pay.Date
		}
	}
	delay := stateDelayDays
	if p.call != "" {
		delay += callFallbackDays
	}
	return data.EarlierDate(last.AddDays(delay), r.book.today)
}

// decide moves an invoice to its final state, unless a phone call already did.
func (r *replay) decide(ctx context.Context, i int) error {
	p := &r.book.invoices[i]
	if r.ledger.byID[r.ids[i]].inv.State == p.state {
		return nil
	}
	if err := r.store.SetInvoiceState(ctx, r.ids[i], p.state, p.reason); err != nil {
		return err
	}
	return r.ledger.refresh(ctx, r.ids[i], stateRows)
}

// planGapDays is the time between two instalments of the demo's payment plan.
const planGapDays = 14

// agreePlan agrees a payment plan in three on the day of its first
// instalment, which the client pays at once; the signed agreement comes back
// two business days later.
func (r *replay) agreePlan(ctx context.Context, i int) error {
	p := &r.book.invoices[i]
	first := p.payments[0]
	rest := p.invoice.Amount - first.Amount
	plan := data.PaymentPlan{InvoiceID: r.ids[i], AgreedOn: first.Date, Instalments: []data.Instalment{
		{DueDate: first.Date, Amount: first.Amount},
		{DueDate: r.cal.NextBusinessDay(first.Date.AddDays(planGapDays)), Amount: rest / 2},
		{DueDate: r.cal.NextBusinessDay(first.Date.AddDays(2 * planGapDays)), Amount: rest - rest/2},
	}}
	if err := r.store.CreatePaymentPlan(ctx, &plan); err != nil {
		return fmt.Errorf("invoice %s: %w", p.invoice.Number, err)
	}
	if signed := r.cal.AddBusinessDays(first.Date, 2); signed.Before(r.book.today) {
		r.at(signed, func(ctx context.Context) error {
			if err := r.store.SignPaymentPlan(ctx, plan.ID, signed); err != nil {
				return err
			}
			return r.ledger.refresh(ctx, plan.InvoiceID, planRows)
		})
	}
	return r.ledger.refresh(ctx, plan.InvoiceID, planRows)
}

// dun plans day as the dunning service does, settles what the plan found
// and does every action it proposes.
func (r *replay) dun(ctx context.Context, day data.Date) error {
	plan := dunning.MakePlan(dunning.Input{Book: r.ledger.book(day), Today: day, LastRun: r.lastRun})
	r.lastRun = day
	if err := r.settle(ctx, plan); err != nil {
		return err
	}
	for _, g := range plan.Groups {
		if err := r.act(ctx, day, g); err != nil {
			return fmt.Errorf("%s for client %d: %w", g.Lead.Step.TemplateKey, g.ClientID, err)
		}
	}
	return nil
}

// settle records the promises kept or broken, the missed instalments and
// the completed plans, as dunning.Service.Today does.
func (r *replay) settle(ctx context.Context, plan *dunning.Plan) error {
	touched := map[int64]bool{}
	for _, o := range plan.Promises {
		if err := r.store.SettlePromise(ctx, o.Promise.ID, o.Status, plan.Today); err != nil {
			return err
		}
		touched[o.Promise.InvoiceID] = true
	}
	for _, m := range plan.Missed {
		if err := r.store.MarkInstalmentMissed(ctx, m.Instalment.ID, plan.Today); err != nil {
			return err
		}
	}
	for _, id := range plan.CompletedPlans {
		if err := r.store.SetPaymentPlanStatus(ctx, id, data.PlanCompleted); err != nil {
			return err
		}
		for _, li := range r.ledger.invoices {
			if li.plan != nil && li.plan.ID == id {
				touched[li.inv.ID] = true
			}
		}
	}
	for _, li := range r.ledger.invoices { // in a fixed order, unlike the map
		if touched[li.inv.ID] {
			if err := r.ledger.refresh(ctx, li.inv.ID, promiseRows|planRows); err != nil {
				return err
			}
		}
	}
	return nil
}

// act does what a group asks: a call gets an outcome, a formal notice goes
// by registered letter, the rest is done as proposed.
func (r *replay) act(ctx context.Context, day data.Date, g dunning.Group) error {
	var err error
	switch g.Channel {
	case data.ChannelPhoneCall:
		err = r.call(ctx, day, g)
	case data.ChannelRegisteredLetter:
		err = r.sendNotice(ctx, day, g)
	default:
		err = r.svc.Complete(ctx, g, "", "")
	}
	if err != nil {
		return err
	}
	what := actionRows
	if g.Channel == data.ChannelPhoneCall {
		what |= promiseRows | stateRows
	}
	for _, d := range g.Items {
		if err := r.ledger.refresh(ctx, d.InvoiceID, what); err != nil {
			return err
		}
	}
	return nil
}
