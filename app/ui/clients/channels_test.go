package clients

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"relance/app/ui/uitest"
)

// The client form takes a mobile number and a LinkedIn profile; a wrong
// one is said under its field and nothing is written.
func TestClientFormMobileAndLinkedIn(t *testing.T) {
	ctx := context.Background()
	u, store, b := newClientsTestUI(t)
	d := clientsOpen(t, u, "Hélène Vernet Architecture")
	test.Tap(uitest.FindButton(t, d.content, lang.L("clients.detail.edit")))
	dlg := top(u)
	uitest.Fill(t, dlg, "mobile", "04 78 24 63 05")
	uitest.Fill(t, dlg, "linkedin", "https://www.linkedin.com/company/vernet")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if got := uitest.FieldError(t, dlg, "mobile"); got != lang.L("error.mobile_format") {
		t.Errorf("mobile error %q", got)
	}
	if got := uitest.FieldError(t, dlg, "linkedin"); got != lang.L("error.linkedin_format") {
		t.Errorf("linkedin error %q", got)
	}
	if c, _ := store.GetClient(ctx, b.vernet.ID); c.Mobile != "" || c.LinkedIn != "" {
		t.Fatalf("a refused edit was written: %+v", c)
	}
	uitest.Fill(t, dlg, "mobile", "06 12 34 56 78")
	uitest.Fill(t, dlg, "linkedin", "https://www.linkedin.com/in/helene-vernet")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if top(u) == dlg {
		t.Fatalf("the dialog stayed open: %q %q", uitest.FieldError(t, dlg, "mobile"), uitest.FieldError(t, dlg, "linkedin"))
	}
	c, _ := store.GetClient(ctx, b.vernet.ID)
	if c.Mobile != "06 12 34 56 78" || c.LinkedIn != "https://www.linkedin.com/in/helene-vernet" {
		t.Fatalf("stored %q %q", c.Mobile, c.LinkedIn)
	}
	if !strings.Contains(strings.Join(clientsLabels(d.content), "\n"), "06 12 34 56 78") {
		t.Error("the client's page does not show the mobile")
	}
}
