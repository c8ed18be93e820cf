package today

import (
	"cmp"
	"context"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/dunning"
	"relance/app/ui/kit"
	"relance/app/ui/letters"
	"relance/data"
)

// Screen is the owner's morning list: the key figures of the book, then
// the actions due now, grouped in sections (to send, to call, to print, ...),
// each with its one-click action and a skip.
type Screen struct {
	host    Host
	letters *letters.Printer // the letters printed from a card
	content fyne.CanvasObject
	date    *widget.Label
	summary *widget.Label
	figures todayFigures
	list    *widget.List
	empty   *fyne.Container // shown instead of the list when nothing is due
	next    *widget.Label   // in the empty state: the next planned step
	// company asks for the company details letters and emails need, while
	// one is missing (skipped at onboarding): Send and Print refuse until then.
	company     *fyne.Container
	companyText *widget.Label

	rows []todayRow
	// busy marks the rows whose action is being recorded, so that a second
	// click cannot record it twice.
	busy map[int]bool
	// heights are the rows given a height of their own (section headers,
	// cards with a warning line), by index; the list keeps them by index,
	// so they are reset when the rows change.
	heights    map[int]float32
	cardHeight float32
	tallHeight float32 // a card with a warning
	headHeight float32
	// buttons are the cards' button sizes, measured once: every card
	// recycled by the list has the same (measuring builds a button per
	// label, icons and all).
	buttons todayButtonSizes
}

// New builds the screen, empty until update loads it.
func New(h Host) *Screen {
	s := &Screen{host: h, letters: letters.New(h), busy: map[int]bool{},
		date:    &widget.Label{Importance: widget.LowImportance},
		summary: &widget.Label{TextStyle: fyne.TextStyle{Bold: true}},
		next:    &widget.Label{Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord}}
	s.figures = newTodayFigures()
	s.list = &widget.List{
		Length:     func() int { return len(s.rows) },
		CreateItem: func() fyne.CanvasObject { return newTodayItem(s) },
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) { o.(*todayItem).set(id) },
		OnSelected: func(id widget.ListItemID) { s.list.Unselect(id) },
	}
	s.list.ExtendBaseWidget(s.list)
	probe := newTodayItem(s)
	s.cardHeight, s.headHeight = probe.card.MinSize().Height, probe.header.MinSize().Height
	probe.warning.Show()
	s.tallHeight = probe.card.MinSize().Height

	title := &widget.Label{Text: lang.L("today.title"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText}
	top := container.NewBorder(nil, nil, container.NewHBox(title, container.NewCenter(s.date)), container.NewCenter(s.summary))
	s.empty = s.newEmptyState()
	s.empty.Hide()
	s.company = s.newCompanyBanner()
	s.content = container.NewBorder(container.NewVBox(container.NewPadded(top), s.company, container.NewPadded(s.figures.content)),
		nil, nil, nil, container.NewStack(s.list, s.empty))
	return s
}

// sharedNote says, after the date, that the book is shared and as whom
// this PC writes in it ("" on a book file).
func sharedNote(h Host) string {
	c, ok := h.SharedBook()
	if !ok {
		return ""
	}
	key := "today.shared"
	if h.ReadOnly() {
		key = "today.shared_read_only"
	}
	return " · " + lang.L(key, map[string]any{"Person": c.PersonName()})
}

// newCompanyBanner is the warning shown while the company details are
// incomplete, with the button that opens them in Settings.
func (s *Screen) newCompanyBanner() *fyne.Container {
	s.companyText = &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}
	open := &widget.Button{Text: lang.L("today.company.complete"), Icon: theme.SettingsIcon(), Importance: widget.WarningImportance,
		OnTapped: func() { s.host.OpenCompanySettings() }}
	banner := container.NewPadded(container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()),
		container.NewCenter(open), s.companyText))
	banner.Hide()
	return banner
}

// showCompanyBanner shows the banner while fields are missing.
func (s *Screen) showCompanyBanner(missing []string) {
	if len(missing) == 0 {
		s.company.Hide()
		return
	}
	s.companyText.SetText(kit.CompanyMissingSentence(missing))
	s.company.Show()
}

