package settings

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/zalando/go-keyring"

	"relance/app/mail"
	"relance/app/ui/kit"
	"relance/app/ui/uitest"
	"relance/data"
)

const (
	settingsSIREN = "732 829 320"
	settingsIBAN  = "FR76 3000 6000 0112 3456 7890 189"
)

// settingsUI is the Settings screen alone in a test window.
type settingsUI struct {
	*uitest.Host
	settings *Screen
}

// openSettings shows a section of the settings over an empty book.
func openSettings(t *testing.T, section int) (*settingsUI, *data.Store) {
	t.Helper()
	h := uitest.NewHost(t)
	u := &settingsUI{Host: h, settings: New(h, section)}
	h.Show(u.settings)
	return u, h.Store()
}

func top(u *settingsUI) fyne.CanvasObject { return u.Top() }

func (u *settingsUI) escape() { u.Escape() }

// settingsConfirm answers yes to the confirmation on top, after checking it
// says want.
func settingsConfirm(t *testing.T, u *settingsUI, want string) {
	t.Helper()
	dlg := top(u)
	if !uitest.TextOnScreen(dlg, want) {
		t.Fatalf("the confirmation does not say %q", want)
	}
	test.Tap(uitest.FindButton(t, dlg, lang.L("Yes")))
}

func settingsCompany(t *testing.T, store *data.Store) data.Company {
	t.Helper()
	c, err := store.GetCompany(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSettingsCompanyRefusesBadSIRENAndIBAN(t *testing.T) {
	u, store := openSettings(t, SectionCompany)
	root := top(u)
	uitest.Fill(t, root, "legal_name", "Ma Boutique")
	uitest.Fill(t, root, "siren", "123 456 789")
	uitest.Fill(t, root, "iban", "FR76 1234 5678")
	uitest.Fill(t, root, "capital", "5 000")
	test.Tap(uitest.FindButton(t, root, lang.L("button.save")))
	if got := uitest.FieldError(t, root, "siren"); got != lang.L("error.siren_format") {
		t.Errorf("SIREN error = %q", got)
	}
	if got := uitest.FieldError(t, root, "iban"); got != lang.L("error.iban_format") {
		t.Errorf("IBAN error = %q", got)
	}
	if got := uitest.FieldError(t, root, "legal_name"); got != "" {
		t.Errorf("legal name error = %q for a valid name", got)
	}
	if c := settingsCompany(t, store); c.LegalName != "" || c.Capital != 0 {
		t.Fatalf("a refused company was written: %+v", c)
	}

	uitest.Fill(t, root, "siren", settingsSIREN)
	uitest.Fill(t, root, "iban", settingsIBAN)
	uitest.Fill(t, root, "rcs_city", "Lyon")
	uitest.Fill(t, root, "signatory_name", "Claire Martin")
	uitest.Fill(t, root, "payment_terms_days", "45")
	test.Tap(uitest.FindButton(t, root, lang.L("button.save")))
	c := settingsCompany(t, store)
	if c.LegalName != "Ma Boutique" || c.SIREN != settingsSIREN || c.IBAN != "FR7630006000011234567890189" ||
		c.RCSCity != "Lyon" || c.SignatoryName != "Claire Martin" || c.PaymentTermsDays != 45 || c.Capital != data.Euros(5000, 0) {
		t.Fatalf("stored company %+v", c)
	}
	if !u.settings.company.saved.Visible() || uitest.FieldError(t, root, "siren") != "" {
		t.Error("a good save should say so and clear the errors")
	}
	// What other sections keep is untouched.
	if c.ThrottleDays != data.DefaultCompany().ThrottleDays || c.Penalty.Kind != data.PenaltyECBPlus10 {
		t.Errorf("the company form changed the dunning rules: %+v", c)
	}
}

func TestSettingsCompanyRequiresANameAndWholeDays(t *testing.T) {
	u, store := openSettings(t, SectionCompany)
	root := top(u)
	uitest.Fill(t, root, "due_soon_days", "une semaine")
	test.Tap(uitest.FindButton(t, root, lang.L("button.save")))
	if got := uitest.FieldError(t, root, "legal_name"); got != lang.L("error.required") {
		t.Errorf("legal name error = %q", got)
	}
	if got := uitest.FieldError(t, root, "due_soon_days"); got != lang.L("error.settings_whole_number") {
		t.Errorf("due soon error = %q", got)
	}
	if c := settingsCompany(t, store); c.DueSoonDays != 7 {
		t.Fatalf("refused days were written: %d", c.DueSoonDays)
	}
}

// settingsPNG writes a 4x3 PNG and returns its path and bytes.
func settingsPNG(t *testing.T) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 4, 3))); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "logo.png")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, buf.Bytes()
}

