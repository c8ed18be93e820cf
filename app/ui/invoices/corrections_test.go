package invoices

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/app/ui/uitest"
	"relance/data"
)

// timelineSays reports whether the page's timeline has a line containing text.
func timelineSays(tl *kit.Timeline, text string) bool {
	for _, e := range tl.Events() {
		if strings.Contains(kit.EventText(e), text) {
			return true
		}
	}
	return false
}

func TestEditInvoiceFromItsPage(t *testing.T) {
	ctx := context.Background()
	b := newInvoiceBook(t)
	d := b.openDetail(t, "FA-2026-0002")
	test.Tap(uitest.FindButton(t, d.content, lang.L("invoices.action.edit")))
	dlg := top(b.u)
	if got := uitest.EntryOf(t, uitest.FirstInput(t, dlg, "number")).Text; got != "FA-2026-0002" {
		t.Fatalf("the edit dialog shows number %q", got)
	}
	uitest.Fill(t, dlg, "amount", "5 200,00")
	uitest.Fill(t, dlg, "due_date", kit.InputDate(testDay.AddDays(-3)))
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if top(b.u) == dlg {
		t.Fatalf("the edit dialog stayed open: %q", uitest.FieldError(t, dlg, "amount"))
	}
	inv, _ := b.store.GetInvoice(ctx, b.ids["FA-2026-0002"])
	if inv.Amount != 520000 || inv.DueDate != testDay.AddDays(-3) || inv.Number != "FA-2026-0002" {
		t.Fatalf("stored after the edit: %+v", inv)
	}
	change := lang.L("field.amount")
	if !timelineSays(d.timeline, kit.Money(500000)+" → "+kit.Money(520000)) ||
		!strings.Contains(strings.ToLower(kit.EventText(d.timeline.Events()[0])), strings.ToLower(change)) {
		t.Fatalf("the timeline does not say what changed: %q", kit.EventText(d.timeline.Events()[0]))
	}
}

// TestDeleteOrCancelAnInvoice: an invoice only typed is deleted; one with
// a payment offers a credit note instead, which cancels what is still owed:
// it is no longer reminded and the timeline says why.
func TestDeleteOrCancelAnInvoice(t *testing.T) {
	ctx := context.Background()
	b := newInvoiceBook(t)
	d := b.openDetail(t, "FA-2026-0004")
	if !d.actions.remove.Visible() || d.actions.credit.Visible() {
		t.Fatal("an invoice without history should offer Delete, not a credit note")
	}
	test.Tap(d.actions.remove)
	test.Tap(uitest.FindButton(t, top(b.u), lang.L("Yes")))
	if _, err := b.store.GetInvoice(ctx, b.ids["FA-2026-0004"]); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("the invoice is still there: %v", err)
	}
	if b.u.invoices.content.Objects[0] == d.content {
		t.Fatal("the page of a deleted invoice stays on show")
	}

	id := b.ids["FA-2026-0001"]
	must(t, b.store.CreatePayment(ctx, &data.Payment{InvoiceID: id, Date: testDay.AddDays(-1), Amount: 40000}))
	b.u.Changed()
	d = b.openDetail(t, "FA-2026-0001")
	if d.actions.remove.Visible() || !d.actions.credit.Visible() {
		t.Fatal("an invoice with a payment should offer a credit note, not Delete")
	}
	test.Tap(d.actions.credit)
	dlg := top(b.u)
	if got := uitest.EntryOf(t, uitest.FirstInput(t, dlg, "amount")).Text; got != kit.InputMoney(60000) {
		t.Fatalf("the credit note is prefilled with %q, want what is still owed", got)
	}
	test.Tap(uitest.FindButton(t, dlg, lang.L("invoices.credit.save")))
	if got := uitest.FieldError(t, dlg, "reason"); got != lang.L("error.required") {
		t.Fatalf("a credit note without reason: %q", got)
	}
	uitest.Fill(t, dlg, "amount", "700")
	test.Tap(uitest.FindButton(t, dlg, lang.L("invoices.credit.save")))
	if got := uitest.FieldError(t, dlg, "amount"); !strings.Contains(got, kit.Money(60000)) {
		t.Fatalf("a credit note above the balance: %q", got)
	}
	uitest.Fill(t, dlg, "amount", "600")
	uitest.FillIn(t, dlg, "reason", "Commande annulée par le client")
	test.Tap(uitest.FindButton(t, dlg, lang.L("invoices.credit.save")))
	if top(b.u) == dlg {
		t.Fatalf("the credit note dialog stayed open: %q", uitest.FieldError(t, dlg, "amount"))
	}
	if d.data.status.Kind != data.StatusCancelled || d.status.Text != lang.L("status.cancelled") || d.actions.pay.Visible() {
		t.Fatalf("after the credit note the page reads %q", d.status.Text)
	}
	if !timelineSays(d.timeline, "Commande annulée par le client") {
		t.Fatal("the timeline does not show the credit note and its reason")
	}
	next, err := b.u.Dunning().NextSteps(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := next[id]; ok && n.Step.ID != 0 {
		t.Fatalf("the cancelled invoice is still planned: %+v", n)
	}
	if row := b.row(t, "FA-2026-0001"); row.st.Kind != data.StatusCancelled || row.st.Open() {
		t.Fatalf("the list shows the cancelled invoice as %q", row.status)
	}
}