// hasStepAfter reports whether some invoice has a step planned after day.
func hasStepAfter(next map[int64]dunning.NextStep, day data.Date) bool {
	for _, n := range next {
		if n.Step.ID != 0 && n.Date.After(day) {
			return true
		}
	}
	return false
}

// newEmptyState is what shows when nothing is due: a reassurance and the
// next step planned, so the owner knows the book is being watched.
func (s *Screen) newEmptyState() *fyne.Container {
	icon := widget.NewIcon(theme.ConfirmIcon())
	title := &widget.Label{Text: lang.L("today.empty.title"), TextStyle: fyne.TextStyle{Bold: true},
		Alignment: fyne.TextAlignCenter, SizeName: theme.SizeNameSubHeadingText}
	box := container.NewVBox(container.NewCenter(container.NewGridWrap(fyne.NewSize(56, 56), icon)), title, s.next)
	return container.NewVBox(layout.NewSpacer(), container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 180), box)),
		layout.NewSpacer())
}

// View is the screen's content, for the navigation.
func (s *Screen) View() fyne.CanvasObject { return s.content }

// Update plans the day (reading only), reads the key figures and the open
// tasks, and shows them. It runs off the UI goroutine.
func (s *Screen) Update(ctx context.Context) {
	d, err := s.load(ctx)
	fyne.Do(func() {
		if err != nil {
			s.host.ShowError(err)
			return
		}
		s.show(d)
	})
}

// todayData is what the screen shows, read and formatted off the UI
// goroutine so that drawing a row is a field copy.
type todayData struct {
	today       data.Date
	figures     data.KeyFigures
	dueSoonDays int
	rows        []todayRow
	actions     int      // groups and tasks to do
	held        int      // message groups the daily limit holds for the next days
	limit       int      // the daily limit of messages
	next        string   // the empty state's sentence
	missing     []string // company details letters need and the owner has not entered
}

// load reads and formats everything the screen shows.
func (s *Screen) load(ctx context.Context) (todayData, error) {
	d := todayData{today: s.host.Today()}
	company, err := s.host.Store().GetCompany(ctx)
	if err != nil {
		return d, err
	}
	d.dueSoonDays, d.limit = company.DueSoonDays, company.DailyMessageLimit
	d.missing = company.MissingForLetters()
	// The key figures are one read of their own: they run beside the plan,
	// on another connection of the read pool.
	var figuresErr error
	var wg sync.WaitGroup
	wg.Go(func() { d.figures, figuresErr = s.host.Store().GetKeyFigures(ctx, d.today, company.DueSoonDays) })
	var plan *dunning.Plan
	plan, d.rows, d.actions, err = s.loadRows(ctx, d.today)
	wg.Wait()
	if err = cmp.Or(err, figuresErr); err != nil {
		return d, err
	}
	d.held = plan.Held
	if d.actions == 0 {
		d.next, err = s.nextStepSentence(ctx, plan)
	}
	return d, err
}

// loadRows plans the day (reading only: the day's writes are startDay's)
// and lays out the list's rows.
func (s *Screen) loadRows(ctx context.Context, today data.Date) (*dunning.Plan, []todayRow, int, error) {
	plan, err := s.host.DayPlan(ctx)
	if err != nil {
		return nil, nil, 0, err
	}
	tasks, err := s.host.Store().ListOpenTasks(ctx)
	if err != nil {
		return nil, nil, 0, err
	}
	in, err := s.loadFacts(ctx, plan, tasks, today)
	if err != nil {
		return nil, nil, 0, err
	}
	rows, actions := buildTodayRows(in)
	return plan, rows, actions, nil
}

