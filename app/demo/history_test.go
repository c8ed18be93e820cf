package demo

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"relance/app/dunning"
	"relance/data"
)

// history is the dunning history of a loaded book, read back from the store.
type history struct {
	steps    map[int64]data.Step
	invoices []data.InvoiceSummary
	actions  map[int64][]data.Action // by invoice
	payments map[int64][]data.Payment
	promises []data.Promise
	plans    []data.PaymentPlan
	events   []data.Event
	tasks    []data.Task
}

func readHistory(t *testing.T, store *data.Store) *history {
	t.Helper()
	ctx := context.Background()
	h := &history{steps: map[int64]data.Step{}, actions: map[int64][]data.Action{}, payments: map[int64][]data.Payment{}}
	scenarios, err := store.ListScenarios(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range scenarios {
		for _, st := range sc.Steps {
			h.steps[st.ID] = st
		}
	}
	h.invoices, err = store.ListInvoiceSummaries(ctx)
	noError(t, err)
	for _, inv := range h.invoices {
		var promises []data.Promise
		var plans []data.PaymentPlan
		h.actions[inv.ID], err = store.ListActionsByInvoice(ctx, inv.ID)
		noError(t, err)
		h.payments[inv.ID], err = store.ListPaymentsByInvoice(ctx, inv.ID)
		noError(t, err)
		promises, err = store.ListPromisesByInvoice(ctx, inv.ID)
		noError(t, err)
		plans, err = store.ListPaymentPlansByInvoice(ctx, inv.ID)
		noError(t, err)
		h.promises, h.plans = append(h.promises, promises...), append(h.plans, plans...)
	}
	clients, err := store.ListClients(ctx)
	noError(t, err)
	for _, c := range clients {
		events, err := store.ListEventsByClient(ctx, c.ID)
		noError(t, err)
		h.events = append(h.events, events...)
	}
	h.tasks, err = store.ListOpenTasks(ctx)
	noError(t, err)
	return h
}

func noError(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func (h *history) invoice(id int64) data.InvoiceSummary {
	i := slices.IndexFunc(h.invoices, func(inv data.InvoiceSummary) bool { return inv.ID == id })
	return h.invoices[i]
}

func (h *history) promisesIn(status string) []data.Promise {
	var out []data.Promise
	for _, p := range h.promises {
		if p.Status == status {
			out = append(out, p)
		}
	}
	return out
}

func (h *history) hasEvent(invoiceID int64, kind data.EventKind) bool {
	return slices.ContainsFunc(h.events, func(e data.Event) bool { return e.InvoiceID == invoiceID && e.Kind == kind })
}

// planWithMissedInstalment finds an active, signed plan of three
// instalments with the first paid, the second not and flagged as missed.
func (h *history) planWithMissedInstalment() (data.PaymentPlan, bool) {
	for _, pl := range h.plans {
		if pl.Status != data.PlanActive || pl.SignedOn.IsZero() || len(pl.Instalments) != 3 {
			continue
		}
		paid, first, second := h.invoice(pl.InvoiceID).Paid, pl.Instalments[0].Amount, pl.Instalments[1].Amount
		if paid >= first && paid < first+second && h.hasEvent(pl.InvoiceID, data.EventInstalmentMissed) {
			return pl, true
		}
	}
	return data.PaymentPlan{}, false
}

// notices lists the registered letters sent, and those with La Poste's
// number, their sending date and the receipt date.
func (h *history) notices() (sent, tracked []data.Action) {
	for _, list := range h.actions {
		for _, a := range list {
			if h.steps[a.StepID].Channel != data.ChannelRegisteredLetter || a.Status != data.ActionDone {
				continue
			}
			sent = append(sent, a)
			if isTrackingNumber(a.TrackingNumber) && a.SentOn == a.DoneOn && a.ReceivedOn.After(a.SentOn) {
				tracked = append(tracked, a)
			}
		}
	}
	return sent, tracked
}

// isTrackingNumber checks the form "1A 123 456 7890 1".
func isTrackingNumber(s string) bool {
	groups := strings.Split(s, " ")
	if len(groups) != 5 || groups[0] != "1A" {
		return false
	}
	for i, n := range []int{3, 3, 4, 1} {
		if g := groups[i+1]; len(g) != n || strings.Trim(g, "0123456789") != "" {
			return false
		}
	}
	return true
}

func (h *history) actionCount() (n int) {
	for _, list := range h.actions {
		n += len(list)
	}
	return n
}

func planToday(t *testing.T, store *data.Store, today data.Date) *dunning.Plan {
	t.Helper()
	plan, err := dunning.NewService(store, data.ClockOn(today)).PlanAsOf(context.Background(), today)
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// checkLivedIn: after Load, Today shows a handful of actions, not a wall of
// catch-ups, and the history has something for every screen.
func checkLivedIn(t *testing.T, store *data.Store, today data.Date) {
	h := readHistory(t, store)
	plan := planToday(t, store, today)
	var catchUps int
	var lines []string
	for _, g := range plan.Groups {
		if g.CatchUp {
			catchUps++
		}
		lines = append(lines, fmt.Sprintf("%s %s, %d invoice(s), catch-up %v", g.Channel, g.Lead.Step.TemplateKey, len(g.Items), g.CatchUp))
	}
	t.Logf("due on %s:\n\t%s", today, strings.Join(lines, "\n\t"))
	if len(plan.Groups) < 3 || len(plan.Groups) > 15 || catchUps > 2 {
		t.Errorf("%d groups due today, %d of them catch-ups; want 3 to 15, at most 2 catch-ups", len(plan.Groups), catchUps)
	}
	checkPromises(t, h, today)
	if _, ok := h.planWithMissedInstalment(); !ok {
		t.Error("no active signed plan of three instalments, one paid, one missed and flagged")
	}
	sent, tracked := h.notices()
	if len(tracked) == 0 {
		t.Error("no registered letter with its tracking number, sending and receipt dates")
	}
	if !slices.ContainsFunc(h.tasks, func(tk data.Task) bool { return tk.Kind == "fix_contact" }) {
		t.Error("no open fix_contact task")
	}
	checkDispute(t, h)
	t.Logf("%d actions; promises: %d open, %d kept, %d broken; %d plans; %d registered letters (%d received); %d open tasks; %d events",
		h.actionCount(), len(h.promisesIn(data.PromiseOpen)), len(h.promisesIn(data.PromiseKept)),
		len(h.promisesIn(data.PromiseBroken)), len(h.plans), len(sent), len(tracked), len(h.tasks), len(h.events))
}

// checkPromises: an open promise for the next days, and broken and kept
// ones in the past; a promise is kept only when the book's payments pay it.
func checkPromises(t *testing.T, h *history, today data.Date) {
	t.Helper()
	open := h.promisesIn(data.PromiseOpen)
	if !slices.ContainsFunc(open, func(p data.Promise) bool {
		return p.PromisedOn.After(today) && p.PromisedOn.Before(today.AddDays(15))
	}) {
		t.Errorf("no open promise for the next days: %+v", open)
	}
	if len(h.promisesIn(data.PromiseBroken)) == 0 || len(h.promisesIn(data.PromiseKept)) == 0 {
		t.Error("want broken and kept promises in the history")
	}
	for _, p := range h.promisesIn(data.PromiseKept) {
		var paid data.Money
		for _, pay := range h.payments[p.InvoiceID] {
			if !pay.Date.Before(p.MadeOn) && !pay.Date.After(p.PromisedOn) {
				paid += pay.Amount
			}
		}
		if paid < p.Amount {
			t.Errorf("promise %+v kept with %s paid by its date", p, paid.Plain())
		}
	}
}

// checkDispute: the disputed invoice got there on the phone, with its reason.
func checkDispute(t *testing.T, h *history) {
	t.Helper()
	for _, inv := range h.invoices {
		if inv.State != data.StateDisputed {
			continue
		}
		call := slices.ContainsFunc(h.actions[inv.ID], func(a data.Action) bool { return a.Outcome == data.OutcomeDispute })
		reason := slices.ContainsFunc(h.events, func(e data.Event) bool {
			return e.InvoiceID == inv.ID && e.Kind == data.EventStateChanged && e.Params["reason"] != ""
		})
		if !call || !reason {
			t.Errorf("disputed invoice %s: call %v, reason on the timeline %v", inv.Number, call, reason)
		}
		return
	}
	t.Error("no disputed invoice")
}

// checkRules: every action on a business day, at most one message to a
// client every ThrottleDays, nothing dated after today.
func checkRules(t *testing.T, store *data.Store, today data.Date) {
	h := readHistory(t, store)
	company, err := store.GetCompany(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	cal := dunning.Calendar{AlsaceMoselle: company.AlsaceMoselle}
	messageDays := map[int64][]data.Date{}
	for _, inv := range h.invoices {
		for _, a := range h.actions[inv.ID] {
			if !cal.IsBusinessDay(a.DoneOn) || !a.DoneOn.Before(today) {
				t.Errorf("%s: %s done on %s (%s)", inv.Number, h.steps[a.StepID].TemplateKey, a.DoneOn, a.DoneOn.Weekday())
			}
			if a.Status == data.ActionDone && h.steps[a.StepID].Channel.IsMessage() && !slices.Contains(messageDays[inv.ClientID], a.DoneOn) {
				messageDays[inv.ClientID] = append(messageDays[inv.ClientID], a.DoneOn)
			}
		}
	}
	for client, days := range messageDays {
		slices.SortFunc(days, data.Date.Compare)
		for i := 1; i < len(days); i++ {
			if gap := days[i].DaysSince(days[i-1]); gap < company.ThrottleDays {
				t.Errorf("client %d got messages on %s and %s", client, days[i-1], days[i])
			}
		}
	}
	for _, e := range h.events {
		if data.DateOf(e.At).After(today) {
			t.Errorf("event %s on invoice %d dated %s, after today", e.Kind, e.InvoiceID, e.At)
		}
	}
}

// TestHistoryOnOtherDays: the book is loaded on whatever day the user
// clicks; the history holds on a Friday after a public holiday and on a
// Monday after a holiday weekend.
func TestHistoryOnOtherDays(t *testing.T) {
	t.Parallel()
	for _, day := range []string{"2026-01-02", "2027-05-10"} {
		t.Run(day, func(t *testing.T) {
			t.Parallel()
			today := data.MustDate(day)
			store, _ := loadSample(t, today)
			checkLivedIn(t, store, today)
			checkRules(t, store, today)
		})
	}
}

// TestLedgerMatchesTheStore checks the replay's own view of the book
// against what the dunning service reads once the load is committed: the
// replay planned every day from it.
func TestLedgerMatchesTheStore(t *testing.T) {
	t.Parallel()
	ctx := data.WithActor(context.Background(), actor)
	store := openStore(t)
	var r *replay
	err := store.InTx(ctx, func(tx *data.Store) (err error) {
		if r, err = startBook(ctx, tx, build(sampleDay)); err != nil {
			return err
		}
		_, err = r.run(ctx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	mine := r.ledger.book(sampleDay)
	theirs, err := store.LoadDunningBook(ctx, data.BookQuery{Horizon: sampleDay.AddDays(r.ledger.leadDays + 7),
		PaidSince: sampleDay.AddDays(-thankYouDays), MessagesSince: sampleDay.AddDays(-60)})
	if err != nil {
		t.Fatal(err)
	}
	same := func(what string, a, b any) {
		t.Helper()
		if fa, fb := fmt.Sprintf("%+v", a), fmt.Sprintf("%+v", b); fa != fb {
			t.Errorf("%s differ:\nreplay %s\nstore  %s", what, fa, fb)
		}
	}
	same("invoices", mine.Invoices, theirs.Invoices)
	same("last messages", mine.LastMessage, theirs.LastMessage)
	for _, inv := range theirs.Invoices {
		same("actions of "+inv.Number, mine.Actions[inv.ID], theirs.Actions[inv.ID])
		same("payments of "+inv.Number, mine.Payments[inv.ID], theirs.Payments[inv.ID])
		same("promises of "+inv.Number, mine.Promises[inv.ID], theirs.Promises[inv.ID])
		same("plan of "+inv.Number, mine.Plans[inv.ID], theirs.Plans[inv.ID])
	}
	ours := dunning.MakePlan(dunning.Input{Book: mine, Today: sampleDay})
	same("plans for today", ours.Groups, planToday(t, store, sampleDay).Groups)
}

// historyLines prints the dunning history and the timeline, to compare two loads.
func historyLines(t *testing.T, store *data.Store) []string {
	t.Helper()
	h := readHistory(t, store)
	var lines []string
	for _, inv := range h.invoices {
		for _, a := range h.actions[inv.ID] {
			lines = append(lines, fmt.Sprintf("%s %+v", inv.Number, a))
		}
	}
	for _, p := range h.promises {
		lines = append(lines, fmt.Sprintf("%+v", p))
	}
	for _, p := range h.plans {
		lines = append(lines, fmt.Sprintf("%+v", p))
	}
	for _, e := range h.events {
		lines = append(lines, fmt.Sprintf("%+v", e))
	}
	return lines
}

// BenchmarkLoad: the whole demo book with a year of dunning history.
func BenchmarkLoad(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		store, err := data.Open(b.TempDir() + "/relance.db")
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := Load(ctx, store, sampleDay); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		store.Close()
		b.StartTimer()
	}
}
