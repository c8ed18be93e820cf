package dunning

import (
	"errors"
	"testing"

	"relance/data"
)

// An unpaid invoice typed 18 days after its due date is offered the first
// reminder, not the second ("Malgré notre précédente relance"), and not
// as a step missed while Relance was closed; the later steps keep their
// spacing from the day the reminder really went out.
func TestInvoiceEnteredLateStartsAtTheFirstReminder(t *testing.T) {
	f := newFixture(t, "2026-03-02")
	c := f.client("Boulangerie", "standard")
	f.none(f.on("2026-03-02")) // Relance has run before: a last run is recorded
	f.clock.day = data.MustDate("2026-04-03")
	inv := f.invoice(c, "FA-1", "2026-03-16", 100000) // D+18 on 3 April
	g := f.only(f.on("2026-04-03"), "reminder_1")
	if g.CatchUp || len(g.Lead.Passed) != 0 || g.Lead.DaysLate != 18 {
		t.Fatalf("first step of an invoice entered late: %+v", g.Lead)
	}
	f.complete(g)
	// Sent 15 days after its date (19 March): the call (D+10) moves to
	// 10 April, the second reminder (D+15) to 15 April.
	plan := f.on("2026-04-06")
	f.none(plan)
	if next := plan.Next[inv.ID]; next.Step.TemplateKey != "call" || next.Date != data.MustDate("2026-04-10") {
		t.Fatalf("next after the first reminder: %+v", next)
	}
	call := f.only(f.on("2026-04-10"), "call")
	if err := f.svc.LogCall(f.ctx, call, CallOutcome{Kind: data.OutcomeNoAnswer}); err != nil {
		t.Fatal(err)
	}
	f.none(f.on("2026-04-14"))
	f.only(f.on("2026-04-15"), "reminder_2")
}

// "Already reminded on DATE": the first reminder counts as sent that day,
// so the invoice goes on to the second, recorded in the timeline.
func TestAlreadyRemindedBeforeEntry(t *testing.T) {
	f := newFixture(t, "2026-04-03")
	c := f.client("Boulangerie", "standard")
	inv := f.invoice(c, "FA-1", "2026-03-16", 100000)
	if err := f.svc.RecordEarlierReminder(f.ctx, inv.ID, data.MustDate("2026-04-05")); !hasField(err, "reminded_on") {
		t.Fatalf("a reminder in the future accepted: %v", err)
	}
	if err := f.svc.RecordEarlierReminder(f.ctx, inv.ID, data.MustDate("2026-03-20")); err != nil {
		t.Fatal(err)
	}
	// Reminded on 20 March (D+4, one day late): the call falls on D+11, 27
	// March, the second reminder on D+16, 1 April: both due, the reminder
	// leads and the call is passed over, as it fell before the entry.
	g := f.only(f.on("2026-04-03"), "reminder_2")
	if g.CatchUp || len(g.Lead.Passed) != 1 || g.Lead.Passed[0].TemplateKey != "call" {
		t.Fatalf("after an earlier reminder: %+v", g.Lead)
	}
	events, _ := f.store.ListEventsByInvoice(f.ctx, inv.ID)
	found := false
	for _, e := range events {
		found = found || (e.Kind == data.EventRemindedBefore && e.Params["date"] == "2026-03-20" && e.Params["template"] == "reminder_1")
	}
	if !found {
		t.Fatalf("no reminded_before event: %+v", events)
	}
	// A key account's scenario starts with calls: its first reminder is the
	// email of D+15; a scenario with no reminder at all is refused.
	if err := f.svc.RecordEarlierReminder(f.ctx, 9999, data.MustDate("2026-03-20")); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("missing invoice: %v", err)
	}
}

