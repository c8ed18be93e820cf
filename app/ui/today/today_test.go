package today

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/dunning"
	"relance/app/ui/kit"
	"relance/app/ui/mailui"
	"relance/app/ui/uitest"
	"relance/data"
)

// todayUI is the Today screen alone in a test window, with a mailer over
// the book's outbox; it records what it is asked of the rest of the
// window.
type todayUI struct {
	*uitest.Host
	t               *testing.T
	home            *Screen
	mail            *mailui.Mailer
	since           data.Date                                    // PlannedSince
	companySettings int                                          // OpenCompanySettings calls
	mailSettings    int                                          // OpenMailSettings calls
	editClient      func(c data.Client, saved func(data.Client)) // the client form, played by a test
}

func (u *todayUI) Mailer() *mailui.Mailer { return u.mail }
func (u *todayUI) DayPlan(ctx context.Context) (*dunning.Plan, error) {
	return u.Dunning().PlanDay(ctx, u.since)
}
func (u *todayUI) OpenCompanySettings() { u.companySettings++ }
func (u *todayUI) OpenMailSettings()    { u.mailSettings++ }
func (u *todayUI) EditClient(c data.Client, saved func(data.Client)) {
	if u.editClient == nil {
		u.t.Fatalf("the client form of %s was opened", c.Name)
	}
	u.editClient(c, saved)
}

// testDay is the day the tests' clock reads.
var testDay = uitest.Day

func top(u *todayUI) fyne.CanvasObject { return u.Top() }

// todayBook is Today over a book the test fills (uitest.Book).
type todayBook struct {
	*uitest.Book
	t *testing.T
	u *todayUI
}

// newTodayBook is an empty book whose company details are complete, on
// Today.
func newTodayBook(t *testing.T) *todayBook {
	t.Helper()
	b := newTodayBookWithoutCompany(t)
	uitest.CompleteCompany(t, b.Store)
	return b
}

// newTodayBookWithoutCompany is newTodayBook with the company details
// empty, as after the onboarding's company step skipped.
func newTodayBookWithoutCompany(t *testing.T) *todayBook {
	t.Helper()
	h := uitest.NewHost(t)
	u := &todayUI{Host: h, t: t, since: uitest.Day}
	u.mail = mailui.New(u, h.Services.Mail, h.Services.Composer)
	t.Cleanup(func() { u.mail.Stop() })
	u.home = New(u)
	h.Show(u.home)
	return &todayBook{Book: uitest.NewBook(t, h.Store()), t: t, u: u}
}

// refresh reloads Today as the navigation does after a write.
func (b *todayBook) refresh() { b.u.home.Update(b.Ctx) }

// card is the card on screen that names invoice number, nil when none does.
func (b *todayBook) card(number string) *todayItem {
	var found *todayItem
	uitest.Walk(b.u.Win.Content(), nil, func(o, _ fyne.CanvasObject) {
		if it, ok := o.(*todayItem); ok && found == nil && it.card.Visible() && strings.Contains(it.invoices.Text, number) {
			found = it
		}
	})
	return found
}

func (b *todayBook) mustCard(number string) *todayItem {
	b.T.Helper()
	it := b.card(number)
	if it == nil {
		b.T.Fatalf("no card for %s on Today; rows: %+v", number, b.u.home.rows)
	}
	return it
}

// headers are the section titles on screen, in order.
func (b *todayBook) headers() []string {
	var out []string
	for _, r := range b.u.home.rows {
		if r.header {
			out = append(out, r.title)
		}
	}
	return out
}

