package calendar

import (
	"image/color"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/dunning"
	"relance/data"
)

// calendarDay is one day of the month grid, as loaded.
type calendarDay struct {
	date    data.Date
	entries []calendarEntry
	lines   []calendarLine
	holiday string // the public holiday's name, "" on other days
	weekend bool
	inMonth bool // false for the days of the previous and next months
	today   bool
}

// Geometry of a day cell, in device-independent pixels.
const (
	cellPadding    = 5
	cellHeadHeight = 24 // the day number row
	cellLineHeight = 17
	cellMarkerSize = 8
	cellMaxLines   = 4
)

// calendarCell draws one day of the month grid: its number (in a disc
// when it is today), the holiday's name, and a few coloured lines that
// count what the day holds. A tap selects the day.
type calendarCell struct {
	widget.BaseWidget
	day      calendarDay
	selected bool
	hovered  bool
	onTap    func(data.Date)
}

// newCalendarCell makes an empty cell that reports taps to onTap.
func newCalendarCell(onTap func(data.Date)) *calendarCell {
	c := &calendarCell{onTap: onTap}
	c.ExtendBaseWidget(c)
	return c
}

// set shows a day in the cell.
func (c *calendarCell) set(day calendarDay, selected bool) {
	c.day, c.selected = day, selected
	c.Refresh()
}

// Tapped selects the day.
func (c *calendarCell) Tapped(*fyne.PointEvent) {
	if c.onTap != nil && !c.day.date.IsZero() {
		c.onTap(c.day.date)
	}
}

// Cursor shows a hand: the whole cell is clickable.
func (c *calendarCell) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MouseIn highlights the cell under the pointer.
func (c *calendarCell) MouseIn(*desktop.MouseEvent) { c.hovered = true; c.Refresh() }

// MouseMoved is needed by desktop.Hoverable; nothing to do.
func (c *calendarCell) MouseMoved(*desktop.MouseEvent) {}

// MouseOut ends the highlight.
func (c *calendarCell) MouseOut() { c.hovered = false; c.Refresh() }

// CreateRenderer builds the cell's canvas objects once; Refresh restyles them.
func (c *calendarCell) CreateRenderer() fyne.WidgetRenderer {
	r := &calendarCellRenderer{cell: c, background: &canvas.Rectangle{}, hover: &canvas.Rectangle{},
		disc:    &canvas.Circle{},
		number:  &canvas.Text{TextStyle: fyne.TextStyle{Bold: true}},
		holiday: &canvas.Text{TextStyle: fyne.TextStyle{Italic: true}}}
	for i := range r.markers {
		r.markers[i] = &canvas.Rectangle{}
		r.texts[i] = &canvas.Text{}
	}
	r.Refresh()
	return r
}

// calendarCellRenderer draws a calendarCell with plain canvas objects.
type calendarCellRenderer struct {
	cell       *calendarCell
	background *canvas.Rectangle
	hover      *canvas.Rectangle
	disc       *canvas.Circle
	number     *canvas.Text
	holiday    *canvas.Text
	markers    [cellMaxLines]*canvas.Rectangle
	texts      [cellMaxLines]*canvas.Text
}

// Destroy has nothing to release.
func (r *calendarCellRenderer) Destroy() {}

// MinSize is the smallest size that keeps the content readable.
func (r *calendarCellRenderer) MinSize() fyne.Size {
	return fyne.NewSize(60, cellHeadHeight+2*cellPadding+cellLineHeight)
}

// Objects lists what the renderer draws.
func (r *calendarCellRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.background, r.hover, r.disc, r.number, r.holiday}
	for i := range r.markers {
		objs = append(objs, r.markers[i], r.texts[i])
	}
	return objs
}

// Refresh restyles the cell from its day and the current theme, so that a
// switch between light and dark reads well at once.
func (r *calendarCellRenderer) Refresh() {
	c, day := r.cell, r.cell.day
	r.background.FillColor = theme.Color(theme.ColorNameBackground)
	if day.weekend || day.holiday != "" {
		r.background.FillColor = theme.Color(theme.ColorNameInputBackground)
	}
	r.background.StrokeWidth, r.background.StrokeColor = 0, color.Transparent
	if c.selected {
		r.background.StrokeWidth, r.background.StrokeColor = 2, theme.Color(theme.ColorNamePrimary)
	}
	r.hover.FillColor = color.Transparent
	if c.hovered {
		r.hover.FillColor = theme.Color(theme.ColorNameHover)
	}
	r.styleNumber()
	r.holiday.Text = day.holiday
	r.holiday.TextSize = theme.CaptionTextSize()
	r.holiday.Color = theme.Color(theme.ColorNamePlaceHolder)
	r.Layout(c.Size())
	for _, o := range r.Objects() {
		canvas.Refresh(o)
	}
}

// styleNumber writes the day number: in a disc of the accent colour on
// today, dimmed for the days of the other months.
func (r *calendarCellRenderer) styleNumber() {
	day := r.cell.day
	r.number.Text = ""
	if !day.date.IsZero() {
		r.number.Text = strconv.Itoa(day.date.Day())
	}
	r.number.TextSize = theme.TextSize()
	r.number.Color = theme.Color(theme.ColorNameForeground)
	if !day.inMonth {
		r.number.Color = theme.Color(theme.ColorNameDisabled)
	}
	r.disc.FillColor = color.Transparent
	if day.today {
		r.disc.FillColor = theme.Color(theme.ColorNamePrimary)
		r.number.Color = theme.Color(theme.ColorNameForegroundOnPrimary)
	}
}

