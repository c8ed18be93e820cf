package dunning

import (
	"testing"

	"relance/data"
)

// Each reason for a delay has its answer (issue 19): a forgotten invoice
// is sent again, a cash difficulty is met with a payment plan, an invoice
// error is corrected while the reminders wait, a missing purchase order
// opens a task while they wait, a dispute goes the dispute's way.
func TestAnswerToEachReason(t *testing.T) {
	for _, tc := range []struct {
		reason data.DelayReason
		want   Answer
	}{
		{data.DelayForgotten, Answer{Action: AnswerResend}},
		{data.DelayCashDifficulty, Answer{Action: AnswerPlan}},
		{data.DelayInvoiceError, Answer{Action: AnswerCorrect, Pause: true}},
		{data.DelayMissingPO, Answer{Action: AnswerTask, Pause: true, Task: data.TaskObtainPO}},
		{data.DelayDispute, Answer{Action: AnswerDispute}},
		{data.DelayOther, Answer{}},
		{data.DelayNone, Answer{}},
		{data.DelayReason("unheard_of"), Answer{}},
	} {
		if got := AnswerTo(tc.reason); got != tc.want {
			t.Errorf("AnswerTo(%q) = %+v, want %+v", tc.reason, got, tc.want)
		}
	}
	for _, r := range data.DelayReasons {
		if r != data.DelayOther && AnswerTo(r) == (Answer{}) {
			t.Errorf("the reason %q has no answer", r)
		}
	}
}

// A plan spreads the balance in whole cents, month after month, the
// cents left over on the last instalment.
func TestSplitInstalments(t *testing.T) {
	first := data.MustDate("2026-12-24")
	for _, tc := range []struct {
		total data.Money
		n     int
		want  []data.Money
	}{
		{80000, 3, []data.Money{26666, 26666, 26668}},
		{90000, 3, []data.Money{30000, 30000, 30000}},
		{100, 1, []data.Money{100}},
		{100, 0, []data.Money{100}},
	} {
		got := SplitInstalments(tc.total, tc.n, first)
		if len(got) != len(tc.want) {
			t.Fatalf("%d in %d: %+v", tc.total, tc.n, got)
		}
		for i, in := range got {
			if in.Amount != tc.want[i] || in.DueDate != first.AddMonths(i) {
				t.Errorf("%d in %d, instalment %d: %+v", tc.total, tc.n, i, in)
			}
		}
	}
}

// The reason is recorded on each invoice and the timeline; a missing
// purchase order pauses the reminders and opens a task, an invoice error
// pauses them, a cash difficulty leaves them running (the plan is
// offered by the window).
func TestRecordDelayReasonDoesItsAnswer(t *testing.T) {
	f := newFixture(t, "2026-11-24")
	c := f.client("Garage Vernet", "standard")
	for _, tc := range []struct {
		number string
		reason data.DelayReason
		paused bool
		task   bool
	}{
		{"FA-1", data.DelayMissingPO, true, true},
		{"FA-2", data.DelayInvoiceError, true, false},
		{"FA-3", data.DelayCashDifficulty, false, false},
		{"FA-4", data.DelayForgotten, false, false},
	} {
		inv := f.invoice(c, tc.number, "2026-11-01", 120000)
		if err := f.svc.RecordDelayReason(f.ctx, []int64{inv.ID}, tc.reason, "dit le comptable"); err != nil {
			t.Fatal(err)
		}
		got, err := f.store.GetInvoice(f.ctx, inv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.DelayReason != tc.reason || got.PausedOn(f.clock.day) != tc.paused {
			t.Errorf("%s: reason %q paused %v", tc.number, got.DelayReason, got.PausedOn(f.clock.day))
		}
		if tc.paused && got.PauseReason != data.PauseForDelay(tc.reason) {
			t.Errorf("%s: paused because %q", tc.number, got.PauseReason)
		}
		tasks, err := f.store.ListOpenTasks(f.ctx)
		if err != nil {
			t.Fatal(err)
		}
		var task bool
		for _, tk := range tasks {
			task = task || (tk.InvoiceID == inv.ID && tk.Kind == data.TaskObtainPO)
		}
		if task != tc.task {
			t.Errorf("%s: task to obtain the purchase order %v", tc.number, task)
		}
		events, err := f.store.ListEventsByInvoice(f.ctx, inv.ID)
		if err != nil {
			t.Fatal(err)
		}
		var said bool
		for _, e := range events {
			said = said || (e.Kind == data.EventDelayReason && e.Params["delay"] == string(tc.reason) && e.Params["note"] == "dit le comptable")
		}
		if !said {
			t.Errorf("%s: the reason is not on the timeline", tc.number)
		}
	}
	if err := f.svc.RecordDelayReason(f.ctx, []int64{1}, "nope", ""); err == nil {
		t.Error("an unknown reason was recorded")
	}
}

// A call that gives a reason records it with the outcome.
func TestLogCallRecordsTheReason(t *testing.T) {
	f := newFixture(t, "2026-11-24")
	inv := f.invoice(f.client("Hôtel du Parc", "standard"), "FA-9", "2026-11-01", 50000)
	out := CallOutcome{Kind: data.OutcomeNoAnswer, Reason: data.DelayCashDifficulty}
	if err := f.svc.LogCallOn(f.ctx, inv.ID, out); err != nil {
		t.Fatal(err)
	}
	got, err := f.store.GetInvoice(f.ctx, inv.ID)
	if err != nil || got.DelayReason != data.DelayCashDifficulty {
		t.Fatalf("reason %q, %v", got.DelayReason, err)
	}
}
