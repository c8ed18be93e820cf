package invoices

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/data"
)

// invoiceForm is the invoice dialog: "New invoice", or "Edit invoice" on an
// existing one (original.ID != 0), to correct what was typed. It stays open
// until the invoice is saved or the user cancels; refused fields show why
// under them.
type invoiceForm struct {
	host     Host
	form     *kit.Form
	dlg      *kit.FormDialog
	clients  *clientPicker
	original data.Invoice // the invoice edited; ID 0 for a new one

	number, poRef                *kit.Entry
	issue, due, delivery, amount *kit.Entry
	// remindedOn: on a new invoice, the day the owner already reminded the
	// client about it, before entering it (its next step follows from it).
	remindedOn *kit.Entry
	termsDays  int
	dueEdited  bool
}

// invoiceFormData is what the form needs from the store.
type invoiceFormData struct {
	clients   []data.Client
	termsDays int
	next      string // the number suggested for a new invoice
	locked    bool   // the invoice edited has a history: its client stays
}

// loadInvoiceFormData reads the clients (not archived ones, unless it is
// the invoice's own), the payment terms and the next number.
func loadInvoiceFormData(ctx context.Context, h Host, inv data.Invoice) (invoiceFormData, error) {
	var fd invoiceFormData
	clients, err := h.Store().ListClients(ctx)
	if err != nil {
		return fd, err
	}
	for _, c := range clients {
		if !c.Archived() || c.ID == inv.ClientID {
			fd.clients = append(fd.clients, c)
		}
	}
	company, err := h.Store().GetCompany(ctx)
	if err != nil {
		return fd, err
	}
	fd.termsDays = company.PaymentTermsDays
	if inv.ID != 0 {
		fd.locked, err = h.Store().InvoiceHasHistory(ctx, inv.ID)
		return fd, err
	}
	fd.next, err = h.Store().NextInvoiceNumber(ctx, h.Today().Year())
	return fd, err
}

// OpenForm shows the "New invoice" dialog, for the client clientID when
// not 0 (Ctrl+N on a client's page).
func OpenForm(h Host, clientID int64) {
	h.Async(func() { openInvoiceForm(context.Background(), h, clientID) })
}

// openInvoiceForm shows the "New invoice" dialog, for the client clientID
// when not 0. Called off the UI goroutine.
func openInvoiceForm(ctx context.Context, h Host, clientID int64) {
	showInvoiceForm(ctx, h, data.Invoice{ClientID: clientID})
}

// editInvoice shows the dialog on an existing invoice. Called off the UI
// goroutine.
func editInvoice(ctx context.Context, h Host, inv data.Invoice) {
	showInvoiceForm(ctx, h, inv)
}

func showInvoiceForm(ctx context.Context, h Host, inv data.Invoice) {
	fd, err := loadInvoiceFormData(ctx, h, inv)
	fyne.Do(func() {
		if err != nil {
			h.ShowError(err)
			return
		}
		f := newInvoiceForm(h, inv, fd)
		f.dlg.Show(f.number)
	})
}

func newInvoiceForm(h Host, inv data.Invoice, fd invoiceFormData) *invoiceForm {
	today := h.Today()
	f := &invoiceForm{host: h, form: kit.NewForm(), termsDays: fd.termsDays, clients: newClientPicker(h, fd.clients), original: inv}
	f.number = kit.NewEntry(h.Window())
	f.issue = kit.NewDateEntry(h.Window(), today)
	f.due = kit.NewDateEntry(h.Window(), today.AddDays(fd.termsDays))
	f.delivery = kit.NewDateEntry(h.Window(), data.Date{})
	f.amount = kit.NewMoneyEntry(h.Window())
	f.poRef = kit.NewEntry(h.Window())
	f.clients.choose(inv.ClientID)
	title := "invoice_form.title"
	if inv.ID == 0 {
		f.number.SetText(fd.next)
	} else {
		title = "invoice_form.edit_title"
		f.fill(inv)
	}
	f.issue.OnChanged = f.onIssueChanged
	f.due.OnChanged = func(string) { f.dueEdited = true }

	newClient := &widget.Button{Icon: theme.ContentAddIcon(), Importance: widget.LowImportance, OnTapped: func() {
		h.NewClient(func(c data.Client) { f.clients.add(c) })
	}}
	f.form.Add("number", true, f.number)
	client := f.form.Add("client", true, container.NewVBox(container.NewBorder(nil, nil, nil, newClient, f.clients.entry),
		f.clients.matches))
	if fd.locked {
		f.clients.entry.Disable()
		newClient.Hide()
		client.Input = container.NewVBox(client.Input, &widget.Label{Text: lang.L("invoice_form.client_locked"),
			Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance})
	}
	f.form.Add("issue_date", true, f.issue)
	f.form.Add("due_date", true, f.due)
	f.form.Add("amount", true, f.amount)
	f.form.Add("delivery_date", false, f.delivery)
	f.form.Add("po_ref", false, f.poRef)
	if inv.ID == 0 {
		f.remindedOn = kit.NewDateEntry(h.Window(), data.Date{})
		f.remindedOn.SetText("")
		f.form.Add("reminded_on", false, container.NewVBox(f.remindedOn, &widget.Label{Text: lang.L("invoice_form.reminded_hint"),
			Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}))
	}

	f.dlg = kit.NewFormDialog(h, title, f.form, fyne.NewSize(560, 560), f.submit, nil)
	f.amount.OnSubmitted = func(string) { f.dlg.OnSave() }
	return f
}

// fill puts an existing invoice in the fields; its due date is the user's
// and no longer follows the issue date.
func (f *invoiceForm) fill(inv data.Invoice) {
	f.number.SetText(inv.Number)
	f.issue.SetText(kit.InputDate(inv.IssueDate))
	f.due.SetText(kit.InputDate(inv.DueDate))
	f.delivery.SetText(kit.InputDate(inv.DeliveryDate))
	f.amount.SetText(kit.InputMoney(inv.Amount))
	f.poRef.SetText(inv.PORef)
	f.dueEdited = true
}

// onIssueChanged keeps the due date at issue + payment terms until the user
// sets the due date by hand.
func (f *invoiceForm) onIssueChanged(text string) {
	if f.dueEdited {
		return
	}
	if d, err := data.ParseDate(text); err == nil {
		f.due.SetText(kit.InputDate(d.AddDays(f.termsDays)))
		f.dueEdited = false // SetText above fired the due field's OnChanged
	}
}

// read builds the invoice from the fields, collecting every parse error.
// An edit starts from the invoice as stored, so that what the form does not
// show (its state, its PDF, its pause) is kept.
func (f *invoiceForm) read() (data.Invoice, data.FieldErrors) {
	var errs data.FieldErrors
	inv := f.original
	inv.Number, inv.PORef = f.number.Text, strings.TrimSpace(f.poRef.Text)
	var err error
	if inv.ClientID, err = f.clients.selected(); err != nil {
		errs = append(errs, data.FieldErrorsOf(err)...)
	}
	parse := func(e *kit.Entry, key string, optional bool) data.Date {
		if optional && strings.TrimSpace(e.Text) == "" {
			return data.Date{}
		}
		d, err := data.ParseDate(e.Text)
		errs = append(errs, data.FieldErrorsOf(kit.AsField(err, key))...)
		return d
	}
	inv.IssueDate = parse(f.issue, "issue_date", false)
	inv.DueDate = parse(f.due, "due_date", false)
	inv.DeliveryDate = parse(f.delivery, "delivery_date", true)
	if inv.Amount, err = data.ParseMoney(f.amount.Text); err != nil {
		errs = append(errs, data.FieldErrorsOf(kit.AsField(err, "amount"))...)
	}
	return inv, errs
}

// submit checks every field (parse errors first, then the invoice's own
// rules) and returns the write, or all the errors at once.
func (f *invoiceForm) submit() (func(context.Context) error, error) {
	inv, errs := f.read()
	if err := inv.Validate(); err != nil {
		for _, fe := range data.FieldErrorsOf(err) {
			if !slices.ContainsFunc(errs, func(e *data.FieldError) bool { return e.Field == fe.Field }) {
				errs = append(errs, fe)
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if inv.ID != 0 {
		return func(ctx context.Context) error { return f.host.Store().UpdateInvoice(ctx, &inv) }, nil
	}
	reminded := f.readRemindedOn(inv, &errs)
	if len(errs) > 0 {
		return nil, errs
	}
	return func(ctx context.Context) error { return f.host.Dunning().CreateInvoice(ctx, &inv, reminded) }, nil
}

// readRemindedOn reads "already reminded on": empty, or a day between the
// invoice's issue and today.
func (f *invoiceForm) readRemindedOn(inv data.Invoice, errs *data.FieldErrors) data.Date {
	if f.remindedOn == nil || strings.TrimSpace(f.remindedOn.Text) == "" {
		return data.Date{}
	}
	d, err := data.ParseDate(f.remindedOn.Text)
	if err != nil {
		*errs = append(*errs, data.FieldErrorsOf(kit.AsField(err, "reminded_on"))...)
		return d
	}
	if d.After(f.host.Today()) || d.Before(inv.IssueDate) {
		*errs = append(*errs, &data.FieldError{Field: "reminded_on", Reason: data.ReasonOutOfRange, Value: d.String()})
	}
	return d
}

// clientPicker is a client field: type a part of the name or the city, the
// matching clients are listed under the field as you type; tap one, or
// type enough for one to be left.
type clientPicker struct {
	entry   *kit.Entry
	matches *fyne.Container // buttons of the clients that match, hidden when none or one picked
	clients []data.Client
}

func newClientPicker(h Host, clients []data.Client) *clientPicker {
	p := &clientPicker{clients: clients, entry: kit.NewEntry(h.Window()), matches: container.NewVBox()}
	p.entry.PlaceHolder = lang.L("placeholder.client")
	p.matches.Hide()
	p.entry.OnChanged = func(string) { p.showMatches() }
	return p
}

// maxClientMatches bounds the list under the field: typing narrows it.
const maxClientMatches = 6

func clientLabel(c data.Client) string {
	if c.Address.City == "" {
		return c.Name
	}
	return fmt.Sprintf("%s (%s)", c.Name, c.Address.City)
}

// matching returns the clients whose label contains the text, first
// maxClientMatches of them.
func (p *clientPicker) matching(text string) []data.Client {
	needle := kit.Fold(strings.TrimSpace(text))
	var out []data.Client
	for _, c := range p.clients {
		if needle == "" || strings.Contains(kit.Fold(clientLabel(c)), needle) {
			out = append(out, c)
			if len(out) == maxClientMatches {
				break
			}
		}
	}
	return out
}

// showMatches lists, under the field, the clients matching what is typed;
// nothing once the text names one client exactly.
func (p *clientPicker) showMatches() {
	text := strings.TrimSpace(p.entry.Text)
	p.matches.Objects = nil
	if text != "" && !p.exact(text) {
		for _, c := range p.matching(text) {
			label := clientLabel(c)
			p.matches.Add(&widget.Button{Text: label, Icon: theme.AccountIcon(), Alignment: widget.ButtonAlignLeading,
				Importance: widget.LowImportance, OnTapped: func() { p.entry.SetText(label) }})
		}
	}
	kit.SetVisible(p.matches, len(p.matches.Objects) > 0)
	p.matches.Refresh()
}

// exact reports whether text is a client's label or name.
func (p *clientPicker) exact(text string) bool {
	return slices.ContainsFunc(p.clients, func(c data.Client) bool { return clientLabel(c) == text || c.Name == text })
}

// selected resolves the typed text to one client: its exact label, or the
// only client whose label contains it.
func (p *clientPicker) selected() (int64, error) {
	text := strings.TrimSpace(p.entry.Text)
	if text == "" {
		return 0, &data.FieldError{Field: "client", Reason: data.ReasonRequired}
	}
	var found []int64
	for _, c := range p.clients {
		label := clientLabel(c)
		if label == text || c.Name == text {
			return c.ID, nil
		}
		if strings.Contains(kit.Fold(label), kit.Fold(text)) {
			found = append(found, c.ID)
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	return 0, &data.FieldError{Field: "client", Reason: data.ReasonUnknownClient, Value: text}
}

// choose puts the client with that id in the field (none when 0).
func (p *clientPicker) choose(id int64) {
	for _, c := range p.clients {
		if c.ID == id && id != 0 {
			p.entry.SetText(clientLabel(c))
		}
	}
}

// add makes a client created from the form available and selects it.
func (p *clientPicker) add(c data.Client) {
	p.clients = append(p.clients, c)
	p.entry.SetText(clientLabel(c))
}
