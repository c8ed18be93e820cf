package settings

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/dunning"
	"relance/app/ui/kit"
	"relance/data"
)

// ratesSection is the Rates tab: the rates in force this half-year, the
// half-year up to which the ECB rate is confirmed, and the two editable
// tables the penalties are computed from.
type ratesSection struct {
	host      kit.Host
	content   fyne.CanvasObject
	ecbNow    *widget.Label // the ECB rate in force, amber when assumed
	legalNow  *widget.Label // the legal rate in force, amber when assumed
	confirmed *widget.Select
	halfYears []dunning.HalfYear // the confirmed select's options
	ecbBox    *fyne.Container
	legalBox  *fyne.Container
	ecbRows   []*rateRow
	legalRows []*rateRow
	d         settingsData
}

// rateRow is one line of a rates table, with its buttons.
type rateRow struct {
	edit, del *widget.Button
	content   fyne.CanvasObject
}

// Widths of the rate tables' columns.
var rateColumnWidth = [3]float32{150, 120, 120}

// newRatesSection lays out the rates in force and the two tables.
func newRatesSection(h kit.Host) *ratesSection {
	s := &ratesSection{host: h, ecbBox: container.NewVBox(), legalBox: container.NewVBox(),
		ecbNow: &widget.Label{}, legalNow: &widget.Label{}}
	s.confirmed = widget.NewSelect(nil, nil)
	f := kit.NewForm()
	f.Add("ecb_confirmed", false, container.NewVBox(container.NewHBox(kit.FixedWidth(s.confirmed, 280)),
		settingsHint("settings.rates.confirmed_hint")))
	now := settingsGroup("settings.rates.now", s.ecbNow, s.legalNow, settingsGrid(f, "ecb_confirmed"),
		settingsHint("settings.rates.sources"))
	addECB := &widget.Button{Text: lang.L("settings.rates.add_ecb"), Icon: theme.ContentAddIcon(),
		OnTapped: func() { s.openECBForm(data.ECBRate{EffectiveOn: h.Today()}, true) }}
	addLegal := &widget.Button{Text: lang.L("settings.rates.add_legal"), Icon: theme.ContentAddIcon(),
		OnTapped: func() { s.openLegalForm(s.nextLegalRate(), true) }}
	ecb := settingsGroupWithAction("settings.rates.ecb_title", addECB, settingsHint("settings.rates.ecb_hint"), s.ecbBox)
	legal := settingsGroupWithAction("settings.rates.legal_title", addLegal, settingsHint("settings.rates.legal_hint"), s.legalBox)
	s.content = settingsPage("settings.rates.intro", container.NewVBox(now, container.NewGridWithColumns(2, ecb, legal)), nil)
	return s
}

// set shows the loaded rates.
func (s *ratesSection) set(d settingsData) {
	s.d = d
	s.showCurrent()
	s.showConfirmed()
	s.showECB()
	s.showLegal()
}

// table returns the rates as the penalty computation reads them.
func (s *ratesSection) table() dunning.RateTable {
	return dunning.RatesFrom(s.d.ecb, s.d.legal, s.d.company)
}

// showCurrent says which rates apply this half-year, in amber when they
// are assumed rather than confirmed.
func (s *ratesSection) showCurrent() {
	t, h := s.table(), dunning.HalfYearOf(s.host.Today())
	text, assumed := ecbNowText(t, h)
	setNote(s.ecbNow, text, assumed)
	text, assumed = legalNowText(t, h)
	setNote(s.legalNow, text, assumed)
}

// setNote shows text, in amber when it needs the user's attention.
func setNote(l *widget.Label, text string, warn bool) {
	l.Importance = widget.MediumImportance
	if warn {
		l.Importance = widget.WarningImportance
	}
	l.SetText(text)
}

