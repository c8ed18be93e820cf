package settings

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/data"
)

// companyField is one input of the company form: how it shows the stored
// company, and how it reads what was typed into a setter to apply to the
// company read again at save time (so that a form writes only its fields).
type companyField struct {
	key   string
	input fyne.CanvasObject
	fill  func(data.Company)
	read  func() (func(*data.Company), error)
}

// CompanyForm is the letterhead form, shared by the Company section of the
// settings (every field) and the first step of the onboarding (the
// essential ones).
type CompanyForm struct {
	host    kit.Host
	Form    *kit.Form
	fields  []companyField
	filling bool
	// base is the company last shown: read checks what was typed on it, so
	// that every wrong field is reported at once, before any write.
	base data.Company
	// onEdit runs when the user changes a field (not when fill does).
	onEdit          func()
	logo, signature *companyImage
}

// Company form field keys, in the order of the full form.
var (
	companyAllKeys = []string{"legal_name", "legal_form", "capital", "siren", "rcs_city", "vat_number",
		"street", "postal_code", "email", "phone", "accountant_email", "iban", "bic",
		"payment_link_pattern", "cheque_payee", "cheque_address", "direct_debit_text",
		"logo", "signatory_name", "signatory_role", "signature", "payment_terms_days", "due_soon_days",
		"early_discount_rate", "early_discount_days"}
	// CompanyEssentialKeys are what the onboarding asks for: what a
	// letterhead and a formal notice cannot do without.
	CompanyEssentialKeys = []string{"legal_name", "legal_form", "siren", "street", "postal_code",
		"email", "phone", "iban", "logo", "signatory_name", "signatory_role"}
)

// legalForms are offered in the legal form field, which also takes any text.
var legalForms = []string{"EI", "EURL", "SARL", "SAS", "SASU", "SA", "SCI", "SNC", "SELARL"}

// NewCompanyForm builds the form with the fields of keys.
func NewCompanyForm(h kit.Host, keys []string, onEdit func()) *CompanyForm {
	f := &CompanyForm{host: h, Form: kit.NewForm(), onEdit: onEdit, base: data.DefaultCompany()}
	all := f.allFields()
	for _, key := range keys {
		for _, cf := range all {
			if cf.key == key {
				f.fields = append(f.fields, cf)
				f.Form.Add(key, key == "legal_name", cf.input)
			}
		}
	}
	// An error goes as soon as its field is corrected, as in the dialogs.
	f.Form.Watch(func() error {
		_, err := f.Read()
		return err
	})
	return f
}

// allFields builds every input; NewCompanyForm keeps those it was asked for.
func (f *CompanyForm) allFields() []companyField {
	f.logo = newCompanyImage(f.host, "logo", func(err error) { f.imageChanged("logo", err) })
	f.signature = newCompanyImage(f.host, "signature", func(err error) { f.imageChanged("signature", err) })
	return append([]companyField{
		f.text("legal_name", "", func(c *data.Company) *string { return &c.LegalName }),
		f.legalForm(),
		f.capital(),
		f.text("siren", "", func(c *data.Company) *string { return &c.SIREN }),
		f.text("rcs_city", lang.L("settings.company.rcs_city_hint"), func(c *data.Company) *string { return &c.RCSCity }),
		f.text("vat_number", "", func(c *data.Company) *string { return &c.VATNumber }),
		f.street(),
		f.postalCode(),
		f.text("email", lang.L("settings.company.email_placeholder"), func(c *data.Company) *string { return &c.Email }),
		f.text("phone", "", func(c *data.Company) *string { return &c.Phone }),
		f.text("accountant_email", lang.L("mail.accountant.to_placeholder"), func(c *data.Company) *string { return &c.AccountantEmail }),
		f.iban(),
		f.text("bic", "", func(c *data.Company) *string { return &c.BIC }),
		f.image("logo", f.logo, func(c *data.Company) *[]byte { return &c.Logo }),
		f.text("signatory_name", "", func(c *data.Company) *string { return &c.SignatoryName }),
		f.text("signatory_role", lang.L("settings.company.role_placeholder"), func(c *data.Company) *string { return &c.SignatoryRole }),
		f.image("signature", f.signature, func(c *data.Company) *[]byte { return &c.Signature }),
		f.days("payment_terms_days", "settings.company.terms_hint", func(c *data.Company) *int { return &c.PaymentTermsDays }),
		f.days("due_soon_days", "settings.company.due_soon_hint", func(c *data.Company) *int { return &c.DueSoonDays }),
	}, f.paymentFields()...)
}

// entry is a text field that tells the form it was edited.
func (f *CompanyForm) entry(placeholder string) *kit.Entry {
	e := kit.NewEntry(f.host.Window())
	e.PlaceHolder = placeholder
	e.OnChanged = func(string) { f.edited() }
	return e
}

