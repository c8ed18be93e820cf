package settings

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/data"
)

// companySection is the Company tab: everything a letterhead needs, and
// the defaults of new invoices.
type companySection struct {
	host    kit.Host
	content fyne.CanvasObject
	form    *CompanyForm
	save    *widget.Button
	companyEdits
}

// newCompanySection lays out the letterhead in titled groups, two columns.
func newCompanySection(h kit.Host) *companySection {
	s := &companySection{host: h, companyEdits: newCompanyEdits()}
	s.form = NewCompanyForm(h, companyAllKeys, s.edited)
	s.save = &widget.Button{Text: lang.L("button.save"), Icon: theme.DocumentSaveIcon(),
		Importance: widget.HighImportance, OnTapped: s.onSave}
	g := s.form.Grid
	left := container.NewVBox(
		settingsGroup("settings.company.identity", g("legal_name", "legal_form", "capital", "siren", "rcs_city", "vat_number")),
		settingsGroup("settings.company.contact", g("street", "postal_code", "email", "phone", "accountant_email")),
		settingsGroup("settings.company.invoicing", g("payment_terms_days", "due_soon_days")))
	right := container.NewVBox(
		settingsGroup("payment.group", g(paymentOptionKeys...)),
		settingsGroup("payment.discount_group", g(earlyDiscountKeys...)),
		settingsGroup("settings.company.letters", g("logo", "signatory_name", "signatory_role", "signature")))
	s.content = settingsPage("settings.company.intro", container.NewGridWithColumns(2, left, right),
		settingsSaveBar(s.form.Form.General(), s.save, s.saved))
	return s
}

// set shows the stored company, unless the user is editing it.
func (s *companySection) set(d settingsData) {
	if !s.dirty {
		s.form.Fill(d.company)
	}
}

// onSave checks every field, then writes them over the stored company.
func (s *companySection) onSave() {
	s.form.Form.ClearErrors()
	apply, err := s.form.Read()
	if err != nil {
		s.form.Form.ShowErrors(err)
		return
	}
	s.saveInto(s.host, s.save, s.form.Form, apply)
}

// companyEdits is the edit state of a settings section that writes part
// of the company: dirty is set by an edit not yet saved, so that a reload
// (after a write in another section) does not throw the typing away;
// filling is set while the section shows the stored values, which is no
// edit; saved is the "Saved." shown until the next edit.
type companyEdits struct {
	saved          *widget.Label
	dirty, filling bool
}

func newCompanyEdits() companyEdits { return companyEdits{saved: newSavedLabel()} }

// edited marks the section as edited by the user.
func (e *companyEdits) edited() {
	if !e.filling {
		e.dirty = true
		e.saved.Hide()
	}
}

// fill runs show, which puts the stored values in the fields.
func (e *companyEdits) fill(show func()) {
	e.filling = true
	show()
	e.filling = false
}

// saveInto writes apply over the stored company off the UI goroutine, save
// disabled meanwhile; then shows the errors in f, or "Saved." and reloads.
func (e *companyEdits) saveInto(h kit.Host, save *widget.Button, f *kit.Form, apply func(*data.Company)) {
	save.Disable()
	h.Async(func() {
		err := SaveCompany(context.Background(), h.Store(), apply)
		fyne.Do(func() {
			save.Enable()
			if err != nil {
				f.ShowErrors(err)
				return
			}
			e.dirty = false
			e.saved.Show()
			h.Changed()
		})
	})
}

// SaveCompany applies a section's fields to the company as stored, in one
// transaction, so that a section never writes back another's settings.
func SaveCompany(ctx context.Context, store *data.Store, apply func(*data.Company)) error {
	return store.InTx(ctx, func(tx *data.Store) error {
		c, err := tx.GetCompany(ctx)
		if err != nil {
			return err
		}
		apply(&c)
		return tx.UpdateCompany(ctx, &c)
	})
}
