package clients

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/payers"
	"relance/app/ui/kit"
	"relance/data"
)

// clientsRow is one line of the client list, made once when loaded so that
// a search is a substring test; the amounts are written when a cell shows
// them (a few dozen on screen, where the rows are thousands).
type clientsRow struct {
	id                   int64
	name, city, category string
	invoices             string
	outstanding, overdue data.Money
	grade                payers.Grade // kept by the day's grading
	paused               bool
	archived             bool   // shown only when asked (showArchived)
	sortName             string // the name folded, to sort by
	search               string // name, city, contact and e-mails, folded
}

// The list's columns, in order.
const (
	clientsColName = iota
	clientsColCity
	clientsColCategory
	clientsColGrade
	clientsColInvoices
	clientsColOutstanding
	clientsColOverdue
	clientsColumnCount
)

var clientsColumnKeys = [clientsColumnCount]string{"clients.column.name", "clients.column.city",
	"clients.column.category", "clients.column.grade", "clients.column.invoices", "column.outstanding", "clients.column.overdue"}

var clientsColumnWidths = [clientsColumnCount]float32{290, 160, 130, 80, 90, 145, 145}

// The orders the list can be sorted in, as offered by the sort select.
const (
	clientsSortName = iota
	clientsSortOutstanding
	clientsSortOverdue
	clientsSortGrade
	clientsSortCount
)

// Screen lists the clients with what they owe, and shows one
// client's detail in place of the list.
type Screen struct {
	host     Host
	content  *fyne.Container // the list page or the detail page
	listPage fyne.CanvasObject
	table    *widget.Table
	search   *kit.Entry
	sortBy   *widget.Select
	// showArchived puts the archived clients, left out by default, back
	// in the list, where they can be opened and restored.
	showArchived *widget.Check
	summary      *widget.Label
	empty        *widget.Label
	legend       fyne.CanvasObject
	detail       *clientDetail

	all  []clientsRow  // as loaded, by name
	rows []*clientsRow // shown: matching the search, in the chosen order
	// orders holds, per sort, the indexes of all in that order: computed
	// once per load, so that a key typed in the search costs a filter, not
	// a sort (10,000 clients sort in about 10 ms).
	orders [clientsSortCount][]int

	// openID is the client whose detail is shown (0: the list). update
	// reads it off the UI goroutine to reload the detail too.
	openID atomic.Int64
}

func New(h Host) *Screen {
	s := &Screen{host: h, summary: widget.NewLabel("")}
	s.table = &widget.Table{
		Length:        func() (int, int) { return len(s.rows), clientsColumnCount },
		CreateCell:    newClientsCell,
		UpdateCell:    s.updateCell,
		ShowHeaderRow: true,
		CreateHeader:  func() fyne.CanvasObject { return newClientsHeader(s) },
		UpdateHeader:  func(id widget.TableCellID, o fyne.CanvasObject) { o.(*clientsHeader).set(id.Col) },
		OnSelected:    s.onSelected,
	}
	s.table.ExtendBaseWidget(s.table)
	for col, w := range clientsColumnWidths {
		s.table.SetColumnWidth(col, w)
	}
	s.search = kit.NewEntry(h.Window())
	s.search.PlaceHolder, s.search.OnChanged = lang.L("clients.search"), func(string) { s.apply() }
	s.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	s.sortBy = widget.NewSelect([]string{lang.L("clients.sort.name"), lang.L("clients.sort.outstanding"),
		lang.L("clients.sort.overdue"), lang.L("clients.sort.grade")}, nil)
	s.sortBy.SetSelectedIndex(clientsSortName)
	s.sortBy.OnChanged = func(string) { s.apply() }
	s.showArchived = widget.NewCheck(lang.L("clients.show_archived"), func(bool) { s.apply() })
	s.empty = &widget.Label{Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord}
	s.empty.Hide()
	s.detail = newClientDetail(h, s)
	s.listPage = s.makeListPage()
	s.content = container.NewStack(s.listPage)
	return s
}