func TestEditAndDeleteAPayment(t *testing.T) {
	ctx := context.Background()
	b := newInvoiceBook(t)
	id := b.ids["FA-2026-0002"]
	must(t, b.store.CreatePayment(ctx, &data.Payment{InvoiceID: id, Date: testDay.AddDays(-1), Amount: 10000, Method: "cheque"}))
	b.u.Changed()
	d := b.openDetail(t, "FA-2026-0002")
	rows := d.payments.Objects
	if len(rows) != 1 {
		t.Fatalf("the page lists %d payments", len(rows))
	}
	buttons := rows[0].(*fyne.Container).Objects[1].(*fyne.Container).Objects
	test.Tap(buttons[1].(*widget.Button)) // edit
	dlg := top(b.u)
	if got := uitest.EntryOf(t, uitest.FirstInput(t, dlg, "amount")).Text; got != kit.InputMoney(10000) {
		t.Fatalf("the correction dialog shows %q", got)
	}
	uitest.Fill(t, dlg, "amount", "1 000,00")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	list, _ := b.store.ListPaymentsByInvoice(ctx, id)
	if len(list) != 1 || list[0].Amount != 100000 || list[0].Method != "cheque" {
		t.Fatalf("payments after the correction: %+v", list)
	}
	if !timelineSays(d.timeline, kit.Money(10000)+" → "+kit.Money(100000)) {
		t.Fatal("the timeline does not say the payment was corrected")
	}
	buttons = d.payments.Objects[0].(*fyne.Container).Objects[1].(*fyne.Container).Objects
	test.Tap(buttons[2].(*widget.Button)) // delete
	test.Tap(uitest.FindButton(t, top(b.u), lang.L("Yes")))
	if list, _ := b.store.ListPaymentsByInvoice(ctx, id); len(list) != 0 {
		t.Fatalf("payments after the delete: %+v", list)
	}
	if d.data.status.Outstanding != 500000 {
		t.Fatalf("after the delete the page says %v still owed", d.data.status.Outstanding)
	}
}

// TestOverpaymentAsksFirst: a payment above the balance is confirmed
// first, with the credit the client will have; it then shows on the
// client's page.
func TestOverpaymentAsksFirst(t *testing.T) {
	ctx := context.Background()
	b := newInvoiceBook(t)
	id := b.ids["FA-2026-0002"] // 5 000,00 owed
	d := b.openDetail(t, "FA-2026-0002")
	test.Tap(uitest.FindButton(t, d.content, lang.L("invoices.action.pay")))
	dlg := top(b.u)
	uitest.FillIn(t, dlg, "amount", "5 250,00")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	question := lang.L("invoices.pay.confirm_overpaid", map[string]any{"Excess": kit.Money(25000),
		"Client": "Boulangerie Martin", "Credit": kit.Money(25000)})
	if !uitest.TextOnScreen(top(b.u), question) {
		t.Fatalf("no confirmation of the overpayment on screen (top: %T)", top(b.u))
	}
	test.Tap(uitest.FindButton(t, top(b.u), lang.L("No")))
	if list, _ := b.store.ListPaymentsByInvoice(ctx, id); len(list) != 0 || top(b.u) != dlg {
		t.Fatalf("No recorded the payment (%d) or closed the form", len(list))
	}
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	test.Tap(uitest.FindButton(t, top(b.u), lang.L("Yes")))
	if list, _ := b.store.ListPaymentsByInvoice(ctx, id); len(list) != 1 || list[0].Amount != 525000 {
		t.Fatalf("payments after Yes: %+v", list)
	}
	d.onClient() // the client's link (a tap in a test does not land on a hyperlink's text)
	if !slices.Equal(b.u.clientsOpened, []int64{d.data.report.Client.ID}) {
		t.Fatalf("the client's link opened clients %v", b.u.clientsOpened)
	}
}