// Once the limitation period has passed, no formal notice nor court file
// is proposed (the next step says why); Today is warned 60 and 15 days
// before.
func TestTimeBarredClaimStops(t *testing.T) {
	f := newFixture(t, "2026-03-02")
	c := f.client("Boulangerie", "standard")
	// Delivered 2021-05-20: the claim can be taken to court until 2026-05-19.
	inv := data.Invoice{Number: "FA-OLD", ClientID: c.ID, IssueDate: data.MustDate("2021-05-20"),
		DeliveryDate: data.MustDate("2021-05-20"), DueDate: data.MustDate("2021-06-19"), Amount: 100000}
	if err := f.store.CreateInvoice(f.ctx, &inv); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.RecordEarlierReminder(f.ctx, inv.ID, data.MustDate("2021-07-01")); err != nil {
		t.Fatal(err)
	}
	plan := f.on("2026-03-19") // 61 days before: no alert yet
	if len(plan.Prescriptions) != 0 {
		t.Fatalf("alert 61 days ahead: %+v", plan.Prescriptions)
	}
	plan = f.on("2026-03-20")
	if len(plan.Prescriptions) != 1 || plan.Prescriptions[0].DaysLeft != 60 || plan.Prescriptions[0].Expired {
		t.Fatalf("alert 60 days ahead: %+v", plan.Prescriptions)
	}
	plan = f.on("2026-05-20") // the day after the deadline
	if len(plan.Prescriptions) != 1 || !plan.Prescriptions[0].Expired {
		t.Fatalf("alert after the deadline: %+v", plan.Prescriptions)
	}
	for _, g := range plan.Groups {
		if g.Channel == data.ChannelRegisteredLetter || g.Channel == data.ChannelLegalFile {
			t.Fatalf("a time-barred claim gets a %s", g.Channel)
		}
	}
	// What is left is the call and the second reminder; once done, the plan
	// waits with the reason.
	for range 3 {
		for _, g := range plan.Groups {
			if g.Channel == data.ChannelPhoneCall {
				if err := f.svc.LogCall(f.ctx, g, CallOutcome{Kind: data.OutcomeNoAnswer}); err != nil {
					t.Fatal(err)
				}
				continue
			}
			f.complete(g)
		}
		plan = f.on(plan.Today.AddDays(7).String())
	}
	if next := plan.Next[inv.ID]; next.Wait != WaitTimeBarred {
		t.Fatalf("next of a time-barred claim: %+v, groups %+v", next, plan.Groups)
	}
}

// Public buyers: four years from 1 January after delivery (loi n° 68-1250),
// and each written demand for payment starts them again.
func TestPublicBuyerPrescription(t *testing.T) {
	d := data.MustDate
	p := ComputePrescription(PrescriptionInput{ClientKind: data.PublicBuyer, Delivery: d("2022-03-10")})
	if p.Deadline != d("2026-12-31") {
		t.Fatalf("deadline %s, want 2026-12-31", p.Deadline)
	}
	book := &data.DunningBook{Scenarios: []data.Scenario{{ID: 1, Steps: []data.Step{
		{ID: 2, OffsetDays: 3, Channel: data.ChannelEmail}, {ID: 3, OffsetDays: 10, Channel: data.ChannelPhoneCall}}}},
		Actions: map[int64][]data.Action{7: {
			{StepID: 2, Status: data.ActionDone, DoneOn: d("2023-02-01")},
			{StepID: 3, Status: data.ActionDone, DoneOn: d("2024-06-01")}, // a call is not a written claim
		}}}
	inv := &data.PlanInvoice{ID: 7, DeliveryDate: d("2022-03-10"), Amount: 1000}
	if got := PrescriptionOf(inv, data.PublicBuyer, book); got.Deadline != d("2027-12-31") || got.StartReason != RestartWrittenClaim {
		t.Fatalf("after a written claim in 2023: %+v", got)
	}
	if got := PrescriptionOf(inv, data.Commercial, book); got.Deadline != d("2027-03-09") {
		t.Fatalf("a reminder does not restart a commercial claim: %+v", got)
	}
}

// hasField reports whether err is a validation error on field.
func hasField(err error, field string) bool {
	for _, fe := range data.FieldErrorsOf(err) {
		if fe.Field == field {
			return true
		}
	}
	return false
}

// A credit note reduces what the penalties run on: the statement of a
// credited invoice counts the amount net of it, and a call logged on it
// promises what is really owed.
func TestStatementNetOfCreditNotes(t *testing.T) {
	f := newFixture(t, "2026-04-15")
	c := f.client("Boulangerie", "standard")
	inv := f.invoice(c, "FA-1", "2026-03-16", 100000)
	if err := f.store.CreateCreditNote(f.ctx, &data.CreditNote{InvoiceID: inv.ID, Date: data.MustDate("2026-04-01"),
		Amount: 40000, Reason: "remise"}); err != nil {
		t.Fatal(err)
	}
	r, err := f.svc.Statement(f.ctx, inv.ID, data.MustDate("2026-04-15"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Statement.Outstanding != 60000 || len(r.Statement.Slices) == 0 || r.Statement.Slices[0].Base != 60000 {
		t.Fatalf("statement of a credited invoice: %+v", r.Statement)
	}
}
