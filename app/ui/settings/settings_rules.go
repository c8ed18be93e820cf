package settings

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/dunning"
	"relance/app/ui/kit"
	"relance/data"
)

// rulesSection is the Dunning rules tab: the late-payment penalty policy,
// the business days steps are moved to, and how often a client may be
// written to.
type rulesSection struct {
	host    kit.Host
	content fyne.CanvasObject
	form    *kit.Form
	policy  *widget.RadioGroup
	// imputation: what a partial payment pays first (Code civil 1343-1).
	imputation *widget.RadioGroup
	fixed      *kit.Entry
	rateInfo   *widget.Label
	alsace     *widget.Check
	throttle   *kit.Entry
	daily      *kit.Entry // the daily limit of messages
	fees       *kit.Entry // the bank fees a credit may fall short by
	save       *widget.Button
	d          settingsData
	companyEdits
}

// newRulesSection lays out the three groups of rules and their Save.
func newRulesSection(h kit.Host) *rulesSection {
	s := &rulesSection{host: h, form: kit.NewForm(), companyEdits: newCompanyEdits(),
		rateInfo: &widget.Label{Wrapping: fyne.TextWrapWord}}
	s.policy = widget.NewRadioGroup([]string{lang.L("settings.rules.policy_ecb"), lang.L("settings.rules.policy_fixed")},
		func(string) { s.onPolicy(); s.edited() })
	s.policy.Required = true
	s.imputation = widget.NewRadioGroup([]string{lang.L("settings.rules.imputation_interest_first"),
		lang.L("settings.rules.imputation_principal")}, func(string) { s.edited() })
	s.imputation.Required = true
	s.fixed = kit.NewEntry(h.Window())
	s.fixed.PlaceHolder, s.fixed.OnChanged = rateInput(1200), func(string) { s.showRateInfo(); s.edited() }
	s.alsace = widget.NewCheck(lang.L("settings.rules.alsace"), func(bool) { s.edited() })
	s.throttle = kit.NewEntry(h.Window())
	s.throttle.OnChanged = func(string) { s.edited() }
	s.daily = kit.NewEntry(h.Window())
	s.daily.OnChanged = func(string) { s.edited() }
	s.fees = kit.NewMoneyEntry(h.Window())
	s.fees.OnChanged = func(string) { s.edited() }
	s.save = &widget.Button{Text: lang.L("button.save"), Icon: theme.DocumentSaveIcon(),
		Importance: widget.HighImportance, OnTapped: s.onSave}

	// Labels of their own: the group's title already says "penalties".
	s.form.AddLabelled("settings.rules.basis", false, s.policy).Key = "penalty_policy"
	s.form.Add("penalty_policy_rate", false, container.NewHBox(kit.FixedWidth(s.fixed, 110), widget.NewLabel("%")))
	s.form.AddLabelled("settings.rules.throttle_label", false,
		container.NewHBox(kit.FixedWidth(s.throttle, 80), widget.NewLabel(lang.L("settings.days_unit")))).Key = "throttle_days"
	s.form.AddLabelled("settings.rules.daily_label", false,
		container.NewHBox(kit.FixedWidth(s.daily, 80), widget.NewLabel(lang.L("settings.rules.daily_unit")))).Key = "daily_message_limit"
	s.form.AddLabelled("settings.rules.imputation", false, s.imputation).Key = "imputation"
	s.form.Add("bank_fee_tolerance", false, container.NewHBox(kit.FixedWidth(s.fees, 110), widget.NewLabel("€")))
	penalties := settingsGroup("settings.rules.penalties", settingsGrid(s.form, "penalty_policy", "penalty_policy_rate"),
		s.rateInfo, settingsHint("settings.rules.penalties_hint"),
		settingsGrid(s.form, "imputation"), settingsHint("settings.rules.imputation_hint"))
	days := settingsGroup("settings.rules.business_days", settingsHint("settings.rules.business_days_hint"), s.alsace)
	throttle := settingsGroup("settings.rules.throttle", settingsGrid(s.form, "throttle_days"), settingsHint("settings.rules.throttle_hint"),
		settingsGrid(s.form, "daily_message_limit"), settingsHint("settings.rules.daily_hint"))
	bank := settingsGroup("settings.rules.bank", settingsGrid(s.form, "bank_fee_tolerance"), settingsHint("settings.rules.bank_hint"))
	s.content = settingsPage("settings.rules.intro", container.NewVBox(penalties, days, throttle, bank),
		settingsSaveBar(s.form.General(), s.save, s.saved))
	return s
}

// set shows the stored rules, unless the user is editing them.
func (s *rulesSection) set(d settingsData) {
	s.d = d
	if !s.dirty {
		s.fill(func() { s.showRules(d.company) })
	}
	s.onPolicy()
}

