package dunning_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"relance/app/demo"
	"relance/app/dunning"
	"relance/data"
)

// An external test package: the demo book (relance/app/demo) replays its
// history with this package's planner, so an internal test importing demo
// would be an import cycle.

// simClock is a clock the simulation moves from day to day.
type simClock struct{ day data.Date }

func (c *simClock) Now() time.Time   { return c.day.Time().Add(10 * time.Hour) }
func (c *simClock) Today() data.Date { return c.day }

// simFixture is a store on a moving clock and the service over it.
type simFixture struct {
	t     testing.TB
	ctx   context.Context
	store *data.Store
	clock *simClock
	svc   *dunning.Service
}

func newSimFixture(t testing.TB, start string) *simFixture {
	t.Helper()
	clock := &simClock{day: data.MustDate(start)}
	store, err := data.Open(filepath.Join(t.TempDir(), "relance.db"), data.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return &simFixture{t: t, ctx: context.Background(), store: store, clock: clock, svc: dunning.NewService(store, clock)}
}

// simulation runs the planner day after day over the demo book for a year,
// doing whatever it proposes, with clients paying at random, and checks the
// rules that must hold whatever happens.
type simulation struct {
	*simFixture
	rng       *rand.Rand
	cal       dunning.Calendar
	clients   []data.Client
	scheduled map[data.Date][]data.Payment // promised payments that will be kept
	disputes  map[int64]data.Date          // disputed invoice -> day it gets resolved
	nextNo    int
}

func TestYearSimulation(t *testing.T) {
	if testing.Short() {
		t.Skip("a year of days")
	}
	start := data.MustDate("2025-06-02")
	s := &simulation{simFixture: newSimFixture(t, start.String()), rng: rand.New(rand.NewPCG(7, 11)),
		scheduled: map[data.Date][]data.Payment{}, disputes: map[int64]data.Date{}}
	if _, err := demo.Load(s.ctx, s.store, start); err != nil {
		t.Fatal(err)
	}
	s.clients, _ = s.store.ListClients(s.ctx)
	groups := 0
	for day := start; day.Before(start.AddDays(365)); day = day.AddDays(1) {
		s.clock.day = day
		s.newInvoices(day)
		s.payments(day)
		s.resolveDisputes(day)
		_, plan, err := s.svc.StartDay(s.ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range plan.Groups {
			s.checkGroup(day, g)
			s.act(day, g)
			groups++
		}
	}
	if groups < 300 {
		t.Fatalf("only %d actions in a year: the simulation does not exercise the planner", groups)
	}
	s.checkHistory()
	t.Logf("%d grouped actions over a year", groups)
}

func (s *simulation) newInvoices(day data.Date) {
	if !s.cal.IsBusinessDay(day) || s.rng.IntN(10) >= 4 {
		return
	}
	s.nextNo++
	c := s.clients[s.rng.IntN(len(s.clients))]
	inv := data.Invoice{Number: fmt.Sprintf("SIM-%04d", s.nextNo), ClientID: c.ID, IssueDate: day,
		DueDate: day.AddDays(30), Amount: data.Money(10000 + s.rng.IntN(500000))}
	if err := s.store.CreateInvoice(s.ctx, &inv); err != nil {
		s.t.Fatal(err)
	}
}

// payments: promised payments that are kept, plus random ones.
func (s *simulation) payments(day data.Date) {
	for _, p := range s.scheduled[day] {
		s.payUpTo(p.InvoiceID, day, p.Amount)
	}
	list, _ := s.store.ListInvoiceSummaries(s.ctx)
	for _, inv := range list {
		left := inv.Amount - inv.Paid
		if left <= 0 || inv.State == data.StateWrittenOff {
			continue
		}
		late := day.DaysSince(inv.DueDate)
		switch r := s.rng.IntN(1000); {
		case late >= -2 && late <= 0 && r < 150: // on time
			s.payUpTo(inv.ID, day, left)
		case late > 0 && r < 25:
			s.payUpTo(inv.ID, day, left)
		case late > 0 && r < 32:
			s.payUpTo(inv.ID, day, left/2+1)
		}
	}
}

func (s *simulation) payUpTo(invoiceID int64, day data.Date, amount data.Money) {
	inv, _ := s.store.GetInvoice(s.ctx, invoiceID)
	payments, _ := s.store.ListPaymentsByInvoice(s.ctx, invoiceID)
	left := inv.Amount
	for _, p := range payments {
		left -= p.Amount
	}
	if amount = min(amount, left); amount <= 0 {
		return
	}
	p := data.Payment{InvoiceID: invoiceID, Date: day, Amount: amount}
	if err := s.store.CreatePayment(s.ctx, &p); err != nil {
		s.t.Fatal(err)
	}
}

func (s *simulation) resolveDisputes(day data.Date) {
	for id, on := range s.disputes {
		if !day.Before(on) {
			if err := s.store.SetInvoiceState(s.ctx, id, data.StateOpen, "résolu"); err != nil {
				s.t.Fatal(err)
			}
			delete(s.disputes, id)
		}
	}
}

// act does what the group asks: a call gets a random outcome, the rest is done.
func (s *simulation) act(day data.Date, g dunning.Group) {
	if g.Channel != data.ChannelPhoneCall {
		if err := s.svc.Complete(s.ctx, g, "", ""); err != nil {
			s.t.Fatalf("%s: complete %s for client %d: %v", day, g.Lead.Step.TemplateKey, g.ClientID, err)
		}
		return
	}
	out := dunning.CallOutcome{Kind: data.OutcomeNoAnswer}
	switch r := s.rng.IntN(100); {
	case r < 50:
		out = dunning.CallOutcome{Kind: data.OutcomePromise, PromiseDate: day.AddDays(1 + s.rng.IntN(10))}
		if s.rng.IntN(100) < 60 {
			for _, d := range g.Items {
				s.scheduled[out.PromiseDate] = append(s.scheduled[out.PromiseDate], data.Payment{InvoiceID: d.InvoiceID, Amount: d.Outstanding})
			}
		}
	case r < 55:
		out = dunning.CallOutcome{Kind: data.OutcomeDispute, Note: "contestation"}
		for _, d := range g.Items {
			s.disputes[d.InvoiceID] = day.AddDays(15)
		}
	case r < 62:
		out = dunning.CallOutcome{Kind: data.OutcomeWrongContact}
	}
	if err := s.svc.LogCall(s.ctx, g, out); err != nil {
		s.t.Fatalf("%s: log call: %v", day, err)
	}
}

// checkGroup: nothing is proposed on an invoice that is paid (but for a
// thank-you), disputed, paused or written off, nor in the future, and a day
// with anything to do is a business day.
func (s *simulation) checkGroup(day data.Date, g dunning.Group) {
	if !s.cal.IsBusinessDay(day) {
		s.t.Fatalf("%s (%s): %s proposed on a weekend or holiday: %+v", day, day.Weekday(), g.Lead.Step.TemplateKey, g)
	}
	for _, d := range g.Items {
		inv, _ := s.store.GetInvoice(s.ctx, d.InvoiceID)
		c, _ := s.store.GetClient(s.ctx, inv.ClientID)
		payments, _ := s.store.ListPaymentsByInvoice(s.ctx, inv.ID)
		var paid data.Money
		for _, p := range payments {
			paid += p.Amount
		}
		switch {
		case d.Planned.After(day):
			s.t.Fatalf("%s: %s on %s planned in the future (%s)", day, d.Step.TemplateKey, inv.Number, d.Planned)
		case d.Step.Channel != data.ChannelThankYou && paid >= inv.Amount:
			s.t.Fatalf("%s: %s on paid invoice %s", day, d.Step.TemplateKey, inv.Number)
		case inv.State != data.StateOpen && d.Step.Channel != data.ChannelThankYou:
			s.t.Fatalf("%s: %s on %s invoice %s", day, d.Step.TemplateKey, inv.State, inv.Number)
		case inv.PausedOn(day) || c.RemindersPaused:
			s.t.Fatalf("%s: %s on paused invoice %s", day, d.Step.TemplateKey, inv.Number)
		}
	}
}

// checkHistory reads back every action: each step at most once per invoice
// (and instalment), none on a weekend or holiday, and at most one message
// per client every ThrottleDays.
func (s *simulation) checkHistory() {
	company, _ := s.store.GetCompany(s.ctx)
	list, _ := s.store.ListInvoiceSummaries(s.ctx)
	messageDays := map[int64][]data.Date{}
	for _, inv := range list {
		actions, _ := s.store.ListActionsByInvoice(s.ctx, inv.ID)
		seen := map[[2]int64]bool{}
		for _, a := range actions {
			key := [2]int64{a.StepID, a.InstalmentID}
			if seen[key] {
				s.t.Fatalf("step %d done twice on %s", a.StepID, inv.Number)
			}
			seen[key] = true
			if !s.cal.IsBusinessDay(a.DoneOn) {
				s.t.Fatalf("%s: action on %s, a non-business day", inv.Number, a.DoneOn)
			}
			st, _ := s.store.GetStep(s.ctx, a.StepID)
			if a.Status == data.ActionDone && st.Channel.IsMessage() && !slices.Contains(messageDays[inv.ClientID], a.DoneOn) {
				messageDays[inv.ClientID] = append(messageDays[inv.ClientID], a.DoneOn)
			}
		}
	}
	for client, days := range messageDays {
		slices.SortFunc(days, func(a, b data.Date) int { return a.Compare(b) })
		for i := 1; i < len(days); i++ {
			if gap := days[i].DaysSince(days[i-1]); gap < company.ThrottleDays {
				s.t.Fatalf("client %d got messages on %s and %s (%d days apart)", client, days[i-1], days[i], gap)
			}
		}
	}
}
