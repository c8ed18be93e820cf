package settings

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"

	"relance/app/ui/kit"
	"relance/data"
)

// Bounds of a rate typed in the tables, as the store accepts them: the ECB
// rate has been negative; a legal rate never.
const (
	minECBRate = -1000
	maxRate    = 5000
)

// checkRate parses a rate field and checks its bounds.
func checkRate(key, text string, optional bool, minBP int) (int, error) {
	bp, err := parseRate(key, text, optional)
	if err != nil {
		return 0, err
	}
	if bp < minBP || bp > maxRate {
		return 0, fieldErr(key, data.ReasonOutOfRange)
	}
	return bp, nil
}

// openECBForm adds (isNew) or corrects an ECB rate change.
func (s *ratesSection) openECBForm(r data.ECBRate, isNew bool) {
	f := kit.NewForm()
	date := kit.NewDateEntry(s.host.Window(), r.EffectiveOn)
	rate := kit.NewEntry(s.host.Window())
	rate.PlaceHolder = rateInput(215)
	if !isNew {
		rate.SetText(rateInput(r.RateBP))
	}
	f.Add("effective_on", true, date)
	f.Add("rate", true, container.NewVBox(rate, settingsHint("settings.rates.rate_hint")))
	old := r.EffectiveOn
	submit := func() (func(context.Context) error, error) {
		var errs data.FieldErrors
		on, err := data.ParseDate(date.Text)
		if err != nil {
			errs = append(errs, data.FieldErrorsOf(kit.AsField(err, "effective_on"))...)
		}
		bp, err := checkRate("rate", rate.Text, false, minECBRate)
		errs = append(errs, data.FieldErrorsOf(err)...)
		if len(errs) > 0 {
			return nil, errs
		}
		return func(ctx context.Context) error {
			return s.host.Store().InTx(ctx, func(tx *data.Store) error {
				if !isNew && on != old {
					if err := tx.DeleteECBRate(ctx, old); err != nil {
						return err
					}
				}
				return tx.PutECBRate(ctx, data.ECBRate{EffectiveOn: on, RateBP: bp})
			})
		}, nil
	}
	title := "settings.rates.edit_ecb_title"
	if isNew {
		title = "settings.rates.new_ecb_title"
	}
	fd := kit.NewFormDialog(s.host, title, f, fyne.NewSize(520, 270), submit, nil)
	fd.Show(rate)
}

// openLegalForm adds (isNew) or corrects the legal rates of a half-year.
func (s *ratesSection) openLegalForm(r data.LegalRate, isNew bool) {
	f := kit.NewForm()
	year := kit.NewEntry(s.host.Window())
	year.SetText(strconv.Itoa(r.Year))
	half := kit.NewSelect(s.host.Window(), []string{lang.L("settings.rates.half_first"), lang.L("settings.rates.half_second")}, nil)
	half.SetSelectedIndex(r.Half - 1)
	professional, consumer := kit.NewEntry(s.host.Window()), kit.NewEntry(s.host.Window())
	professional.PlaceHolder = rateInput(262)
	if !isNew {
		professional.SetText(rateInput(r.ProfessionalBP))
		if r.ConsumerBP > 0 {
			consumer.SetText(rateInput(r.ConsumerBP))
		}
	}
	f.Add("half_year", true, container.NewBorder(nil, nil, kit.FixedWidth(year, 90), nil, half))
	f.Add("professional_rate", true, container.NewVBox(professional, settingsHint("settings.rates.professional_hint")))
	f.Add("consumer_rate", false, consumer)
	submit := func() (func(context.Context) error, error) {
		next, err := readLegalRate(year.Text, half.SelectedIndex()+1, professional.Text, consumer.Text)
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context) error {
			return s.host.Store().InTx(ctx, func(tx *data.Store) error {
				if !isNew && (next.Year != r.Year || next.Half != r.Half) {
					if err := tx.DeleteLegalRate(ctx, r.Year, r.Half); err != nil {
						return err
					}
				}
				return tx.PutLegalRate(ctx, next)
			})
		}, nil
	}
	title := "settings.rates.edit_legal_title"
	if isNew {
		title = "settings.rates.new_legal_title"
	}
	fd := kit.NewFormDialog(s.host, title, f, fyne.NewSize(520, 300), submit, nil)
	fd.Show(professional)
}

// readLegalRate checks the legal rate form's fields, all at once.
func readLegalRate(yearText string, half int, professional, consumer string) (data.LegalRate, error) {
	r := data.LegalRate{Half: half}
	var errs data.FieldErrors
	year, err := strconv.Atoi(strings.TrimSpace(yearText))
	switch {
	case err != nil:
		errs = append(errs, data.FieldErrorsOf(fieldErr("half_year", reasonWholeNumber))...)
	case year < 2000 || year > 2999 || half < 1 || half > 2:
		errs = append(errs, data.FieldErrorsOf(fieldErr("half_year", data.ReasonOutOfRange))...)
	}
	r.Year = year
	r.ProfessionalBP, err = checkRate("professional_rate", professional, false, 0)
	errs = append(errs, data.FieldErrorsOf(err)...)
	r.ConsumerBP, err = checkRate("consumer_rate", consumer, true, 0)
	errs = append(errs, data.FieldErrorsOf(err)...)
	if len(errs) > 0 {
		return r, errs
	}
	return r, nil
}
