package calendar

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/dunning"
	"relance/app/ui/kit"
	"relance/app/ui/uitest"
	"relance/data"
)

// newCalendarBook starts the window on an empty book with one client and
// returns its id.
func newCalendarBook(t *testing.T) (*uitest.Host, *data.Store, int64) {
	t.Helper()
	u := uitest.NewHost(t)
	store := u.Store()
	c := data.Client{Name: "Boulangerie Martin", Email: "compta@martin.fr", Kind: data.Commercial}
	if err := store.CreateClient(context.Background(), &c); err != nil {
		t.Fatal(err)
	}
	return u, store, c.ID
}

// show builds the screen in the host's window and loads it.
func show(h *uitest.Host) *Screen {
	s := New(h)
	h.Show(s)
	return s
}

// addCalendarInvoice records an invoice of amount cents due on due.
func addCalendarInvoice(t *testing.T, store *data.Store, clientID int64, number, due string, amount data.Money) data.Invoice {
	t.Helper()
	d := data.MustDate(due)
	inv := data.Invoice{Number: number, ClientID: clientID, IssueDate: d.AddDays(-30), DueDate: d, Amount: amount}
	if err := store.CreateInvoice(context.Background(), &inv); err != nil {
		t.Fatal(err)
	}
	return inv
}

// calendarCellFor returns the grid cell of day iso, failing when the grid
// does not show it.
func calendarCellFor(t *testing.T, s *Screen, iso string) *calendarCell {
	t.Helper()
	c := s.grid.cellOf(data.MustDate(iso))
	if c == nil || !c.Visible() {
		t.Fatalf("the grid does not show %s (range %s..%s)", iso, s.shown.first, s.shown.last)
	}
	return c
}

// visibleTexts lists the texts drawn under root: labels and canvas texts.
func visibleTexts(root fyne.CanvasObject) []string {
	var out []string
	uitest.Walk(root, nil, func(o, _ fyne.CanvasObject) {
		switch x := o.(type) {
		case *canvas.Text:
			out = append(out, x.Text)
		case *widget.Label:
			out = append(out, x.Text)
		}
	})
	return out
}

func hasText(texts []string, want string) bool {
	return slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, want) })
}

// wantOneLine checks that day iso's cell draws one line of colour.
func wantOneLine(t *testing.T, s *Screen, iso string, colour fyne.ThemeColorName) calendarLine {
	t.Helper()
	cell := calendarCellFor(t, s, iso)
	if len(cell.day.lines) != 1 || cell.day.lines[0].colour != colour {
		t.Fatalf("%s lines %+v: want one %s line", iso, cell.day.lines, colour)
	}
	return cell.day.lines[0]
}

// wantTitle checks the toolbar title and the range loaded.
func wantTitle(t *testing.T, s *Screen, title, first, last string) {
	t.Helper()
	if s.title.Text != title {
		t.Fatalf("title %q, want %q", s.title.Text, title)
	}
	if s.shown.first != data.MustDate(first) || s.shown.last != data.MustDate(last) {
		t.Fatalf("%s loads %s..%s, want %s..%s", title, s.shown.first, s.shown.last, first, last)
	}
}

func monthTitle(key string) string { return lang.L("calendar.month."+key) + " 2026" }