// showRules puts the stored rules in the fields.
func (s *rulesSection) showRules(c data.Company) {
	s.policy.SetSelected(s.policy.Options[0])
	s.fixed.SetText("")
	if c.Penalty.Kind == data.PenaltyFixed {
		s.policy.SetSelected(s.policy.Options[1])
		s.fixed.SetText(rateInput(c.Penalty.FixedBP))
	}
	s.imputation.SetSelected(s.imputation.Options[0])
	if c.Imputation == data.ImputePrincipal {
		s.imputation.SetSelected(s.imputation.Options[1])
	}
	s.alsace.SetChecked(c.AlsaceMoselle)
	s.throttle.SetText(strconv.Itoa(c.ThrottleDays))
	s.daily.SetText(strconv.Itoa(c.DailyMessageLimit))
	s.fees.SetText(kit.InputMoney(c.BankFeeTolerance))
	s.form.ClearErrors()
}

// fixedPolicy reports whether a contractual fixed rate is chosen.
func (s *rulesSection) fixedPolicy() bool { return s.policy.Selected == s.policy.Options[1] }

// onPolicy enables the fixed rate only for a fixed-rate policy.
func (s *rulesSection) onPolicy() {
	if s.fixedPolicy() {
		s.fixed.Enable()
	} else {
		s.fixed.Disable()
	}
	s.showRateInfo()
}

// showRateInfo says what rate applies this half-year, and warns when a
// fixed rate is below the legal floor of three times the legal rate.
func (s *rulesSection) showRateInfo() {
	t, h := dunning.RatesFrom(s.d.ecb, s.d.legal, s.d.company), dunning.HalfYearOf(s.host.Today())
	half := kit.HalfYearName(h.String())
	s.rateInfo.Importance = widget.MediumImportance
	if !s.fixedPolicy() {
		text := ""
		if bp, _, ok := t.ECBRate(h); ok {
			text = lang.L("settings.rules.ecb_now", map[string]any{"Half": half, "Rate": kit.RatePercent(bp + 1000), "ECB": kit.RatePercent(bp)})
		}
		s.rateInfo.SetText(text)
		return
	}
	legal, _, _, ok := t.LegalRate(h)
	if !ok {
		s.rateInfo.SetText("")
		return
	}
	floor := 3 * legal
	fixed, err := parseRate("penalty_policy_rate", s.fixed.Text, false)
	if err == nil && fixed < floor {
		s.rateInfo.Importance = widget.WarningImportance
		s.rateInfo.SetText(kit.WarningText(dunning.Warning{Key: dunning.WarnFixedRateBelowFloor,
			Args: map[string]string{"half": h.String(), "rate": dottedRate(fixed), "floor": dottedRate(floor)}}))
		return
	}
	s.rateInfo.SetText(lang.L("settings.rules.floor", map[string]any{"Half": half, "Floor": kit.RatePercent(floor)}))
}

// dottedRate writes basis points as warnings carry them: "7.86".
func dottedRate(bp int) string { return fmt.Sprintf("%d.%02d", bp/100, bp%100) }

// read checks the fields and returns the setter of the rules.
func (s *rulesSection) read() (func(*data.Company), error) {
	var errs data.FieldErrors
	policy := data.PenaltyPolicy{Kind: data.PenaltyECBPlus10}
	if s.fixedPolicy() {
		bp, err := checkRate("penalty_policy_rate", s.fixed.Text, false, 1)
		errs = append(errs, data.FieldErrorsOf(err)...)
		policy = data.PenaltyPolicy{Kind: data.PenaltyFixed, FixedBP: bp}
	}
	throttle, err := parseDays("throttle_days", s.throttle.Text, 0)
	errs = append(errs, data.FieldErrorsOf(err)...)
	daily, err := parseDays("daily_message_limit", s.daily.Text, 0)
	errs = append(errs, data.FieldErrorsOf(err)...)
	fees, err := data.ParseMoney(s.fees.Text)
	if s.fees.Text == "" {
		fees, err = 0, nil
	}
	if err != nil || fees < 0 {
		errs = append(errs, &data.FieldError{Field: "bank_fee_tolerance", Reason: data.ReasonMoneyFormat, Value: s.fees.Text})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	alsace, imputation := s.alsace.Checked, data.ImputeInterestFirst
	if s.imputation.Selected == s.imputation.Options[1] {
		imputation = data.ImputePrincipal
	}
	return func(c *data.Company) {
		c.Penalty, c.AlsaceMoselle, c.ThrottleDays, c.Imputation = policy, alsace, throttle, imputation
		c.DailyMessageLimit, c.BankFeeTolerance = daily, fees
	}, nil
}

// onSave checks the rules, then writes them over the stored company.
func (s *rulesSection) onSave() {
	s.form.ClearErrors()
	apply, err := s.read()
	if err != nil {
		s.form.ShowErrors(err)
		return
	}
	s.saveInto(s.host, s.save, s.form, apply)
}
