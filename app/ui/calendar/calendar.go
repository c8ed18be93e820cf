package calendar

import (
	"context"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/dunning"
	"relance/app/ui/kit"
	"relance/data"
)

// calendarMode is what the calendar shows: a month grid or the week agenda.
type calendarMode int

const (
	calendarMonth calendarMode = iota
	calendarWeek
)

// calendarView is where the calendar stands: its mode, the month on show
// and the selected day (in the agenda, the first of the seven days).
type calendarView struct {
	mode     calendarMode
	month    data.Date // the first day of the month on show
	selected data.Date
}

// span is the range of days the view shows, hence the range it loads:
// whole weeks, Monday first, around the month; or seven days from the
// selected one.
func (v calendarView) span() (first, last data.Date) {
	if v.mode == calendarWeek {
		return v.selected, v.selected.AddDays(6)
	}
	lastOfMonth := v.month.AddMonths(1).AddDays(-1)
	return calendarWeekStart(v.month), calendarWeekStart(lastOfMonth).AddDays(6)
}

// calendarWeekStart is the Monday on or before d.
func calendarWeekStart(d data.Date) data.Date {
	return d.AddDays(-((int(d.Weekday()) + 6) % 7))
}

// calendarDefaultDay is the day selected when a month comes on show: today
// in the current month, else the first of the month.
func calendarDefaultDay(month, today data.Date) data.Date {
	if today.FirstOfMonth() == month {
		return today
	}
	return month
}

// calendarData is what one load brings: the view it was made for and its
// days, each with its items.
type calendarData struct {
	view        calendarView
	first, last data.Date
	days        []calendarDay
}

// day returns the loaded day d, if it is in the range.
func (d *calendarData) day(date data.Date) (calendarDay, bool) {
	i := date.DaysSince(d.first)
	if i < 0 || i >= len(d.days) {
		return calendarDay{}, false
	}
	return d.days[i], true
}

// Screen shows, month by month, invoices falling due (amber before
// the day, red when late, green once paid), planned dunning steps,
// promised payments and legal deadlines; a click on a day lists them
// beside the grid, and the week agenda lists the coming seven days.
type Screen struct {
	host    kit.Host
	content fyne.CanvasObject

	title      *widget.Label
	monthMode  *widget.Button
	weekMode   *widget.Button
	grid       *calendarGrid
	dayTitle   *widget.Label
	daySummary *widget.Label
	dayEmpty   *widget.Label
	dayList    *widget.List
	agenda     *widget.List
	center     *fyne.Container // the month view or the agenda
	monthView  fyne.CanvasObject

	// want is the view the user asked for: handlers change it on the UI
	// goroutine while update reads it from a worker, hence the lock. seq
	// numbers the loads so that a slow one never overwrites a newer one.
	mu   sync.Mutex
	want calendarView
	seq  int

	shown      calendarData  // what is on screen; UI goroutine only
	dayRows    []calendarRow // the selected day's items, beside the grid
	agendaRows []calendarRow
}

// New builds the screen on the current month, today selected;
// it loads nothing until update.
func New(h kit.Host) *Screen {
	today := h.Today()
	s := &Screen{host: h, want: calendarView{mode: calendarMonth, month: today.FirstOfMonth(), selected: today}}
	s.title = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	s.monthMode = &widget.Button{Text: lang.L("calendar.mode.month"), Icon: theme.GridIcon(),
		OnTapped: func() { s.onMode(calendarMonth) }}
	s.weekMode = &widget.Button{Text: lang.L("calendar.mode.week"), Icon: theme.ListIcon(),
		OnTapped: func() { s.onMode(calendarWeek) }}
	s.grid = newCalendarGrid(s.onDayTapped)
	s.dayList = s.newRowList(func() []calendarRow { return s.dayRows })
	s.agenda = s.newRowList(func() []calendarRow { return s.agendaRows })
	s.monthView = container.NewBorder(nil, container.NewPadded(calendarLegend()), nil, s.newDayPanel(), s.grid)
	s.center = container.NewStack(s.monthView)
	s.content = container.NewBorder(container.NewPadded(s.newToolbar()), nil, nil, nil, s.center)
	s.styleModeButtons(calendarMonth)
	return s
}

// newToolbar: previous / today / next, the title, and the view switch.
func (s *Screen) newToolbar() fyne.CanvasObject {
	previous := &widget.Button{Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance,
		OnTapped: func() { s.onMove(-1) }}
	next := &widget.Button{Icon: theme.NavigateNextIcon(), Importance: widget.LowImportance,
		OnTapped: func() { s.onMove(1) }}
	today := &widget.Button{Text: lang.L("calendar.today"), OnTapped: s.onToday}
	left := container.NewHBox(today, previous, next, s.title)
	return container.NewBorder(nil, nil, left, container.NewHBox(s.newExportButton(), s.monthMode, s.weekMode))
}