func TestSettingsLogoIsStoredAndATextFileRefused(t *testing.T) {
	u, store := openSettings(t, SectionCompany)
	root := top(u)
	logo := u.settings.company.form.logo
	if logo.thumb.Visible() || !logo.remove.Disabled() {
		t.Fatal("a company without a logo shows one")
	}
	path, img := settingsPNG(t)
	uitest.Fill(t, root, "legal_name", "Ma Boutique")
	logo.loadFile(path)
	if !logo.thumb.Visible() || logo.thumb.Image == nil || logo.remove.Disabled() {
		t.Fatal("the picked logo is not shown")
	}
	test.Tap(uitest.FindButton(t, root, lang.L("button.save")))
	if got := settingsCompany(t, store).Logo; !bytes.Equal(got, img) {
		t.Fatalf("stored logo has %d bytes, want %d", len(got), len(img))
	}

	text := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(text, []byte("pas une image"), 0o600); err != nil {
		t.Fatal(err)
	}
	logo.loadFile(text)
	if got := uitest.FieldError(t, root, "logo"); got != lang.L("error.image_format") {
		t.Fatalf("logo error = %q", got)
	}
	if !bytes.Equal(logo.bytes, img) {
		t.Fatal("a refused file replaced the logo")
	}
	test.Tap(logo.remove)
	test.Tap(uitest.FindButton(t, root, lang.L("button.save")))
	if got := settingsCompany(t, store).Logo; len(got) != 0 {
		t.Fatalf("removed logo still stored (%d bytes)", len(got))
	}
	if _, err := readCompanyImage("logo", bytes.NewReader(make([]byte, maxCompanyImage+1))); data.FieldErrorsOf(err)[0].Reason != reasonImageTooLarge {
		t.Errorf("a 2 MB+ file: %v", err)
	}
}

