package dashboard

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/data"
)

// bar is one bar of a chart: its amount, the words under it and its
// colour.
type bar struct {
	amount data.Money
	label  string
	color  chartColor
}

// chartColor is a bar's colour, drawn from the palette of the theme's
// variant.
type chartColor int

// The bars' colours.
const (
	chartBlue   chartColor = iota // not yet due; expected
	chartGreen                    // received
	chartAmber                    // a little late
	chartOrange                   // late
	chartRed                      // very late
	chartColorCount
)

// chartPalettes are the bars' colours on a light and on a dark background.
// Fyne's own success and warning colours are too pale on white (1.5:1):
// each of these keeps 3:1 at least against its background, the least WCAG
// asks of a graphic a reader must make out (a test checks it).
var chartPalettes = map[bool][chartColorCount]color.NRGBA{
	false: { // light
		chartBlue: {0x15, 0x65, 0xc0, 0xff}, chartGreen: {0x2e, 0x7d, 0x32, 0xff}, chartAmber: {0xb0, 0x6a, 0x00, 0xff},
		chartOrange: {0xd8, 0x43, 0x15, 0xff}, chartRed: {0xb7, 0x1c, 0x1c, 0xff},
	},
	true: { // dark
		chartBlue: {0x64, 0xb5, 0xf6, 0xff}, chartGreen: {0x66, 0xbb, 0x6a, 0xff}, chartAmber: {0xff, 0xb7, 0x4d, 0xff},
		chartOrange: {0xff, 0x8a, 0x65, 0xff}, chartRed: {0xef, 0x53, 0x50, 0xff},
	},
}

// themeIsDark tells the variant in use from its background: the window
// may force light or dark whatever the system's.
func themeIsDark() bool {
	r, g, b, _ := theme.Color(theme.ColorNameBackground).RGBA()
	return r+g+b < 3*0x8000
}

// paint is a chart colour in the variant in use.
func paint(c chartColor) color.Color { return chartPalettes[themeIsDark()][c] }

// barChart draws bars with their amounts on top and their labels below;
// a tap on a bar (or its column) calls onTap with its index. A divider
// may stand before bar split (the cash chart's "today"), with its caption.
// From the keyboard, Tab reaches the chart, the arrows choose a bar and
// Enter or Space opens it.
type barChart struct {
	widget.BaseWidget
	bars         []bar
	split        int // the index of the first bar after the divider; 0: none
	splitCaption string
	onTap        func(i int)
	hovered      int  // the bar lit up (under the pointer, or chosen from the keyboard); -1: none
	focused      bool // the keyboard is on the chart: the lit bar is framed
}

func newBarChart(onTap func(int)) *barChart {
	c := &barChart{onTap: onTap, hovered: -1}
	c.ExtendBaseWidget(c)
	return c
}

// setBars puts new bars on show.
func (c *barChart) setBars(bars []bar) {
	c.bars = bars
	c.Refresh()
}

// barAt is the index of the bar whose column holds x, or -1.
func (c *barChart) barAt(x float32) int {
	if len(c.bars) == 0 {
		return -1
	}
	i := int(x / (c.Size().Width / float32(len(c.bars))))
	if i < 0 || i >= len(c.bars) {
		return -1
	}
	return i
}

// Tapped opens what is behind the bar tapped.
func (c *barChart) Tapped(ev *fyne.PointEvent) { c.open(c.barAt(ev.Position.X)) }

// open opens what is behind bar i; an empty bar has nothing behind it.
func (c *barChart) open(i int) {
	if i >= 0 && i < len(c.bars) && c.bars[i].amount != 0 && c.onTap != nil {
		c.onTap(i)
	}
}

// FocusGained lights up a bar to start from: the one lit already, else the
// first.
func (c *barChart) FocusGained() {
	c.focused = true
	if c.hovered < 0 && len(c.bars) > 0 {
		c.hovered = 0
	}
	c.Refresh()
}

// FocusLost puts the chart out.
func (c *barChart) FocusLost() {
	c.focused, c.hovered = false, -1
	c.Refresh()
}

// TypedRune does nothing: the chart takes keys, not text.
func (c *barChart) TypedRune(rune) {}

// TypedKey moves between the bars with the arrows and opens one with
// Enter or Space.
func (c *barChart) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyLeft:
		c.hover(max(c.hovered-1, 0))
	case fyne.KeyRight:
		c.hover(min(c.hovered+1, len(c.bars)-1))
	case fyne.KeyHome:
		c.hover(0)
	case fyne.KeyEnd:
		c.hover(len(c.bars) - 1)
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		c.open(c.hovered)
	}
}

// Cursor shows that bars can be clicked.
func (c *barChart) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MouseIn, MouseMoved and MouseOut light up the bar under the pointer.
func (c *barChart) MouseIn(ev *desktop.MouseEvent)    { c.hover(c.barAt(ev.Position.X)) }
func (c *barChart) MouseMoved(ev *desktop.MouseEvent) { c.hover(c.barAt(ev.Position.X)) }
func (c *barChart) MouseOut() {
	if !c.focused {
		c.hover(-1)
	}
}

func (c *barChart) hover(i int) {
	if i != c.hovered {
		c.hovered = i
		c.Refresh()
	}
}

// MinSize leaves room for the amounts, the labels and bars worth seeing.
func (c *barChart) MinSize() fyne.Size {
	return fyne.NewSize(float32(max(len(c.bars), 1))*44, 110)
}

