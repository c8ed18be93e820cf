package dunning

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"relance/data"
)

// dayClock is a clock the test moves from day to day.
type dayClock struct{ day data.Date }

func (c *dayClock) Now() time.Time   { return c.day.Time().Add(10 * time.Hour) }
func (c *dayClock) Today() data.Date { return c.day }

type fixture struct {
	t     testing.TB
	ctx   context.Context
	store *data.Store
	clock *dayClock
	svc   *Service
}

func newFixture(t testing.TB, start string) *fixture {
	t.Helper()
	clock := &dayClock{day: data.MustDate(start)}
	store, err := data.Open(filepath.Join(t.TempDir(), "relance.db"), data.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return &fixture{t: t, ctx: context.Background(), store: store, clock: clock, svc: NewService(store, clock)}
}

func (f *fixture) client(name, category string) data.Client {
	f.t.Helper()
	c := data.Client{Name: name, Category: category, Email: "compta@example.fr"}
	if err := f.store.CreateClient(f.ctx, &c); err != nil {
		f.t.Fatal(err)
	}
	return c
}

func (f *fixture) invoice(c data.Client, number, due string, amount data.Money) data.Invoice {
	f.t.Helper()
	d := data.MustDate(due)
	inv := data.Invoice{Number: number, ClientID: c.ID, IssueDate: d.AddDays(-30), DueDate: d, Amount: amount}
	if err := f.store.CreateInvoice(f.ctx, &inv); err != nil {
		f.t.Fatal(err)
	}
	return inv
}

func (f *fixture) pay(inv data.Invoice, on string, amount data.Money) {
	f.t.Helper()
	p := data.Payment{InvoiceID: inv.ID, Date: data.MustDate(on), Amount: amount}
	if err := f.store.CreatePayment(f.ctx, &p); err != nil {
		f.t.Fatal(err)
	}
}

// on moves the clock to day and plans it.
func (f *fixture) on(day string) *Plan {
	f.t.Helper()
	f.clock.day = data.MustDate(day)
	_, plan, err := f.svc.StartDay(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	return plan
}

// only asserts the plan has exactly one group, with that lead template, and returns it.
func (f *fixture) only(plan *Plan, template string) Group {
	f.t.Helper()
	if len(plan.Groups) != 1 {
		f.t.Fatalf("%s: %d groups, want one %s: %+v", plan.Today, len(plan.Groups), template, plan.Groups)
	}
	g := plan.Groups[0]
	if g.Lead.Step.TemplateKey != template {
		f.t.Fatalf("%s: lead step %s, want %s", plan.Today, g.Lead.Step.TemplateKey, template)
	}
	return g
}

func (f *fixture) none(plan *Plan) {
	f.t.Helper()
	if len(plan.Groups) != 0 {
		f.t.Fatalf("%s: want nothing due, got %d groups (first: %s)", plan.Today, len(plan.Groups), plan.Groups[0].Lead.Step.TemplateKey)
	}
}

func (f *fixture) complete(g Group) {
	f.t.Helper()
	if err := f.svc.Complete(f.ctx, g, "", ""); err != nil {
		f.t.Fatal(err)
	}
}

func TestStandardScenarioDayByDay(t *testing.T) {
	f := newFixture(t, "2026-03-01")
	c := f.client("Boulangerie", "standard")
	f.invoice(c, "FA-1", "2026-03-16", 100000) // a Monday

	f.none(f.on("2026-03-06"))
	f.complete(f.only(f.on("2026-03-09"), "pre_due")) // D-7, Monday
	f.none(f.on("2026-03-10"))
	f.none(f.on("2026-03-18"))
	f.complete(f.only(f.on("2026-03-19"), "reminder_1")) // D+3
	g := f.only(f.on("2026-03-26"), "call")              // D+10
	if g.Channel != data.ChannelPhoneCall || g.Total != 100000 || g.Items[0].DaysLate != 10 {
		t.Fatalf("call group %+v", g)
	}
	if err := f.svc.LogCall(f.ctx, g, CallOutcome{Kind: data.OutcomeNoAnswer}); err != nil {
		t.Fatal(err)
	}
	g = f.only(f.on("2026-03-31"), "reminder_2") // D+15
	if !g.Lead.Step.IncludeStatement || !g.Lead.Step.WithLetter {
		t.Fatalf("second reminder options %+v", g.Lead.Step)
	}
	f.complete(g)
	// D+30 is Wednesday 15 April 2026.
	g = f.only(f.on("2026-04-15"), "formal_notice")
	if g.Channel != data.ChannelRegisteredLetter || g.Lead.Step.DeadlineDays != 8 {
		t.Fatalf("notice %+v", g)
	}
	f.complete(g)
	// The same step twice is refused by the store.
	if err := f.svc.Complete(f.ctx, g, "", ""); !errors.Is(err, data.ErrAlreadyExists) {
		t.Fatalf("second completion: %v", err)
	}
	f.none(f.on("2026-04-16"))
}

func TestWeekendAndHolidayMoveSteps(t *testing.T) {
	f := newFixture(t, "2026-04-20")
	c := f.client("Atelier", "standard")
	// Due Thursday 30 April: D+3 is Sunday 3 May -> Monday 4 May.
	f.invoice(c, "FA-1", "2026-04-30", 5000)
	f.clock.day = data.MustDate("2026-04-23") // D-7 Thursday
	f.complete(f.only(f.on("2026-04-23"), "pre_due"))
	f.none(f.on("2026-05-02"))
	f.none(f.on("2026-05-03"))
	f.only(f.on("2026-05-04"), "reminder_1")

	// Due Monday 4 May: D+10 is Thursday 14 May 2026, Ascension -> Friday 15.
	g := newFixture(t, "2026-04-20")
	c2 := g.client("Atelier", "standard")
	g.invoice(c2, "FA-2", "2026-05-04", 5000)
	g.complete(g.only(g.on("2026-04-27"), "pre_due"))
	g.complete(g.only(g.on("2026-05-07"), "reminder_1"))
	g.none(g.on("2026-05-14"))
	g.only(g.on("2026-05-15"), "call")
}

func TestAlsaceMoselleGoodFriday(t *testing.T) {
	f := newFixture(t, "2026-03-20")
	company, _ := f.store.GetCompany(f.ctx)
	company.AlsaceMoselle = true
	if err := f.store.UpdateCompany(f.ctx, &company); err != nil {
		t.Fatal(err)
	}
	c := f.client("Winstub", "standard")
	// Due Tuesday 31 March: D+3 is Good Friday 3 April -> Tuesday 7 April (Easter Monday 6).
	f.invoice(c, "FA-1", "2026-03-31", 5000)
	f.complete(f.only(f.on("2026-03-24"), "pre_due"))
	f.none(f.on("2026-04-03"))
	f.none(f.on("2026-04-06"))
	f.only(f.on("2026-04-07"), "reminder_1")
}

func TestPromiseKept(t *testing.T) {
	f := newFixture(t, "2026-03-26")
	c := f.client("Boulangerie", "risky") // reminder at D+1, phone at D+5
	inv := f.invoice(c, "FA-1", "2026-03-20", 100000)
	// Entered six days late: the first reminder, not the call, and not as
	// a step missed while Relance was closed.
	first := f.only(f.on("2026-03-26"), "reminder_1")
	if first.CatchUp || len(first.Lead.Passed) != 0 {
		t.Fatalf("first run on an invoice entered late: %+v", first)
	}
	f.complete(first)
	// The reminder went out three days after its date (Monday 23 March):
	// the call keeps its spacing, 25 + 3 = 28 March, a Saturday -> 30.
	f.none(f.on("2026-03-27"))
	call := f.only(f.on("2026-03-30"), "call")
	if err := f.svc.LogCall(f.ctx, call, CallOutcome{Kind: data.OutcomePromise, PromiseDate: data.MustDate("2026-04-01")}); err != nil {
		t.Fatal(err)
	}
	// Reminder 2 (D+10 + 3 = 2 April) waits for the promise: until 1 April + 1 business day.
	plan := f.on("2026-04-02")
	f.none(plan)
	if next := plan.Next[inv.ID]; next.Wait != WaitPromise || next.Date != data.MustDate("2026-04-03") {
		t.Fatalf("next while promised: %+v", next)
	}
	f.pay(inv, "2026-04-01", 100000)
	plan = f.on("2026-04-03")
	f.only(plan, "thank_you") // paid after a reminder: only the thank-you is left
	promises, _ := f.store.ListPromisesByInvoice(f.ctx, inv.ID)
	if len(promises) != 1 || promises[0].Status != data.PromiseKept {
		t.Fatalf("promise: %+v", promises)
	}
}

func TestPromiseBroken(t *testing.T) {
	f := newFixture(t, "2026-03-20")
	c := f.client("Boulangerie", "risky")
	inv := f.invoice(c, "FA-1", "2026-03-20", 100000)
	f.complete(f.only(f.on("2026-03-23"), "reminder_1")) // D+1 is Saturday -> Monday
	call := f.only(f.on("2026-03-25"), "call")           // D+5, Wednesday
	if err := f.svc.LogCall(f.ctx, call, CallOutcome{Kind: data.OutcomePromise, PromiseDate: data.MustDate("2026-03-27"), Amount: 100000}); err != nil {
		t.Fatal(err)
	}
	f.none(f.on("2026-03-27")) // the promised day
	f.none(f.on("2026-03-30")) // the grace business day (Monday)
	f.pay(inv, "2026-03-30", 20000)
	plan := f.on("2026-03-31")
	g := f.only(plan, "reminder_2")
	if !g.Items[0].Resumed || g.CatchUp || g.Total != 80000 {
		t.Fatalf("after the broken promise: %+v", g)
	}
	promises, _ := f.store.ListPromisesByInvoice(f.ctx, inv.ID)
	if promises[0].Status != data.PromiseBroken {
		t.Fatalf("promise: %+v", promises)
	}
	events, _ := f.store.ListEventsByInvoice(f.ctx, inv.ID)
	broken := 0
	for _, e := range events {
		if e.Kind == data.EventPromiseBroken {
			broken++
		}
	}
	f.on("2026-03-31") // planning again records nothing twice
	events, _ = f.store.ListEventsByInvoice(f.ctx, inv.ID)
	again := 0
	for _, e := range events {
		if e.Kind == data.EventPromiseBroken {
			again++
		}
	}
	if broken != 1 || again != 1 {
		t.Fatalf("broken-promise events: %d then %d", broken, again)
	}
	// The next day it is still the next step in order, not a jump ahead.
	f.only(f.on("2026-04-01"), "reminder_2")
}

func TestDisputeWrongContactAndPause(t *testing.T) {
	f := newFixture(t, "2026-03-20")
	c := f.client("Boulangerie", "risky")
	a := f.invoice(c, "FA-1", "2026-03-20", 100000)
	f.complete(f.only(f.on("2026-03-23"), "reminder_1"))
	call := f.only(f.on("2026-03-25"), "call")
	if err := f.svc.LogCall(f.ctx, call, CallOutcome{Kind: data.OutcomeDispute, Note: "livraison incomplète"}); err != nil {
		t.Fatal(err)
	}
	plan := f.on("2026-04-30")
	f.none(plan)
	if plan.Next[a.ID].Wait != WaitDisputed {
		t.Fatalf("next while disputed: %+v", plan.Next[a.ID])
	}
	if err := f.store.SetInvoiceState(f.ctx, a.ID, data.StateOpen, "résolu"); err != nil {
		t.Fatal(err)
	}
	if err := f.store.PauseInvoice(f.ctx, a.ID, data.MustDate("2026-05-10"), "vacances"); err != nil {
		t.Fatal(err)
	}
	f.none(f.on("2026-05-08"))
	g := f.on("2026-05-11").Groups[0]
	if g.Lead.Step.TemplateKey != "formal_notice" || !g.CatchUp {
		t.Fatalf("after the pause: %+v", g.Lead)
	}

	b := f.invoice(f.client("Traiteur", "risky"), "FA-2", "2026-05-06", 5000)
	plan = f.on("2026-05-11")
	for _, g := range plan.Groups {
		if g.Items[0].InvoiceID == b.ID {
			f.complete(g) // the first reminder of an invoice entered late
		}
	}
	// Sent four days after its date (7 May): the call moves from 11 to 15 May.
	plan = f.on("2026-05-15")
	var call2 Group
	for _, g := range plan.Groups {
		if g.Items[0].InvoiceID == b.ID {
			call2 = g
		}
	}
	if call2.Channel != data.ChannelPhoneCall {
		t.Fatalf("no call for FA-2: %+v", plan.Groups)
	}
	if err := f.svc.LogCall(f.ctx, call2, CallOutcome{Kind: data.OutcomeWrongContact, Note: "numéro attribué à un autre"}); err != nil {
		t.Fatal(err)
	}
	tasks, _ := f.store.ListOpenTasks(f.ctx)
	if len(tasks) != 1 || tasks[0].Kind != "fix_contact" || tasks[0].ClientID != call2.ClientID {
		t.Fatalf("tasks: %+v", tasks)
	}
}

func TestCatchUpAfterTwentyDaysOff(t *testing.T) {
	f := newFixture(t, "2026-03-02")
	c := f.client("Boulangerie", "standard")
	inv := f.invoice(c, "FA-1", "2026-03-16", 100000)
	f.none(f.on("2026-03-06")) // the app ran on Friday 6 March, then not for 20 days
	plan := f.on("2026-03-26")
	// Missed: the pre-due notice (too late now, dropped), the first reminder
	// (19 March) and the call (26 March). A call would skip the reminder,
	// so the first reminder comes first, flagged as caught up.
	g := f.only(plan, "reminder_1")
	if d := g.Items[0]; !g.CatchUp || len(d.Passed) != 0 {
		t.Fatalf("catch-up: %+v", d)
	}
	f.complete(g)
	// Sent 7 days late: the call comes 7 days after the reminder, on 2 April.
	f.none(f.on("2026-04-01"))
	g = f.only(f.on("2026-04-02"), "call")
	if err := f.svc.LogCall(f.ctx, g, CallOutcome{Kind: data.OutcomeNoAnswer}); err != nil {
		t.Fatal(err)
	}
	actions, _ := f.store.ListActionsByInvoice(f.ctx, inv.ID)
	var skipped, done int
	for _, a := range actions {
		switch a.Status {
		case data.ActionSkipped:
			skipped++
		case data.ActionDone:
			done++
		}
	}
	if skipped != 0 || done != 2 {
		t.Fatalf("%d skipped, %d done", skipped, done)
	}
	f.none(f.on("2026-04-03"))
}

func TestThrottleAndGrouping(t *testing.T) {
	f := newFixture(t, "2026-03-12")
	c := f.client("Boulangerie", "standard")
	a := f.invoice(c, "FA-1", "2026-03-16", 1000) // reminder_1 on Thursday 19
	b := f.invoice(c, "FA-2", "2026-03-17", 2000) // reminder_1 on Friday 20
	x := f.invoice(c, "FA-3", "2026-03-16", 4000) // same day as FA-1
	plan := f.on("2026-03-09")
	g := f.only(plan, "pre_due")
	if len(g.Items) != 2 || g.Total != 5000 {
		t.Fatalf("pre-due notices of one client fold into one: %+v", g)
	}
	f.complete(g)
	// FA-2's pre-due (10 March) is held: a message went out yesterday.
	plan = f.on("2026-03-10")
	f.none(plan)
	if next := plan.Next[b.ID]; next.Wait != WaitThrottle || next.Date != data.MustDate("2026-03-12") {
		t.Fatalf("held pre-due: %+v", next)
	}
	f.complete(f.only(f.on("2026-03-12"), "pre_due"))
	g = f.only(f.on("2026-03-19"), "reminder_1")
	if len(g.Items) != 2 || g.Items[0].InvoiceID == b.ID || g.Items[1].InvoiceID == b.ID {
		t.Fatalf("reminders of 19 March: %+v", g.Items)
	}
	f.complete(g)
	f.none(f.on("2026-03-20"))
	g = f.only(f.on("2026-03-23"), "reminder_1")
	if g.Items[0].InvoiceID != b.ID {
		t.Fatalf("FA-2's reminder after the throttle: %+v", g.Items)
	}
	_, _ = a, x
}

func TestPaymentTodayCancelsTodaysReminder(t *testing.T) {
	f := newFixture(t, "2026-03-19")
	c := f.client("Boulangerie", "standard")
	inv := f.invoice(c, "FA-1", "2026-03-16", 100000)
	f.on("2026-03-06")
	f.pay(inv, "2026-03-19", 30000)
	plan := f.on("2026-03-19")
	f.none(plan)
	if next := plan.Next[inv.ID]; next.Wait != WaitPayment || next.Date != data.MustDate("2026-03-20") {
		t.Fatalf("next: %+v", next)
	}
	g := f.only(f.on("2026-03-20"), "reminder_1")
	if g.Total != 70000 {
		t.Fatalf("the reminder must ask for the balance: %+v", g)
	}
}

func TestThankYouAfterPayment(t *testing.T) {
	f := newFixture(t, "2026-03-19")
	c := f.client("Boulangerie", "standard")
	inv := f.invoice(c, "FA-1", "2026-03-16", 100000)
	f.complete(f.only(f.on("2026-03-19"), "reminder_1"))
	f.pay(inv, "2026-03-21", 100000) // a Saturday
	f.none(f.on("2026-03-21"))
	g := f.only(f.on("2026-03-23"), "thank_you")
	if g.Channel != data.ChannelThankYou {
		t.Fatalf("%+v", g)
	}
	f.complete(g)
	f.none(f.on("2026-03-24"))

	// Paid on time without any reminder: no thank-you.
	quiet := f.invoice(c, "FA-2", "2026-04-30", 5000)
	f.pay(quiet, "2026-03-24", 5000)
	f.none(f.on("2026-03-26"))
}

func TestPlanInstalments(t *testing.T) {
	f := newFixture(t, "2026-02-02")
	c := f.client("Boulangerie", "standard")
	inv := f.invoice(c, "FA-1", "2026-01-15", 90000)
	plan := data.PaymentPlan{InvoiceID: inv.ID, AgreedOn: data.MustDate("2026-02-02"), SignedOn: data.MustDate("2026-02-04"),
		Instalments: []data.Instalment{
			{DueDate: data.MustDate("2026-02-16"), Amount: 30000},
			{DueDate: data.MustDate("2026-03-16"), Amount: 30000},
			{DueDate: data.MustDate("2026-04-15"), Amount: 30000},
		}}
	if err := f.store.CreatePaymentPlan(f.ctx, &plan); err != nil {
		t.Fatal(err)
	}
	// The plan replaces the invoice's own late steps: the first instalment's pre-due notice.
	g := f.only(f.on("2026-02-09"), "pre_due")
	if g.Items[0].InstalmentID != plan.Instalments[0].ID || g.Total != 30000 {
		t.Fatalf("instalment 1: %+v", g.Items[0])
	}
	f.complete(g)
	f.pay(inv, "2026-02-16", 30000)
	g = f.only(f.on("2026-03-09"), "pre_due")
	if g.Items[0].InstalmentID != plan.Instalments[1].ID {
		t.Fatalf("instalment 2: %+v", g.Items[0])
	}
	f.complete(g)
	f.none(f.on("2026-03-17")) // due 16, grace 17
	p := f.on("2026-03-18")
	if len(p.Missed) != 1 || p.Missed[0].Instalment.ID != plan.Instalments[1].ID {
		t.Fatalf("missed: %+v", p.Missed)
	}
	f.on("2026-03-18")
	events, _ := f.store.ListEventsByInvoice(f.ctx, inv.ID)
	missed := 0
	for _, e := range events {
		if e.Kind == data.EventInstalmentMissed {
			missed++
		}
	}
	if missed != 1 {
		t.Fatalf("%d missed-instalment events", missed)
	}
	f.complete(f.only(f.on("2026-03-19"), "reminder_1"))
	f.pay(inv, "2026-03-20", 60000)
	f.on("2026-03-23")
	plans, _ := f.store.ListPaymentPlansByInvoice(f.ctx, inv.ID)
	if plans[0].Status != data.PlanCompleted {
		t.Fatalf("plan status %s", plans[0].Status)
	}
}

func TestPausedClientAndWrittenOff(t *testing.T) {
	f := newFixture(t, "2026-03-19")
	c := f.client("Boulangerie", "standard")
	c.RemindersPaused, c.PausedReason = true, "redressement judiciaire"
	if err := f.store.UpdateClient(f.ctx, &c); err != nil {
		t.Fatal(err)
	}
	f.invoice(c, "FA-1", "2026-03-16", 100000)
	other := f.invoice(f.client("Atelier", "standard"), "FA-2", "2026-03-16", 100000)
	if err := f.store.SetInvoiceState(f.ctx, other.ID, data.StateWrittenOff, "trop ancien"); err != nil {
		t.Fatal(err)
	}
	f.none(f.on("2026-03-19"))
}

func TestClientScenarioOverride(t *testing.T) {
	f := newFixture(t, "2026-03-10")
	scenarios, _ := f.store.ListScenarios(f.ctx)
	var key *data.Scenario
	for i := range scenarios {
		if scenarios[i].Key == "key_account" {
			key = &scenarios[i]
		}
	}
	c := f.client("Hôtel", "standard")
	c.ScenarioID = key.ID
	if err := f.store.UpdateClient(f.ctx, &c); err != nil {
		t.Fatal(err)
	}
	f.invoice(c, "FA-1", "2026-03-16", 100000)
	g := f.only(f.on("2026-03-11"), "call") // key account: a call at D-5
	if g.Channel != data.ChannelPhoneCall {
		t.Fatalf("%+v", g)
	}
}

func TestLogCallOutsideThePlan(t *testing.T) {
	f := newFixture(t, "2026-03-20")
	c := f.client("Boulangerie", "standard")
	inv := f.invoice(c, "FA-1", "2026-03-16", 100000)
	f.complete(f.only(f.on("2026-03-19"), "reminder_1"))
	f.on("2026-03-20")
	// No call is due (the plan's call is at D+10): the call goes on the timeline, the promise holds.
	if err := f.svc.LogCallOn(f.ctx, inv.ID, CallOutcome{Kind: data.OutcomePromise, PromiseDate: data.MustDate("2026-03-27"), Amount: 40000}); err != nil {
		t.Fatal(err)
	}
	promises, _ := f.store.ListPromisesByInvoice(f.ctx, inv.ID)
	if len(promises) != 1 || promises[0].Amount != 40000 {
		t.Fatalf("promises %+v", promises)
	}
	plan := f.on("2026-03-26") // the plan's call day: held by the promise
	f.none(plan)
	if plan.Next[inv.ID].Wait != WaitPromise {
		t.Fatalf("next %+v", plan.Next[inv.ID])
	}
	events, _ := f.store.ListEventsByInvoice(f.ctx, inv.ID)
	logged := 0
	for _, e := range events {
		if e.Kind == data.EventCallLogged && e.Params["outcome"] == data.OutcomePromise {
			logged++
		}
	}
	if logged != 1 {
		t.Fatalf("%d call_logged events", logged)
	}
	// A call due now is fulfilled by the call logged on the invoice.
	g := newFixture(t, "2026-03-19")
	c2 := g.client("Atelier", "standard")
	inv2 := g.invoice(c2, "FA-2", "2026-03-16", 5000)
	g.complete(g.only(g.on("2026-03-19"), "reminder_1"))
	g.only(g.on("2026-03-26"), "call")
	if err := g.svc.LogCallOn(g.ctx, inv2.ID, CallOutcome{Kind: data.OutcomeNoAnswer}); err != nil {
		t.Fatal(err)
	}
	actions, _ := g.store.ListActionsByInvoice(g.ctx, inv2.ID)
	if len(actions) == 0 || actions[len(actions)-1].Outcome != data.OutcomeNoAnswer {
		t.Fatalf("actions %+v", actions)
	}
}

func TestCourtFileWaitsForTheNoticeDeadline(t *testing.T) {
	f := newFixture(t, "2026-03-19")
	c := f.client("Boulangerie", "standard")
	inv := f.invoice(c, "FA-1", "2026-03-16", 100000)
	f.complete(f.only(f.on("2026-03-19"), "reminder_1"))
	// Off until the notice's day (D+30, 15 April): the catch-up stops at the
	// formal notice, passing over the call and the second reminder.
	g := f.only(f.on("2026-04-15"), "formal_notice")
	if len(g.Lead.Passed) != 2 || !g.CatchUp {
		t.Fatalf("catch-up to the notice: %+v", g.Lead)
	}
	f.complete(g)
	// The court file (D+50, 5 May) waits for the notice's deadline: 8 days
	// from receipt; while no receipt is entered, from the 15 days La Poste
	// holds a letter: 15 April + 15 + 8 -> from 9 May, a Saturday -> 11 May.
	plan := f.on("2026-05-05")
	f.none(plan)
	if next := plan.Next[inv.ID]; next.Step.TemplateKey != "court_file" || next.Date != data.MustDate("2026-05-11") {
		t.Fatalf("next without a receipt %+v", next)
	}
	if len(plan.Receipts) != 1 || plan.Receipts[0].InvoiceID != inv.ID || plan.Receipts[0].SentOn != data.MustDate("2026-04-15") {
		t.Fatalf("Today does not ask for the receipt: %+v", plan.Receipts)
	}
	actions, _ := f.store.ListActionsByInvoice(f.ctx, inv.ID)
	notice := actions[len(actions)-1]
	// Not collected: the avis de passage of 17 April starts the deadline.
	if err := f.store.UpdateLetterTracking(f.ctx, notice.ID, data.LetterTracking{Number: "1A 000",
		SentOn: data.MustDate("2026-04-15"), PresentedOn: data.MustDate("2026-04-17")}); err != nil {
		t.Fatal(err)
	}
	plan = f.on("2026-05-04")
	if next := plan.Next[inv.ID]; next.Date != data.MustDate("2026-05-05") || len(plan.Receipts) != 0 {
		t.Fatalf("next after the avis de passage %+v, receipts %+v", next, plan.Receipts)
	}
	// Received on 28 April: + 8 days -> from 7 May, after the D+50 date.
	if err := f.store.UpdateLetterTracking(f.ctx, notice.ID, data.LetterTracking{Number: "1A 000",
		SentOn: data.MustDate("2026-04-15"), ReceivedOn: data.MustDate("2026-04-28")}); err != nil {
		t.Fatal(err)
	}
	f.none(f.on("2026-05-06"))
	f.only(f.on("2026-05-07"), "court_file")
}

// Planning the day reads; starting it writes. PlanDay leaves a broken
// promise open and the last run as it was, and flags the same catch-up on
// every call of the session; StartDay settles the promise (once, on the
// timeline) and remembers the day.
func TestPlanDayWritesNothingStartDaySettles(t *testing.T) {
	f := newFixture(t, "2026-03-20")
	c := f.client("Boulangerie", "risky")
	inv := f.invoice(c, "FA-1", "2026-03-20", 100000)
	f.complete(f.only(f.on("2026-03-23"), "reminder_1"))
	call := f.only(f.on("2026-03-25"), "call")
	if err := f.svc.LogCall(f.ctx, call, CallOutcome{Kind: data.OutcomePromise, PromiseDate: data.MustDate("2026-03-27"), Amount: 100000}); err != nil {
		t.Fatal(err)
	}
	// Closed from the 25th to the 31st: the second reminder fell due meanwhile.
	f.clock.day = data.MustDate("2026-03-31")
	since := data.MustDate("2026-03-25")
	for range 2 {
		plan, err := f.svc.PlanDay(f.ctx, since)
		if err != nil {
			t.Fatal(err)
		}
		if g := f.only(plan, "reminder_2"); !g.Items[0].Resumed {
			t.Fatalf("plan of the day: %+v", g)
		}
	}
	promises, _ := f.store.ListPromisesByInvoice(f.ctx, inv.ID)
	last, _ := f.store.GetState(f.ctx, lastRunKey)
	if promises[0].Status != data.PromiseOpen || last != "2026-03-25" {
		t.Fatalf("PlanDay wrote: promise %s, last run %q", promises[0].Status, last)
	}
	got, plan, err := f.svc.StartDay(f.ctx)
	if err != nil || got != since || len(plan.Groups) != 1 {
		t.Fatalf("StartDay: since %s, %v, %+v", got, err, plan)
	}
	promises, _ = f.store.ListPromisesByInvoice(f.ctx, inv.ID)
	last, _ = f.store.GetState(f.ctx, lastRunKey)
	if promises[0].Status != data.PromiseBroken || last != "2026-03-31" {
		t.Fatalf("StartDay did not settle: promise %s, last run %q", promises[0].Status, last)
	}
}

// At most DailyMessageLimit messages a day: five clients' first reminders
// fall on one day with a limit of 2; the two oldest go that day, the
// others wait for the next business days, before those days' own steps,
// and calls are never held.
func TestDailyMessageLimit(t *testing.T) {
	f := newFixture(t, "2026-03-19") // the invoices are entered late, on the day of their reminders
	company, err := f.store.GetCompany(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	company.DailyMessageLimit = 2
	if err := f.store.UpdateCompany(f.ctx, &company); err != nil {
		t.Fatal(err)
	}
	var invoices []data.Invoice
	for i, due := range []string{"2026-03-16", "2026-03-13", "2026-03-16", "2026-03-16", "2026-03-16"} {
		c := f.client(fmt.Sprintf("Client %d", i), "standard")
		invoices = append(invoices, f.invoice(c, fmt.Sprintf("FA-%d", i), due, 1000))
	}
	plan := f.on("2026-03-19") // reminder_1 (D+3) of every invoice
	if len(plan.Groups) != 2 || plan.Held != 3 {
		t.Fatalf("with a limit of 2: %d groups, %d held", len(plan.Groups), plan.Held)
	}
	if plan.Groups[0].Lead.InvoiceID != invoices[1].ID {
		t.Errorf("the oldest reminder (FA-1, due 13 March) does not go first: %+v", plan.Groups[0].Lead)
	}
	for _, g := range plan.Groups {
		f.complete(g)
	}
	held := 0
	for _, inv := range invoices {
		if next := plan.Next[inv.ID]; next.Wait == WaitDailyLimit {
			held++
			if next.Date != data.MustDate("2026-03-20") {
				t.Errorf("%s held until %v, want the next business day", inv.Number, next.Date)
			}
		}
	}
	if held != 3 {
		t.Fatalf("%d invoices say they wait for the daily limit", held)
	}
	plan = f.on("2026-03-20")
	if len(plan.Groups) != 2 || plan.Held != 1 {
		t.Fatalf("the next day: %d groups, %d held", len(plan.Groups), plan.Held)
	}
	for _, g := range plan.Groups {
		if g.CatchUp {
			t.Errorf("a step held by the limit comes back as a catch-up: %+v", g.Lead)
		}
	}
}
