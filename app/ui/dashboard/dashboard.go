package dashboard

import (
	"context"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/dashboard"
	"relance/app/ui/kit"
	"relance/app/ui/mailui"
)

// Host is the window as the dashboard sees it.
type Host interface {
	kit.Host
	// OpenClient shows a client's page.
	OpenClient(id int64)
	// ShowInvoices lists those invoices on the Invoices screen, under
	// title, which says where they come from.
	ShowInvoices(title string, ids []int64)
	// Mailer sends through the owner's account (the open items to the
	// accountant).
	Mailer() *mailui.Mailer
}

// Screen is the Dashboard.
type Screen struct {
	host    Host
	content fyne.CanvasObject

	asOf    *widget.Label
	status  *widget.Label // loading, or the error of the last load
	figures figureCards
	aged    *barChart
	cash    *barChart
	undated *widget.Hyperlink
	late    *widget.List
	noLate  *widget.Label

	mu  sync.Mutex
	seq int // numbers the loads so that a slow one never overwrites a newer one

	shown *dashboard.Figures // UI goroutine only
}

// New builds the screen; Update loads it.
func New(h Host) *Screen {
	s := &Screen{host: h}
	title := &widget.Label{Text: lang.L("dashboard.title"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText}
	s.asOf = &widget.Label{Importance: widget.LowImportance}
	s.status = &widget.Label{Text: lang.L("dashboard.loading"), Importance: widget.LowImportance}
	s.figures = newFigureCards()
	s.aged = newBarChart(s.onAgedTapped)
	s.cash = newBarChart(s.onCashTapped)
	s.cash.splitCaption = lang.L("dashboard.cash.today")
	s.undated = &widget.Hyperlink{OnTapped: s.onUndatedTapped}
	s.late, s.noLate = s.newLateList()

	top := container.NewBorder(nil, nil, container.NewHBox(title, container.NewCenter(s.asOf)),
		container.NewHBox(container.NewCenter(s.status), s.newExportButton()))
	charts := container.NewGridWithRows(2,
		section(lang.L("dashboard.aged.title"), lang.L("dashboard.aged.hint"), s.aged),
		section(lang.L("dashboard.cash.title"), lang.L("dashboard.cash.hint"), container.NewBorder(nil, s.undated, nil, nil, s.cash)))
	lateBox := section(lang.L("dashboard.late.title"), lang.L("dashboard.late.hint"), container.NewStack(s.late, container.NewCenter(s.noLate)))
	body := container.NewBorder(s.figures.content, nil, nil, nil,
		container.NewHSplit(charts, lateBox))
	body.Objects[0].(*container.Split).Offset = 0.66
	s.content = container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewPadded(body))
	return s
}

// section is a titled part of the screen with a line saying how to read it.
func section(title, hint string, content fyne.CanvasObject) fyne.CanvasObject {
	head := container.NewVBox(
		&widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}},
		&widget.Label{Text: hint, Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis})
	return container.NewBorder(container.New(kit.TightVBox(), head.Objects...), nil, nil, nil, content)
}

// View is the screen's content, for the navigation.
func (s *Screen) View() fyne.CanvasObject { return s.content }

// Update reads the book and works the figures out (off the UI goroutine),
// then shows them in one fyne.Do; a load overtaken by a newer one is
// dropped.
func (s *Screen) Update(ctx context.Context) {
	s.mu.Lock()
	s.seq++
	seq := s.seq
	s.mu.Unlock()
	fyne.Do(func() { s.status.SetText(lang.L("dashboard.loading")) })
	today := s.host.Today()
	f, err := dashboard.Load(ctx, s.host.Store(), today)
	fyne.Do(func() {
		s.mu.Lock()
		stale := seq != s.seq
		s.mu.Unlock()
		switch {
		case stale:
		case err != nil:
			s.status.SetText(lang.L("dashboard.load_failed"))
			s.host.ShowError(err)
		default:
			s.status.SetText("")
			s.show(f)
		}
	})
}