// edited reports a change made by the user, not by fill.
func (f *CompanyForm) edited() {
	if !f.filling && f.onEdit != nil {
		f.onEdit()
	}
}

// text is a one-line field of the company (the legal name is required).
func (f *CompanyForm) text(key, placeholder string, ptr func(*data.Company) *string) companyField {
	e := f.entry(placeholder)
	return companyField{key: key, input: e,
		fill: func(c data.Company) { e.SetText(*ptr(&c)) },
		read: func() (func(*data.Company), error) {
			v := strings.TrimSpace(e.Text)
			if key == "legal_name" && v == "" {
				return nil, kit.RequiredError(key)
			}
			return func(c *data.Company) { *ptr(c) = v }, nil
		}}
}

// iban shows the IBAN in groups of four, as printed on a RIB; the store
// keeps it without spaces.
func (f *CompanyForm) iban() companyField {
	e := f.entry("FR76 …")
	return companyField{key: "iban", input: e,
		fill: func(c data.Company) { e.SetText(data.GroupIBAN(c.IBAN)) },
		read: func() (func(*data.Company), error) {
			v := strings.TrimSpace(e.Text)
			return func(c *data.Company) { c.IBAN = v }, nil
		}}
}

// legalForm offers the usual legal forms and takes any other.
func (f *CompanyForm) legalForm() companyField {
	e := kit.NewSelectEntry(f.host.Window(), legalForms)
	e.OnChanged = func(string) { f.edited() }
	return companyField{key: "legal_form", input: e,
		fill: func(c data.Company) { e.SetText(c.LegalForm) },
		read: func() (func(*data.Company), error) {
			v := strings.TrimSpace(e.Text)
			return func(c *data.Company) { c.LegalForm = v }, nil
		}}
}

// capital is the share capital, an amount (empty: none).
func (f *CompanyForm) capital() companyField {
	e := f.entry(lang.L("placeholder.amount"))
	return companyField{key: "capital", input: e,
		fill: func(c data.Company) { e.SetText(moneyInput(c.Capital)) }, // "10 000,00 €" reads back
		read: func() (func(*data.Company), error) {
			var m data.Money
			if strings.TrimSpace(e.Text) != "" {
				var err error
				if m, err = data.ParseMoney(e.Text); err != nil {
					return nil, kit.AsField(err, "capital")
				}
			}
			return func(c *data.Company) { c.Capital = m }, nil
		}}
}

// moneyInput prefills an amount field: nothing for zero, else the amount
// as the user's language writes it, which data.ParseMoney reads back.
func moneyInput(m data.Money) string {
	if m == 0 {
		return ""
	}
	return kit.Money(m)
}

// street is the address lines above the postcode.
func (f *CompanyForm) street() companyField {
	e := f.entry("")
	e.MultiLine, e.Wrapping = true, fyne.TextWrapWord
	e.SetMinRowsVisible(2)
	return companyField{key: "street", input: e,
		fill: func(c data.Company) { e.SetText(c.Address.Street) },
		read: func() (func(*data.Company), error) {
			v := strings.TrimSpace(e.Text)
			return func(c *data.Company) { c.Address.Street = v }, nil
		}}
}

// postalCode is the postcode and the city, side by side as on an envelope.
func (f *CompanyForm) postalCode() companyField {
	code, city := f.entry(""), f.entry("")
	left := container.NewGridWrap(fyne.NewSize(90, code.MinSize().Height), code)
	input := container.NewBorder(nil, nil, left, nil, city)
	return companyField{key: "postal_code", input: input,
		fill: func(c data.Company) { code.SetText(c.Address.PostalCode); city.SetText(c.Address.City) },
		read: func() (func(*data.Company), error) {
			pc, ct := strings.TrimSpace(code.Text), strings.TrimSpace(city.Text)
			return func(c *data.Company) { c.Address.PostalCode, c.Address.City = pc, ct }, nil
		}}
}

