package calendar

import (
	"math"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/data"
)

// Geometry of the month grid.
const (
	gridWeeks        = 6  // the most weeks a month can touch
	gridWeekColumn   = 28 // the ISO week numbers, on the left
	gridHeaderHeight = 26 // the weekday names
)

// calendarGrid is the month view: weekday names on top, ISO week numbers
// on the left (French offices plan by "semaine 48"), and the day cells with
// one-pixel rules between them.
type calendarGrid struct {
	widget.BaseWidget
	cells    [gridWeeks * 7]*calendarCell
	days     []calendarDay
	selected data.Date
}

// newCalendarGrid makes the grid's 42 cells once; set fills them.
func newCalendarGrid(onTap func(data.Date)) *calendarGrid {
	g := &calendarGrid{}
	for i := range g.cells {
		g.cells[i] = newCalendarCell(onTap)
	}
	g.ExtendBaseWidget(g)
	return g
}

// set shows the days of a month (whole weeks, Monday first) and marks the
// selected one.
func (g *calendarGrid) set(days []calendarDay, selected data.Date) {
	g.days, g.selected = days, selected
	for i, c := range g.cells {
		if i < len(days) {
			c.set(days[i], days[i].date == selected)
			c.Show()
		} else {
			c.Hide()
		}
	}
	g.Refresh()
}

// selectDay moves the selection outline without reloading anything.
func (g *calendarGrid) selectDay(d data.Date) {
	g.selected = d
	for i, c := range g.cells {
		if i < len(g.days) && c.selected != (g.days[i].date == d) {
			c.selected = !c.selected
			c.Refresh()
		}
	}
}

// cellOf returns the cell that shows day d, or nil.
func (g *calendarGrid) cellOf(d data.Date) *calendarCell {
	for i := range g.days {
		if g.days[i].date == d {
			return g.cells[i]
		}
	}
	return nil
}

// weeks is how many rows the month on show needs (4 to 6).
func (g *calendarGrid) weeks() int { return max(1, (len(g.days)+6)/7) }

// CreateRenderer builds the headers and week numbers around the cells.
func (g *calendarGrid) CreateRenderer() fyne.WidgetRenderer {
	r := &calendarGridRenderer{grid: g, rules: &canvas.Rectangle{}}
	for i := range r.weekdays {
		r.weekdays[i] = &canvas.Text{Alignment: fyne.TextAlignCenter, TextStyle: fyne.TextStyle{Bold: true}}
	}
	for i := range r.weekNumbers {
		r.weekNumbers[i] = &canvas.Text{Alignment: fyne.TextAlignCenter}
	}
	r.Refresh()
	return r
}

// calendarGridRenderer lays out the headers and the cells of a calendarGrid.
type calendarGridRenderer struct {
	grid        *calendarGrid
	rules       *canvas.Rectangle // shows through the gaps between cells
	weekdays    [7]*canvas.Text
	weekNumbers [gridWeeks]*canvas.Text
}

// Destroy has nothing to release.
func (r *calendarGridRenderer) Destroy() {}

// MinSize is the smallest size that keeps the content readable.
func (r *calendarGridRenderer) MinSize() fyne.Size {
	cell := r.grid.cells[0].MinSize()
	return fyne.NewSize(gridWeekColumn+7*cell.Width, gridHeaderHeight+float32(r.grid.weeks())*cell.Height)
}

// Objects lists what the renderer draws.
func (r *calendarGridRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.rules}
	for _, t := range r.weekdays {
		objs = append(objs, t)
	}
	for _, t := range r.weekNumbers {
		objs = append(objs, t)
	}
	for _, c := range r.grid.cells {
		objs = append(objs, c)
	}
	return objs
}

// Refresh rewrites the headers (weekday names, week numbers) in the
// current language and theme.
func (r *calendarGridRenderer) Refresh() {
	for i, t := range r.weekdays {
		t.Text = kit.WeekdayShort(time.Weekday((i + 1) % 7))
		t.TextSize = theme.CaptionTextSize() + 1
		t.Color = theme.Color(theme.ColorNamePlaceHolder)
		t.Refresh()
	}
	for i, t := range r.weekNumbers {
		t.Text = ""
		if i*7 < len(r.grid.days) {
			_, week := r.grid.days[i*7].date.Time().ISOWeek()
			t.Text = strconv.Itoa(week)
		}
		t.TextSize = theme.CaptionTextSize()
		t.Color = theme.Color(theme.ColorNamePlaceHolder)
		t.Refresh()
	}
	r.rules.FillColor = theme.Color(theme.ColorNameSeparator)
	r.rules.Refresh()
	r.Layout(r.grid.Size())
}

// Layout divides the space left of the headers in equal columns and rows;
// each cell is one pixel smaller than its slot so that the rules show.
func (r *calendarGridRenderer) Layout(size fyne.Size) {
	weeks := r.grid.weeks()
	colW := (size.Width - gridWeekColumn) / 7
	rowH := (size.Height - gridHeaderHeight) / float32(weeks)
	r.rules.Move(fyne.NewPos(gridWeekColumn-1, gridHeaderHeight-1))
	r.rules.Resize(fyne.NewSize(size.Width-gridWeekColumn+1, size.Height-gridHeaderHeight+1))
	for i, t := range r.weekdays {
		t.Move(fyne.NewPos(gridWeekColumn+float32(i)*colW, 0))
		t.Resize(fyne.NewSize(colW, gridHeaderHeight-4))
	}
	for i, t := range r.weekNumbers {
		t.Move(fyne.NewPos(0, gridHeaderHeight+float32(i)*rowH+cellPadding))
		t.Resize(fyne.NewSize(gridWeekColumn-4, cellHeadHeight-4))
		t.Hidden = i >= weeks
	}
	for i, c := range r.grid.cells {
		row, col := i/7, i%7
		x0, x1 := gridEdge(gridWeekColumn, colW, col), gridEdge(gridWeekColumn, colW, col+1)
		y0, y1 := gridEdge(gridHeaderHeight, rowH, row), gridEdge(gridHeaderHeight, rowH, row+1)
		c.Move(fyne.NewPos(x0, y0))
		c.Resize(fyne.NewSize(x1-x0-1, y1-y0-1))
	}
}

// gridEdge is the whole-pixel edge of slot n: rounding every edge (rather
// than every width) keeps each one-pixel rule visible and the grid flush.
func gridEdge(start, step float32, n int) float32 {
	return float32(math.Round(float64(start + step*float32(n))))
}