// Layout places the number and holiday on top, then as many lines as the
// cell's height allows; when some do not fit, the last line says how many
// more items the day holds.
func (r *calendarCellRenderer) Layout(size fyne.Size) {
	r.background.Resize(size)
	r.hover.Resize(size)
	numberSize := fyne.MeasureText(r.number.Text, r.number.TextSize, r.number.TextStyle)
	disc := float32(cellHeadHeight - 2)
	r.disc.Position1 = fyne.NewPos(cellPadding, cellPadding/2)
	r.disc.Position2 = r.disc.Position1.AddXY(disc, disc)
	r.number.Move(fyne.NewPos(cellPadding+(disc-numberSize.Width)/2, cellPadding/2+(disc-numberSize.Height)/2))
	r.number.Resize(numberSize)
	holidayX := cellPadding + disc + 4
	r.holiday.Text = calendarFit(r.cell.day.holiday, r.holiday.TextSize, r.holiday.TextStyle, size.Width-holidayX-cellPadding)
	hs := fyne.MeasureText(r.holiday.Text, r.holiday.TextSize, r.holiday.TextStyle)
	r.holiday.Move(fyne.NewPos(holidayX, cellPadding/2+(disc-hs.Height)/2))
	r.holiday.Resize(hs)
	r.layoutLines(size)
}

// layoutLines fills the lines under the day number.
func (r *calendarCellRenderer) layoutLines(size fyne.Size) {
	lines := r.cell.day.lines
	fit := int((size.Height - cellHeadHeight - cellPadding) / cellLineHeight)
	fit = max(0, min(fit, cellMaxLines))
	shown, more := calendarVisibleLines(lines, fit)
	textSize := theme.CaptionTextSize() + 1
	for i := range r.markers {
		marker, text := r.markers[i], r.texts[i]
		if i >= len(shown) && !(i == len(shown) && more > 0) {
			marker.Hide()
			text.Hide()
			continue
		}
		y := float32(cellHeadHeight + cellPadding/2 + i*cellLineHeight)
		label, colour := lang.N("calendar.cell.more", more, map[string]any{"Count": more}), theme.ColorNamePlaceHolder
		marker.Hide()
		if i < len(shown) {
			label, colour = shown[i].text, shown[i].colour
			r.styleMarker(marker, shown[i], y)
		}
		r.styleLine(text, label, colour, textSize, size.Width, y)
	}
}

// styleMarker draws a line's marker: a dot for invoices falling due, a
// small square for dated events.
func (r *calendarCellRenderer) styleMarker(marker *canvas.Rectangle, line calendarLine, y float32) {
	marker.FillColor = theme.Color(line.colour)
	marker.CornerRadius = cellMarkerSize / 2
	if line.square {
		marker.CornerRadius = 1.5
	}
	marker.Resize(fyne.NewSquareSize(cellMarkerSize))
	marker.Move(fyne.NewPos(cellPadding+2, y+(cellLineHeight-cellMarkerSize)/2))
	marker.Show()
}

// styleLine writes a line's text: coloured like its marker on days of the
// month, dimmed on the days of the other months.
func (r *calendarCellRenderer) styleLine(text *canvas.Text, label string, colour fyne.ThemeColorName, textSize, width, y float32) {
	text.TextSize = textSize
	text.TextStyle = fyne.TextStyle{Bold: colour == theme.ColorNameError}
	text.Color = theme.Color(theme.ColorNameForeground)
	if !r.cell.day.inMonth || colour == theme.ColorNamePlaceHolder {
		text.Color = theme.Color(theme.ColorNamePlaceHolder)
	}
	x := float32(cellPadding + cellMarkerSize + 7)
	text.Text = calendarFit(label, textSize, text.TextStyle, width-x-cellPadding)
	ts := fyne.MeasureText(text.Text, textSize, text.TextStyle)
	text.Move(fyne.NewPos(x, y+(cellLineHeight-ts.Height)/2))
	text.Resize(ts)
	text.Show()
}

// calendarVisibleLines keeps what fits in a cell of fit lines; when some
// lines do not fit, one line is given to "+N more", N counting the items
// left out.
func calendarVisibleLines(lines []calendarLine, fit int) (shown []calendarLine, more int) {
	if len(lines) <= fit {
		return lines, 0
	}
	if fit == 0 {
		return nil, 0
	}
	shown = lines[:fit-1]
	for _, l := range lines[fit-1:] {
		more += l.count
	}
	return shown, more
}

// calendarFit shortens text with an ellipsis until it fits in width.
func calendarFit(text string, size float32, style fyne.TextStyle, width float32) string {
	if text == "" || fyne.MeasureText(text, size, style).Width <= width {
		return text
	}
	runes := []rune(text)
	for n := len(runes) - 1; n > 0; n-- {
		candidate := string(runes[:n]) + "…"
		if fyne.MeasureText(candidate, size, style).Width <= width {
			return candidate
		}
	}
	return ""
}

// calendarDayOf builds a grid day from its items.
func calendarDayOf(d data.Date, entries []calendarEntry, month data.Date, today data.Date, cal dunning.Calendar) calendarDay {
	items := make([]dunning.FeedItem, len(entries))
	for i := range entries {
		items[i] = entries[i].item
	}
	wd := d.Weekday()
	return calendarDay{date: d, entries: entries, lines: calendarSummary(items), holiday: calendarHolidayName(cal, d),
		weekend: wd == time.Saturday || wd == time.Sunday, inMonth: d.Month() == month.Month() && d.Year() == month.Year(), today: d == today}
}
