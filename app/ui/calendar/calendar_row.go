package calendar

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/data"
)

// calendarRowKind says what a line of the day list or of the agenda is.
type calendarRowKind int

const (
	rowEntry  calendarRowKind = iota // an item: invoice, step, promise, deadline
	rowHeader                        // a day's title, in the agenda
	rowEmpty                         // "nothing planned", under an empty day's title
)

// Heights of the rows, in device-independent pixels.
const (
	rowEntryHeight  = 46
	rowHeaderHeight = 34
	rowEmptyHeight  = 28
)

// calendarRow is one line of the day list or of the agenda.
type calendarRow struct {
	kind  calendarRowKind
	date  data.Date
	text  string // header and empty rows: the title
	aside string // header rows: the day's summary, on the right
	today bool
	entry calendarEntry
}

// calendarRowView draws a calendarRow: for an item, a coloured marker, the
// invoice and client on top, what happens below, the amount on the right.
// It is plain canvas text cut to width, which keeps rows to two compact
// lines where labels would need twice the height.
type calendarRowView struct {
	widget.BaseWidget
	row calendarRow
}

// newCalendarRowView is the list rows' template.
func newCalendarRowView() *calendarRowView {
	v := &calendarRowView{}
	v.ExtendBaseWidget(v)
	return v
}

// set shows row in the view.
func (v *calendarRowView) set(row calendarRow) {
	v.row = row
	v.Refresh()
}

// CreateRenderer builds the row's canvas objects once.
func (v *calendarRowView) CreateRenderer() fyne.WidgetRenderer {
	r := &calendarRowRenderer{view: v, background: &canvas.Rectangle{}, marker: &canvas.Rectangle{},
		title: &canvas.Text{}, detail: &canvas.Text{}, amount: &canvas.Text{Alignment: fyne.TextAlignTrailing}}
	r.Refresh()
	return r
}

// calendarRowRenderer draws a calendarRowView.
type calendarRowRenderer struct {
	view       *calendarRowView
	background *canvas.Rectangle
	marker     *canvas.Rectangle
	title      *canvas.Text
	detail     *canvas.Text
	amount     *canvas.Text
}

// Destroy has nothing to release.
func (r *calendarRowRenderer) Destroy() {}

// MinSize is the smallest size that keeps the content readable.
func (r *calendarRowRenderer) MinSize() fyne.Size {
	switch r.view.row.kind {
	case rowHeader:
		return fyne.NewSize(200, rowHeaderHeight)
	case rowEmpty:
		return fyne.NewSize(200, rowEmptyHeight)
	}
	return fyne.NewSize(200, rowEntryHeight)
}

// Objects lists what the renderer draws.
func (r *calendarRowRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.background, r.marker, r.title, r.detail, r.amount}
}

// Refresh restyles the row from its content and the current theme.
func (r *calendarRowRenderer) Refresh() {
	row := r.view.row
	fg, dim := theme.Color(theme.ColorNameForeground), theme.Color(theme.ColorNamePlaceHolder)
	r.background.FillColor = color.Transparent
	r.marker.Hidden = row.kind != rowEntry
	r.title.TextSize, r.detail.TextSize, r.amount.TextSize = theme.TextSize(), theme.CaptionTextSize()+1, theme.TextSize()
	r.title.Color, r.detail.Color, r.amount.Color = fg, dim, fg
	r.title.TextStyle, r.amount.TextStyle = fyne.TextStyle{Bold: true}, fyne.TextStyle{Bold: true}
	switch row.kind {
	case rowHeader:
		r.background.FillColor = theme.Color(theme.ColorNameHeaderBackground)
		r.title.TextStyle = fyne.TextStyle{Bold: true}
		if row.today {
			r.title.Color = theme.Color(theme.ColorNamePrimary)
		}
		r.amount.TextStyle, r.amount.TextSize, r.amount.Color = fyne.TextStyle{}, theme.CaptionTextSize()+1, dim
	case rowEmpty:
		r.title.Color, r.title.TextSize = dim, theme.CaptionTextSize()+1
	case rowEntry:
		r.marker.FillColor = color.Transparent
		if row.entry.colour != "" {
			r.marker.FillColor = theme.Color(row.entry.colour)
		}
		r.marker.CornerRadius = cellMarkerSize / 2
		if row.entry.square {
			r.marker.CornerRadius = 1.5
		}
	}
	r.Layout(r.view.Size())
	for _, o := range r.Objects() {
		canvas.Refresh(o)
	}
}

// Layout places the texts; the amount keeps its full width and the title
// is cut before it.
func (r *calendarRowRenderer) Layout(size fyne.Size) {
	row := r.view.row
	pad := theme.Padding() * 2
	right := pad + theme.ScrollBarSize() // the list's scroll bar overlays the row's end
	r.background.Resize(size)
	title, aside, detail := row.text, row.aside, ""
	left := pad
	if row.kind == rowEntry {
		title, aside, detail = row.entry.title, row.entry.amount, row.entry.detail
		left = pad + cellMarkerSize + 10
		r.marker.Resize(fyne.NewSquareSize(cellMarkerSize + 2))
		r.marker.Move(fyne.NewPos(pad, 9+(theme.TextSize()-cellMarkerSize)/2))
	} else if row.kind == rowEmpty {
		left = pad + cellMarkerSize + 10
	}
	asideSize := fyne.MeasureText(aside, r.amount.TextSize, r.amount.TextStyle)
	r.amount.Text = aside
	titleWidth := size.Width - left - pad - asideSize.Width - right
	r.title.Text = calendarFit(title, r.title.TextSize, r.title.TextStyle, titleWidth)
	r.detail.Text = calendarFit(detail, r.detail.TextSize, r.detail.TextStyle, size.Width-left-right)
	ts := fyne.MeasureText(r.title.Text, r.title.TextSize, r.title.TextStyle)
	top := (size.Height - ts.Height) / 2
	if row.kind == rowEntry {
		top = 5
	}
	r.title.Move(fyne.NewPos(left, top))
	r.title.Resize(fyne.NewSize(titleWidth, ts.Height))
	r.amount.Move(fyne.NewPos(size.Width-right-asideSize.Width, top+(ts.Height-asideSize.Height)/2))
	r.amount.Resize(asideSize)
	ds := fyne.MeasureText(r.detail.Text, r.detail.TextSize, r.detail.TextStyle)
	r.detail.Move(fyne.NewPos(left, top+ts.Height+2))
	r.detail.Resize(fyne.NewSize(size.Width-left-right, ds.Height))
}