func TestCalendarLateInvoiceTurnsGreenWhenPaid(t *testing.T) {
	u, store, clientID := newCalendarBook(t)
	inv := addCalendarInvoice(t, store, clientID, "FA-2026-0100", "2026-11-23", 125000)
	s := show(u)
	wantTitle(t, s, monthTitle("november"), "2026-10-26", "2026-12-06")

	if line := wantOneLine(t, s, "2026-11-23", theme.ColorNameError); line.text != "1 · "+calendarCompactMoney(125000) {
		t.Errorf("23 Nov line %q", line.text)
	}
	cell := calendarCellFor(t, s, "2026-11-23")
	if !hasText(visibleTexts(cell), "1 · ") {
		t.Error("the cell does not draw its count")
	}
	if next := calendarCellFor(t, s, "2026-11-22"); len(next.day.lines) != 0 {
		t.Errorf("22 Nov shows %+v for nothing", next.day.lines)
	}

	test.Tap(cell)
	if len(s.dayRows) == 0 || s.dayRows[0].entry.item.InvoiceID != inv.ID {
		t.Fatalf("the day panel lists %+v", s.dayRows)
	}
	texts := visibleTexts(s.content)
	for _, want := range []string{"Boulangerie Martin", "FA-2026-0100 · ", kit.Money(125000), calendarDayTitle(data.MustDate("2026-11-23"))} {
		if !hasText(texts, want) {
			t.Errorf("the day panel does not show %q: %q", want, texts)
		}
	}

	pay := data.Payment{InvoiceID: inv.ID, Date: uitest.Day, Amount: 125000, Method: "transfer"}
	if err := store.CreatePayment(context.Background(), &pay); err != nil {
		t.Fatal(err)
	}
	s.Update(context.Background())
	wantOneLine(t, s, "2026-11-23", theme.ColorNameSuccess)
	if len(s.dayRows) != 1 || s.dayRows[0].entry.colour != theme.ColorNameSuccess {
		t.Fatalf("after payment, the panel lists %+v", s.dayRows)
	}
	if !calendarCellFor(t, s, "2026-11-23").selected {
		t.Error("reloading lost the selected day")
	}
}

func TestCalendarNextMonth(t *testing.T) {
	u, store, clientID := newCalendarBook(t)
	addCalendarInvoice(t, store, clientID, "FA-2026-0200", "2026-12-02", 80000)
	s := show(u)
	if c := calendarCellFor(t, s, "2026-12-02"); c.day.inMonth {
		t.Error("2 Dec is not dimmed in November")
	}

	test.Tap(findIconButton(t, s.content, theme.NavigateNextIcon()))
	wantTitle(t, s, monthTitle("december"), "2026-11-30", "2027-01-03")
	wantOneLine(t, s, "2026-12-02", theme.ColorNameWarning)
	if c := calendarCellFor(t, s, "2026-12-02"); !c.day.inMonth {
		t.Error("2 Dec is dimmed in December")
	}
	if c := calendarCellFor(t, s, "2026-12-25"); c.day.holiday != lang.L("calendar.holiday.christmas") {
		t.Errorf("25 Dec holiday %q", c.day.holiday)
	}
	if c := calendarCellFor(t, s, "2026-12-26"); c.day.holiday != "" || !c.day.weekend {
		t.Errorf("26 Dec 2026 (a Saturday, no holiday outside Alsace-Moselle): %+v", c.day)
	}
	if s.grid.selected != data.MustDate("2026-12-01") {
		t.Errorf("a new month selects its first day, got %s", s.grid.selected)
	}
}

func TestCalendarPreviousAndToday(t *testing.T) {
	u, _, _ := newCalendarBook(t)
	s := show(u)
	test.Tap(findIconButton(t, s.content, theme.NavigateBackIcon()))
	test.Tap(findIconButton(t, s.content, theme.NavigateBackIcon()))
	wantTitle(t, s, monthTitle("september"), "2026-08-31", "2026-10-04")

	test.Tap(uitest.FindButton(t, s.content, lang.L("calendar.today")))
	wantTitle(t, s, monthTitle("november"), "2026-10-26", "2026-12-06")
	if c := calendarCellFor(t, s, "2026-11-24"); !c.day.today || !c.selected {
		t.Errorf("today is not marked and selected: %+v selected=%v", c.day, c.selected)
	}
}

// agendaByDay reads the agenda: its day titles, and its items by day.
func agendaByDay(s *Screen) ([]data.Date, map[data.Date][]calendarEntry) {
	var headers []data.Date
	byDay := map[data.Date][]calendarEntry{}
	for _, r := range s.agendaRows {
		switch r.kind {
		case rowHeader:
			headers = append(headers, r.date)
		case rowEntry:
			byDay[r.date] = append(byDay[r.date], r.entry)
		}
	}
	return headers, byDay
}