func TestTodayMarkSent(t *testing.T) {
	b := newTodayBook(t)
	martin := b.Client("Boulangerie Martin", "")
	inv := b.Invoice(martin, "FA-2026-001", "2026-11-20", 125000) // a Friday: first reminder on Monday 23
	b.refresh()

	card := b.mustCard("FA-2026-001")
	if card.link.Text != "Boulangerie Martin" || !strings.Contains(card.step.Text, lang.L("step.reminder_1")) ||
		card.total.Text != kit.Money(125000) {
		t.Fatalf("card reads %q / %q / %q", card.link.Text, card.step.Text, card.total.Text)
	}
	if !strings.Contains(card.invoices.Text, lang.N("today.invoice.late", 4, map[string]any{"Days": 4})) {
		t.Errorf("invoices line %q does not say 4 days late", card.invoices.Text)
	}
	// Entered after its due date: the pre-due notice is too late, and the
	// reminder was not missed by Relance (the invoice was not in it yet).
	if card.warning.Visible() {
		t.Errorf("catch-up warning %q on an invoice entered late", card.warning.Text)
	}
	if card.contact.Text != martin.Email {
		t.Errorf("contact line %q, want the client's email", card.contact.Text)
	}
	if got := b.headers(); len(got) != 1 || got[0] != lang.L("today.section.send") {
		t.Errorf("sections on screen: %q", got)
	}

	test.TapAt(card.link, fyne.NewPos(theme.InnerPadding()+4, card.link.Size().Height/2))
	if !slices.Equal(b.u.Opened, []int64{inv.ID}) {
		t.Fatalf("a click on the client opened invoices %v, want %d", b.u.Opened, inv.ID)
	}
	card = b.mustCard("FA-2026-001")

	test.Tap(uitest.FindButton(t, card, lang.L("today.action.sent_myself")))
	var reminded bool
	for _, a := range b.Actions(inv) {
		reminded = reminded || (a.StepID == b.Steps["reminder_1"].ID && a.Status == data.ActionDone)
	}
	if !reminded {
		t.Fatalf("the reminder was not recorded done: %+v", b.Actions(inv))
	}
	if b.card("FA-2026-001") != nil {
		t.Fatal("the reminder marked sent is still on Today")
	}
	// Sent a day after its date: the call (D+10, 30 November) keeps its
	// spacing and moves to 1 December.
	if !b.u.home.empty.Visible() || !strings.Contains(b.u.home.next.Text, lang.L("step.call")) ||
		!strings.Contains(b.u.home.next.Text, kit.Date(data.MustDate("2026-12-01"))) {
		t.Errorf("empty state: visible %v, next %q", b.u.home.empty.Visible(), b.u.home.next.Text)
	}

}

func TestTodayPaymentRemovesReminder(t *testing.T) {
	b := newTodayBook(t)
	payer := b.Invoice(b.Client("Garage Rolland", ""), "FA-2026-010", "2026-11-20", 48000)
	other := b.Invoice(b.Client("Optique Saint-Jean", ""), "FA-2026-011", "2026-11-20", 86280)
	b.Done(payer, "pre_due")
	b.Done(other, "pre_due")
	b.refresh()
	b.mustCard("FA-2026-010")
	b.mustCard("FA-2026-011")

	if got := b.headers(); len(got) != 1 || got[0] != lang.L("today.section.send") {
		t.Errorf("sections on screen: %q", got)
	}

	b.Pay(payer, "2026-11-23", 48000)
	b.refresh()
	// The reminder is gone; the client, reminded before, gets a thank-you.
	thanks := b.mustCard("FA-2026-010")
	if strings.Contains(thanks.step.Text, lang.L("step.reminder_1")) || !strings.Contains(thanks.step.Text, lang.L("step.thank_you")) ||
		thanks.total.Text != "" || !strings.Contains(thanks.invoices.Text, lang.L("today.invoice.paid")) {
		t.Fatalf("the paid invoice's card reads %q / %q / %q", thanks.step.Text, thanks.invoices.Text, thanks.total.Text)
	}
	if card := b.mustCard("FA-2026-011"); !strings.Contains(card.step.Text, lang.L("step.reminder_1")) {
		t.Fatalf("the other client's reminder changed: %q", card.step.Text)
	}
	if len(b.Actions(payer)) != 1 {
		t.Errorf("the paid invoice got actions: %+v", b.Actions(payer))
	}
}

// callFixture is an invoice whose phone call (D+10) is due today, the
// earlier steps taken.
func callFixture(t *testing.T) (*todayBook, data.Invoice) {
	b := newTodayBook(t)
	inv := b.Invoice(b.Client("Hôtels Belvédère", "04 72 60 14 90"), "FA-2026-020", "2026-11-13", 80000)
	b.Done(inv, "pre_due", "reminder_1")
	b.refresh()
	return b, inv
}