// settingsStepOffsets lists a scenario's steps as the store has them: offsets,
// with the thank-you as 1000.
func settingsStepOffsets(t *testing.T, store *data.Store, id int64) []int {
	t.Helper()
	sc, err := store.GetScenario(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var out []int
	for _, st := range sc.Steps {
		if st.Channel == data.ChannelThankYou {
			out = append(out, 1000)
			continue
		}
		out = append(out, st.OffsetDays)
	}
	return out
}

func TestSettingsStepsAddEditMoveDelete(t *testing.T) {
	ctx := context.Background()
	u, store := openSettings(t, SectionScenarios)
	sec := u.settings.scenarios
	std := sec.current()
	if std == nil || std.Key != "standard" || sec.title.Text != lang.L("scenario.standard") || len(sec.rows) != 7 {
		t.Fatalf("the section opens on %+v (%q, %d rows)", std, sec.title.Text, len(sec.rows))
	}
	stdID := std.ID

	test.Tap(uitest.FindButton(t, top(u), lang.L("settings.step.add")))
	dlg := top(u)
	uitest.Fill(t, dlg, "offset_days", "dans un mois")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if got := uitest.FieldError(t, dlg, "offset_days"); got != lang.L("error.settings_offset_format") {
		t.Fatalf("offset error = %q", got)
	}
	uitest.Fill(t, dlg, "offset_days", offsetText(40))
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if top(u) == dlg {
		t.Fatalf("the step dialog stayed open: %q", uitest.FieldError(t, dlg, "offset_days"))
	}
	// Placed by its date, before the court file and the thank-you.
	if got := settingsStepOffsets(t, store, stdID); !slices.Equal(got, []int{-7, 3, 10, 15, 30, 40, 50, 1000}) {
		t.Fatalf("steps after adding D+40: %v", got)
	}
	added := sec.rows[5].step
	if len(sec.rows) != 8 || added.OffsetDays != 40 || added.Channel != data.ChannelEmail {
		t.Fatalf("the list shows %d rows, row 6 = %+v", len(sec.rows), added)
	}

	test.Tap(sec.rows[5].edit)
	dlg = top(u)
	uitest.Fill(t, dlg, "offset_days", "J+45")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if st, _ := store.GetStep(ctx, added.ID); st.OffsetDays != 45 {
		t.Fatalf("edited offset = %d", st.OffsetDays)
	}

	test.Tap(sec.rows[5].up)
	if got := settingsStepOffsets(t, store, stdID); !slices.Equal(got, []int{-7, 3, 10, 15, 45, 30, 50, 1000}) {
		t.Fatalf("steps after moving D+45 up: %v", got)
	}
	if sec.rows[4].step.ID != added.ID {
		t.Fatal("the list does not show the step moved up")
	}

	test.Tap(sec.rows[4].del)
	settingsConfirm(t, u, lang.L("settings.step.delete_confirm", map[string]any{"Step": kit.StepName(added), "When": offsetText(45)}))
	if _, err := store.GetStep(ctx, added.ID); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("an unused step deleted: %v", err)
	}

	// A step already taken on an invoice is retired, not deleted.
	used := sec.rows[1].step
	c := data.Client{Name: "Boulangerie Fournier"}
	if err := store.CreateClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	inv := data.Invoice{Number: "FA-1", ClientID: c.ID, IssueDate: uitest.Day.AddDays(-40), DueDate: uitest.Day.AddDays(-10), Amount: 10000}
	if err := store.CreateInvoice(ctx, &inv); err != nil {
		t.Fatal(err)
	}
	if err := store.RecordAction(ctx, &data.Action{InvoiceID: inv.ID, StepID: used.ID}); err != nil {
		t.Fatal(err)
	}
	u.settings.Update(ctx)
	test.Tap(sec.rows[1].del)
	settingsConfirm(t, u, lang.L("settings.step.delete_used", map[string]any{"Step": kit.StepName(used), "When": offsetText(3), "Count": 1}))
	if st, err := store.GetStep(ctx, used.ID); err != nil || !st.Retired {
		t.Fatalf("a used step after delete: %+v, %v", st, err)
	}
	if len(sec.rows) != 6 || slices.ContainsFunc(sec.rows, func(r *stepRow) bool { return r.step.ID == used.ID }) {
		t.Fatal("the retired step is still listed")
	}
}

func TestSettingsScenarioCreateRenameDelete(t *testing.T) {
	ctx := context.Background()
	u, store := openSettings(t, SectionScenarios)
	sec := u.settings.scenarios

	// A seeded scenario is refused: its category follows it.
	test.Tap(uitest.FindButton(t, top(u), lang.L("settings.scenario.delete")))
	if !settingsHasText(top(u), lang.N("settings.scenario.in_use_categories", 1,
		map[string]any{"Names": lang.L("category.standard")})) {
		t.Fatal("deleting the standard scenario does not say its category uses it")
	}
	u.escape()

	test.Tap(uitest.FindButton(t, top(u), lang.L("settings.scenario.new")))
	dlg := top(u)
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if got := uitest.FieldError(t, dlg, "scenario_name"); got != lang.L("error.required") {
		t.Fatalf("empty name error = %q", got)
	}
	uitest.Fill(t, dlg, "scenario_name", "Export")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	mine := sec.current()
	if mine == nil || mine.Name != "Export" || sec.title.Text != "Export" || !sec.empty.Visible() {
		t.Fatalf("the new scenario is not shown: %+v", mine)
	}
	id := mine.ID

	test.Tap(uitest.FindButton(t, top(u), lang.L("settings.scenario.rename")))
	dlg = top(u)
	uitest.Fill(t, dlg, "scenario_name", "Export Europe")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if sc, _ := store.GetScenario(ctx, id); sc.Name != "Export Europe" || sec.title.Text != "Export Europe" {
		t.Fatalf("renamed scenario %+v, title %q", sc, sec.title.Text)
	}

	test.Tap(uitest.FindButton(t, top(u), lang.L("settings.scenario.delete")))
	settingsConfirm(t, u, lang.L("settings.scenario.delete_confirm", map[string]any{"Name": "Export Europe"}))
	if _, err := store.GetScenario(ctx, id); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("deleted scenario: %v", err)
	}
	if sec.current() == nil || sec.current().ID == id {
		t.Fatal("the list still shows the deleted scenario")
	}
}

