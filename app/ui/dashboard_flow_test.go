package ui

import (
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"relance/app/ui/uitest"
)

// TestDashboardBarOpensItsInvoices: what a bar of the Dashboard hands the
// window (its invoices) shows alone on the Invoices screen under the
// bar's name, until "Show all invoices".
func TestDashboardBarOpensItsInvoices(t *testing.T) {
	b := newInvoiceBook(t)
	u := b.u
	u.goTo(navDashboard)
	if len(labelsNaming(u.win.Content(), lang.L("dashboard.aged.title"))) == 0 {
		t.Fatal("the Dashboard is not on show")
	}
	u.ShowInvoices("Balance", []int64{b.ids["FA-2026-0001"], b.ids["FA-2026-0002"]})
	if u.tabs.SelectedIndex() != navInvoices {
		t.Fatalf("screen %d on show, want the invoices", u.tabs.SelectedIndex())
	}
	for number, want := range map[string]bool{"FA-2026-0001": true, "FA-2026-0002": true, "FA-2026-0003": false, "FA-2026-0005": false} {
		if got := len(labelsNaming(u.win.Content(), number)) > 0; got != want {
			t.Errorf("%s listed: %v, want %v", number, got, want)
		}
	}
	if len(labelsNaming(u.win.Content(), "Balance")) == 0 {
		t.Error("the list does not say where its invoices come from")
	}
	test.Tap(uitest.FindButton(t, u.win.Content(), lang.L("invoices.only.show_all")))
	if len(labelsNaming(u.win.Content(), "FA-2026-0003")) == 0 {
		t.Error("every invoice is not back")
	}
}
