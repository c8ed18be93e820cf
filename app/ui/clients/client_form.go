package clients

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/data"
)

var kindKeys = map[data.ClientKind]string{data.Commercial: "kind.commercial", data.Civil: "kind.civil",
	data.PublicBuyer: "kind.public", data.Consumer: "kind.consumer"}

// civilities are the contact civility choices, in the select's order.
var civilities = []string{data.CivilityNone, data.CivilityMadam, data.CivilitySir}

var languageKeys = map[string]string{"fr": "language.fr", "en": "language.en"}

// The choices of the penalty select, in order.
const (
	penaltyChoiceCompany = iota
	penaltyChoiceECB
	penaltyChoiceFixed
)

// clientForm is the client dialog: "New client" (from the client list or
// the invoice form) and "Edit client" (from a client's detail), with every
// field of a client, dunning settings included.
type clientForm struct {
	host     Host
	form     *kit.Form
	dlg      *kit.FormDialog
	opts     clientFormOptions
	original data.Client // the client edited; ID 0 for a new one
	saved    data.Client // what was stored, for onSaved
	onSaved  func(data.Client)

	name, siren, contact, email, emailCC, phone, street, postalCode, city *kit.Entry
	mobile, linkedIn                                                      *kit.Entry
	rate, pausedReason, notes                                             *kit.Entry
	kind, civility, category, scenario, language, penalty                 *kit.Select
	kindHint                                                              *widget.Label
	paused                                                                *kit.Check
	// categoryAuto: the payer grade may move the client's category; a
	// category chosen in the select clears it (chosen by hand).
	categoryAuto *kit.Check
}

// clientFormOptions are the choices the dialog offers, read from the store.
type clientFormOptions struct {
	categories []data.Category
	scenarios  []data.Scenario
	company    data.PenaltyPolicy // the company's policy, which "default" stands for
}

func loadClientFormOptions(ctx context.Context, h Host) (clientFormOptions, error) {
	var opts clientFormOptions
	company, err := h.Store().GetCompany(ctx)
	if err != nil {
		return opts, err
	}
	opts.company = company.Penalty
	if opts.categories, err = h.Store().ListCategories(ctx); err != nil {
		return opts, err
	}
	clientsSortCategories(opts.categories)
	opts.scenarios, err = h.Store().ListScenarios(ctx)
	return opts, err
}

// OpenForm shows the "New client" dialog; onSaved (may be nil) receives
// the new client once stored.
func OpenForm(h kit.Host, onSaved func(data.Client)) {
	showClientForm(h, data.Client{}, onSaved)
}

// EditForm shows the dialog on an existing client; onSaved (may be nil)
// receives the client once saved.
func EditForm(h kit.Host, c data.Client, onSaved func(data.Client)) {
	showClientForm(h, c, onSaved)
}

// showClientForm reads the categories and scenarios off the UI goroutine,
// then opens the dialog on c.
func showClientForm(h Host, c data.Client, onSaved func(data.Client)) {
	h.Async(func() {
		opts, err := loadClientFormOptions(context.Background(), h)
		fyne.Do(func() {
			if err != nil {
				h.ShowError(err)
				return
			}
			f := newClientForm(h, c, opts, onSaved)
			f.dlg.Show(f.name)
		})
	})
}

func newClientForm(h Host, c data.Client, opts clientFormOptions, onSaved func(data.Client)) *clientForm {
	f := &clientForm{host: h, form: kit.NewForm(), opts: opts, original: c, onSaved: onSaved}
	f.makeContactFields(c)
	f.makeDunningFields(c)
	f.layout()
	title := "client_form.title"
	if c.ID != 0 {
		title = "clients.edit.title"
	}
	// At most 560 high, so that the dialog fits a 1024×700 screen; the form scrolls.
	f.dlg = kit.NewFormDialog(h, title, f.form, fyne.NewSize(620, 560), f.submit, func() {
		if f.onSaved != nil {
			f.onSaved(f.saved)
		}
	})
	return f
}

// textEntry is a one-line field holding text.
func (f *clientForm) textEntry(text string) *kit.Entry {
	e := kit.NewEntry(f.host.Window())
	e.SetText(text)
	return e
}