func settingsHasText(root fyne.CanvasObject, part string) bool {
	found := false
	uitest.Walk(root, nil, func(o, _ fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, part) {
			found = true
		}
	})
	return found
}

func TestSettingsCategoryScenario(t *testing.T) {
	ctx := context.Background()
	u, store := openSettings(t, SectionScenarios)
	sec := u.settings.scenarios
	var choice *widget.Select
	for i, o := range sec.mapping.Objects {
		if l, ok := o.(*widget.Label); ok && l.Text == lang.L("category.risky") {
			choice, _ = uitest.AsSelect(sec.mapping.Objects[i+1])
		}
	}
	if choice == nil || choice.Selected != lang.L("scenario.risky") {
		t.Fatalf("the risky category's choice: %+v", choice)
	}
	choice.SetSelected(lang.L("scenario.standard"))
	cats, _ := store.ListCategories(ctx)
	i := slices.IndexFunc(cats, func(c data.Category) bool { return c.Key == "risky" })
	if i < 0 || cats[i].ScenarioID != 1 {
		t.Fatalf("categories after the change: %+v", cats)
	}
	if sec.usedByText(1) != lang.N("settings.scenario.categories", 2,
		map[string]any{"Names": lang.L("category.risky") + lang.L("settings.and") + lang.L("category.standard")}) {
		t.Errorf("standard scenario used by: %q", sec.usedByText(1))
	}
}

func TestSettingsRates(t *testing.T) {
	ctx := context.Background()
	u, store := openSettings(t, SectionRates)
	before, _ := store.ListECBRates(ctx)

	test.Tap(uitest.FindButton(t, top(u), lang.L("settings.rates.add_ecb")))
	dlg := top(u)
	uitest.Fill(t, dlg, "effective_on", "17/12/2026")
	for text, reason := range map[string]data.Reason{"abc": reasonRateFormat, "12,345": reasonRateDecimals, "": data.ReasonRequired} {
		uitest.Fill(t, dlg, "rate", text)
		test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
		if got := uitest.FieldError(t, dlg, "rate"); got != lang.L("error."+string(reason)) {
			t.Errorf("rate %q: error %q", text, got)
		}
	}
	if after, _ := store.ListECBRates(ctx); len(after) != len(before) {
		t.Fatal("a refused rate was written")
	}
	uitest.Fill(t, dlg, "rate", "3,25")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	after, _ := store.ListECBRates(ctx)
	last := after[len(after)-1]
	if len(after) != len(before)+1 || last.EffectiveOn != data.MustDate("2026-12-17") || last.RateBP != 325 {
		t.Fatalf("ECB rates after adding: %+v", after)
	}
	rates := u.settings.rates
	if len(rates.ecbRows) != len(after) || !uitest.TextOnScreen(top(u), kit.RatePercent(325)) {
		t.Fatal("the new rate is not listed")
	}

	test.Tap(rates.legalRows[0].edit) // the newest half-year, H1 2026
	dlg = top(u)
	uitest.Fill(t, dlg, "professional_rate", "2.70")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	legal, _ := store.ListLegalRates(ctx)
	newest := legal[len(legal)-1]
	if newest.Year != 2026 || newest.Half != 1 || newest.ProfessionalBP != 270 || newest.ConsumerBP != 667 {
		t.Fatalf("edited legal rate: %+v", newest)
	}
}