// newDayPanel is the column beside the grid that lists the selected day.
func (s *Screen) newDayPanel() fyne.CanvasObject {
	s.dayTitle = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	s.daySummary = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	s.dayEmpty = &widget.Label{Wrapping: fyne.TextWrapWord, Alignment: fyne.TextAlignCenter, Importance: widget.LowImportance}
	s.dayEmpty.Hide()
	width := canvas.NewRectangle(nil)
	width.SetMinSize(fyne.NewSize(330, 0))
	head := container.NewVBox(s.dayTitle, s.daySummary, widget.NewSeparator())
	body := container.NewStack(s.dayList, container.NewVBox(s.dayEmpty))
	return container.NewBorder(nil, nil, widget.NewSeparator(), nil,
		container.NewStack(width, container.NewBorder(head, nil, nil, nil, body)))
}

// newRowList is a list of calendar rows (the day panel, the agenda); a
// click on an item opens its invoice.
func (s *Screen) newRowList(rows func() []calendarRow) *widget.List {
	list := &widget.List{
		Length:     func() int { return len(rows()) },
		CreateItem: func() fyne.CanvasObject { return newCalendarRowView() },
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			if r := rows(); id < len(r) {
				o.(*calendarRowView).set(r[id])
			}
		},
	}
	list.OnSelected = func(id widget.ListItemID) {
		list.UnselectAll()
		if r := rows(); id < len(r) && r[id].kind == rowEntry {
			s.openInvoice(r[id].entry.item.InvoiceID)
		}
	}
	list.ExtendBaseWidget(list)
	return list
}

// View is the screen's content, for the navigation.
func (s *Screen) View() fyne.CanvasObject { return s.content }

// Update reloads the view on show (off the UI goroutine) and shows it.
func (s *Screen) Update(ctx context.Context) { s.load(ctx) }

// reload loads the view the user just asked for, off the UI goroutine.
func (s *Screen) reload() {
	s.host.Async(func() { s.load(context.Background()) })
}

// load reads the feed for the visible range only and hands it to the
// widgets in one fyne.Do; a load overtaken by a newer one is dropped.
func (s *Screen) load(ctx context.Context) {
	s.mu.Lock()
	s.seq++
	seq, v := s.seq, s.want
	s.mu.Unlock()
	d, err := s.fetch(ctx, v)
	fyne.Do(func() {
		s.mu.Lock()
		stale := seq != s.seq
		s.mu.Unlock()
		switch {
		case stale:
		case err != nil:
			s.host.ShowError(err)
		default:
			s.show(d)
		}
	})
}

// fetch reads the items of the view's range and sorts them by day.
func (s *Screen) fetch(ctx context.Context, v calendarView) (calendarData, error) {
	first, last := v.span()
	d := calendarData{view: v, first: first, last: last}
	company, err := s.host.Store().GetCompany(ctx)
	if err != nil {
		return d, err
	}
	items, err := s.host.Dunning().Feed(ctx, first, last)
	if err != nil {
		return d, err
	}
	today := s.host.Today()
	byDay := map[data.Date][]calendarEntry{}
	for _, it := range items {
		byDay[it.Date] = append(byDay[it.Date], newCalendarEntry(it, today))
	}
	cal := dunning.Calendar{AlsaceMoselle: company.AlsaceMoselle}
	for day := first; !day.After(last); day = day.AddDays(1) {
		d.days = append(d.days, calendarDayOf(day, byDay[day], v.month, today, cal))
	}
	return d, nil
}

// show puts a load on screen: the month grid and the selected day, or the
// agenda.
func (s *Screen) show(d calendarData) {
	s.shown = d
	s.styleModeButtons(d.view.mode)
	if d.view.mode == calendarWeek {
		s.title.SetText(calendarRangeTitle(d.first, d.last))
		s.agendaRows = calendarAgendaRows(d.days)
		calendarSetHeights(s.agenda, s.agendaRows)
		s.agenda.Refresh()
		s.agenda.ScrollToTop()
		s.setCenter(s.agenda)
		return
	}
	s.title.SetText(kit.MonthTitle(d.view.month))
	s.grid.set(d.days, d.view.selected)
	s.showDay(d.view.selected)
	s.setCenter(s.monthView)
}

// setCenter shows the month view or the agenda.
func (s *Screen) setCenter(o fyne.CanvasObject) {
	if len(s.center.Objects) == 1 && s.center.Objects[0] == o {
		return
	}
	s.center.Objects = []fyne.CanvasObject{o}
	s.center.Refresh()
}