// show puts a load's figures on screen.
func (s *Screen) show(f *dashboard.Figures) {
	s.shown = f
	s.asOf.SetText(lang.L("dashboard.as_of", map[string]any{"Date": kit.LongDate(f.Today)}))
	s.figures.set(f)
	s.aged.setBars(agedBars(f))
	s.cash.split = dashboard.Weeks
	s.cash.setBars(cashBars(f))
	kit.SetVisible(s.undated, f.Undated > 0)
	s.undated.SetText(lang.N("dashboard.cash.undated", len(f.UndatedItems),
		map[string]any{"Amount": kit.Money(f.Undated), "Count": len(f.UndatedItems)}))
	kit.SetVisible(s.noLate, len(f.Late) == 0)
	s.late.Refresh()
}

// agedBucketColors go from the calm of not yet due to the alarm of months
// late.
var agedBucketColors = [dashboard.BucketCount]chartColor{chartBlue, chartAmber, chartOrange, chartRed, chartRed}

// agedBars are the aged balance's bars, one per bucket.
func agedBars(f *dashboard.Figures) []bar {
	bars := make([]bar, dashboard.BucketCount)
	for _, b := range dashboard.Buckets {
		bars[b] = bar{amount: f.Aged[b], label: lang.L("dashboard.aged." + b.Key()), color: agedBucketColors[b]}
	}
	return bars
}

// cashBars are the past weeks received (green) then the weeks ahead
// expected (blue), each labelled with its first day.
func cashBars(f *dashboard.Figures) []bar {
	bars := make([]bar, 0, 2*dashboard.Weeks)
	for _, w := range f.Past {
		bars = append(bars, bar{amount: w.Amount, label: shortDate(w.First), color: chartGreen})
	}
	for _, w := range f.Ahead {
		bars = append(bars, bar{amount: w.Amount, label: shortDate(w.First), color: chartBlue})
	}
	return bars
}

// onAgedTapped lists the invoices of a bucket.
func (s *Screen) onAgedTapped(i int) {
	if s.shown == nil {
		return
	}
	b := dashboard.Buckets[i]
	s.host.ShowInvoices(lang.L("dashboard.aged.shown", map[string]any{"Bucket": lang.L("dashboard.aged." + b.Key())}),
		s.shown.AgedItems[b])
}

// onCashTapped lists the invoices behind a week: those paid in it (read
// now), or those expected in it.
func (s *Screen) onCashTapped(i int) {
	f := s.shown
	if f == nil {
		return
	}
	if i >= dashboard.Weeks {
		w := f.Ahead[i-dashboard.Weeks]
		s.host.ShowInvoices(weekTitle("dashboard.cash.shown_ahead", w), w.Items)
		return
	}
	w := f.Past[i]
	s.host.Async(func() {
		ids, err := s.host.Store().ListInvoiceIDsPaidBetween(context.Background(), w.First, w.Last)
		fyne.Do(func() {
			if err != nil {
				s.host.ShowError(err)
				return
			}
			s.host.ShowInvoices(weekTitle("dashboard.cash.shown_past", w), ids)
		})
	})
}

func (s *Screen) onUndatedTapped() {
	if s.shown != nil {
		s.host.ShowInvoices(lang.L("dashboard.cash.shown_undated"), s.shown.UndatedItems)
	}
}

// weekTitle names a week's invoices: "Paid from 30 Nov to 6 Dec".
func weekTitle(key string, w dashboard.Week) string {
	return lang.L(key, map[string]any{"First": kit.Date(w.First), "Last": kit.Date(w.Last)})
}