// days is a number of days, with what it is for under it.
func (f *CompanyForm) days(key, hintKey string, ptr func(*data.Company) *int) companyField {
	e := f.entry("")
	unit := widget.NewLabel(lang.L("settings.days_unit"))
	hint := &widget.Label{Text: lang.L(hintKey), Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
	input := container.NewVBox(container.NewHBox(container.NewGridWrap(fyne.NewSize(80, e.MinSize().Height), e), unit), hint)
	return companyField{key: key, input: input,
		fill: func(c data.Company) { e.SetText(strconv.Itoa(*ptr(&c))) },
		read: func() (func(*data.Company), error) {
			n, err := parseDays(key, e.Text, 0)
			if err != nil {
				return nil, err
			}
			return func(c *data.Company) { *ptr(c) = n }, nil
		}}
}

// image is the logo or the signature.
func (f *CompanyForm) image(key string, ci *companyImage, ptr func(*data.Company) *[]byte) companyField {
	return companyField{key: key, input: ci.content,
		fill: func(c data.Company) { ci.set(*ptr(&c)) },
		read: func() (func(*data.Company), error) {
			img := ci.bytes
			return func(c *data.Company) { *ptr(c) = img }, nil
		}}
}

// imageChanged shows a refused file under its field, or counts a picked or
// removed image as an edit.
func (f *CompanyForm) imageChanged(key string, err error) {
	ff := f.Form.Field(key)
	if ff == nil {
		return
	}
	if err != nil {
		if fes := data.FieldErrorsOf(err); len(fes) > 0 {
			kit.SetError(ff.Err, kit.FieldMessage(fes[0]))
		} else {
			kit.SetError(ff.Err, kit.ErrorSentence(err))
		}
		return
	}
	kit.SetError(ff.Err, "")
	f.edited()
}

// Fill shows the stored company.
func (f *CompanyForm) Fill(c data.Company) {
	f.filling = true
	defer func() { f.filling = false }()
	f.base = c
	for _, cf := range f.fields {
		cf.fill(c)
	}
	f.Form.ClearErrors()
}

// Read checks what was typed and returns the setter that writes it onto a
// company; every refused field is reported at once.
func (f *CompanyForm) Read() (func(*data.Company), error) {
	var setters []func(*data.Company)
	var errs data.FieldErrors
	for _, cf := range f.fields {
		set, err := cf.read()
		if err != nil {
			if fes := data.FieldErrorsOf(err); len(fes) > 0 {
				errs = append(errs, fes...)
				continue
			}
			return nil, err
		}
		setters = append(setters, set)
	}
	apply := func(c *data.Company) {
		for _, set := range setters {
			set(c)
		}
	}
	draft := f.base
	apply(&draft)
	for _, fe := range data.FieldErrorsOf(draft.Validate()) {
		known := slices.ContainsFunc(errs, func(e *data.FieldError) bool { return e.Field == fe.Field })
		if !known && f.Form.Field(fe.Field) != nil {
			errs = append(errs, fe)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return apply, nil
}

// Grid lays out the fields of keys that the form has.
func (f *CompanyForm) Grid(keys ...string) *fyne.Container {
	return settingsGrid(f.Form, keys...)
}

// settingsGrid lays out some fields of a form, label beside input with the
// error under the input, as form.content does for all of them; the settings
// split one form into several titled groups, whose labels line up.
func settingsGrid(f *kit.Form, keys ...string) *fyne.Container {
	grid := container.New(&settingsFormLayout{labelWidth: settingsLabelWidth})
	for _, key := range keys {
		if ff := f.Field(key); ff != nil {
			grid.Add(ff.Label)
			grid.Add(container.NewVBox(ff.Input, ff.Err))
		}
	}
	return grid
}

// settingsLabelWidth is the least width of the label column of the
// settings' forms, so that the groups of a column line up.
const settingsLabelWidth = 165

// settingsFormLayout is Fyne's form layout (label, input, label, input...)
// with a label column of at least labelWidth.
type settingsFormLayout struct{ labelWidth float32 }

// columns returns the label column's width and each row's height.
func (l *settingsFormLayout) columns(objects []fyne.CanvasObject) (float32, []float32) {
	labelWidth := l.labelWidth
	var heights []float32
	for i := 0; i+1 < len(objects); i += 2 {
		labelWidth = max(labelWidth, objects[i].MinSize().Width)
		heights = append(heights, max(objects[i].MinSize().Height, objects[i+1].MinSize().Height))
	}
	return labelWidth, heights
}

// Layout puts each label at the top left of its row and its input beside it.
func (l *settingsFormLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	labelWidth, heights := l.columns(objects)
	pad := theme.Padding()
	y := float32(0)
	for row, h := range heights {
		label, input := objects[2*row], objects[2*row+1]
		label.Move(fyne.NewPos(0, y))
		label.Resize(fyne.NewSize(labelWidth, label.MinSize().Height))
		input.Move(fyne.NewPos(labelWidth+pad, y))
		input.Resize(fyne.NewSize(size.Width-labelWidth-pad, h))
		y += h + pad
	}
}

// MinSize is the label column, the widest input and every row.
func (l *settingsFormLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	labelWidth, heights := l.columns(objects)
	var inputWidth, height float32
	for i := 1; i < len(objects); i += 2 {
		inputWidth = max(inputWidth, objects[i].MinSize().Width)
	}
	for _, h := range heights {
		height += h
	}
	if n := len(heights); n > 1 {
		height += float32(n-1) * theme.Padding()
	}
	return fyne.NewSize(labelWidth+theme.Padding()+inputWidth, height)
}