func TestSettingsConfirmedHalfYear(t *testing.T) {
	u, store := openSettings(t, SectionRates)
	rates := u.settings.rates
	if !strings.Contains(rates.ecbNow.Text, lang.L("settings.rates.current_ecb_assumed")) ||
		rates.ecbNow.Importance != widget.WarningImportance {
		t.Fatalf("H2 2026 is not confirmed by default: %q", rates.ecbNow.Text)
	}
	rates.confirmed.SetSelected(kit.CapitalFirst(kit.HalfYearName("H2 2026")))
	if c := settingsCompany(t, store); c.ECBConfirmedYear != 2026 || c.ECBConfirmedHalf != 2 {
		t.Fatalf("confirmed up to %d-%d", c.ECBConfirmedYear, c.ECBConfirmedHalf)
	}
	if rates.ecbNow.Importance == widget.WarningImportance {
		t.Error("a confirmed rate is still flagged")
	}
}

func TestSettingsRules(t *testing.T) {
	u, store := openSettings(t, SectionRules)
	r := u.settings.rules
	r.throttle.SetText("")
	test.Type(r.throttle, "deux")
	test.Tap(r.save)
	if got := r.form.Field("throttle_days").Err.Text; got != lang.L("error.settings_whole_number") {
		t.Fatalf("throttle error = %q", got)
	}
	r.throttle.SetText("")
	test.Type(r.throttle, "5")
	if r.daily.Text != "20" {
		t.Errorf("the daily limit shows %q, want the default 20", r.daily.Text)
	}
	r.daily.SetText("")
	test.Type(r.daily, "40")
	test.Tap(r.alsace)
	r.policy.SetSelected(r.policy.Options[1])
	test.Type(r.fixed, "5")
	if r.rateInfo.Importance != widget.WarningImportance || !strings.Contains(r.rateInfo.Text, rateInput(786)) {
		t.Errorf("5 %% is below 3 × 2.62 %%: %q", r.rateInfo.Text)
	}
	test.Tap(r.save)
	c := settingsCompany(t, store)
	if c.ThrottleDays != 5 || c.DailyMessageLimit != 40 || !c.AlsaceMoselle || c.Penalty != (data.PenaltyPolicy{Kind: data.PenaltyFixed, FixedBP: 500}) {
		t.Fatalf("stored rules: throttle %d, daily %d, Alsace %v, penalty %+v", c.ThrottleDays, c.DailyMessageLimit, c.AlsaceMoselle, c.Penalty)
	}
	r.fixed.SetText("")
	test.Type(r.fixed, "12")
	if r.rateInfo.Importance == widget.WarningImportance {
		t.Errorf("12 %% is above the floor: %q", r.rateInfo.Text)
	}
}

func TestSettingsParseRate(t *testing.T) {
	if err := kit.LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]int{"12,15": 1215, "12.15": 1215, "3": 300, "3,5 %": 350, "-0,5": -50, ",25": 25} {
		if got, err := parseRate("rate", text, false); err != nil || got != want {
			t.Errorf("parseRate(%q) = %d, %v; want %d", text, got, err, want)
		}
	}
	for text, reason := range map[string]data.Reason{"abc": reasonRateFormat, "12,345": reasonRateDecimals,
		"1.2.3": reasonRateFormat, "-": reasonRateFormat, "1 2,5x": reasonRateFormat} {
		if _, err := parseRate("rate", text, false); len(data.FieldErrorsOf(err)) == 0 || data.FieldErrorsOf(err)[0].Reason != reason {
			t.Errorf("parseRate(%q): %v, want %s", text, err, reason)
		}
	}
	for _, bp := range []int{0, 5, 215, 1215, -50} {
		if got, err := parseRate("rate", rateInput(bp), false); err != nil || got != bp {
			t.Errorf("rateInput(%d) = %q reads back as %d, %v", bp, rateInput(bp), got, err)
		}
	}
}

func TestSettingsParseOffset(t *testing.T) {
	if err := kit.LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]int{"J-7": -7, "D+15": 15, "j+3": 3, "-10": -10, "30": 30, "J": 0, "J 0": 0} {
		if got, err := parseOffset("offset_days", text); err != nil || got != want {
			t.Errorf("parseOffset(%q) = %d, %v; want %d", text, got, err, want)
		}
	}
	for _, text := range []string{"J+", "demain", "+-3", "X+3"} {
		if _, err := parseOffset("offset_days", text); err == nil {
			t.Errorf("parseOffset(%q) accepted", text)
		}
	}
	for _, days := range []int{-10, 0, 45} {
		if got, err := parseOffset("offset_days", offsetText(days)); err != nil || got != days {
			t.Errorf("offsetText(%d) = %q reads back as %d, %v", days, offsetText(days), got, err)
		}
	}
}