// CreateRenderer makes the chart's drawing.
func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barChartRenderer{chart: c, baseline: canvas.NewLine(color.Black), divider: canvas.NewLine(color.Black),
		dividerCaption: canvas.NewText("", color.Black), frame: &canvas.Rectangle{FillColor: color.Transparent}}
	r.Refresh()
	return r
}

type barChartRenderer struct {
	chart          *barChart
	rects          []*canvas.Rectangle
	values, labels []*canvas.Text
	baseline       *canvas.Line
	divider        *canvas.Line
	dividerCaption *canvas.Text
	frame          *canvas.Rectangle // around the bar chosen from the keyboard
}

func (r *barChartRenderer) Destroy() {}

func (r *barChartRenderer) MinSize() fyne.Size { return r.chart.MinSize() }

func (r *barChartRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.frame, r.baseline, r.divider, r.dividerCaption}
	for i := range r.rects {
		objs = append(objs, r.rects[i], r.values[i], r.labels[i])
	}
	return objs
}

// Refresh makes as many bars as there are, in the theme's colours.
func (r *barChartRenderer) Refresh() {
	c := r.chart
	for len(r.rects) < len(c.bars) {
		r.rects = append(r.rects, &canvas.Rectangle{})
		r.values = append(r.values, &canvas.Text{Alignment: fyne.TextAlignCenter, TextStyle: fyne.TextStyle{Bold: true}})
		r.labels = append(r.labels, &canvas.Text{Alignment: fyne.TextAlignCenter})
	}
	r.rects, r.values, r.labels = r.rects[:len(c.bars)], r.values[:len(c.bars)], r.labels[:len(c.bars)]
	fg, muted := theme.Color(theme.ColorNameForeground), theme.Color(theme.ColorNameDisabled)
	small := theme.Size(theme.SizeNameCaptionText)
	for i, b := range c.bars {
		fill := paint(b.color)
		if i == c.hovered {
			fill = withAlpha(fill, 0xb0)
		}
		r.rects[i].FillColor = fill
		r.rects[i].CornerRadius = 3
		r.values[i].Text, r.values[i].Color, r.values[i].TextSize = shortMoney(b.amount), fg, small
		r.labels[i].Text, r.labels[i].Color, r.labels[i].TextSize = b.label, muted, small
	}
	r.baseline.StrokeColor, r.baseline.StrokeWidth = muted, 1
	r.divider.StrokeColor, r.divider.StrokeWidth = muted, 1
	r.dividerCaption.Text, r.dividerCaption.Color, r.dividerCaption.TextSize = c.splitCaption, muted, small
	r.divider.Hidden, r.dividerCaption.Hidden = c.split == 0, c.split == 0
	r.frame.StrokeColor, r.frame.StrokeWidth, r.frame.CornerRadius = theme.Color(theme.ColorNameFocus), 2, 4
	r.frame.Hidden = !c.focused || c.hovered < 0 || c.hovered >= len(c.bars)
	r.Layout(c.Size())
	for _, o := range r.Objects() {
		o.Refresh()
	}
}

// Layout scales the bars to the largest amount: the value on top of each,
// the label under the baseline.
func (r *barChartRenderer) Layout(size fyne.Size) {
	n := len(r.rects)
	if n == 0 {
		return
	}
	small := theme.Size(theme.SizeNameCaptionText)
	textH := fyne.MeasureText("0", small, fyne.TextStyle{}).Height
	pad := theme.Padding()
	top, bottom := textH+pad, size.Height-textH-pad
	if r.chart.split > 0 { // room for the divider's caption above the bars
		top += textH
	}
	plot := bottom - top
	slot := size.Width / float32(n)
	width := slot * 0.62
	var most data.Money
	for _, b := range r.chart.bars {
		most = max(most, b.amount)
	}
	for i, b := range r.chart.bars {
		h := float32(0)
		if most > 0 && b.amount > 0 {
			h = max(2, plot*float32(b.amount)/float32(most))
		}
		x := slot*float32(i) + (slot-width)/2
		r.rects[i].Move(fyne.NewPos(x, bottom-h))
		r.rects[i].Resize(fyne.NewSize(width, h))
		r.values[i].Move(fyne.NewPos(slot*float32(i), bottom-h-textH-2))
		r.values[i].Resize(fyne.NewSize(slot, textH))
		r.labels[i].Move(fyne.NewPos(slot*float32(i), bottom+pad/2))
		r.labels[i].Resize(fyne.NewSize(slot, textH))
	}
	r.baseline.Position1, r.baseline.Position2 = fyne.NewPos(0, bottom), fyne.NewPos(size.Width, bottom)
	if i := r.chart.hovered; i >= 0 && i < n {
		r.frame.Move(fyne.NewPos(slot*float32(i)+1, 1))
		r.frame.Resize(fyne.NewSize(slot-2, size.Height-2))
	}
	if split := r.chart.split; split > 0 {
		x := slot * float32(split)
		r.divider.Position1, r.divider.Position2 = fyne.NewPos(x, 0), fyne.NewPos(x, bottom)
		w := fyne.MeasureText(r.dividerCaption.Text, small, fyne.TextStyle{}).Width
		r.dividerCaption.Move(fyne.NewPos(x+pad/2, 0))
		r.dividerCaption.Resize(fyne.NewSize(w, textH))
	}
}

// withAlpha is c with alpha a (0-255), for the lighter bars.
func withAlpha(c color.Color, a uint8) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(uint16(n.A) * uint16(a) / 255)
	return n
}
