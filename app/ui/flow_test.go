package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/dunning"
	"relance/app/ui/uitest"
	"relance/data"
)

// TestOwnerMorningFlow goes through the screens as an owner would: a client
// and an invoice four days late typed in the forms, its first reminder on Today and red on
// the calendar, then paid from the invoice page (it leaves Today and turns
// green); and a call with a promise that holds the reminders.
func TestOwnerMorningFlow(t *testing.T) {
	ctx := context.Background()
	u, store := newTestUI(t) // today: Tuesday 24 November 2026
	test.Tap(uitest.FindButton(t, top(u), lang.L("welcome.start_empty")))
	u.goTo(navInvoices)

	test.Tap(uitest.FindButton(t, top(u), lang.L("button.new_client")))
	dlg := top(u)
	uitest.Fill(t, dlg, "name", "Fromagerie Vidal")
	uitest.Fill(t, dlg, "email", "compta@fromagerie-vidal.fr")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))

	u.onNewInvoice()
	dlg = top(u)
	uitest.FillIn(t, dlg, "number", "FA-2026-0500")
	uitest.Fill(t, dlg, "client", "Vidal")
	uitest.Fill(t, dlg, "issue_date", "20/10/2026")
	uitest.Fill(t, dlg, "due_date", "20/11/2026")
	uitest.Fill(t, dlg, "amount", "1 250,00")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	inv, err := store.GetInvoiceByNumber(ctx, "FA-2026-0500")
	if err != nil {
		t.Fatalf("the invoice was not saved: %v (dialog errors: %q)", err, uitest.FieldError(t, dlg, "due_date"))
	}

	u.goTo(navToday)
	if len(labelsNaming(u.win.Content(), inv.Number)) == 0 {
		t.Fatal("the invoice four days late is not on Today")
	}
	u.goTo(navCalendar)
	if got := u.calendar.DayColours(data.MustDate("2026-11-20")); len(got) != 1 || got[0] != theme.ColorNameError {
		t.Fatalf("the calendar draws 20 Nov in %v, want one red line", got)
	}

	u.goTo(navInvoices)
	u.OpenInvoice(inv.ID)
	test.Tap(uitest.FindButton(t, u.win.Content(), lang.L("invoices.action.pay")))
	test.Tap(uitest.FindButton(t, top(u), lang.L("button.save"))) // the amount is prefilled with the balance
	if st, _ := store.ListPaymentsByInvoice(ctx, inv.ID); len(st) != 1 || st[0].Amount != 125000 {
		t.Fatalf("payments after the dialog: %+v", st)
	}
	u.goTo(navToday)
	for _, text := range labelsNaming(u.win.Content(), inv.Number) { // at most its thank-you
		if !strings.Contains(text, lang.L("today.invoice.paid")) {
			t.Errorf("the paid invoice is still reminded on Today: %q", text)
		}
	}
	u.goTo(navCalendar)
	if got := u.calendar.DayColours(data.MustDate("2026-11-20")); len(got) != 1 || got[0] != theme.ColorNameSuccess {
		t.Fatalf("the calendar draws 20 Nov in %v once paid, want one green line", got)
	}

	// A second invoice, ten days late: its call ends with a promise.
	late := data.Invoice{Number: "FA-2026-0501", ClientID: inv.ClientID, IssueDate: data.MustDate("2026-10-14"),
		DueDate: data.MustDate("2026-11-13"), Amount: 40000}
	if err := store.CreateInvoice(ctx, &late); err != nil {
		t.Fatal(err)
	}
	u.changed()
	u.goTo(navInvoices)
	u.OpenInvoice(late.ID)
	test.Tap(uitest.FindButton(t, u.win.Content(), lang.L("invoices.action.call")))
	dlg = top(u)
	uitest.Radio(t, dlg).SetSelected(lang.L("today.call.promise"))
	uitest.FillIn(t, dlg, "promised_on", "01/12/2026")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	next, err := u.dunning.NextSteps(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := next[late.ID]; n.Wait != dunning.WaitPromise || n.Date != data.MustDate("2026-12-03") {
		t.Fatalf("after the promise the next step is %+v, want held until after 1 December + 1 business day", n)
	}
}

// labelsNaming are the texts on screen under root that name text.
func labelsNaming(root fyne.CanvasObject, text string) []string {
	var out []string
	uitest.Walk(root, nil, func(o, _ fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, text) {
			out = append(out, l.Text)
		}
	})
	return out
}

func TestEscapeClosesTheDialog(t *testing.T) {
	u, _ := newTestUI(t)
	test.Tap(uitest.FindButton(t, top(u), lang.L("welcome.start_empty")))
	u.onNewInvoice()
	dlg := top(u)
	if dlg == u.win.Content() {
		t.Fatal("Ctrl+N opened no dialog")
	}
	number := uitest.AnyEntry(t, uitest.FirstInput(t, dlg, "number"))
	number.(fyne.Focusable).TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if top(u) == dlg {
		t.Fatal("Esc typed in a field left the dialog open")
	}
	u.goTo(navInvoices)
	test.Tap(uitest.FindButton(t, top(u), lang.L("button.new_client")))
	if top(u) == u.win.Content() {
		t.Fatal("no client dialog")
	}
	u.win.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if top(u) != u.win.Content() {
		t.Fatal("Esc with no field focused left the dialog open")
	}
}