// multiLineEntry is a field of several lines holding text.
func (f *clientForm) multiLineEntry(text string, rows int) *kit.Entry {
	e := kit.NewMultiLineEntry(f.host.Window(), rows)
	e.SetText(text)
	return e
}

func (f *clientForm) makeContactFields(c data.Client) {
	f.name, f.siren, f.contact = f.textEntry(c.Name), f.textEntry(c.SIREN), f.textEntry(c.ContactName)
	f.email, f.emailCC, f.phone = f.textEntry(c.Email), f.textEntry(c.EmailCC), f.textEntry(c.Phone)
	f.mobile, f.linkedIn = f.textEntry(c.Mobile), f.textEntry(c.LinkedIn)
	f.mobile.PlaceHolder, f.linkedIn.PlaceHolder = lang.L("contact.placeholder.mobile"), lang.L("contact.placeholder.linkedin")
	f.email.PlaceHolder = lang.L("placeholder.email")
	f.emailCC.PlaceHolder = lang.L("clients.placeholder.email_cc")
	f.street = f.multiLineEntry(c.Address.Street, 2)
	f.postalCode, f.city = f.textEntry(c.Address.PostalCode), f.textEntry(c.Address.City)
	f.postalCode.PlaceHolder, f.city.PlaceHolder = lang.L("clients.placeholder.postal_code"), lang.L("clients.placeholder.city")
	f.notes = f.multiLineEntry(c.Notes, 3)
	f.kind = kit.NewSelect(f.host.Window(), nil, nil)
	for _, k := range data.ClientKinds {
		f.kind.Options = append(f.kind.Options, clientsKindName(k))
	}
	if c.Kind == "" {
		c.Kind = data.Commercial
	}
	f.kind.SetSelected(clientsKindName(c.Kind))
	f.kindHint = clientsHint(clientsKindHint(c.Kind))
	f.civility = kit.NewSelect(f.host.Window(), nil, nil)
	for _, civ := range civilities {
		f.civility.Options = append(f.civility.Options, clientsCivilityName(civ))
	}
	f.civility.SetSelected(clientsCivilityName(c.ContactCivility))
}

// selectedKind is the debtor type chosen in the form.
func (f *clientForm) selectedKind() data.ClientKind {
	if i := f.kind.SelectedIndex(); i >= 0 {
		return data.ClientKinds[i]
	}
	return data.Commercial
}

func (f *clientForm) makeDunningFields(c data.Client) {
	f.category = kit.NewSelect(f.host.Window(), nil, nil)
	selected := 0
	for i, cat := range f.opts.categories {
		f.category.Options = append(f.category.Options, kit.CategoryName(cat.Key))
		if cat.Key == c.Category {
			selected = i
		}
	}
	f.scenario = kit.NewSelect(f.host.Window(), []string{""}, nil)
	scenario := 0
	for i, sc := range f.opts.scenarios {
		f.scenario.Options = append(f.scenario.Options, clientsScenarioName(sc))
		if sc.ID == c.ScenarioID {
			scenario = i + 1
		}
	}
	f.category.OnChanged = func(string) { f.onCategoryChanged() }
	if len(f.category.Options) > 0 {
		f.category.SetSelectedIndex(selected)
	}
	f.onCategoryChanged()
	f.scenario.SetSelectedIndex(scenario)
	f.makeCategoryAuto(c)

	f.language = kit.NewSelect(f.host.Window(), []string{clientsLanguageName("fr"), clientsLanguageName("en")}, nil)
	f.language.SetSelected(clientsLanguageName(c.Language))
	if f.language.SelectedIndex() < 0 {
		f.language.SetSelectedIndex(0)
	}
	f.makePenaltyFields(c)
	f.pausedReason = f.textEntry(c.PausedReason)
	f.pausedReason.PlaceHolder = lang.L("clients.placeholder.paused_reason")
	f.paused = kit.NewCheck(f.host.Window(), lang.L("clients.form.pause"), func(on bool) { clientsEnableIf(f.pausedReason, on) })
	f.paused.SetChecked(c.RemindersPaused)
	clientsEnableIf(f.pausedReason, c.RemindersPaused)
}