func TestTodayLogCallWithPromise(t *testing.T) {
	b, inv := callFixture(t)
	card := b.mustCard("FA-2026-020")
	if got := b.headers(); len(got) != 1 || got[0] != lang.L("today.section.call") {
		t.Fatalf("sections on screen: %q", got)
	}
	if !strings.HasPrefix(card.contact.Text, "04 72 60 14 90") {
		t.Errorf("the call card shows %q, not the number to call", card.contact.Text)
	}
	test.Tap(uitest.FindButton(t, card, lang.L("today.action.log_call")))
	dlg := top(b.u)
	amountInput, _ := uitest.FormRow(t, dlg, "promise_amount")
	if got := uitest.EntryOf(t, amountInput).Text; got != kit.InputMoney(80000) {
		t.Errorf("promised amount prefilled with %q", got)
	}
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if got := uitest.FieldError(t, dlg, "outcome"); got != lang.L("error.required") {
		t.Errorf("no outcome chosen: error %q", got)
	}

	radio := todayRadio(t, dlg)
	radio.SetSelected(lang.L("today.call.dispute"))
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if got := uitest.FieldError(t, dlg, "note"); got != lang.L("error.required") {
		t.Errorf("a dispute without its reason: error %q", got)
	}

	radio.SetSelected(lang.L("today.call.promise"))
	uitest.Fill(t, dlg, "promised_on", "20/11/2026")
	uitest.Fill(t, dlg, "promise_amount", "0")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if got := uitest.FieldError(t, dlg, "promised_on"); got != lang.L("error.today_promise_past") {
		t.Errorf("a promise in the past: error %q", got)
	}
	if got := uitest.FieldError(t, dlg, "promise_amount"); got != lang.L("error.not_positive") {
		t.Errorf("a promise of nothing: error %q", got)
	}
	uitest.Fill(t, dlg, "promise_amount", "900")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if got := uitest.FieldError(t, dlg, "promise_amount"); got != lang.L("error.today_promise_above_total") {
		t.Errorf("a promise above the balance: error %q", got)
	}
	if list, _ := b.Store.ListPromisesByInvoice(b.Ctx, inv.ID); len(list) != 0 || len(b.Actions(inv)) != 2 {
		t.Fatal("a refused call was written")
	}

	uitest.Fill(t, dlg, "promised_on", "01/12/2026")
	uitest.Fill(t, dlg, "promise_amount", "500")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	// Saved, the dialog shows the promise's confirmation email (issue 19);
	// the owner may leave it unsent.
	if !uitest.LabelContains(dlg, lang.L("promise.confirm.saved")) {
		t.Fatalf("the call was not saved: %q, %q", uitest.FieldError(t, dlg, "promised_on"), uitest.FieldError(t, dlg, "promise_amount"))
	}
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.cancel")))
	if top(b.u) == dlg {
		t.Fatal("the call dialog stayed open after Cancel")
	}
	promises, err := b.Store.ListPromisesByInvoice(b.Ctx, inv.ID)
	if err != nil || len(promises) != 1 || promises[0].PromisedOn != data.MustDate("2026-12-01") || promises[0].Amount != 50000 {
		t.Fatalf("promises stored: %+v, %v", promises, err)
	}
	if b.card("FA-2026-020") != nil {
		t.Fatal("the invoice is still proposed on Today after the promise")
	}
	next, err := b.u.Dunning().NextSteps(b.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Paused through the promised day and one business day of grace.
	if n := next[inv.ID]; n.Wait != dunning.WaitPromise || n.Date != data.MustDate("2026-12-03") {
		t.Errorf("next step after the promise: %+v", n)
	}
}

func TestTodayWrongContactOpensTask(t *testing.T) {
	b, inv := callFixture(t)
	test.Tap(uitest.FindButton(t, b.mustCard("FA-2026-020"), lang.L("today.action.log_call")))
	dlg := top(b.u)
	todayRadio(t, dlg).SetSelected(lang.L("today.call.wrong_contact"))
	note, _ := uitest.FormRow(t, dlg, "note")
	test.Type(note.(*kit.Entry), "Le standard ne connaît pas ce service")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))

	var task *todayItem
	uitest.Walk(b.u.Win.Content(), nil, func(o, _ fyne.CanvasObject) {
		if it, ok := o.(*todayItem); ok && it.card.Visible() && it.step.Text == lang.L("today.task.fix_contact") {
			task = it
		}
	})
	if task == nil {
		t.Fatalf("no task to fix the contact on Today: %+v", b.u.home.rows)
	}
	if task.name.Text != "Hôtels Belvédère" || task.invoices.Text != "Le standard ne connaît pas ce service" || task.skip.Visible() {
		t.Errorf("task card reads %q / %q, skip shown %v", task.name.Text, task.invoices.Text, task.skip.Visible())
	}
	test.Tap(uitest.FindButton(t, task, lang.L("today.action.done")))
	if open, _ := b.Store.ListOpenTasks(b.Ctx); len(open) != 0 {
		t.Fatalf("the task is still open: %+v", open)
	}
	if !b.u.home.empty.Visible() {
		t.Errorf("Today is not empty after the task: %+v", b.u.home.rows)
	}
	if len(b.Actions(inv)) != 3 {
		t.Errorf("the call was not recorded: %+v", b.Actions(inv))
	}
}

