package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"relance/app/ui/settings"
	"relance/app/ui/uitest"
	"relance/data"
)

// Loading Today reads; starting the day (when the window opens, or at
// midnight) settles a promise found broken, once, on the timeline, and
// Today's card says it broke.
func TestStartingTheDaySettlesOnce(t *testing.T) {
	b := newDayBook(t)
	inv := b.Invoice(b.Client("Studio Orage", ""), "FA-2026-040", "2026-11-02", 86400)
	b.Done(inv, "pre_due", "reminder_1", "call")
	p := data.Promise{InvoiceID: inv.ID, MadeOn: data.MustDate("2026-11-12"), PromisedOn: data.MustDate("2026-11-16"), Amount: 86400}
	uitest.Must(t, b.Store.CreatePromise(b.Ctx, &p))
	brokenEvents := func() int {
		events, _ := b.Store.ListEventsByInvoice(b.Ctx, inv.ID)
		n := 0
		for _, e := range events {
			if e.Kind == data.EventPromiseBroken {
				n++
			}
		}
		return n
	}
	b.u.goTo(navToday)
	for range 3 {
		b.u.changed()
	}
	if promises, _ := b.Store.ListPromisesByInvoice(b.Ctx, inv.ID); promises[0].Status != data.PromiseOpen || brokenEvents() != 0 {
		t.Fatalf("loading Today wrote: promise %s, %d events", promises[0].Status, brokenEvents())
	}
	b.u.onNewDay()
	b.u.onNewDay()
	defer b.u.stopDay()
	if promises, _ := b.Store.ListPromisesByInvoice(b.Ctx, inv.ID); promises[0].Status != data.PromiseBroken || brokenEvents() != 1 {
		t.Fatalf("starting the day twice: promise %s, %d events", promises[0].Status, brokenEvents())
	}
	if len(labelsNaming(b.u.win.Content(), "FA-2026-040")) == 0 {
		t.Error("the invoice whose promise broke is not on Today")
	}
}

// An email or a letter refused for want of company details says which,
// and its button opens the company details in Settings.
func TestCompanyRefusalOpensTheCompanySettings(t *testing.T) {
	u, _ := newTestUI(t)
	test.Tap(uitest.FindButton(t, top(u), lang.L("welcome.start_empty")))
	u.goTo(navInvoices)
	u.settings.ShowSection(settings.SectionMail) // last seen elsewhere
	err := fmt.Errorf("print notice: %w", &data.CompanyIncompleteError{Missing: []string{"iban"}})
	u.ShowError(err)
	dlg := top(u)
	if !uitest.LabelContains(dlg, lang.L("field.iban")) {
		t.Fatal("the refusal does not name the IBAN")
	}
	test.Tap(uitest.FindButton(t, dlg, lang.L("today.company.complete")))
	if u.current() != screen(u.settings) || u.settings.Section() != settings.SectionCompany {
		t.Fatalf("the refusal's button shows screen %T, section %d", u.current(), u.settings.Section())
	}
}