func (f *clientForm) makePenaltyFields(c data.Client) {
	f.penalty = kit.NewSelect(f.host.Window(), []string{
		lang.L("clients.penalty.company", map[string]any{"Policy": clientsPolicyText(f.opts.company)}),
		lang.L("clients.penalty.ecb_plus_10"),
		lang.L("clients.penalty.fixed"),
	}, nil)
	f.rate = f.textEntry("")
	f.rate.PlaceHolder = lang.L("clients.placeholder.rate")
	f.penalty.OnChanged = func(string) { clientsEnableIf(f.rate, f.penalty.SelectedIndex() == penaltyChoiceFixed) }
	switch c.Penalty.Kind {
	case data.PenaltyFixed:
		f.rate.SetText(clientsRateInput(c.Penalty.FixedBP))
		f.penalty.SetSelectedIndex(penaltyChoiceFixed)
	case data.PenaltyECBPlus10:
		f.penalty.SetSelectedIndex(penaltyChoiceECB)
	default:
		f.penalty.SetSelectedIndex(penaltyChoiceCompany)
	}
	f.kind.OnChanged = func(string) { f.onKindChanged() }
	f.onKindChanged()
}

// makeCategoryAuto offers the way back to a category the grade moves: a
// category the owner chooses in the select is kept whatever the grade
// (data.Client.CategoryByHand), until this is ticked again.
func (f *clientForm) makeCategoryAuto(c data.Client) {
	f.categoryAuto = kit.NewCheck(f.host.Window(), lang.L("clients.form.category_from_grade"), nil)
	f.categoryAuto.SetChecked(!c.CategoryByHand)
	f.category.OnChanged = func(string) {
		f.onCategoryChanged()
		f.categoryAuto.SetChecked(false)
	}
}

// onCategoryChanged names, in the first choice of the scenario select, the
// scenario the category gives, so that "no override" says what it means.
func (f *clientForm) onCategoryChanged() {
	name := ""
	if i := f.category.SelectedIndex(); i >= 0 {
		for _, sc := range f.opts.scenarios {
			if sc.ID == f.opts.categories[i].ScenarioID {
				name = clientsScenarioName(sc)
			}
		}
	}
	keep := f.scenario.SelectedIndex()
	f.scenario.Options[0] = lang.L("clients.form.scenario_of_category", map[string]any{"Scenario": name})
	if keep >= 0 {
		f.scenario.SetSelectedIndex(keep)
	}
	f.scenario.Refresh()
}

// onKindChanged says what the debtor type changes and disables the penalty
// choice for a consumer or a public buyer: the legal interest rate, or the
// intérêts moratoires of the public procurement code, apply whatever the
// terms of sale kit.Say.
func (f *clientForm) onKindChanged() {
	kind := f.selectedKind()
	f.kindHint.SetText(clientsKindHint(kind))
	contractual := kind == data.Commercial || kind == data.Civil
	clientsEnableIf(f.penalty, contractual)
	clientsEnableIf(f.rate, contractual && f.penalty.SelectedIndex() == penaltyChoiceFixed)
}

