package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/data"
)

// companySection is the Company tab: everything a letterhead needs, and
// the defaults of new invoices.
type companySection struct {
	ui      *UI
	content fyne.CanvasObject
	form    *companyForm
	save    *widget.Button
	saved   *widget.Label
	// dirty is set by an edit not yet saved: a reload (after a write in
	// another section) must not throw the user's typing away.
	dirty bool
}

// newCompanySection lays out the letterhead in titled groups, two columns.
func newCompanySection(u *UI) *companySection {
	s := &companySection{ui: u, saved: newSavedLabel()}
	s.form = newCompanyForm(u, companyAllKeys, s.onEdit)
	s.save = &widget.Button{Text: lang.L("button.save"), Icon: theme.DocumentSaveIcon(),
		Importance: widget.HighImportance, OnTapped: s.onSave}
	g := s.form.grid
	left := container.NewVBox(
		settingsGroup("settings.company.identity", g("legal_name", "legal_form", "capital", "siren", "rcs_city", "vat_number")),
		settingsGroup("settings.company.contact", g("street", "postal_code", "email", "phone")))
	right := container.NewVBox(
		settingsGroup("settings.company.bank", g("iban", "bic")),
		settingsGroup("settings.company.letters", g("logo", "signatory_name", "signatory_role", "signature")),
		settingsGroup("settings.company.invoicing", g("payment_terms_days", "due_soon_days")))
	s.content = settingsPage("settings.company.intro", container.NewGridWithColumns(2, left, right),
		settingsSaveBar(s.form.form.general, s.save, s.saved))
	return s
}

// set shows the stored company, unless the user is editing it.
func (s *companySection) set(d settingsData) {
	if !s.dirty {
		s.form.fill(d.company)
	}
}

// onEdit marks the form as edited: the "Saved." goes until the next save.
func (s *companySection) onEdit() {
	s.dirty = true
	s.saved.Hide()
}

// onSave checks every field, then writes them over the stored company.
func (s *companySection) onSave() {
	s.form.form.clearErrors()
	apply, err := s.form.read()
	if err != nil {
		s.form.form.showErrors(err)
		return
	}
	s.save.Disable()
	s.ui.async(func() {
		err := saveCompany(context.Background(), s.ui.store, apply)
		fyne.Do(func() {
			s.save.Enable()
			if err != nil {
				s.form.form.showErrors(err)
				return
			}
			s.dirty = false
			s.saved.Show()
			s.ui.changed()
		})
	})
}

// saveCompany applies a section's fields to the company as stored, in one
// transaction, so that a section never writes back another's settings.
func saveCompany(ctx context.Context, store *data.Store, apply func(*data.Company)) error {
	return store.InTx(ctx, func(tx *data.Store) error {
		c, err := tx.GetCompany(ctx)
		if err != nil {
			return err
		}
		apply(&c)
		return tx.UpdateCompany(ctx, &c)
	})
}
