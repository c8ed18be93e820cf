package settings

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"relance/data"
)

// TestSettingsCategoryFromGrade turns the option on under the categories'
// scenarios: it is stored, the book is graded at once, and it shows as
// stored when the settings load again; turned off, it is stored off.
func TestSettingsCategoryFromGrade(t *testing.T) {
	ctx := context.Background()
	u, store := openSettings(t, SectionScenarios)
	c := data.Client{Name: "Zinc & Cie"}
	if err := store.CreateClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	check := u.settings.scenarios.fromGrade
	if check.Checked || check.Text != lang.L("settings.category.from_grade") {
		t.Fatalf("the option: %q, on %v", check.Text, check.Checked)
	}
	if !settingsHasText(u.settings.scenarios.content, lang.L("settings.category.from_grade_hint")) {
		t.Error("the option is not explained")
	}
	test.Tap(check)
	if on, err := store.GetCategoryFromGrade(ctx); !on || err != nil {
		t.Fatalf("stored %v, %v", on, err)
	}
	if day, err := store.GetGradedOn(ctx); day != u.Today() || err != nil {
		t.Errorf("graded on %v (%v), want at once", day, err)
	}
	if _, err := store.GetClientGrade(ctx, c.ID); err != nil {
		t.Errorf("no grade kept: %v", err)
	}
	u.settings.Update(ctx)
	if !check.Checked || len(u.Errors) > 0 {
		t.Fatalf("after a reload: on %v, errors %v", check.Checked, u.Errors)
	}
	test.Tap(check)
	if on, _ := store.GetCategoryFromGrade(ctx); on {
		t.Error("turned off, still on")
	}
}
