package calendar

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// calendarMarker is the coloured dot (or square) of the legend, restyled
// from the theme on every refresh so that it follows light and dark.
type calendarMarker struct {
	widget.BaseWidget
	colour fyne.ThemeColorName
	square bool
}

// newCalendarMarker makes a legend marker of a theme colour.
func newCalendarMarker(colour fyne.ThemeColorName, square bool) *calendarMarker {
	m := &calendarMarker{colour: colour, square: square}
	m.ExtendBaseWidget(m)
	return m
}

// CreateRenderer draws the marker as one rounded rectangle.
func (m *calendarMarker) CreateRenderer() fyne.WidgetRenderer {
	rect := &canvas.Rectangle{}
	r := &calendarMarkerRenderer{marker: m, rect: rect}
	r.Refresh()
	return r
}

// calendarMarkerRenderer draws a calendarMarker.
type calendarMarkerRenderer struct {
	marker *calendarMarker
	rect   *canvas.Rectangle
}

// Destroy has nothing to release.
func (r *calendarMarkerRenderer) Destroy() {}

// MinSize is the smallest size that keeps the content readable.
func (r *calendarMarkerRenderer) MinSize() fyne.Size { return fyne.NewSquareSize(cellMarkerSize + 6) }

// Objects lists what the renderer draws.
func (r *calendarMarkerRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.rect} }

// Layout centres the marker.
func (r *calendarMarkerRenderer) Layout(size fyne.Size) {
	r.rect.Resize(fyne.NewSquareSize(cellMarkerSize))
	r.rect.Move(fyne.NewPos((size.Width-cellMarkerSize)/2, (size.Height-cellMarkerSize)/2))
}

// Refresh restyles the marker from the current theme.
func (r *calendarMarkerRenderer) Refresh() {
	r.rect.FillColor = theme.Color(r.marker.colour)
	r.rect.CornerRadius = cellMarkerSize / 2
	if r.marker.square {
		r.rect.CornerRadius = 1.5
	}
	r.rect.Refresh()
}

// calendarLegend says what the colours of the grid mean.
func calendarLegend() fyne.CanvasObject {
	entries := []struct {
		colour fyne.ThemeColorName
		square bool
		key    string
	}{
		{theme.ColorNameError, false, "calendar.legend.late"},
		{theme.ColorNameWarning, false, "calendar.legend.coming"},
		{theme.ColorNameSuccess, false, "calendar.legend.paid"},
		{theme.ColorNamePlaceHolder, false, "calendar.legend.other"},
		{theme.ColorNamePrimary, true, "calendar.legend.planned"},
		{theme.ColorNameError, true, "calendar.legend.deadlines"},
	}
	box := container.NewHBox()
	for _, e := range entries {
		label := &widget.Label{Text: lang.L(e.key), SizeName: theme.SizeNameCaptionText}
		box.Add(container.NewHBox(container.NewCenter(newCalendarMarker(e.colour, e.square)), label))
	}
	return box
}