// isStepOf tells whether e is invoiceID's planned step, drawn in the accent
// colour and named.
func isStepOf(e calendarEntry, invoiceID int64) bool {
	return e.item.InvoiceID == invoiceID && e.item.Kind == dunning.FeedStep && e.colour == theme.ColorNamePrimary &&
		strings.Contains(e.detail, kit.StepName(e.item.Step))
}

func TestCalendarWeekAgenda(t *testing.T) {
	u, store, clientID := newCalendarBook(t)
	first := addCalendarInvoice(t, store, clientID, "FA-2026-0300", "2026-11-23", 50000)
	addCalendarInvoice(t, store, clientID, "FA-2026-0301", "2026-11-27", 30000)
	// Due on 3 December: its pre-due notice (D-7) falls on Thursday 26 November.
	coming := addCalendarInvoice(t, store, clientID, "FA-2026-0302", "2026-12-03", 20000)
	s := show(u)

	test.Tap(uitest.FindButton(t, s.content, lang.L("calendar.mode.week")))
	wantTitle(t, s, "24 – 30 "+monthTitle("november"), "2026-11-24", "2026-11-30")
	headers, byDay := agendaByDay(s)
	if len(headers) != 7 || headers[0] != uitest.Day || headers[6] != uitest.Day.AddDays(6) {
		t.Fatalf("agenda days %v", headers)
	}
	if !s.agendaRows[0].today || !strings.Contains(s.agendaRows[0].text, lang.L("calendar.today_mark")) {
		t.Errorf("the first day is not marked as today: %+v", s.agendaRows[0])
	}
	due := byDay[data.MustDate("2026-11-27")]
	if len(due) != 1 || due[0].item.Number != "FA-2026-0301" || due[0].colour != theme.ColorNameWarning {
		t.Fatalf("27 Nov in the agenda: %+v", due)
	}
	// 26 November: FA-2026-0300's first reminder (D+3; due the day before
	// it was entered, its pre-due notice is dropped) and FA-2026-0302's
	// pre-due notice.
	steps := byDay[data.MustDate("2026-11-26")]
	if len(steps) != 2 || !slices.ContainsFunc(steps, func(e calendarEntry) bool { return isStepOf(e, coming.ID) }) ||
		!slices.ContainsFunc(steps, func(e calendarEntry) bool { return isStepOf(e, first.ID) && e.item.Step.TemplateKey == "reminder_1" }) {
		t.Fatalf("26 Nov in the agenda: %+v", steps)
	}
	if !hasText(visibleTexts(s.content), "FA-2026-0301 · ") {
		t.Error("the agenda does not draw its items")
	}
}

func TestCalendarWeekNavigation(t *testing.T) {
	u, _, _ := newCalendarBook(t)
	s := show(u)
	test.Tap(uitest.FindButton(t, s.content, lang.L("calendar.mode.week")))
	test.Tap(findIconButton(t, s.content, theme.NavigateNextIcon()))
	wantTitle(t, s, calendarRangeTitle(data.MustDate("2026-12-01"), data.MustDate("2026-12-07")), "2026-12-01", "2026-12-07")
	test.Tap(uitest.FindButton(t, s.content, lang.L("calendar.mode.month")))
	wantTitle(t, s, monthTitle("december"), "2026-11-30", "2027-01-03")
}

func TestCalendarItemOpensInvoices(t *testing.T) {
	u, store, clientID := newCalendarBook(t)
	inv := addCalendarInvoice(t, store, clientID, "FA-2026-0400", "2026-11-24", 10000)
	s := show(u)
	if len(s.dayRows) == 0 {
		t.Fatal("today's invoice is not listed beside the grid")
	}
	s.dayList.Select(0)
	if len(u.Opened) != 1 || u.Opened[0] != inv.ID {
		t.Fatalf("clicking an item opened invoices %v, want %d", u.Opened, inv.ID)
	}
}

func TestCalendarEmptyBookSaysWhatToDo(t *testing.T) {
	u, _, _ := newCalendarBook(t)
	s := show(u)
	if !s.dayEmpty.Visible() || s.dayEmpty.Text != lang.L("calendar.empty") {
		t.Fatalf("empty calendar panel: visible=%v %q", s.dayEmpty.Visible(), s.dayEmpty.Text)
	}
}

