package settings

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"relance/data"
)

// The imputation of partial payments is a setting: 1343-1 by default, the
// principal when the owner chooses it.
func TestSettingsImputation(t *testing.T) {
	u, store := openSettings(t, SectionRules)
	r := u.settings.rules
	if r.imputation.Selected != r.imputation.Options[0] {
		t.Fatalf("default imputation shown: %q", r.imputation.Selected)
	}
	if c := settingsCompany(t, store); c.Imputation != data.ImputeInterestFirst {
		t.Fatalf("a new book imputes %q", c.Imputation)
	}
	r.imputation.SetSelected(r.imputation.Options[1])
	test.Tap(r.save)
	if c := settingsCompany(t, store); c.Imputation != data.ImputePrincipal {
		t.Fatalf("stored imputation %q after choosing the principal", c.Imputation)
	}
}