// showDay lists a day's items in the panel beside the grid.
func (s *Screen) showDay(date data.Date) {
	day, _ := s.shown.day(date)
	s.dayTitle.SetText(calendarDayTitle(date))
	summary := day.holiday
	if len(day.entries) > 0 {
		summary = calendarJoin(day.holiday, calendarDaySummary(day.entries))
	}
	s.daySummary.SetText(summary)
	s.dayRows = s.dayRows[:0]
	for _, e := range day.entries {
		s.dayRows = append(s.dayRows, calendarRow{kind: rowEntry, date: date, entry: e})
	}
	s.dayEmpty.SetText(lang.L("calendar.day.nothing"))
	if s.shown.empty() {
		s.dayEmpty.SetText(lang.L("calendar.empty"))
	}
	s.dayEmpty.Hidden = len(s.dayRows) > 0
	s.dayEmpty.Refresh()
	s.dayList.UnselectAll()
	s.dayList.Refresh()
	s.dayList.ScrollToTop()
}

// empty reports whether nothing at all falls in the loaded range.
func (d *calendarData) empty() bool {
	for i := range d.days {
		if len(d.days[i].entries) > 0 {
			return false
		}
	}
	return true
}

// styleModeButtons marks the view on show.
func (s *Screen) styleModeButtons(mode calendarMode) {
	s.monthMode.Importance, s.weekMode.Importance = widget.MediumImportance, widget.MediumImportance
	if mode == calendarWeek {
		s.weekMode.Importance = widget.HighImportance
	} else {
		s.monthMode.Importance = widget.HighImportance
	}
	s.monthMode.Refresh()
	s.weekMode.Refresh()
}

// onDayTapped selects a day of the grid and lists it; nothing is reloaded.
func (s *Screen) onDayTapped(date data.Date) {
	s.mu.Lock()
	s.want.selected = date
	s.mu.Unlock()
	s.shown.view.selected = date
	s.grid.selectDay(date)
	s.showDay(date)
}

// onMove goes one month (or, in the agenda, one week) back or forth.
func (s *Screen) onMove(step int) {
	today := s.host.Today()
	s.mu.Lock()
	if s.want.mode == calendarWeek {
		s.want.selected = s.want.selected.AddDays(7 * step)
		s.want.month = s.want.selected.FirstOfMonth()
	} else {
		s.want.month = s.want.month.AddMonths(step)
		s.want.selected = calendarDefaultDay(s.want.month, today)
	}
	s.mu.Unlock()
	s.reload()
}

// onToday comes back to today, in the view on show.
func (s *Screen) onToday() {
	today := s.host.Today()
	s.mu.Lock()
	s.want.month, s.want.selected = today.FirstOfMonth(), today
	s.mu.Unlock()
	s.reload()
}

// onMode switches between the month grid and the week agenda, which
// starts on the selected day.
func (s *Screen) onMode(mode calendarMode) {
	s.mu.Lock()
	s.want.mode = mode
	s.want.month = s.want.selected.FirstOfMonth()
	s.mu.Unlock()
	s.reload()
}

// openInvoice shows an invoice on the Invoices screen.
func (s *Screen) openInvoice(invoiceID int64) {
	s.host.OpenInvoice(invoiceID)
}

// calendarAgendaRows lays the agenda out: each day's title and summary,
// then its items, or a line saying that nothing is planned.
func calendarAgendaRows(days []calendarDay) []calendarRow {
	var rows []calendarRow
	for _, day := range days {
		title := calendarDayTitle(day.date)
		if day.today {
			title = calendarJoin(title, lang.L("calendar.today_mark"))
		}
		header := calendarRow{kind: rowHeader, date: day.date, text: calendarJoin(title, day.holiday), today: day.today}
		if len(day.entries) > 0 {
			header.aside = calendarDaySummary(day.entries)
		}
		rows = append(rows, header)
		if len(day.entries) == 0 {
			rows = append(rows, calendarRow{kind: rowEmpty, date: day.date, text: lang.L("calendar.day.nothing")})
		}
		for _, e := range day.entries {
			rows = append(rows, calendarRow{kind: rowEntry, date: day.date, entry: e})
		}
	}
	return rows
}

// calendarSetHeights gives each agenda row its height: titles and empty
// days are shorter than items.
func calendarSetHeights(list *widget.List, rows []calendarRow) {
	for i, r := range rows {
		h := float32(rowEntryHeight)
		switch r.kind {
		case rowHeader:
			h = rowHeaderHeight
		case rowEmpty:
			h = rowEmptyHeight
		}
		list.SetItemHeight(i, h)
	}
}

// calendarJoin joins the non-empty parts with " · ".
func calendarJoin(parts ...string) string {
	text := ""
	for _, p := range parts {
		switch {
		case p == "":
		case text == "":
			text = p
		default:
			text += " · " + p
		}
	}
	return text
}

// DayColours are the colours of the lines a day's cell draws on the month
// on show (red late, amber soon, green paid...), nil when the day is not
// on show: what the owner sees at a glance, for the window's end-to-end
// test.
func (s *Screen) DayColours(day data.Date) []fyne.ThemeColorName {
	cell := s.grid.cellOf(day)
	if cell == nil {
		return nil
	}
	out := make([]fyne.ThemeColorName, len(cell.day.lines))
	for i, l := range cell.day.lines {
		out[i] = l.colour
	}
	return out
}
