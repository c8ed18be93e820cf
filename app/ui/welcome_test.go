package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
)

func TestOnboardingSkipGoesToTheChoice(t *testing.T) {
	u, store := newFirstStartUI(t)
	first := top(u)
	findButton(t, first, lang.L("welcome.continue"))
	formRow(t, first, "legal_name")
	if settingsHasButton(first, lang.L("welcome.load_demo")) {
		t.Fatal("the first step offers the demo before asking for the company")
	}
	fill(t, first, "legal_name", "Typed then skipped")
	test.Tap(findButton(t, first, lang.L("welcome.skip")))
	choice := top(u)
	findButton(t, choice, lang.L("welcome.load_demo"))
	findButton(t, choice, lang.L("welcome.start_empty"))
	if u.welcome.kept.Visible() {
		t.Error("a skipped company step says the company is kept")
	}
	if c := settingsCompany(t, store); c.LegalName != "" || c.Onboarded {
		t.Fatalf("skipping wrote the company: %+v", c)
	}
	test.Tap(findButton(t, choice, lang.L("welcome.back")))
	findButton(t, top(u), lang.L("welcome.continue"))
}

func TestOnboardingKeepsTheCompanyWithTheDemo(t *testing.T) {
	ctx := context.Background()
	u, store := newFirstStartUI(t)
	root := top(u)
	test.Tap(findButton(t, root, lang.L("welcome.continue")))
	if got := fieldError(t, root, "legal_name"); got != lang.L("error.required") {
		t.Fatalf("Continue without a name: error %q", got)
	}
	fill(t, root, "legal_name", "Ma Boutique")
	fill(t, root, "siren", "123 456 789")
	test.Tap(findButton(t, root, lang.L("welcome.continue")))
	if got := fieldError(t, root, "siren"); got != lang.L("error.siren_format") {
		t.Fatalf("SIREN error = %q", got)
	}
	if settingsHasButton(top(u), lang.L("welcome.load_demo")) || settingsCompany(t, store).LegalName != "" {
		t.Fatal("a refused company step moved on or wrote")
	}
	fill(t, root, "siren", settingsSIREN)
	fill(t, root, "signatory_name", "Claire Martin")
	test.Tap(findButton(t, root, lang.L("welcome.continue")))
	if !u.welcome.kept.Visible() {
		t.Error("the choice does not say the company is kept")
	}
	test.Tap(findButton(t, top(u), lang.L("welcome.load_demo")))

	c := settingsCompany(t, store)
	if c.LegalName != "Ma Boutique" || c.SIREN != settingsSIREN || c.SignatoryName != "Claire Martin" || !c.Onboarded {
		t.Fatalf("company after the demo: %+v", c)
	}
	if empty, _ := store.IsEmpty(ctx); empty || u.root.Objects[0] != u.tabs {
		t.Fatal("the demo was not loaded")
	}
	// Settings show the company typed at the first start.
	u.goTo(navSettings)
	u.settings.tabs.SelectIndex(sectionCompany)
	if input, _ := formRow(t, top(u), "legal_name"); entryOf(t, input).Text != "Ma Boutique" {
		t.Errorf("settings show %q", entryOf(t, input).Text)
	}
}