// ecbNowText says the ECB rate of h and the penalty rate it makes; true
// when it is not confirmed.
func ecbNowText(t dunning.RateTable, h dunning.HalfYear) (string, bool) {
	bp, known, ok := t.ECBRate(h)
	if !ok {
		return lang.L("settings.rates.no_ecb", map[string]any{"Date": kit.LongDate(h.Start())}), true
	}
	text := lang.L("settings.rates.current_ecb", map[string]any{"Date": kit.LongDate(h.Start()),
		"Rate": kit.RatePercent(bp), "Penalty": kit.RatePercent(bp + 1000)})
	if !known {
		text += " " + lang.L("settings.rates.current_ecb_assumed")
	}
	return text, !known
}

// legalNowText says the legal rate of h and the contractual floor it makes;
// true when it is borrowed from an earlier half-year or missing.
func legalNowText(t dunning.RateTable, h dunning.HalfYear) (string, bool) {
	half := kit.HalfYearName(h.String())
	bp, from, known, ok := t.LegalRate(h)
	switch {
	case !ok:
		return lang.L("settings.rates.no_legal", map[string]any{"Half": half}), true
	case !known:
		return lang.L("settings.rates.current_legal_assumed", map[string]any{"Half": half,
			"From": kit.HalfYearName(from.String()), "Rate": kit.RatePercent(bp), "Floor": kit.RatePercent(3 * bp)}), true
	}
	return lang.L("settings.rates.current_legal", map[string]any{"Half": half,
		"Rate": kit.RatePercent(bp), "Floor": kit.RatePercent(3 * bp)}), false
}

// showConfirmed offers the half-years from the oldest rate to the next one.
func (s *ratesSection) showConfirmed() {
	first := dunning.HalfYearOf(s.host.Today())
	for _, r := range s.d.ecb {
		if h := dunning.HalfYearOf(r.EffectiveOn); h.Before(first) {
			first = h
		}
	}
	last := dunning.HalfYearOf(s.host.Today()).Next()
	chosen := dunning.HalfYear{Year: s.d.company.ECBConfirmedYear, Half: s.d.company.ECBConfirmedHalf}
	s.halfYears = nil
	var names []string
	for h := first; !last.Before(h); h = h.Next() {
		s.halfYears = append(s.halfYears, h)
		names = append(names, kit.CapitalFirst(kit.HalfYearName(h.String())))
	}
	if !slices.Contains(s.halfYears, chosen) {
		s.halfYears = append([]dunning.HalfYear{chosen}, s.halfYears...)
		names = append([]string{kit.CapitalFirst(kit.HalfYearName(chosen.String()))}, names...)
	}
	s.confirmed.OnChanged = nil
	s.confirmed.SetOptions(names)
	s.confirmed.SetSelectedIndex(slices.Index(s.halfYears, chosen))
	s.confirmed.OnChanged = func(string) { s.onConfirmed() }
}

// onConfirmed saves the half-year up to which the ECB rate is confirmed.
func (s *ratesSection) onConfirmed() {
	i := s.confirmed.SelectedIndex()
	if i < 0 {
		return
	}
	h := s.halfYears[i]
	s.host.Async(func() {
		err := SaveCompany(context.Background(), s.host.Store(), func(c *data.Company) {
			c.ECBConfirmedYear, c.ECBConfirmedHalf = h.Year, h.Half
		})
		fyne.Do(func() {
			if err != nil {
				s.host.ShowError(err)
			}
			s.host.Changed()
		})
	})
}

// rateCells lays out a table line: its cells at the columns' widths, the
// buttons on the right.
func rateCells(buttons fyne.CanvasObject, cells ...*widget.Label) fyne.CanvasObject {
	box := container.NewHBox()
	for i, c := range cells {
		box.Add(kit.FixedWidth(c, rateColumnWidth[i]))
	}
	return container.NewBorder(nil, nil, box, buttons)
}

// rateHeader names a table's columns.
func rateHeader(keys ...string) fyne.CanvasObject {
	var cells []*widget.Label
	for _, k := range keys {
		cells = append(cells, &widget.Label{Text: lang.L(k), TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis})
	}
	return container.NewVBox(rateCells(nil, cells...), widget.NewSeparator())
}

