package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"relance/app/ui/settings"
	"relance/app/ui/uitest"
	"relance/data"
)

func TestOnboardingSkipGoesToTheChoice(t *testing.T) {
	u, store := newFirstStartUI(t)
	first := top(u)
	uitest.FindButton(t, first, lang.L("welcome.continue"))
	uitest.FormRow(t, first, "legal_name")
	if uitest.FindButtonIfAny(first, lang.L("welcome.load_demo")) != nil {
		t.Fatal("the first step offers the demo before asking for the company")
	}
	uitest.Fill(t, first, "legal_name", "Typed then skipped")
	test.Tap(uitest.FindButton(t, first, lang.L("welcome.skip")))
	choice := top(u)
	uitest.FindButton(t, choice, lang.L("welcome.load_demo"))
	uitest.FindButton(t, choice, lang.L("welcome.start_empty"))
	if u.welcome.kept.Visible() {
		t.Error("a skipped company step says the company is kept")
	}
	if c := welcomeCompany(t, store); c.LegalName != "" || c.Onboarded {
		t.Fatalf("skipping wrote the company: %+v", c)
	}
	test.Tap(uitest.FindButton(t, choice, lang.L("welcome.back")))
	uitest.FindButton(t, top(u), lang.L("welcome.continue"))
}

func TestOnboardingKeepsTheCompanyWithTheDemo(t *testing.T) {
	ctx := context.Background()
	u, store := newFirstStartUI(t)
	root := top(u)
	test.Tap(uitest.FindButton(t, root, lang.L("welcome.continue")))
	if got := uitest.FieldError(t, root, "legal_name"); got != lang.L("error.required") {
		t.Fatalf("Continue without a name: error %q", got)
	}
	uitest.Fill(t, root, "legal_name", "Ma Boutique")
	uitest.Fill(t, root, "siren", "123 456 789")
	test.Tap(uitest.FindButton(t, root, lang.L("welcome.continue")))
	if got := uitest.FieldError(t, root, "siren"); got != lang.L("error.siren_format") {
		t.Fatalf("SIREN error = %q", got)
	}
	if uitest.FindButtonIfAny(top(u), lang.L("welcome.load_demo")) != nil || welcomeCompany(t, store).LegalName != "" {
		t.Fatal("a refused company step moved on or wrote")
	}
	uitest.Fill(t, root, "siren", welcomeSIREN)
	uitest.Fill(t, root, "signatory_name", "Claire Martin")
	test.Tap(uitest.FindButton(t, root, lang.L("welcome.continue")))
	if !u.welcome.kept.Visible() {
		t.Error("the choice does not say the company is kept")
	}
	test.Tap(uitest.FindButton(t, top(u), lang.L("welcome.load_demo")))

	c := welcomeCompany(t, store)
	if c.LegalName != "Ma Boutique" || c.SIREN != welcomeSIREN || c.SignatoryName != "Claire Martin" || !c.Onboarded {
		t.Fatalf("company after the demo: %+v", c)
	}
	if empty, _ := store.IsEmpty(ctx); empty || u.root.Objects[0] != u.tabs {
		t.Fatal("the demo was not loaded")
	}
	// Settings show the company typed at the first start.
	u.goTo(navSettings)
	u.settings.ShowSection(settings.SectionCompany)
	if input, _ := uitest.FormRow(t, top(u), "legal_name"); uitest.EntryOf(t, input).Text != "Ma Boutique" {
		t.Errorf("settings show %q", uitest.EntryOf(t, input).Text)
	}
}

// welcomeSIREN is a SIREN whose key checks.
const welcomeSIREN = "732 829 320"

func welcomeCompany(t *testing.T, store *data.Store) data.Company {
	t.Helper()
	c, err := store.GetCompany(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}