func TestTodaySkipAsksReason(t *testing.T) {
	b := newTodayBook(t)
	inv := b.Invoice(b.Client("Cave Le Tire-Bouchon", ""), "FA-2026-030", "2026-11-20", 95880)
	b.Done(inv, "pre_due")
	b.refresh()
	test.Tap(uitest.FindButton(t, b.mustCard("FA-2026-030"), lang.L("today.action.skip")))
	dlg := top(b.u)
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if !uitest.TextOnScreen(dlg, lang.L("error.required")) {
		t.Fatal("skipping without a reason was not refused")
	}
	if len(b.Actions(inv)) != 1 {
		t.Fatal("a skip without a reason was written")
	}
	test.Type(todayEntry(t, dlg), "Client en redressement judiciaire")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if top(b.u) == dlg {
		t.Fatal("the skip dialog stayed open")
	}
	var skipped bool
	for _, a := range b.Actions(inv) {
		skipped = skipped || (a.StepID == b.Steps["reminder_1"].ID && a.Status == data.ActionSkipped &&
			a.Note == "Client en redressement judiciaire")
	}
	if !skipped {
		t.Fatalf("no skipped reminder with its reason: %+v", b.Actions(inv))
	}
	if b.card("FA-2026-030") != nil {
		t.Fatal("the skipped reminder is still on Today")
	}
}

func TestTodayBrokenPromise(t *testing.T) {
	b := newTodayBook(t)
	inv := b.Invoice(b.Client("Studio Orage", ""), "FA-2026-040", "2026-11-02", 86400)
	b.Done(inv, "pre_due", "reminder_1", "call")
	p := data.Promise{InvoiceID: inv.ID, MadeOn: data.MustDate("2026-11-12"), PromisedOn: data.MustDate("2026-11-16"), Amount: 86400}
	if err := b.Store.CreatePromise(b.Ctx, &p); err != nil {
		t.Fatal(err)
	}
	b.refresh()
	card := b.mustCard("FA-2026-040")
	if got := b.headers(); len(got) != 1 || got[0] != lang.L("today.section.broken") {
		t.Errorf("sections on screen: %q", got)
	}
	want := lang.L("today.warning.broken", map[string]any{"Date": kit.Date(p.PromisedOn), "Amount": kit.Money(86400)})
	if card.warning.Text != want || !strings.Contains(card.step.Text, lang.L("step.reminder_2")) {
		t.Errorf("broken promise card: %q / %q", card.warning.Text, card.step.Text)
	}
}

func TestTodayKeyFigures(t *testing.T) {
	b := newTodayBook(t)
	c := b.Client("Pharmacie des Tilleuls", "")
	late := b.Invoice(c, "FA-2026-050", "2026-11-10", 100000)
	b.Invoice(c, "FA-2026-051", "2026-11-27", 50000) // due within the 7 days
	b.Invoice(c, "FA-2026-052", "2026-12-31", 200000)
	paid := b.Invoice(c, "FA-2026-053", "2026-11-30", 30000)
	old := b.Invoice(c, "FA-2026-054", "2026-10-15", 10000)
	b.Pay(late, "2026-11-15", 20000)
	b.Pay(paid, "2026-11-05", 30000)
	b.Pay(old, "2026-10-30", 10000) // last month: not collected this month
	b.refresh()

	f := b.u.home.figures
	for _, c := range []struct {
		name          string
		got           kit.Figure
		value, detail string
	}{
		{"outstanding", f.outstanding, kit.Money(330000), lang.L("today.figure.outstanding_detail")},
		{"overdue", f.overdue, kit.Money(80000), lang.N("today.figure.invoices", 1, map[string]any{"Count": 1})},
		{"due soon", f.dueSoon, kit.Money(50000), lang.N("today.figure.invoices", 1, map[string]any{"Count": 1})},
		{"collected", f.collected, kit.Money(50000), lang.N("today.figure.payments", 2, map[string]any{"Count": 2})},
	} {
		if c.got.Value.Text != c.value || c.got.Detail.Text != c.detail {
			t.Errorf("%s card shows %q / %q, want %q / %q", c.name, c.got.Value.Text, c.got.Detail.Text, c.value, c.detail)
		}
	}
	if want := lang.N("today.figure.due_soon", 7, map[string]any{"Days": 7}); f.dueSoon.Caption.Text != want {
		t.Errorf("due-soon caption %q, want %q", f.dueSoon.Caption.Text, want)
	}
}