// TestSettingsReasonsTranslated checks the settings' own refusal reasons,
// whose keys are built ("error.<reason>"), in both catalogues.
func TestSettingsReasonsTranslated(t *testing.T) {
	fr, en := uitest.Catalogue(t, "fr"), uitest.Catalogue(t, "en")
	keys := []string{"scenario.standard", "scenario.good_payer", "scenario.risky", "scenario.key_account",
		"category.standard", "category.good_payer", "category.risky", "category.key_account"}
	for _, r := range settingsReasons {
		keys = append(keys, "error."+string(r))
	}
	for _, key := range companyAllKeys {
		keys = append(keys, "field."+key)
	}
	for _, key := range keys {
		if fr[key] == nil || en[key] == nil {
			t.Errorf("%s is missing from a catalogue", key)
		}
	}
}

// The Letters section edits the envelope window and prints its calibration
// page, in the window's language.
func TestLettersSettings(t *testing.T) {
	u, store := openSettings(t, SectionLetters)
	s := u.settings.letters
	if s.left.Text != "110" || s.top.Text != "50" || s.width.Text != "85" || s.height.Text != "35" {
		t.Fatalf("default window shown as %s %s %s %s", s.left.Text, s.top.Text, s.width.Text, s.height.Text)
	}
	s.left.SetText("105,5")
	s.width.SetText("huit")
	test.Tap(s.save)
	if uitest.FieldError(t, s.content, "window_width") == "" {
		t.Fatal("a width in letters was accepted")
	}
	s.width.SetText("85")
	s.height.SetText("120") // the window would end below the top third of the sheet
	test.Tap(s.save)
	if co, _ := store.GetCompany(context.Background()); s.form.General().Text == "" || co.Window != data.DefaultWindow {
		t.Fatalf("a window ending at 170 mm was accepted (%q, %+v)", s.form.General().Text, co.Window)
	}
	s.height.SetText("40")
	test.Tap(s.save)
	co, _ := store.GetCompany(context.Background())
	if want := (data.EnvelopeWindow{LeftMM10: 1055, TopMM10: 500, WidthMM10: 850, HeightMM10: 400}); co.Window != want {
		t.Errorf("saved window %+v, want %+v", co.Window, want)
	}
	test.Tap(s.calibrate)
	page := filepath.Join(u.DataDir(), "documents", "calibration.pdf")
	if _, err := os.Stat(page); err != nil || len(u.OpenedFiles) != 1 || u.OpenedFiles[0] != page {
		t.Fatalf("no calibration page opened (%v, opened %v)", err, u.OpenedFiles)
	}
	want := "105,5 mm du bord gauche" // the page is in the window's language
	if kit.Language() == "en" {
		want = "105.5 mm from the left edge"
	}
	if text := uitest.PDFText(t, page); !strings.Contains(text, want) {
		t.Errorf("calibration page reads %q", text)
	}
}