// newRateRow is a table line with its edit and delete buttons.
func newRateRow(onEdit, onDelete func(), cells ...*widget.Label) *rateRow {
	r := &rateRow{
		edit: &widget.Button{Icon: theme.DocumentCreateIcon(), Importance: widget.LowImportance, OnTapped: onEdit},
		del:  &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: onDelete},
	}
	r.content = rateCells(container.NewHBox(r.edit, r.del), cells...)
	return r
}

// showECB lists the ECB rate changes, newest first.
func (s *ratesSection) showECB() {
	s.ecbBox.Objects = []fyne.CanvasObject{rateHeader("field.effective_on", "field.rate")}
	s.ecbRows = nil
	for i := len(s.d.ecb) - 1; i >= 0; i-- {
		r := s.d.ecb[i]
		row := newRateRow(func() { s.openECBForm(r, false) }, func() { s.onDeleteECB(r) },
			widget.NewLabel(kit.Date(r.EffectiveOn)), widget.NewLabel(kit.RatePercent(r.RateBP)))
		s.ecbRows = append(s.ecbRows, row)
		s.ecbBox.Add(row.content)
	}
	if len(s.d.ecb) == 0 {
		s.ecbBox.Add(settingsHint("settings.rates.ecb_empty"))
	}
	s.ecbBox.Refresh()
}

// showLegal lists the legal rates, newest half-year first.
func (s *ratesSection) showLegal() {
	s.legalBox.Objects = []fyne.CanvasObject{rateHeader("field.half_year", "settings.rates.col_professional", "settings.rates.col_consumer")}
	s.legalRows = nil
	for i := len(s.d.legal) - 1; i >= 0; i-- {
		r := s.d.legal[i]
		consumer := "—"
		if r.ConsumerBP > 0 {
			consumer = kit.RatePercent(r.ConsumerBP)
		}
		half := dunning.HalfYear{Year: r.Year, Half: r.Half}
		row := newRateRow(func() { s.openLegalForm(r, false) }, func() { s.onDeleteLegal(r) },
			widget.NewLabel(kit.CapitalFirst(kit.HalfYearName(half.String()))), widget.NewLabel(kit.RatePercent(r.ProfessionalBP)), widget.NewLabel(consumer))
		s.legalRows = append(s.legalRows, row)
		s.legalBox.Add(row.content)
	}
	if len(s.d.legal) == 0 {
		s.legalBox.Add(settingsHint("settings.rates.legal_empty"))
	}
	s.legalBox.Refresh()
}

// onDeleteECB removes an ECB rate change after a confirmation.
func (s *ratesSection) onDeleteECB(r data.ECBRate) {
	kit.Confirm(s.host, "settings.rates.delete_title", "settings.rates.delete_ecb",
		map[string]any{"Date": kit.Date(r.EffectiveOn), "Rate": kit.RatePercent(r.RateBP)},
		func(ctx context.Context) error { return s.host.Store().DeleteECBRate(ctx, r.EffectiveOn) })
}

// onDeleteLegal removes a half-year's legal rates after a confirmation.
func (s *ratesSection) onDeleteLegal(r data.LegalRate) {
	half := dunning.HalfYear{Year: r.Year, Half: r.Half}
	kit.Confirm(s.host, "settings.rates.delete_title", "settings.rates.delete_legal",
		map[string]any{"Half": kit.HalfYearName(half.String())},
		func(ctx context.Context) error { return s.host.Store().DeleteLegalRate(ctx, r.Year, r.Half) })
}

// nextLegalRate proposes the half-year after the newest one in the table.
func (s *ratesSection) nextLegalRate() data.LegalRate {
	h := dunning.HalfYearOf(s.host.Today())
	if n := len(s.d.legal); n > 0 {
		h = dunning.HalfYear{Year: s.d.legal[n-1].Year, Half: s.d.legal[n-1].Half}.Next()
	}
	return data.LegalRate{Year: h.Year, Half: h.Half}
}
