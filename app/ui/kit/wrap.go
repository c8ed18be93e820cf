package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// wrapLayout puts objects side by side in rows, starting a new row when
// the next one does not fit the width given.
//
// Fyne's RowWrapLayout does the same, but once laid out it reports as its
// minimum width the width of the rows it made: laid out once in a wide
// (maximised) window, a bar of buttons then keeps the window from being
// made narrower than all the buttons in one row, wider than a 1024-pixel
// screen. This one's minimum width is always its widest object's; its
// minimum height is that of the rows made at the last width laid out.
type wrapLayout struct {
	rowsHeight float32 // the height of the rows made by the last Layout; 0 before
}

// NewWrapLayout is a row-wrapping layout whose minimum width never grows
// with the window: see wrapLayout.
func NewWrapLayout() fyne.Layout { return &wrapLayout{} }

func (l *wrapLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var width, rowHeight float32
	count := 0
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		s := o.MinSize()
		width, rowHeight = max(width, s.Width), max(rowHeight, s.Height)
		count++
	}
	if count == 0 {
		return fyne.Size{}
	}
	if l.rowsHeight > 0 {
		return fyne.NewSize(width, l.rowsHeight)
	}
	// Not laid out yet: one object a row, the most it can take.
	return fyne.NewSize(width, rowHeight*float32(count)+theme.Padding()*float32(count-1))
}

func (l *wrapLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	var rowHeight float32
	for _, o := range objects {
		if o.Visible() {
			rowHeight = max(rowHeight, o.MinSize().Height)
		}
	}
	pad := theme.Padding()
	pos, rows, first := fyne.Position{}, 1, true
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		s := o.MinSize()
		if !first && pos.X+s.Width > size.Width {
			pos = fyne.NewPos(0, float32(rows)*(rowHeight+pad))
			rows++
		}
		first = false
		o.Resize(s)
		o.Move(pos)
		pos.X += s.Width + pad
	}
	l.rowsHeight = rowHeight*float32(rows) + pad*float32(rows-1)
}