func TestTodayEmptyBook(t *testing.T) {
	b := newTodayBook(t)
	b.refresh()
	if !b.u.home.empty.Visible() || b.u.home.list.Visible() || b.u.home.next.Text != lang.L("today.empty.no_next") {
		t.Fatalf("empty book: empty state %v, list %v, next %q", b.u.home.empty.Visible(), b.u.home.list.Visible(), b.u.home.next.Text)
	}
	if !uitest.TextOnScreen(b.u.Win.Content(), lang.L("today.empty.title")) {
		t.Error("the empty state does not say there is nothing to do")
	}
}

// todayRadio is the call dialog's outcome choice.
func todayRadio(t *testing.T, dlg fyne.CanvasObject) *widget.RadioGroup {
	t.Helper()
	input, _ := uitest.FormRow(t, dlg, "outcome")
	radio, ok := input.(*widget.RadioGroup)
	if !ok {
		t.Fatalf("the outcome field is a %T", input)
	}
	return radio
}

// todayEntry is the first of our text fields under root.
func todayEntry(t *testing.T, root fyne.CanvasObject) *kit.Entry {
	t.Helper()
	var found *kit.Entry
	uitest.Walk(root, nil, func(o, _ fyne.CanvasObject) {
		if e, ok := o.(*kit.Entry); ok && found == nil {
			found = e
		}
	})
	if found == nil {
		t.Fatal("no text field on screen")
	}
	return found
}

// BenchmarkTodayScreen loads Today (plan, key figures, tasks, the fyne.Do
// that fills the list) over a book of 10,000 clients and 100,000 invoices
// issued over 600 days, most paid, one in twenty of the last 90 days
// unpaid with its first steps taken.
func BenchmarkTodayScreen(b *testing.B) {
	h := uitest.NewHost(b)
	uitest.Must(b, h.Store().MarkOnboarded(context.Background()))
	// The whole day on show: the daily limit of messages (issue 12) would
	// hold most of it for the next days.
	company, err := h.Store().GetCompany(context.Background())
	uitest.Must(b, err)
	company.DailyMessageLimit = 0
	uitest.Must(b, h.Store().UpdateCompany(context.Background(), &company))
	todaySeedLargeBook(b, h.Store())
	u := &todayUI{Host: h, since: uitest.Day}
	u.mail = mailui.New(u, h.Services.Mail, h.Services.Composer)
	u.home = New(u)
	h.Show(u.home)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		u.home.Update(ctx)
	}
	b.StopTimer()
	if len(u.home.rows) < 100 {
		b.Fatalf("Today shows %d rows over the large book", len(u.home.rows))
	}
}

// todaySeedLargeBook fills store through its API, in one transaction.
func todaySeedLargeBook(b *testing.B, store *data.Store) {
	ctx := context.Background()
	scenarios, err := store.ListScenarios(ctx)
	if err != nil {
		b.Fatal(err)
	}
	steps := scenarios[0].Steps
	err = store.InTx(ctx, func(tx *data.Store) error {
		ids := make([]int64, 10_000)
		for i := range ids {
			c := data.Client{Name: fmt.Sprintf("Client %05d", i), Email: fmt.Sprintf("compta%05d@example.fr", i)}
			if err := tx.CreateClient(ctx, &c); err != nil {
				return err
			}
			ids[i] = c.ID
		}
		for i := range 100_000 {
			issue := testDay.AddDays(-600 + i%600)
			inv := data.Invoice{Number: fmt.Sprintf("FA-%06d", i), ClientID: ids[i%len(ids)], IssueDate: issue,
				DueDate: issue.AddDays(30), Amount: data.Money(10000 + i%500000)}
			if err := tx.CreateInvoice(ctx, &inv); err != nil {
				return err
			}
			if err := todaySeedHistory(ctx, tx, inv, i, steps); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// todaySeedHistory pays an invoice 20 days after issue, unless it is not
// due yet or one in twenty of the last 90 days: those stay unpaid, with
// their first steps taken.
func todaySeedHistory(ctx context.Context, tx *data.Store, inv data.Invoice, i int, steps []data.Step) error {
	paidOn := inv.IssueDate.AddDays(20)
	unpaid := i%20 == 0 && inv.IssueDate.After(testDay.AddDays(-90))
	if !unpaid && !paidOn.After(testDay) {
		p := data.Payment{InvoiceID: inv.ID, Date: paidOn, Amount: inv.Amount}
		return tx.CreatePayment(ctx, &p)
	}
	if !unpaid {
		return nil
	}
	for _, st := range steps[:2] {
		on := inv.DueDate.AddDays(st.OffsetDays)
		if on.After(testDay) {
			break
		}
		a := data.Action{InvoiceID: inv.ID, StepID: st.ID, DoneOn: on}
		if err := tx.RecordAction(ctx, &a); err != nil {
			return err
		}
	}
	return nil
}
