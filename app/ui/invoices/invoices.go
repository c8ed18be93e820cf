package invoices

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/dunning"
	"relance/app/ui/kit"
	"relance/data"
)

// invoiceAsyncRows: above this many rows, filtering and sorting run off the
// UI goroutine so that typing in the search box never stutters.
const invoiceAsyncRows = 20_000

// Screen lists every invoice with its derived status; a click on
// one opens its detail in place of the list.
type Screen struct {
	host         Host
	content      *fyne.Container // the list page, or an invoice's detail
	listPage     fyne.CanvasObject
	table        *widget.Table
	search       *kit.Entry
	filters      [invFilterCount]*widget.Button
	summary      *widget.Label
	empty        *widget.Label
	progress     *fyne.Container
	progressText *widget.Label // hidden on the first load, which says it in the middle
	bar          *widget.ProgressBarInfinite
	detail       *invoiceDetail
	onlyBar      *fyne.Container // says which set the list shows, with a way back to every invoice
	onlyTitle    *widget.Label

	rows     []invoiceRow               // every invoice, as loaded
	nexts    []string                   // each row's next-step cell, once the planner has run
	steps    map[int64]dunning.NextStep // the planner's next steps (shared: read only)
	index    map[int64]int32            // row by invoice id
	orders   map[int][]int32            // the rows' ascending order by column, made on demand
	query    invoiceQuery               // what the user asked to see
	result   invoiceView                // what the table shows
	queryGen int                        // bumped by every query or load, to drop stale results
	selected int64                      // the invoice opened last, highlighted in the list
	pending  int64                      // an invoice to open once the list is loaded
	loaded   bool                       // rows hold a load
	complete bool                       // the load holds the settled invoices too, not only the unpaid ones
	loadGen  atomic.Int64               // the latest load started
	loading  int                        // loads under way
	rowsGen  int64                      // the load the rows come from
	first    firstRows                  // when the rows hold only one unpaid filter's
}

// firstRows says the rows hold only those of one unpaid filter, read
// first so that the list shows them before the rest of the book is in;
// counts are the filters' counts, from the store.
type firstRows struct {
	on     bool
	filter int
	counts data.UnpaidCounts
}

// New builds the screen; update loads it.
func New(h Host) *Screen {
	s := &Screen{host: h, query: invoiceQuery{filter: invFilterAll, sortCol: colStatus, desc: true},
		orders: map[int][]int32{}, index: map[int64]int32{}}
	s.table = newInvoiceTable(s)
	s.table.OnSelected = s.onSelected
	s.detail = newInvoiceDetail(h, s)
	s.listPage = s.buildList()
	s.content = container.NewStack(s.listPage)
	return s
}