func TestCalendarSummaryLines(t *testing.T) {
	if err := kit.LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	day := data.MustDate("2026-11-23")
	items := []dunning.FeedItem{
		{Date: day, Kind: dunning.FeedDue, Status: data.StatusOverdue, Amount: 100000},
		{Date: day, Kind: dunning.FeedDue, Status: data.StatusOverdue, Amount: 45000},
		{Date: day, Kind: dunning.FeedDue, Status: data.StatusPaid},
		{Date: day, Kind: dunning.FeedStep},
		{Date: day, Kind: dunning.FeedPromise, Amount: 500},
		{Date: day, Kind: dunning.FeedInstalment, Amount: 500},
		{Date: day, Kind: dunning.FeedPrescription},
	}
	lines := calendarSummary(items)
	colours := []fyne.ThemeColorName{theme.ColorNameError, theme.ColorNameSuccess, theme.ColorNamePrimary,
		theme.ColorNamePrimary, theme.ColorNameError}
	if len(lines) != len(colours) {
		t.Fatalf("lines %+v", lines)
	}
	for i, c := range colours {
		if lines[i].colour != c {
			t.Errorf("line %d colour %s, want %s", i, lines[i].colour, c)
		}
	}
	if lines[0].text != "2 · "+calendarCompactMoney(145000) || lines[3].count != 2 || !lines[4].square || lines[0].square {
		t.Errorf("lines %+v", lines)
	}
	shown, more := calendarVisibleLines(lines, 3)
	if len(shown) != 2 || more != 4 {
		t.Errorf("3 lines of room: %d shown, %d more", len(shown), more)
	}
}

func TestCalendarTitlesInBothLanguages(t *testing.T) {
	if err := kit.LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = kit.SetLanguage("") })
	d := data.MustDate
	cases := map[string][]string{
		"fr": {"novembre 2026", "24 – 30 novembre 2026", "1er – 7 décembre 2026", "28 décembre 2026 – 3 janvier 2027",
			"mardi 1er décembre 2026", "1 · 2\u202f450\u00a0€"},
		"en": {"November 2026", "24 – 30 November 2026", "1 – 7 December 2026", "28 December 2026 – 3 January 2027",
			"Tuesday 1 December 2026", "1 · €2,450"},
	}
	for code, want := range cases {
		if err := kit.SetLanguage(code); err != nil {
			t.Fatal(err)
		}
		got := []string{kit.MonthTitle(d("2026-11-01")), calendarRangeTitle(d("2026-11-24"), d("2026-11-30")),
			calendarRangeTitle(d("2026-12-01"), d("2026-12-07")), calendarRangeTitle(d("2026-12-28"), d("2027-01-03")),
			calendarDayTitle(d("2026-12-01")), "1 · " + calendarCompactMoney(245049)}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s: %q, want %q", code, got[i], want[i])
			}
		}
	}
}

func TestCalendarKeysInBothLanguages(t *testing.T) {
	fr, en := uitest.Catalogue(t, "fr"), uitest.Catalogue(t, "en")
	keys := slices.Concat(kit.DateKeys(), calendarWeekdayKeys[:])
	for _, k := range calendarHolidayKeys {
		keys = append(keys, k)
	}
	for _, k := range keys {
		if fr[k] == nil || en[k] == nil {
			t.Errorf("key %q is missing from a catalogue", k)
		}
	}
	if len(calendarHolidayKeys) != 13 {
		t.Errorf("%d holidays named", len(calendarHolidayKeys))
	}
}

// findIconButton finds the button that shows icon res and no text.
func findIconButton(t *testing.T, root fyne.CanvasObject, res fyne.Resource) *widget.Button {
	t.Helper()
	var found *widget.Button
	uitest.Walk(root, nil, func(o, _ fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "" && b.Icon != nil && b.Icon.Name() == res.Name() && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no icon button %q on screen", res.Name())
	}
	return found
}
