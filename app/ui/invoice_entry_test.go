package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"relance/app/ui/uitest"
	"relance/data"
)

// typeLateInvoice enters, through the invoice form, an invoice of client
// due 18 days before testDay; reminded (may be "") fills "already
// reminded on".
func typeLateInvoice(t *testing.T, b *dayBook, client, number, reminded string) data.Invoice {
	t.Helper()
	b.u.win.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault})
	dlg := top(b.u)
	uitest.FillIn(t, dlg, "number", number)
	uitest.FillIn(t, dlg, "client", client)
	uitest.FillIn(t, dlg, "issue_date", testDay.AddDays(-48).FormatFR())
	uitest.FillIn(t, dlg, "due_date", testDay.AddDays(-18).FormatFR())
	uitest.FillIn(t, dlg, "amount", "1 800,00")
	if reminded != "" {
		uitest.FillIn(t, dlg, "reminded_on", reminded)
	}
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if top(b.u) == dlg {
		t.Fatalf("the invoice form stayed open: reminded_on %q", uitest.FieldError(t, dlg, "reminded_on"))
	}
	inv, err := b.Store.GetInvoiceByNumber(b.Ctx, number)
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

// An existing unpaid invoice typed 18 days late is offered the first
// reminder, not the second, and not as a step missed while Relance was
// closed; told it was already reminded, it goes on to the second.
func TestInvoiceTypedLateIsOfferedTheFirstReminder(t *testing.T) {
	b := newDayBook(t)
	b.Client("Menuiserie Faure", "")
	b.Client("Garage Perrin", "")
	typeLateInvoice(t, b, "Faure", "FA-2026-201", "")
	b.u.goTo(navToday)
	if step := b.stepOffered(t, "FA-2026-201"); step != "reminder_1" {
		t.Fatalf("a late invoice typed now is offered %s", step)
	}
	if got := labelsNaming(b.u.win.Content(), lang.L("today.section.catch_up")); len(got) != 0 {
		t.Fatalf("a late invoice typed now is a catch-up: %q", got)
	}

	// Reminded on testDay - 10 (8 days after the due date, 5 late): the
	// call (D+10+5) and the second reminder (D+15+5 = testDay + 2) follow.
	inv := typeLateInvoice(t, b, "Perrin", "FA-2026-202", testDay.AddDays(-10).FormatFR())
	actions := b.Actions(inv)
	if len(actions) != 1 || actions[0].DoneOn != testDay.AddDays(-10) || actions[0].StepID != b.Steps["reminder_1"].ID {
		t.Fatalf("earlier reminder recorded as %+v", actions)
	}
	b.u.goTo(navToday)
	if got := b.stepOffered(t, "FA-2026-202"); got != "call" {
		t.Fatalf("after an earlier reminder the next step is %s, want the call", got)
	}
}

// "Already reminded on" refuses a day after today.
func TestInvoiceFormRefusesAFutureReminder(t *testing.T) {
	b := newDayBook(t)
	b.Client("Menuiserie Faure", "")
	b.u.win.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault})
	dlg := top(b.u)
	uitest.FillIn(t, dlg, "client", "Faure")
	uitest.FillIn(t, dlg, "amount", "100")
	uitest.FillIn(t, dlg, "reminded_on", testDay.AddDays(3).FormatFR())
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if uitest.FieldError(t, dlg, "reminded_on") == "" || top(b.u) != dlg {
		t.Fatal("a reminder in the future was accepted")
	}
	if list, _ := b.Store.ListInvoiceSummaries(b.Ctx); len(list) != 0 {
		t.Fatalf("an invoice was written: %+v", list)
	}
}