// newLateList is the list of the clients most late; a click opens the
// client's page.
func (s *Screen) newLateList() (*widget.List, *widget.Label) {
	rows := func() []dashboard.ClientAged {
		if s.shown == nil {
			return nil
		}
		return s.shown.Late
	}
	list := &widget.List{
		Length: func() int { return len(rows()) },
		CreateItem: func() fyne.CanvasObject {
			name := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
			amount := &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.DangerImportance}
			detail := &widget.Label{Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis}
			return container.NewBorder(nil, nil, nil, amount, container.New(kit.TightVBox(), name, detail))
		},
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			r := rows()
			if id >= len(r) {
				return
			}
			c := o.(*fyne.Container)
			texts := c.Objects[0].(*fyne.Container).Objects
			texts[0].(*widget.Label).SetText(r[id].ClientName)
			texts[1].(*widget.Label).SetText(lateDetail(&r[id]))
			c.Objects[1].(*widget.Label).SetText(kit.Money(r[id].Overdue()))
		},
	}
	list.OnSelected = func(id widget.ListItemID) {
		list.UnselectAll()
		if r := rows(); id < len(r) {
			s.host.OpenClient(r[id].ClientID)
		}
	}
	list.ExtendBaseWidget(list)
	empty := &widget.Label{Text: lang.L("dashboard.late.none"), Importance: widget.LowImportance}
	empty.Hide()
	return list, empty
}

// lateDetail says how late a client's money is: the oldest bucket that
// holds some, and what it owes in all.
func lateDetail(c *dashboard.ClientAged) string {
	oldest := dashboard.Late1to30
	for _, b := range dashboard.Buckets[1:] {
		if c.Aged[b] > 0 {
			oldest = b
		}
	}
	return lang.L("dashboard.late.detail", map[string]any{"Oldest": lang.L("dashboard.aged." + oldest.Key()),
		"Total": kit.Money(c.Aged.Total())})
}

// figureCards are the five cards on top.
type figureCards struct {
	content                                       fyne.CanvasObject
	outstanding, overdue, dso, avgLate, collected kit.Figure
}

func newFigureCards() figureCards {
	f := figureCards{
		outstanding: kit.NewFigure(widget.MediumImportance),
		overdue:     kit.NewFigure(widget.DangerImportance),
		dso:         kit.NewFigure(widget.MediumImportance),
		avgLate:     kit.NewFigure(widget.WarningImportance),
		collected:   kit.NewFigure(widget.SuccessImportance),
	}
	f.content = container.NewGridWithColumns(5, f.outstanding.Card(), f.overdue.Card(), f.dso.Card(), f.avgLate.Card(),
		f.collected.Card())
	return f
}

// set writes the figures; a DSO or an average with nothing to work from
// says so rather than show 0.
func (f figureCards) set(d *dashboard.Figures) {
	f.outstanding.Set(lang.L("dashboard.figure.outstanding"), kit.Money(d.Outstanding), lang.L("dashboard.figure.outstanding_detail"))
	f.overdue.Set(lang.L("dashboard.figure.overdue"), kit.Money(d.Overdue), overdueShare(d))
	dso, avg := lang.L("dashboard.figure.unknown"), lang.L("dashboard.figure.unknown")
	if d.DSOKnown {
		dso = days(d.DSO)
	}
	if d.AvgKnown {
		avg = days(d.AvgDaysLate)
	}
	f.dso.Set(lang.L("dashboard.figure.dso"), dso, lang.L("dashboard.figure.dso_method"))
	f.avgLate.Set(lang.L("dashboard.figure.avg_late"), avg, lang.L("dashboard.figure.avg_late_method"))
	f.collected.Set(lang.L("dashboard.figure.collected"), kit.Money(d.CollectedMonth),
		lang.L("dashboard.figure.collected_last", map[string]any{"Amount": kit.Money(d.CollectedLastMonth)}))
}

// overdueShare is the overdue part of what is owed, in percent.
func overdueShare(d *dashboard.Figures) string {
	if d.Outstanding <= 0 {
		return ""
	}
	return lang.L("dashboard.figure.overdue_share", map[string]any{"Percent": int(100 * d.Overdue / d.Outstanding)})
}