// clientsEnableIf greys w out unless on.
func clientsEnableIf(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

// layout puts the fields in three groups: who, how to reach them, how to
// remind them.
func (f *clientForm) layout() {
	f.form.Add("name", true, f.name)
	kind := container.NewVBox(f.kind, f.kindHint)
	if f.original.KindMigrated {
		kind.Add(&widget.Label{Text: lang.L("clients.kind_migrated"), Wrapping: fyne.TextWrapWord,
			Importance: widget.WarningImportance})
	}
	f.form.Add("kind", true, kind)
	f.form.Add("siren", false, f.siren)
	f.section("clients.section.contact")
	civilityWidth := fyne.NewSize(130, f.civility.MinSize().Height)
	f.form.Add("contact_name", false, container.NewBorder(nil, nil, container.NewGridWrap(civilityWidth, f.civility), nil, f.contact))
	f.form.Add("email", false, f.email)
	f.form.Add("email_cc", false, f.emailCC)
	f.form.Add("phone", false, f.phone)
	f.form.Add("mobile", false, f.mobile)
	f.form.Add("linkedin", false, f.linkedIn)
	f.form.Add("street", false, f.street)
	postalWidth := fyne.NewSize(110, f.postalCode.MinSize().Height)
	f.form.Add("postal_code", false, container.NewBorder(nil, nil, container.NewGridWrap(postalWidth, f.postalCode), nil, f.city))
	f.section("clients.section.dunning")
	f.form.Add("category", false, container.NewVBox(f.category, f.categoryAuto,
		clientsHint(lang.L("clients.form.category_from_grade_hint"))))
	f.form.Add("scenario", false, f.scenario)
	f.form.Add("language", false, f.language)
	f.form.Add("penalty_policy", false, f.penalty)
	f.form.Add("penalty_policy_rate", false, f.rate)
	f.form.AddLabelled("clients.form.reminders", false, container.NewVBox(f.paused, f.pausedReason))
	f.form.Add("notes", false, f.notes)
}

// section starts a group of fields with a bold title.
func (f *clientForm) section(titleKey string) {
	f.form.AddLabelled(titleKey, false, layout.NewSpacer()).Section()
}

// read returns the client as typed, or the errors of every wrong field.
func (f *clientForm) read() (data.Client, error) {
	c := f.original
	c.Name, c.SIREN, c.ContactName = f.name.Text, f.siren.Text, strings.TrimSpace(f.contact.Text)
	c.Email, c.EmailCC, c.Phone = f.email.Text, strings.TrimSpace(f.emailCC.Text), strings.TrimSpace(f.phone.Text)
	c.Mobile, c.LinkedIn = strings.TrimSpace(f.mobile.Text), strings.TrimSpace(f.linkedIn.Text)
	c.Address.Street, c.Address.PostalCode, c.Address.City = strings.TrimSpace(f.street.Text),
		strings.TrimSpace(f.postalCode.Text), strings.TrimSpace(f.city.Text)
	c.Notes = strings.TrimSpace(f.notes.Text)
	// Saving the form is the user's answer to "check the debtor type".
	c.Kind, c.KindMigrated = f.selectedKind(), false
	c.ContactCivility = civilities[max(f.civility.SelectedIndex(), 0)]
	if i := f.category.SelectedIndex(); i >= 0 {
		c.Category = f.opts.categories[i].Key
	}
	c.CategoryByHand = !f.categoryAuto.Checked
	c.ScenarioID = 0
	if i := f.scenario.SelectedIndex(); i > 0 {
		c.ScenarioID = f.opts.scenarios[i-1].ID
	}
	c.Language = data.Languages[max(f.language.SelectedIndex(), 0)]
	c.RemindersPaused = f.paused.Checked
	c.PausedReason = ""
	if c.RemindersPaused {
		c.PausedReason = strings.TrimSpace(f.pausedReason.Text)
	}
	var errs data.FieldErrors
	c.Penalty = data.PenaltyPolicy{}
	switch f.penalty.SelectedIndex() {
	case penaltyChoiceECB:
		c.Penalty.Kind = data.PenaltyECBPlus10
	case penaltyChoiceFixed:
		bp, err := clientsParseRatePercent(f.rate.Text, "penalty_policy_rate")
		errs = append(errs, data.FieldErrorsOf(err)...)
		c.Penalty = data.PenaltyPolicy{Kind: data.PenaltyFixed, FixedBP: bp}
	}
	errs = append(errs, data.FieldErrorsOf(c.Validate())...)
	if len(errs) > 0 {
		return c, errs
	}
	return c, nil
}

// submit checks the fields on the UI goroutine and returns the write.
func (f *clientForm) submit() (func(context.Context) error, error) {
	c, err := f.read()
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context) error {
		var err error
		if c.ID == 0 {
			err = f.host.Store().CreateClient(ctx, &c)
		} else {
			err = f.host.Store().EditClient(ctx, &c)
		}
		f.saved = c
		return err
	}, nil
}

// clientsRateInput prefills a rate field: 1250 -> "12,5" (or "12.5").
func clientsRateInput(bp int) string {
	s := strconv.FormatFloat(float64(bp)/100, 'f', -1, 64)
	if kit.Language() == "fr" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