func (s *Screen) makeListPage() fyne.CanvasObject {
	title := &widget.Label{Text: lang.L("clients.title"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText}
	newClient := &widget.Button{Text: lang.L("button.new_client"), Icon: theme.ContentAddIcon(),
		Importance: widget.HighImportance, OnTapped: s.onNewClient}
	sortLabel := widget.NewLabel(lang.L("clients.sort.label"))
	tools := container.NewBorder(nil, nil, nil, container.NewHBox(s.showArchived, sortLabel, s.sortBy), s.search)
	top := container.NewVBox(container.NewBorder(nil, nil, title, container.NewHBox(s.newExportButton(), newClient)), tools)
	s.legend = container.NewHBox(widget.NewIcon(clientsPausedIcon()), widget.NewLabel(lang.L("clients.legend.paused")))
	s.legend.Hide()
	bottom := container.NewBorder(nil, nil, s.summary, s.legend)
	list := container.NewStack(s.table, container.NewCenter(container.NewGridWrap(fyne.NewSize(640, 80), s.empty)))
	return container.NewBorder(container.NewPadded(top), container.NewPadded(bottom), nil, nil, list)
}

// clientsPausedIcon marks a client whose reminders are paused, in the
// warning colour of the detail's banner.
func clientsPausedIcon() fyne.Resource {
	return theme.NewWarningThemedResource(theme.MediaPauseIcon())
}

// newClientsCell is a cell template: a label and, after it, the pause
// marker (name column only), so that names stay aligned.
func newClientsCell() fyne.CanvasObject {
	marker := widget.NewIcon(clientsPausedIcon())
	marker.Hide()
	return container.NewBorder(nil, nil, nil, marker, &widget.Label{Truncation: fyne.TextTruncateEllipsis})
}

func (s *Screen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row >= len(s.rows) {
		return
	}
	cell := o.(*fyne.Container)
	label, marker := cell.Objects[0].(*widget.Label), cell.Objects[1].(*widget.Icon)
	row := s.rows[id.Row]
	text, align, importance := "", fyne.TextAlignTrailing, widget.MediumImportance
	showMarker := false
	switch id.Col {
	case clientsColName:
		text, align, showMarker = row.name, fyne.TextAlignLeading, row.paused
		if row.archived {
			text, importance = lang.L("clients.archived_name", map[string]any{"Name": row.name}), widget.LowImportance
		}
	case clientsColCity:
		text, align = row.city, fyne.TextAlignLeading
	case clientsColCategory:
		text, align = row.category, fyne.TextAlignLeading
	case clientsColGrade:
		text, align, importance = clientsGradeText(row.grade), fyne.TextAlignCenter, clientsGradeImportance(row.grade)
	case clientsColInvoices:
		text = row.invoices
	case clientsColOutstanding:
		text = clientsAmount(row.outstanding)
	case clientsColOverdue:
		text = clientsAmount(row.overdue)
		if row.overdue > 0 {
			importance = widget.DangerImportance
		}
	}
	if showMarker != marker.Visible() {
		marker.Hidden = !showMarker
		cell.Refresh()
	}
	if label.Text != text || label.Alignment != align || label.Importance != importance {
		label.Text, label.Alignment, label.Importance = text, align, importance
		label.Refresh()
	}
}

func (s *Screen) View() fyne.CanvasObject { return s.content }

// Update reloads the list (and the detail on show) from the store, off the
// UI goroutine, and shows them.
func (s *Screen) Update(ctx context.Context) {
	rows, err := s.load(ctx)
	id := s.openID.Load()
	var dd clientDetailData
	var detailErr error
	if id != 0 {
		dd, detailErr = s.detail.load(ctx, id)
	}
	fyne.Do(func() {
		if err != nil {
			s.host.ShowError(err)
			return
		}
		s.all, s.orders = rows, [clientsSortCount][]int{}
		s.apply()
		if id != 0 && s.openID.Load() == id {
			s.detail.loaded(dd, detailErr)
		}
	})
}

func (s *Screen) load(ctx context.Context) ([]clientsRow, error) {
	list, err := s.host.Store().ListClientSummaries(ctx, s.host.Today())
	if err != nil {
		return nil, err
	}
	return clientRows(list), nil
}

// clientRows makes the list's rows, by name.
func clientRows(list []data.ClientSummary) []clientsRow {
	rows := make([]clientsRow, len(list))
	categories := map[string]string{} // each category's name, translated once, not once per client
	for i := range list {
		c := &list[i]
		category, ok := categories[c.Category]
		if !ok {
			category = kit.CategoryName(c.Category)
			categories[c.Category] = category
		}
		rows[i] = clientsRow{id: c.ID, name: c.Name, city: c.City, category: category,
			invoices: strconv.Itoa(c.Invoices), outstanding: c.Outstanding, overdue: c.Overdue, grade: payers.Grade(c.Grade),
			paused:   c.RemindersPaused,
			archived: c.Archived, sortName: kit.Fold(c.Name),
			search: kit.Fold(strings.Join([]string{c.Name, c.City, c.ContactName, c.Email, c.EmailCC}, "\n"))}
	}
	// By name, accents in their place in the alphabet ("Électricité" before
	// "Zinc", where SQLite would put it after); sorted once here, filtering
	// keeps the order.
	slices.SortFunc(rows, func(a, b clientsRow) int { return clientsByName(&a, &b) })
	return rows
}

// clientsAmount writes an amount of the list; a dash for nothing, which
// reads faster down a column than a row of zeros.
func clientsAmount(m data.Money) string {
	if m == 0 {
		return "—"
	}
	return kit.Money(m)
}

// apply shows the loaded rows that match the search, in the chosen order,
// with their totals.
func (s *Screen) apply() {
	words := strings.Fields(kit.Fold(s.search.Text))
	s.rows = s.rows[:0]
	var outstanding, overdue data.Money
	paused := false
	for _, i := range s.order(s.sortBy.SelectedIndex()) {
		if r := &s.all[i]; clientsMatch(r.search, words) && (!r.archived || s.showArchived.Checked) {
			s.rows = append(s.rows, r)
			outstanding += r.outstanding
			overdue += r.overdue
			paused = paused || r.paused
		}
	}
	s.summary.SetText(lang.N("clients.summary", len(s.rows), map[string]any{"Count": len(s.rows),
		"Outstanding": kit.Money(outstanding), "Overdue": kit.Money(overdue)}))
	s.showEmpty()
	clientsSetVisible(s.legend, paused)
	s.table.Refresh()
	s.table.ScrollToTop()
}

// showEmpty says what to do when the list shows nothing, in place of an
// empty table.
func (s *Screen) showEmpty() {
	text := ""
	switch {
	case len(s.all) == 0:
		text = lang.L("clients.empty")
	case len(s.rows) == 0:
		text = lang.L("clients.no_match", map[string]any{"Query": strings.TrimSpace(s.search.Text)})
	}
	s.empty.SetText(text)
	clientsSetVisible(s.empty, text != "")
	clientsSetVisible(s.table, text == "")
	clientsSetVisible(s.summary, len(s.rows) > 0)
}

// clientsSetVisible shows o when on, else hides it.
func clientsSetVisible(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// clientsMatch reports whether every word of the search is in text.
func clientsMatch(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// clientsByName orders clients by name, accents and case aside.
func clientsByName(a, b *clientsRow) int {
	return cmp.Or(strings.Compare(a.sortName, b.sortName), cmp.Compare(a.id, b.id))
}

// order returns the indexes of all in the order by, sorting them the
// first time: by the largest amounts first, by name among equals.
func (s *Screen) order(by int) []int {
	by = max(by, clientsSortName)
	if s.orders[by] != nil || len(s.all) == 0 {
		return s.orders[by]
	}
	order := make([]int, len(s.all))
	for i := range order {
		order[i] = i
	}
	amount := func(r *clientsRow) data.Money { return r.outstanding }
	if by == clientsSortOverdue {
		amount = func(r *clientsRow) data.Money { return r.overdue }
	}
	if by == clientsSortGrade {
		slices.SortFunc(order, func(i, j int) int { return clientsByGrade(&s.all[i], &s.all[j]) })
	} else if by != clientsSortName { // all is by name already
		slices.SortFunc(order, func(i, j int) int {
			a, b := &s.all[i], &s.all[j]
			return cmp.Or(cmp.Compare(amount(b), amount(a)), clientsByName(a, b))
		})
	}
	s.orders[by] = order
	return order
}

// onSelected opens the client of the selected line.
func (s *Screen) onSelected(id widget.TableCellID) {
	s.table.UnselectAll()
	if id.Row >= 0 && id.Row < len(s.rows) {
		s.OpenClient(s.rows[id.Row].id)
	}
}

// OpenClient shows a client's detail in place of the list. The window
// calls it after bringing the screen forward; it loads the client itself,
// so it works before the list is loaded.
func (s *Screen) OpenClient(id int64) {
	s.openID.Store(id)
	s.detail.clear()
	s.showPage(s.detail.content)
	s.host.Async(func() {
		dd, err := s.detail.load(context.Background(), id)
		fyne.Do(func() {
			if s.openID.Load() == id {
				s.detail.loaded(dd, err)
			}
		})
	})
}

// ShownClient is the client whose page is open, 0 when the list is shown:
// Ctrl+N makes a new invoice for that client.
func (s *Screen) ShownClient() int64 { return s.openID.Load() }

// closeDetail goes back to the list.
func (s *Screen) closeDetail() {
	s.openID.Store(0)
	s.showPage(s.listPage)
}

func (s *Screen) showPage(page fyne.CanvasObject) {
	s.content.Objects = []fyne.CanvasObject{page}
	s.content.Refresh()
}

// onNewClient opens the "New client" dialog, then the new client's detail.
func (s *Screen) onNewClient() {
	OpenForm(s.host, func(c data.Client) { s.OpenClient(c.ID) })
}