func TestMailSettingsPresetSaveAndTest(t *testing.T) {
	keyring.MockInit()
	srv := uitest.StartMailServer(t)
	u, store := openSettings(t, SectionMail)
	root := u.settings.mail.content
	uitest.SelectIn(t, root, "mail_preset", "OVHcloud")
	if s := u.settings.mail; s.smtpHost.Text != "ssl0.ovh.net" || s.port.Text != "465" || s.security.SelectedIndex() != 0 {
		t.Fatalf("the OVH preset filled %q %q %d", s.smtpHost.Text, s.port.Text, s.security.SelectedIndex())
	}
	uitest.Fill(t, root, "from_address", uitest.MailUser)
	uitest.Fill(t, root, "smtp_host", "127.0.0.1")
	uitest.Fill(t, root, "smtp_port", strconv.Itoa(srv.Port))
	uitest.SelectIn(t, root, "smtp_security", lang.L("mail.security.none"))
	uitest.Fill(t, root, "smtp_username", uitest.MailUser)
	uitest.Fill(t, root, "smtp_password", uitest.MailPassword)
	test.Tap(uitest.FindButton(t, root, lang.L("button.save")))
	if got := uitest.FieldError(t, root, "smtp_security"); got != lang.L("error.plaintext_refused") {
		t.Fatalf("plaintext without consent: error %q", got)
	}
	if a, _ := store.GetMailAccount(context.Background()); a.Configured() {
		t.Fatal("a refused account was saved")
	}
	u.settings.mail.plaintext.SetChecked(true)
	test.Tap(uitest.FindButton(t, root, lang.L("button.save")))
	a, _ := store.GetMailAccount(context.Background())
	if a.Host != "127.0.0.1" || a.Port != srv.Port || a.Security != data.SecurityNone || !a.AllowPlaintext || a.Preset != "ovh" {
		t.Fatalf("saved %+v", a)
	}
	if pw, err := keyring.Get(mail.KeyringService, "password:"+uitest.MailUser+"@127.0.0.1"); pw != uitest.MailPassword || err != nil {
		t.Fatalf("keychain holds %q, %v", pw, err)
	}
	if u.settings.mail.secret.Text != "" || !strings.Contains(u.settings.mail.secretHint.Text, lang.L("mail.settings.secret_saved")) {
		t.Errorf("after save: field %q, hint %q", u.settings.mail.secret.Text, u.settings.mail.secretHint.Text)
	}
	test.Tap(uitest.FindButton(t, root, lang.L("mail.settings.test")))
	if got := u.settings.mail.testResult.Text; got != lang.L("mail.settings.test_ok", map[string]any{"Host": "127.0.0.1"}) {
		t.Fatalf("test with the saved password: %q", got)
	}
	uitest.Fill(t, root, "smtp_password", "faux")
	test.Tap(uitest.FindButton(t, root, lang.L("mail.settings.test")))
	if got := u.settings.mail.testResult.Text; !strings.HasPrefix(got, lang.L("mail.cause.auth")) || !strings.Contains(got, "535") {
		t.Fatalf("test with a wrong password: %q", got)
	}
}

// TestSettingsErrorsGoWhenFixed: the company settings, saved as a whole,
// lose an error as soon as its field is corrected too.
func TestSettingsErrorsGoWhenFixed(t *testing.T) {
	u, _ := openSettings(t, SectionCompany)
	root := top(u)
	uitest.Fill(t, root, "legal_name", "Ma Boutique")
	uitest.Fill(t, root, "siren", "123 456 789")
	uitest.Fill(t, root, "iban", "FR76 1234 5678")
	test.Tap(uitest.FindButton(t, root, lang.L("button.save")))
	if uitest.FieldError(t, root, "siren") == "" || uitest.FieldError(t, root, "iban") == "" {
		t.Fatal("the wrong fields show no error")
	}
	uitest.Fill(t, root, "siren", settingsSIREN)
	if got := uitest.FieldError(t, root, "siren"); got != "" {
		t.Fatalf("the corrected SIREN still says %q", got)
	}
	if uitest.FieldError(t, root, "iban") == "" {
		t.Fatal("the IBAN, still wrong, lost its error")
	}
}

// TestChooseAppearance: the appearance chosen in the Display tab is
// applied to the window and remembered; the system's is the default.
func TestChooseAppearance(t *testing.T) {
	u, _ := openSettings(t, SectionLanguage)
	s := u.settings.language
	if s.appearance.Selected != lang.L("settings.appearance.system") {
		t.Errorf("default appearance %q", s.appearance.Selected)
	}
	s.appearance.SetSelected(lang.L("settings.appearance.dark"))
	if u.Appearance != kit.AppearanceDark {
		t.Fatalf("chosen %q", u.Appearance)
	}
	th := fyne.CurrentApp().Settings().Theme()
	if th.Color(theme.ColorNameBackground, theme.VariantLight) != theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark) {
		t.Error("the window is not dark")
	}
	s.appearance.SetSelected(lang.L("settings.appearance.system"))
	if u.Appearance != kit.AppearanceSystem {
		t.Errorf("back to the system's: %q", u.Appearance)
	}
}
