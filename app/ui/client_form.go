package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/data"
)

// clientForm is the "New client" dialog.
type clientForm struct {
	ui      *UI
	form    *form
	dlg     dialog.Dialog
	onSaved func(data.Client)

	name, siren, contact, email, phone, street, postalCode, city *widget.Entry
	kind                                                         *widget.RadioGroup
	language                                                     *widget.Select
	save                                                         *widget.Button
}

var kindKeys = map[data.ClientKind]string{data.Professional: "kind.professional", data.Consumer: "kind.consumer"}

var languageKeys = map[string]string{"fr": "language.fr", "en": "language.en"}

// openClientForm shows the dialog; onSaved (may be nil) receives the new
// client once stored.
func (u *UI) openClientForm(onSaved func(data.Client)) {
	f := newClientForm(u, onSaved)
	f.dlg.Show()
	u.win.Canvas().Focus(f.name)
}

func newClientForm(u *UI, onSaved func(data.Client)) *clientForm {
	f := &clientForm{ui: u, form: newForm(), onSaved: onSaved}
	f.name, f.siren, f.contact, f.email, f.phone = &widget.Entry{}, &widget.Entry{}, &widget.Entry{}, &widget.Entry{}, &widget.Entry{}
	f.street = &widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord}
	f.street.SetMinRowsVisible(2)
	f.postalCode, f.city = &widget.Entry{}, &widget.Entry{}
	f.email.PlaceHolder = lang.L("placeholder.email")
	f.kind = widget.NewRadioGroup([]string{lang.L(kindKeys[data.Professional]), lang.L(kindKeys[data.Consumer])}, nil)
	f.kind.Horizontal = true
	f.kind.Required = true
	f.kind.SetSelected(lang.L(kindKeys[data.Professional]))
	f.language = widget.NewSelect([]string{lang.L(languageKeys["fr"]), lang.L(languageKeys["en"])}, nil)
	f.language.SetSelected(lang.L(languageKeys["fr"]))

	f.form.add("name", true, f.name)
	f.form.add("kind", true, f.kind)
	f.form.add("siren", false, f.siren)
	f.form.add("contact_name", false, f.contact)
	f.form.add("email", false, f.email)
	f.form.add("phone", false, f.phone)
	f.form.add("street", false, f.street)
	f.form.add("postal_code", false, container.NewGridWithColumns(2, f.postalCode, f.city))
	f.form.add("language", false, f.language)

	f.save = &widget.Button{Text: lang.L("button.save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: f.onSave}
	cancel := &widget.Button{Text: lang.L("button.cancel"), Icon: theme.CancelIcon(), OnTapped: func() { f.dlg.Hide() }}
	body := container.NewBorder(nil, container.NewHBox(layoutSpacer(), cancel, f.save), nil, nil, f.form.content())
	f.dlg = dialog.NewCustomWithoutButtons(lang.L("client_form.title"), container.NewGridWrap(fyne.NewSize(560, 560), body), u.win)
	return f
}

func (f *clientForm) read() data.Client {
	c := data.Client{Name: f.name.Text, SIREN: f.siren.Text, ContactName: f.contact.Text, Email: f.email.Text,
		Phone: f.phone.Text, Address: data.Address{Street: f.street.Text, PostalCode: f.postalCode.Text, City: f.city.Text}}
	for kind, key := range kindKeys {
		if f.kind.Selected == lang.L(key) {
			c.Kind = kind
		}
	}
	for code, key := range languageKeys {
		if f.language.Selected == lang.L(key) {
			c.Language = code
		}
	}
	return c
}

func (f *clientForm) onSave() {
	c := f.read()
	if err := c.Validate(); err != nil {
		f.form.showErrors(err)
		return
	}
	f.save.Disable()
	f.ui.async(func() {
		err := f.ui.store.CreateClient(context.Background(), &c)
		fyne.Do(func() {
			f.save.Enable()
			if err != nil {
				f.form.showErrors(err)
				return
			}
			f.dlg.Hide()
			if f.onSaved != nil {
				f.onSaved(c)
			}
			f.ui.changed()
		})
	})
}

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }
