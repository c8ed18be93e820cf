package clients

import (
	"context"
	"errors"
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/dunning"
	"relance/app/payers"
	"relance/app/ui/kit"
	"relance/data"
)

// clientInvoiceRow is one invoice in a client's detail, formatted once.
type clientInvoiceRow struct {
	id                                       int64
	number, due, amount, outstanding, status string
	kind                                     data.StatusKind
}

// The columns of a client's invoice list.
const (
	clientInvColNumber = iota
	clientInvColDue
	clientInvColAmount
	clientInvColOutstanding
	clientInvColStatus
	clientInvColumnCount
)

var clientInvColumnKeys = [clientInvColumnCount]string{"column.number", "column.due_date", "column.amount",
	"column.outstanding", "column.status"}

var clientInvColumnWidths = [clientInvColumnCount]float32{112, 100, 124, 112, 214}

// clientDetailData is what the detail shows, loaded off the UI goroutine.
type clientDetailData struct {
	client               data.Client
	company              data.Company
	category             string         // its translated name
	scenario             *data.Scenario // the one that applies; nil if none
	invoices             []clientInvoiceRow
	events               []data.Event
	outstanding, overdue data.Money
	credit               data.Money // paid beyond its invoices
	history              bool       // dealings with it: archived, not deleted
	profile              *payers.Profile
}

// clientDetail is a client's page: who they are, how they are reminded,
// their invoices and their timeline.
type clientDetail struct {
	host   Host
	screen *Screen
	// content is the page; body is hidden until the client is loaded.
	content  fyne.CanvasObject
	body     fyne.CanvasObject
	paused   *fyne.Container // the banner saying reminders are paused
	archived *fyne.Container // the banner saying the client is archived

	title, subtitle, pausedBanner *widget.Label
	archivedBanner                *widget.Label
	outstanding, overdue, count   *widget.Label
	credit                        *widget.Label
	creditFigure                  fyne.CanvasObject
	contact, dunning              *widget.Form
	scenario, notes               *widget.Label
	invoiceTable                  *widget.Table
	noInvoices                    *widget.Label
	timeline                      *kit.Timeline
	edit, remove                  *widget.Button
	archive, restore              *widget.Button
	statement                     *widget.Button // the account statement (letters_client.go)

	data        clientDetailData
	invoiceRows []clientInvoiceRow
}

func newClientDetail(h Host, s *Screen) *clientDetail {
	d := &clientDetail{host: h, screen: s, timeline: kit.NewTimeline(func(rel string) { kit.OpenDataFile(h, rel) }),
		title:          &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText, Truncation: fyne.TextTruncateEllipsis},
		subtitle:       &widget.Label{Truncation: fyne.TextTruncateEllipsis},
		pausedBanner:   &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord},
		archivedBanner: &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord},
		credit:         &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.SuccessImportance},
		outstanding:    &widget.Label{TextStyle: fyne.TextStyle{Bold: true}},
		overdue:        &widget.Label{TextStyle: fyne.TextStyle{Bold: true}},
		count:          &widget.Label{TextStyle: fyne.TextStyle{Bold: true}},
		contact:        widget.NewForm(), dunning: widget.NewForm(),
		scenario: &widget.Label{Wrapping: fyne.TextWrapWord},
		notes:    &widget.Label{Wrapping: fyne.TextWrapWord},
		noInvoices: &widget.Label{Text: lang.L("clients.detail.no_invoices"), Alignment: fyne.TextAlignCenter,
			Importance: widget.LowImportance},
	}
	d.edit = &widget.Button{Text: lang.L("clients.detail.edit"), Icon: theme.DocumentCreateIcon(), OnTapped: d.onEdit}
	d.remove = &widget.Button{Text: lang.L("clients.detail.delete"), Icon: theme.DeleteIcon(), OnTapped: d.onDelete}
	d.archive = &widget.Button{Text: lang.L("clients.detail.archive"), Icon: theme.FolderIcon(), OnTapped: d.onArchive}
	d.restore = &widget.Button{Text: lang.L("clients.detail.restore"), Icon: theme.ContentUndoIcon(), OnTapped: d.onRestore}
	d.statement = &widget.Button{Text: lang.L("letters.client.statement"), Icon: theme.DocumentPrintIcon(), OnTapped: d.onStatement}
	d.makeInvoiceTable()
	d.makePage()
	return d
}

func (d *clientDetail) makePage() {
	back := &widget.Button{Text: lang.L("clients.detail.back"), Icon: theme.NavigateBackIcon(),
		Importance: widget.LowImportance, OnTapped: d.screen.closeDetail}
	d.creditFigure = clientsFigure("clients.detail.credit", d.credit)
	figures := container.NewHBox(
		clientsFigure("clients.detail.outstanding", d.outstanding),
		clientsFigure("clients.detail.overdue", d.overdue),
		d.creditFigure,
		clientsFigure("clients.detail.invoices", d.count))
	// The buttons wrap under the figures rather than widening the window.
	buttons := container.New(kit.NewWrapLayout(), d.statement, d.edit, d.remove, d.archive, d.restore)
	header := container.NewBorder(nil, buttons, container.NewCenter(back), figures, container.NewVBox(d.title, d.subtitle))
	d.paused = container.NewBorder(nil, nil, widget.NewIcon(clientsPausedIcon()), nil, d.pausedBanner)
	d.paused.Hide()
	d.archived = container.NewBorder(nil, nil, widget.NewIcon(theme.NewWarningThemedResource(theme.FolderIcon())), nil,
		d.archivedBanner)
	d.archived.Hide()
	left := container.NewVScroll(container.NewVBox(
		clientsSectionTitle("clients.detail.contact"), d.contact, widget.NewSeparator(),
		clientsSectionTitle("clients.detail.dunning"), d.dunning, widget.NewSeparator(),
		clientsSectionTitle("clients.detail.notes"), d.notes))
	invoices := container.NewBorder(clientsSectionTitle("clients.detail.invoices_title"), nil, nil, nil,
		container.NewStack(d.invoiceTable, container.NewCenter(d.noInvoices)))
	history := container.NewBorder(clientsSectionTitle("clients.detail.timeline"), nil, nil, nil, d.timeline.List())
	right := container.NewVSplit(invoices, history)
	right.Offset = 0.55
	split := container.NewHSplit(left, right)
	split.Offset = 0.37
	d.body = container.NewBorder(container.NewVBox(d.archived, d.paused, widget.NewSeparator()), nil, nil, nil, split)
	d.content = container.NewBorder(container.NewPadded(header), nil, nil, nil, container.NewPadded(d.body))
}

// clientsSectionTitle is the bold title of a part of the detail.
func clientsSectionTitle(key string) *widget.Label {
	return &widget.Label{Text: lang.L(key), TextStyle: fyne.TextStyle{Bold: true}}
}

// clientsFigure is a total with its caption above it.
func clientsFigure(captionKey string, value *widget.Label) fyne.CanvasObject {
	caption := &widget.Label{Text: lang.L(captionKey), SizeName: theme.SizeNameCaptionText, Alignment: fyne.TextAlignTrailing}
	value.Alignment = fyne.TextAlignTrailing
	return container.NewVBox(caption, value)
}

func (d *clientDetail) makeInvoiceTable() {
	d.invoiceTable = &widget.Table{
		Length:        func() (int, int) { return len(d.invoiceRows), clientInvColumnCount },
		CreateCell:    newClientInvoiceCell,
		UpdateCell:    d.updateInvoiceCell,
		ShowHeaderRow: true,
		CreateHeader:  func() fyne.CanvasObject { return &widget.Label{TextStyle: fyne.TextStyle{Bold: true}} },
		UpdateHeader: func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Col >= 0 {
				l := o.(*widget.Label)
				l.Text, l.Alignment = lang.L(clientInvColumnKeys[id.Col]), fyne.TextAlignLeading
				if id.Col == clientInvColAmount || id.Col == clientInvColOutstanding {
					l.Alignment = fyne.TextAlignTrailing
				}
				l.Refresh()
			}
		},
		OnSelected: d.onInvoiceSelected,
	}
	d.invoiceTable.ExtendBaseWidget(d.invoiceTable)
	for col, w := range clientInvColumnWidths {
		d.invoiceTable.SetColumnWidth(col, w)
	}
}

// newClientInvoiceCell is a cell template: a status dot (status column
// only) and a label.
func newClientInvoiceCell() fyne.CanvasObject {
	dot := canvas.NewRectangle(color.Transparent)
	dot.SetMinSize(fyne.NewSize(10, 10))
	dot.CornerRadius = 5
	return container.NewBorder(nil, nil, container.NewCenter(dot), nil, &widget.Label{Truncation: fyne.TextTruncateEllipsis})
}

func (d *clientDetail) updateInvoiceCell(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row >= len(d.invoiceRows) {
		return
	}
	cell := o.(*fyne.Container)
	label, dotBox := cell.Objects[0].(*widget.Label), cell.Objects[1].(*fyne.Container)
	row := &d.invoiceRows[id.Row]
	text, align, importance := "", fyne.TextAlignLeading, widget.MediumImportance
	dotBox.Hide()
	switch id.Col {
	case clientInvColNumber:
		text = row.number
	case clientInvColDue:
		text = row.due
	case clientInvColAmount:
		text, align = row.amount, fyne.TextAlignTrailing
	case clientInvColOutstanding:
		text, align = row.outstanding, fyne.TextAlignTrailing
	case clientInvColStatus:
		text, importance = row.status, kit.StatusImportance(row.kind)
		dot := dotBox.Objects[0].(*canvas.Rectangle)
		dot.FillColor = theme.Color(kit.StatusColorName(row.kind))
		dot.Refresh()
		dotBox.Show()
	}
	if label.Text != text || label.Alignment != align || label.Importance != importance {
		label.Text, label.Alignment, label.Importance = text, align, importance
		label.Refresh()
	}
}

// onInvoiceSelected opens the invoice of the selected line.
func (d *clientDetail) onInvoiceSelected(id widget.TableCellID) {
	d.invoiceTable.UnselectAll()
	if id.Row >= 0 && id.Row < len(d.invoiceRows) {
		d.openInvoice(d.invoiceRows[id.Row].id)
	}
}

// openInvoice shows one of the client's invoices in the invoice screen.
func (d *clientDetail) openInvoice(id int64) {
	d.host.OpenInvoice(id)
}

// load reads everything the detail shows. It runs off the UI goroutine.
func (d *clientDetail) load(ctx context.Context, id int64) (clientDetailData, error) {
	var dd clientDetailData
	var err error
	store := d.host.Store()
	if dd.client, err = store.GetClient(ctx, id); err != nil {
		return dd, err
	}
	if dd.company, err = store.GetCompany(ctx); err != nil {
		return dd, err
	}
	if err = d.loadScenario(ctx, &dd); err != nil {
		return dd, err
	}
	invoices, err := store.ListInvoiceSummariesByClient(ctx, id)
	if err != nil {
		return dd, err
	}
	d.fillInvoices(&dd, invoices)
	if dd.history, err = store.ClientHasHistory(ctx, id); err != nil {
		return dd, err
	}
	book, err := store.LoadPayerBook(ctx, id)
	if err != nil {
		return dd, err
	}
	dd.profile = payers.Of(payers.Make(book, d.host.Today()), id)
	dd.events, err = store.ListEventsByClient(ctx, id)
	return dd, err
}

func (d *clientDetail) loadScenario(ctx context.Context, dd *clientDetailData) error {
	scenarios, err := d.host.Store().ListScenarios(ctx)
	if err != nil {
		return err
	}
	categories, err := d.host.Store().ListCategories(ctx)
	if err != nil {
		return err
	}
	dd.category = kit.CategoryName(dd.client.Category)
	dd.scenario = dunning.ScenarioFor(&dd.client, scenarios, categories)
	return nil
}

// fillInvoices formats the client's invoices and totals them the way the
// client list does (written-off invoices left out).
func (d *clientDetail) fillInvoices(dd *clientDetailData, invoices []data.InvoiceSummary) {
	today := d.host.Today()
	dd.invoices = make([]clientInvoiceRow, len(invoices))
	for i := range invoices {
		inv := &invoices[i]
		st := inv.Status(today, dd.company.DueSoonDays)
		dd.invoices[i] = clientInvoiceRow{id: inv.ID, number: inv.Number, due: kit.Date(inv.DueDate),
			amount: kit.Money(inv.Amount), outstanding: clientsAmount(st.Outstanding), status: kit.StatusText(st), kind: st.Kind}
		dd.credit += st.Overpaid
		if !st.Open() {
			continue
		}
		dd.outstanding += st.Outstanding
		if st.Overdue() {
			dd.overdue += st.Outstanding
		}
	}
}

// clear empties the page while a client loads, so that the previous one
// never shows under the new one's name.
func (d *clientDetail) clear() {
	d.data = clientDetailData{}
	d.title.SetText("")
	d.subtitle.SetText("")
	d.body.Hide()
	d.edit.Disable()
	for _, b := range []*widget.Button{d.remove, d.archive, d.restore} {
		b.Hide()
	}
}

// loaded shows what load read, or the error; a client deleted meanwhile
// sends back to the list.
func (d *clientDetail) loaded(dd clientDetailData, err error) {
	if err != nil {
		if errors.Is(err, data.ErrNotFound) {
			d.screen.closeDetail()
		}
		d.host.ShowError(err)
		return
	}
	d.data = dd
	d.setStatementButton()
	c := dd.client
	d.title.SetText(c.Name)
	d.subtitle.SetText(clientsKindName(c.Kind) + " · " + dd.category)
	d.pausedBanner.SetText(clientsPausedText(c))
	d.paused.Hidden = !c.RemindersPaused
	d.archivedBanner.SetText(lang.L("clients.detail.archived", map[string]any{"Date": kit.Date(data.DateOf(c.ArchivedAt.Local()))}))
	d.archived.Hidden = !c.Archived()
	d.credit.SetText(kit.Money(dd.credit))
	d.creditFigure.(*fyne.Container).Hidden = dd.credit == 0
	d.outstanding.SetText(kit.Money(dd.outstanding))
	d.overdue.SetText(kit.Money(dd.overdue))
	d.overdue.Importance = widget.MediumImportance
	if dd.overdue > 0 {
		d.overdue.Importance = widget.DangerImportance
	}
	d.count.SetText(strconv.Itoa(len(dd.invoices)))
	d.fillContact(c)
	d.fillDunning(dd)
	d.notes.SetText(clientsOrDash(c.Notes))
	d.invoiceRows = dd.invoices
	d.noInvoices.Hidden = len(dd.invoices) > 0
	d.invoiceTable.Refresh()
	d.invoiceTable.ScrollToTop()
	d.timeline.Set(dd.events)
	d.edit.Enable()
	// Delete what was typed by mistake; archive a client with a history.
	clientsSetVisible(d.remove, !dd.history)
	clientsSetVisible(d.archive, dd.history && !c.Archived())
	clientsSetVisible(d.restore, c.Archived())
	d.body.Show()
	d.content.Refresh()
}

// clientsPausedText says that a client's reminders are paused, and why.
func clientsPausedText(c data.Client) string {
	if c.PausedReason == "" {
		return lang.L("clients.detail.paused")
	}
	return lang.L("clients.detail.paused_because", map[string]any{"Reason": c.PausedReason})
}

func (d *clientDetail) fillContact(c data.Client) {
	d.contact.Items = nil
	for _, row := range [][2]string{
		{"field.contact_name", c.ContactName},
		{"field.email", c.Email},
		{"field.email_cc", c.EmailCC},
		{"field.phone", c.Phone},
		{"field.mobile", c.Mobile},
		{"field.linkedin", c.LinkedIn},
		{"clients.detail.address", strings.Join(c.Address.Lines(), "\n")},
		{"field.siren", c.SIREN},
	} {
		d.contact.Append(lang.L(row[0]), clientsValue(row[1]))
	}
	d.contact.Refresh()
}

func (d *clientDetail) fillDunning(dd clientDetailData) {
	c := dd.client
	d.scenario.SetText(clientsScenarioText(dd))
	steps := ""
	if dd.scenario != nil {
		steps = clientsScenarioSteps(*dd.scenario)
	}
	reminders := clientsValue(lang.L("clients.detail.active"))
	if c.RemindersPaused {
		reminders = &widget.Label{Text: clientsPausedText(c), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	}
	d.dunning.Items = nil
	d.dunning.Append(lang.L("field.kind"), container.NewVBox(clientsValue(clientsKindName(c.Kind)), clientsHint(clientsKindHint(c.Kind))))
	d.dunning.Append(lang.L("field.category"), clientsValue(dd.category))
	d.dunning.Append(lang.L("field.scenario"), container.NewVBox(d.scenario, clientsHint(steps)))
	d.dunning.Append(lang.L("field.language"), clientsValue(clientsLanguageName(c.Language)))
	d.dunning.Append(lang.L("field.penalty_policy"), clientsValue(clientsPenaltyText(c, dd.company.Penalty)))
	d.dunning.Append(lang.L("clients.detail.reminders"), reminders)
	if p := dd.profile; p != nil {
		d.dunning.Append(lang.L("clients.detail.habits"), clientsHabits(p))
	}
	d.dunning.Refresh()
}

// clientsHabits says how a client pays: its grade, and why, coloured by
// the risk (D and E in red, C in orange).
func clientsHabits(p *payers.Profile) *widget.Label {
	text := kit.Say.PayerReasons(p)
	if p.Grade != "" {
		text = lang.L("clients.detail.grade", map[string]any{"Grade": string(p.Grade), "Reasons": text})
	}
	return &widget.Label{Text: text, Wrapping: fyne.TextWrapWord, Importance: clientsGradeImportance(p.Grade)}
}

// clientsScenarioText names the scenario that applies and where it comes
// from: the client's own choice or its category.
func clientsScenarioText(dd clientDetailData) string {
	if dd.scenario == nil {
		return lang.L("clients.detail.no_scenario")
	}
	name := clientsScenarioName(*dd.scenario)
	if dd.client.ScenarioID != 0 && dd.client.ScenarioID == dd.scenario.ID {
		return lang.L("clients.detail.scenario_override", map[string]any{"Scenario": name})
	}
	return lang.L("clients.detail.scenario_of_category", map[string]any{"Scenario": name})
}

// clientsValue is a value of the detail; a dash when empty.
func clientsValue(text string) *widget.Label {
	return &widget.Label{Text: clientsOrDash(text), Wrapping: fyne.TextWrapWord}
}

// clientsHint is a line of explanation under a value.
func clientsHint(text string) *widget.Label {
	l := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}}
	l.Hidden = text == ""
	return l
}

func clientsOrDash(text string) string {
	if strings.TrimSpace(text) == "" {
		return "—"
	}
	return text
}

// onEdit opens the client dialog on the client shown; the screen reloads
// once it is saved.
func (d *clientDetail) onEdit() {
	if d.data.client.ID != 0 {
		EditForm(d.host, d.data.client, nil)
	}
}

// onDelete deletes the client shown, typed by mistake, after
// confirmation; one with a history is archived instead (its button shows
// then), and the store refuses to delete it anyway.
func (d *clientDetail) onDelete() {
	c := d.data.client
	if c.ID == 0 {
		return
	}
	confirm := dialog.NewCustomConfirm(lang.L("clients.delete.title"), lang.L("clients.delete.confirm"), lang.L("button.cancel"),
		widget.NewLabel(lang.L("clients.delete.question", map[string]any{"Name": c.Name})),
		func(ok bool) {
			if ok {
				d.deleteClient(c.ID)
			}
		}, d.host.Window())
	d.host.Track(confirm)
	confirm.Show()
}

func (d *clientDetail) deleteClient(id int64) {
	d.host.Async(func() {
		err := d.host.Store().DeleteClient(context.Background(), id)
		fyne.Do(func() {
			switch {
			case errors.Is(err, data.ErrInUse):
				d.refuseDelete(lang.L("clients.delete.has_history"))
			case err != nil:
				d.host.ShowError(err)
			default:
				d.screen.closeDetail()
				d.host.Changed()
			}
		})
	})
}

func (d *clientDetail) refuseDelete(message string) {
	info := dialog.NewInformation(lang.L("clients.delete.refused_title"), message, d.host.Window())
	d.host.Track(info)
	info.Show()
}

// onArchive archives the client shown, with why (optional): it leaves the
// lists and its invoices are no longer reminded, until restored.
func (d *clientDetail) onArchive() {
	id := d.data.client.ID
	kit.AskReason(d.host, "clients.archive.title", "clients.archive.reason", false, func(ctx context.Context, reason string) error {
		return d.host.Store().ArchiveClient(ctx, id, strings.TrimSpace(reason))
	})
}

// onRestore brings an archived client back into the lists and reminders.
func (d *clientDetail) onRestore() {
	c := d.data.client
	kit.Confirm(d.host, "clients.restore.title", "clients.restore.question", map[string]any{"Name": c.Name},
		func(ctx context.Context) error { return d.host.Store().RestoreClient(ctx, c.ID) })
}