// buildList lays out the list page: title, search and buttons on top, the
// filters, the table, and the totals of what is shown at the bottom.
func (s *Screen) buildList() fyne.CanvasObject {
	title := &widget.Label{Text: lang.L("invoices.title"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText}
	newClient := &widget.Button{Text: lang.L("button.new_client"), Icon: theme.AccountIcon(), OnTapped: s.onNewClient}
	importBook := &widget.Button{Text: lang.L("import.open"), Icon: theme.UploadIcon(), OnTapped: s.host.OpenImport}
	newInvoice := &widget.Button{Text: lang.L("button.new_invoice"), Icon: theme.ContentAddIcon(),
		Importance: widget.HighImportance, OnTapped: s.onNewInvoice}
	s.search = kit.NewEntry(s.host.Window())
	s.search.PlaceHolder = lang.L("invoices.search_placeholder")
	clear := &widget.Button{Icon: theme.CancelIcon(), Importance: widget.LowImportance, OnTapped: func() { s.search.SetText("") }}
	clear.Hide()
	s.search.ActionItem = clear
	s.search.OnChanged = s.onSearch
	searchBox := container.NewCenter(container.New(layout.NewGridWrapLayout(fyne.NewSize(300, s.search.MinSize().Height)), s.search))
	top := container.NewBorder(nil, nil, title, container.NewHBox(searchBox, s.newExportButton(), importBook, newClient, newInvoice))

	filterRow := container.NewHBox()
	for f := range invFilterCount {
		s.filters[f] = &widget.Button{Text: lang.L(invoiceFilterKeys[f]), OnTapped: func() { s.onFilter(f) }}
		filterRow.Add(s.filters[f])
	}
	s.styleFilters()

	s.summary = &widget.Label{}
	s.bar = widget.NewProgressBarInfinite()
	s.bar.Stop()
	s.progressText = &widget.Label{Text: lang.L("invoices.loading"), Importance: widget.LowImportance}
	s.progress = container.NewHBox(s.progressText, container.New(layout.NewGridWrapLayout(fyne.NewSize(140, s.summary.MinSize().Height)), s.bar))
	s.progress.Hide()
	footer := container.NewBorder(nil, nil, s.summary, s.progress)

	s.empty = &widget.Label{Text: lang.L("invoices.loading"), Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord}
	table := container.New(&invoiceColumnsLayout{table: s.table}, s.table)
	center := container.NewStack(table, container.NewCenter(container.New(layout.NewGridWrapLayout(fyne.NewSize(460, 80)), s.empty)))
	s.onlyTitle = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	showAll := &widget.Button{Text: lang.L("invoices.only.show_all"), Icon: theme.CancelIcon(), OnTapped: s.onShowAll}
	s.onlyBar = container.NewBorder(nil, nil, nil, showAll, s.onlyTitle)
	s.onlyBar.Hide()
	return container.NewBorder(container.NewPadded(container.NewVBox(top, filterRow, s.onlyBar)), container.NewPadded(footer), nil, nil, center)
}

// ShowOnly lists those invoices alone, under title (which says where they
// come from), every filter and search cleared; "Show all invoices" goes
// back to the whole list.
func (s *Screen) ShowOnly(title string, ids []int64) {
	s.closeDetail()
	only := make(map[int64]bool, len(ids))
	for _, id := range ids {
		only[id] = true
	}
	s.query.only = only
	s.query.filter = invFilterAll
	s.styleFilters()
	s.onlyTitle.SetText(lang.N("invoices.only.title", len(ids), map[string]any{"Title": title, "Count": len(ids)}))
	s.onlyBar.Show()
	s.search.SetText("") // refilters
	s.refilter()
}

// onShowAll goes back from a set shown alone to every invoice.
func (s *Screen) onShowAll() {
	s.query.only = nil
	s.onlyBar.Hide()
	s.refilter()
}

// View is the screen's content: the list, or an invoice's page.
func (s *Screen) View() fyne.CanvasObject { return s.content }

// FocusSearch puts the cursor in the search field (Ctrl+F), back on the
// list if an invoice was open.
func (s *Screen) FocusSearch() {
	s.closeDetail()
	if c := s.host.Window().Canvas(); c != nil {
		c.Focus(s.search)
	}
}

// OpenInvoice shows an invoice's detail; the window calls it after
// bringing the screen forward. The detail loads by itself; the list row is
// highlighted once the list is loaded.
func (s *Screen) OpenInvoice(id int64) {
	s.selected = id
	s.showDetail(id)
	if !s.loaded {
		s.pending = id
		return
	}
	s.reveal(id)
}

// ShownInvoice is the invoice whose page is open, 0 when the list is
// shown.
func (s *Screen) ShownInvoice() int64 {
	if s.content.Objects[0] != s.detail.content {
		return 0
	}
	return s.detail.invoiceID
}

// reveal makes an invoice's row visible in the list, clearing the search
// and filter if they hide it.
func (s *Screen) reveal(id int64) {
	idx, ok := s.index[id]
	if !ok {
		return
	}
	if s.rows[idx].filters&(1<<s.query.filter) == 0 || !s.rows[idx].matches(s.query.words) {
		s.query.filter = invFilterAll
		s.styleFilters()
		s.search.SetText("")
		s.refilter()
	}
	s.scrollTo(id)
}

// scrollTo brings an invoice's row into view and redraws the highlight.
func (s *Screen) scrollTo(id int64) {
	for i, idx := range s.result.shown {
		if s.rows[idx].id == id {
			s.table.ScrollTo(widget.TableCellID{Row: i, Col: colNumber})
			break
		}
	}
	s.table.Refresh()
}

// onSelected opens the clicked invoice.
func (s *Screen) onSelected(id widget.TableCellID) {
	s.table.UnselectAll() // the row highlight marks the invoice, not Fyne's single cell
	if id.Row < 0 || id.Row >= len(s.result.shown) {
		return
	}
	row := &s.rows[s.result.shown[id.Row]]
	s.selected = row.id
	s.showDetail(row.id)
}

// showDetail puts an invoice's page in place of the list and loads it.
func (s *Screen) showDetail(id int64) {
	s.content.Objects = []fyne.CanvasObject{s.detail.content}
	s.content.Refresh()
	s.detail.show(id)
}

// closeDetail goes back to the list, where the invoice just seen stays
// highlighted.
func (s *Screen) closeDetail() {
	if s.content.Objects[0] == s.listPage {
		return
	}
	s.detail.invoiceID = 0
	s.content.Objects = []fyne.CanvasObject{s.listPage}
	s.content.Refresh()
	s.scrollTo(s.selected)
}

// nextOf is an invoice's next step, when the planner has run.
func (s *Screen) nextOf(id int64) (invoiceNext, bool) {
	idx, ok := s.index[id]
	if !ok || int(idx) >= len(s.nexts) {
		return invoiceNext{}, false
	}
	step, planned := s.steps[id]
	return invoiceNext{step: step, ok: planned, text: s.nexts[idx]}, true
}

// onFilter shows only the rows of filter f.
func (s *Screen) onFilter(f int) {
	s.query.filter = f
	s.styleFilters()
	s.refilter()
}

// onSearch narrows the list to the rows holding every typed word; the
// clear button shows while there is something to clear.
func (s *Screen) onSearch(text string) {
	if text == "" {
		s.search.ActionItem.Hide()
	} else {
		s.search.ActionItem.Show()
	}
	words := invoiceSearchWords(text)
	if slices.Equal(words, s.query.words) {
		return
	}
	s.query.words = words
	s.refilter()
}

// onSortColumn sorts by col, or reverses the order when already sorted by
// it. A new column starts the way it is most useful: the latest or the
// largest first, the earliest due date first.
func (s *Screen) onSortColumn(col int) {
	if !invoiceSortable[col] {
		return
	}
	if s.query.sortCol == col {
		s.query.desc = !s.query.desc
	} else {
		s.query.sortCol, s.query.desc = col, col != colDue
	}
	s.refilter()
}

// styleFilters highlights the chosen filter's button.
func (s *Screen) styleFilters() {
	for f, b := range s.filters {
		importance := widget.MediumImportance
		if f == s.query.filter {
			importance = widget.HighImportance
		}
		if b.Importance != importance {
			b.Importance = importance
			b.Refresh()
		}
	}
}

// refilter applies the query to the loaded rows: in line on a small book,
// off the UI goroutine on a large one (the newest query wins).
func (s *Screen) refilter() {
	s.queryGen++
	if s.first.on && (s.query.filter != s.first.filter || len(s.query.words) > 0 || s.query.only != nil) {
		// The rows of another filter, a search or a set from another
		// screen wait for the book.
		s.showView(invoiceView{})
		return
	}
	gen, q, rows, order := s.queryGen, s.query, s.rows, s.orders[s.query.sortCol]
	compute := func() ([]int32, invoiceView) {
		if order == nil {
			order = invoiceSortOrder(rows, q.sortCol)
		}
		return order, invoiceRunQuery(rows, order, q)
	}
	if len(rows) < invoiceAsyncRows {
		order, v := compute()
		s.orders[q.sortCol] = order
		s.showView(v)
		return
	}
	s.host.Async(func() {
		order, v := compute()
		fyne.Do(func() {
			if gen != s.queryGen {
				return
			}
			s.orders[q.sortCol] = order
			s.showView(v)
		})
	})
}

// showView puts a query's outcome on screen: the rows, the filter counts,
// the totals and, when nothing shows, why.
func (s *Screen) showView(v invoiceView) {
	s.result = v
	counts := v.counts
	if s.first.on {
		counts = s.firstCounts()
	}
	for f, b := range s.filters {
		if s.loaded && (s.complete || !invoiceFilterNeedsSettled(f)) {
			b.SetText(invoiceFilterLabel(f, counts[f]))
		} else {
			b.SetText(lang.L(invoiceFilterKeys[f]))
		}
	}
	s.summary.SetText(lang.N("invoices.totals", len(v.shown), map[string]any{"Count": len(v.shown),
		"Amount": kit.Money(v.amount), "Outstanding": kit.Money(v.outstanding), "Overdue": kit.Money(v.overdue)}))
	switch {
	case !s.loaded, len(v.shown) == 0 && !s.complete:
		s.empty.SetText(lang.L("invoices.loading"))
		s.empty.Show()
	case len(s.rows) == 0:
		s.empty.SetText(lang.L("invoices.empty"))
		s.empty.Show()
	case len(v.shown) == 0:
		s.empty.SetText(lang.L("invoices.no_match"))
		s.empty.Show()
	default:
		s.empty.Hide()
	}
	// An empty table would draw its column lines through the message.
	kit.SetVisible(s.table, s.empty.Hidden)
	s.table.Refresh()
}

// firstCounts are the counts of the unpaid filters the store gave with the
// first rows, by the list's filter.
func (s *Screen) firstCounts() [invFilterCount]int {
	var out [invFilterCount]int
	for f := range invFilterCount {
		if unpaid, ok := unpaidFilterOf(invoiceQuery{filter: f}); ok {
			out[f] = s.first.counts[unpaid]
		}
	}
	return out
}

// invoiceNextSteps is the planner's answer, computed beside the list's load.
type invoiceNextSteps struct {
	steps map[int64]dunning.NextStep
	err   error
}

// Update reloads the list from the store (off the UI goroutine) and shows
// it in two steps: the unpaid invoices first — what the owner works on,
// a few thousand on a book of 100,000, read through their own index —
// then the settled ones joining them; the next steps, slower to compute,
// follow.
func (s *Screen) Update(ctx context.Context) {
	gen := s.loadGen.Add(1)
	planned := make(chan invoiceNextSteps, 1)
	go func() {
		steps, err := s.host.Dunning().NextSteps(ctx)
		planned <- invoiceNextSteps{steps, err}
	}()
	var q invoiceQuery
	fyne.DoAndWait(func() {
		q = s.query
		s.startLoading()
	})
	defer fyne.Do(s.endLoading)
	var err error
	if filter, ok := unpaidFilterOf(q); ok {
		err = s.loadFirst(ctx, gen, q, filter)
	}
	var rows []invoiceRow
	if err == nil {
		rows, err = s.loadAndShow(ctx, gen, q, data.UnpaidInvoiceLines, nil)
	}
	if err == nil {
		rows, err = s.loadAndShow(ctx, gen, q, data.SettledInvoiceLines, rows)
	}
	if err != nil {
		<-planned
		fyne.Do(func() { s.host.ShowError(err) })
		return
	}
	res := <-planned
	if res.err != nil {
		fyne.Do(func() { s.host.ShowError(res.err) })
		return
	}
	nexts := makeInvoiceNexts(rows, res.steps, s.host.Today())
	fyne.Do(func() { s.setNexts(gen, nexts, res.steps) })
}

// loadAndShow reads a set of invoices, adds them to those read before,
// and shows the lot (complete once the settled ones are in).
func (s *Screen) loadAndShow(ctx context.Context, gen int64, q invoiceQuery, set data.InvoiceLineSet,
	before []invoiceRow) ([]invoiceRow, error) {
	rows, err := s.loadRows(ctx, set)
	if err != nil {
		return nil, err
	}
	if before != nil {
		rows = append(before, rows...)
		// In the order they were created, as one read would give them:
		// equal sort keys keep the same order whatever the load.
		slices.SortFunc(rows, func(a, b invoiceRow) int { return cmp.Compare(a.id, b.id) })
	}
	complete := set != data.UnpaidInvoiceLines
	order := invoiceSortOrder(rows, q.sortCol)
	v := invoiceRunQuery(rows, order, q)
	fyne.Do(func() { s.setRows(gen, rows, q, order, v, complete, firstRows{}) })
	return rows, nil
}

// unpaidFilterOf is the store's filter for the list's query, when the
// query shows the rows of an unpaid filter with no search.
func unpaidFilterOf(q invoiceQuery) (data.UnpaidFilter, bool) {
	if len(q.words) > 0 {
		return 0, false
	}
	switch q.filter {
	case invFilterOpen:
		return data.OpenLines, true
	case invFilterDueSoon:
		return data.DueSoonLines, true
	case invFilterOverdue:
		return data.OverdueLines, true
	case invFilterDisputed:
		return data.DisputedLines, true
	case invFilterPaused:
		return data.PausedLines, true
	}
	return 0, false
}

// loadFirst reads the rows of the query's unpaid filter alone, and the
// filters' counts, and shows them: on a large book, what the owner asked
// for shows before the rest of the book is read.
func (s *Screen) loadFirst(ctx context.Context, gen int64, q invoiceQuery, filter data.UnpaidFilter) error {
	rows, counts, err := loadFilterRows(ctx, s.host.Store(), filter, s.host.Today())
	if err != nil {
		return err
	}
	order := invoiceSortOrder(rows, q.sortCol)
	v := invoiceRunQuery(rows, order, q)
	fyne.Do(func() {
		s.setRows(gen, rows, q, order, v, false, firstRows{on: true, filter: q.filter, counts: counts})
	})
	return nil
}

// loadFilterRows reads an unpaid filter's rows and every unpaid filter's count.
func loadFilterRows(ctx context.Context, store *data.Store, filter data.UnpaidFilter, today data.Date) ([]invoiceRow,
	data.UnpaidCounts, error) {
	company, err := store.GetCompany(ctx)
	if err != nil {
		return nil, data.UnpaidCounts{}, err
	}
	// The counts are one read of their own, on another connection of the
	// read pool, beside the rows.
	var counts data.UnpaidCounts
	var countErr error
	var wg sync.WaitGroup
	wg.Go(func() { counts, countErr = store.CountUnpaidInvoices(ctx, today, company.DueSoonDays) })
	lines, err := store.ListUnpaidInvoiceLines(ctx, filter, today, company.DueSoonDays)
	var rows []invoiceRow
	if err == nil {
		rows = makeInvoiceRows(lines, today, company.DueSoonDays)
	}
	wg.Wait()
	if err = cmp.Or(err, countErr); err != nil {
		return nil, data.UnpaidCounts{}, err
	}
	return rows, counts, nil
}

// loadRows reads a set of invoices and makes the list's rows as of today.
func (s *Screen) loadRows(ctx context.Context, set data.InvoiceLineSet) ([]invoiceRow, error) {
	company, err := s.host.Store().GetCompany(ctx)
	if err != nil {
		return nil, err
	}
	lines, err := s.host.Store().ListInvoiceLinesOf(ctx, set)
	if err != nil {
		return nil, err
	}
	return makeInvoiceRows(lines, s.host.Today(), company.DueSoonDays), nil
}

// startLoading shows the progress indicator while a book that takes a
// while loads: the first time, or when the last load was large. A small
// book reloads after every change and must not flicker.
func (s *Screen) startLoading() {
	s.loading++
	if !s.loaded || len(s.rows) >= invoiceAsyncRows {
		kit.SetVisible(s.progressText, s.loaded)
		s.progress.Show()
		s.bar.Start()
	}
}

// endLoading hides the indicator once no load is under way.
func (s *Screen) endLoading() {
	s.loading--
	if s.loading == 0 {
		s.bar.Stop()
		s.progress.Hide()
	}
}

// setRows shows a load, unless a newer one started meanwhile; complete
// once the settled invoices are in, first when it holds one unpaid filter's
// rows only.
func (s *Screen) setRows(gen int64, rows []invoiceRow, q invoiceQuery, order []int32, v invoiceView, complete bool,
	first firstRows) {
	if gen != s.loadGen.Load() {
		return
	}
	s.rows, s.nexts, s.rowsGen, s.loaded, s.complete, s.first = rows, nil, gen, true, complete, first
	s.index = make(map[int64]int32, len(rows))
	for i := range rows {
		s.index[rows[i].id] = int32(i)
	}
	s.orders = map[int][]int32{q.sortCol: order}
	s.queryGen++
	if q.filter != s.query.filter || q.sortCol != s.query.sortCol || q.desc != s.query.desc || !slices.Equal(q.words, s.query.words) {
		s.refilter() // the user changed the query during the load
	} else {
		s.showView(v)
	}
	if s.pending != 0 {
		id := s.pending
		s.pending = 0
		s.reveal(id)
	}
	if s.detail.invoiceID != 0 {
		s.detail.show(s.detail.invoiceID)
	}
}

// setNexts shows the next steps of the rows of load gen.
func (s *Screen) setNexts(gen int64, nexts []string, steps map[int64]dunning.NextStep) {
	if gen != s.rowsGen {
		return
	}
	s.nexts, s.steps = nexts, steps
	s.table.Refresh()
	s.detail.refreshNext()
}

// onNewInvoice opens the New invoice dialog (as Ctrl+N does).
func (s *Screen) onNewInvoice() { OpenForm(s.host, 0) }

// onNewClient opens the New client dialog.
func (s *Screen) onNewClient() { s.host.NewClient(nil) }
