package dunning

import (
	"fmt"
	"testing"

	"relance/data"
)

// benchmarkBook builds in memory a book of 100,000 unpaid invoices of
// 10,000 clients (the worst case: every invoice open), each with a payment
// and up to two steps taken, under the seeded scenarios' shapes.
func benchmarkBook(today data.Date) *data.DunningBook {
	sc := data.Scenario{ID: 1, Key: "standard", Steps: []data.Step{
		{ID: 1, Position: 1, OffsetDays: -7, Channel: data.ChannelEmail, TemplateKey: "pre_due"},
		{ID: 2, Position: 2, OffsetDays: 3, Channel: data.ChannelEmail, TemplateKey: "reminder_1"},
		{ID: 3, Position: 3, OffsetDays: 10, Channel: data.ChannelPhoneCall, TemplateKey: "call"},
		{ID: 4, Position: 4, OffsetDays: 15, Channel: data.ChannelEmail, TemplateKey: "reminder_2"},
		{ID: 5, Position: 5, OffsetDays: 30, Channel: data.ChannelRegisteredLetter, TemplateKey: "formal_notice"},
		{ID: 6, Position: 6, OffsetDays: 50, Channel: data.ChannelLegalFile, TemplateKey: "court_file"},
		{ID: 7, Position: 7, Channel: data.ChannelThankYou, TemplateKey: "thank_you"},
	}}
	b := &data.DunningBook{
		Company:   data.DefaultCompany(),
		Scenarios: []data.Scenario{sc}, Categories: []data.Category{{Key: "standard", ScenarioID: 1}},
		Clients: map[int64]*data.Client{}, Actions: map[int64][]data.Action{}, Payments: map[int64][]data.Payment{},
		Promises: map[int64][]data.Promise{}, Plans: map[int64]*data.PaymentPlan{}, LastMessage: map[int64]data.Date{},
	}
	for c := int64(1); c <= 10_000; c++ {
		b.Clients[c] = &data.Client{ID: c, Name: fmt.Sprintf("Client %d", c), Category: "standard", Kind: data.Commercial}
		if c%3 == 0 {
			b.LastMessage[c] = today.AddDays(-int(c % 5))
		}
	}
	for i := int64(1); i <= 100_000; i++ {
		due := today.AddDays(int(i%120) - 80)
		inv := data.PlanInvoice{ID: i, ClientID: 1 + i%10_000, Number: fmt.Sprintf("FA-%06d", i),
			IssueDate: due.AddDays(-30), DueDate: due, Amount: 100000, Paid: 20000, State: data.StateOpen}
		b.Invoices = append(b.Invoices, inv)
		b.Payments[i] = []data.Payment{{InvoiceID: i, Date: due.AddDays(-3), Amount: 20000}}
		for step := int64(1); step <= i%3; step++ {
			b.Actions[i] = append(b.Actions[i], data.Action{InvoiceID: i, StepID: step, Status: data.ActionDone,
				DoneOn: due.AddDays(int(step*4) - 7)})
		}
	}
	return b
}

// BenchmarkMakePlan plans one day over the 100,000 open invoices of
// benchmarkBook: every next step, the due steps grouped and throttled.
func BenchmarkMakePlan(b *testing.B) {
	today := data.MustDate("2026-06-02")
	book := benchmarkBook(today)
	b.ResetTimer()
	for b.Loop() {
		plan := MakePlan(Input{Book: book, Today: today, LastRun: today.AddDays(-1)})
		if len(plan.Groups) == 0 || len(plan.Next) == 0 {
			b.Fatalf("empty plan: %d groups, %d next", len(plan.Groups), len(plan.Next))
		}
	}
}

// seedLargeBook fills a store through its API, in one transaction, with
// 10,000 clients and 100,000 invoices issued over 600 days: paid 20 days
// after issue, except those not due yet and one in twenty of the last 90
// days, which stay unpaid with their first steps taken.
func seedLargeBook(b *testing.B, f *fixture) {
	b.Helper()
	scenarios, err := f.store.ListScenarios(f.ctx)
	if err != nil {
		b.Fatal(err)
	}
	standard := scenarios[0].Steps
	today := f.clock.day
	err = f.store.InTx(f.ctx, func(tx *data.Store) error {
		ids := make([]int64, 10_000)
		for i := range ids {
			c := data.Client{Name: fmt.Sprintf("Client %05d", i)}
			if err := tx.CreateClient(f.ctx, &c); err != nil {
				return err
			}
			ids[i] = c.ID
		}
		for i := 0; i < 100_000; i++ {
			issue := today.AddDays(-600 + i%600)
			inv := data.Invoice{Number: fmt.Sprintf("FA-%06d", i), ClientID: ids[i%len(ids)], IssueDate: issue,
				DueDate: issue.AddDays(30), Amount: data.Money(10000 + i%500000)}
			if err := tx.CreateInvoice(f.ctx, &inv); err != nil {
				return err
			}
			if err := seedInvoiceHistory(f, tx, inv, i, standard); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

func seedInvoiceHistory(f *fixture, tx *data.Store, inv data.Invoice, i int, steps []data.Step) error {
	today := f.clock.day
	paidOn := inv.IssueDate.AddDays(20)
	unpaid := i%20 == 0 && inv.IssueDate.After(today.AddDays(-90))
	if !unpaid && !paidOn.After(today) {
		p := data.Payment{InvoiceID: inv.ID, Date: paidOn, Amount: inv.Amount}
		return tx.CreatePayment(f.ctx, &p)
	}
	if !unpaid {
		return nil
	}
	for _, st := range steps[:2] {
		on := inv.DueDate.AddDays(st.OffsetDays)
		if on.After(today) {
			break
		}
		a := data.Action{InvoiceID: inv.ID, StepID: st.ID, DoneOn: on}
		if err := tx.RecordAction(f.ctx, &a); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkServicePlanAsOf is "due today" end to end on a 100,000-invoice
// book: read what can be due from the store, plan it. A new service each
// time, as `relance due` starts: a service keeps its book between plans.
func BenchmarkServicePlanAsOf(b *testing.B) {
	f := newFixture(b, "2026-06-02")
	seedLargeBook(b, f)
	b.ResetTimer()
	for b.Loop() {
		plan, err := NewService(f.store, f.clock).PlanAsOf(f.ctx, f.clock.day)
		if err != nil || len(plan.Groups) == 0 {
			b.Fatalf("%d groups, %v", len(plan.Groups), err)
		}
	}
}