// loadFacts reads what the rows say besides the plan: the clients'
// names and contact details, and the promises found broken.
func (s *Screen) loadFacts(ctx context.Context, plan *dunning.Plan, tasks []data.Task, today data.Date) (todayFacts, error) {
	in := todayFacts{plan: plan, today: today}
	for _, t := range tasks {
		if !t.DueOn.After(today) {
			in.tasks = append(in.tasks, t)
		}
	}
	var clientIDs, resumed []int64
	for _, g := range plan.Groups {
		clientIDs = append(clientIDs, g.ClientID)
		for _, d := range g.Items {
			if d.Resumed {
				resumed = append(resumed, d.InvoiceID)
			}
		}
	}
	for _, t := range in.tasks {
		clientIDs = append(clientIDs, t.ClientID)
	}
	for _, r := range plan.Receipts {
		clientIDs = append(clientIDs, r.ClientID)
	}
	for _, a := range plan.Prescriptions {
		clientIDs = append(clientIDs, a.ClientID)
	}
	var err error
	if in.clients, err = s.host.Store().ListClientsByIDs(ctx, clientIDs); err != nil {
		return in, err
	}
	if in.promises, err = s.host.Store().ListLastPromisesByInvoices(ctx, resumed); err != nil {
		return in, err
	}
	in.mail, err = mailTodayFacts(ctx, s.host)
	return in, err
}

// nextStepSentence says what comes next when nothing is due today: the
// earliest step planned on an open invoice. The day's plan knows the
// invoices due within its horizon; only when none of them has a step to
// come are all open invoices planned.
func (s *Screen) nextStepSentence(ctx context.Context, plan *dunning.Plan) (string, error) {
	next := plan.Next
	if !hasStepAfter(next, s.host.Today()) {
		var err error
		if next, err = s.host.Dunning().NextSteps(ctx); err != nil {
			return "", err
		}
	}
	var invoiceID int64
	var first dunning.NextStep
	for id, n := range next {
		if n.Step.ID == 0 || n.Date.IsZero() || !n.Date.After(s.host.Today()) {
			continue
		}
		if invoiceID == 0 || n.Date.Before(first.Date) || (n.Date == first.Date && id < invoiceID) {
			invoiceID, first = id, n
		}
	}
	if invoiceID == 0 {
		return lang.L("today.empty.no_next"), nil
	}
	inv, err := s.host.Store().GetInvoice(ctx, invoiceID)
	if err != nil {
		return "", err
	}
	client, err := s.host.Store().GetClient(ctx, inv.ClientID)
	if err != nil {
		return "", err
	}
	return lang.L("today.empty.next", map[string]any{"Step": kit.StepName(first.Step), "Number": inv.Number,
		"Client": client.Name, "Date": kit.Date(first.Date)}), nil
}

// show puts loaded data on screen (UI goroutine).
func (s *Screen) show(d todayData) {
	s.date.SetText(kit.LongDate(d.today) + sharedNote(s.host))
	s.showCompanyBanner(d.missing)
	s.figures.set(d.figures, d.dueSoonDays)
	summary := lang.N("today.summary", d.actions, map[string]any{"Count": d.actions})
	if d.held > 0 {
		summary += " · " + lang.N("today.held", d.held, map[string]any{"Count": d.held, "Limit": d.limit})
	}
	s.summary.SetText(summary)
	// Fyne redraws the whole list on every height set: they are set while
	// it holds no row, then the rows come in with one redraw (a book with
	// hundreds of warnings took 0.2 s here).
	s.rows = nil
	s.busy = map[int]bool{}
	s.setHeights(d.rows)
	s.rows = d.rows
	s.next.SetText(d.next)
	if d.actions == 0 {
		s.summary.Hide()
		s.list.Hide()
		s.empty.Show()
	} else {
		s.summary.Show()
		s.empty.Hide()
		s.list.Show()
	}
	s.list.Refresh()
}

// setHeights gives the section headers and the cards with a warning
// their own height; rows that no longer need one go back to a card's.
func (s *Screen) setHeights(rows []todayRow) {
	want := map[int]float32{}
	for i := range rows {
		switch {
		case rows[i].header:
			want[i] = s.headHeight
		case rows[i].warning != "":
			want[i] = s.tallHeight
		}
	}
	for i := range s.heights {
		if _, ok := want[i]; !ok {
			s.list.SetItemHeight(i, s.cardHeight)
		}
	}
	for i, h := range want {
		s.list.SetItemHeight(i, h) // does nothing when already so
	}
	s.heights = want
}
