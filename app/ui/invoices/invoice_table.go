package invoices

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/data"
)

// The list's columns, in order.
const (
	colNumber = iota
	colClient
	colDue
	colAmount
	colOutstanding
	colStatus
	colNext
	columnCount
)

var columnKeys = [columnCount]string{"column.number", "column.client", "column.due_date",
	"column.amount", "column.outstanding", "column.status", "column.next_step"}

// Column widths: the fixed ones, and the least the two that share the
// remaining width (client and next step) may have.
var (
	invoiceFixedWidths    = [columnCount]float32{colNumber: 112, colDue: 100, colAmount: 118, colOutstanding: 118, colStatus: 1}
	invoiceMinClientWidth = float32(180)
	invoiceMinNextWidth   = float32(180)
)

// newInvoiceTable builds the virtualised table over the screen's view: only
// the visible cells exist, and drawing one copies preformatted text.
func newInvoiceTable(s *Screen) *widget.Table {
	t := &widget.Table{
		Length:        func() (int, int) { return len(s.result.shown), columnCount },
		CreateCell:    newInvoiceCell,
		UpdateCell:    s.updateCell,
		ShowHeaderRow: true,
		CreateHeader:  func() fyne.CanvasObject { return newInvoiceHeader(s) },
		UpdateHeader:  func(id widget.TableCellID, o fyne.CanvasObject) { o.(*invoiceHeader).set(id.Col) },
	}
	t.ExtendBaseWidget(t)
	return t
}

// invoiceHeader is a column title; on a sortable column a click sorts the
// list by it (again: the other way), and an arrow shows the direction.
type invoiceHeader struct {
	widget.BaseWidget
	screen *Screen
	col    int
	label  *widget.Label
	icon   *widget.Icon
	// The arrow's place, left of a right-aligned title, else right; a
	// small arrow leaves the title its room.
	left, right *fyne.Container
}

// newInvoiceHeader makes a column title for the table s shows.
func newInvoiceHeader(s *Screen) *invoiceHeader {
	h := &invoiceHeader{screen: s, col: -1, icon: widget.NewIcon(nil),
		label: &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis},
		left:  container.NewCenter(), right: container.NewCenter()}
	h.ExtendBaseWidget(h)
	return h
}

// CreateRenderer lays out the title and its arrow.
func (h *invoiceHeader) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, h.left, h.right, h.label))
}

// Tapped sorts the list on the column.
func (h *invoiceHeader) Tapped(*fyne.PointEvent) {
	if h.col >= 0 && invoiceSortable[h.col] {
		h.screen.onSortColumn(h.col)
	}
}

// Cursor shows a hand over the titles that sort.
func (h *invoiceHeader) Cursor() desktop.Cursor {
	if h.col >= 0 && invoiceSortable[h.col] {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// set shows column col's title, with the sort arrow when the list is
// sorted on it.
func (h *invoiceHeader) set(col int) {
	if col < 0 || col >= columnCount {
		return
	}
	h.col = col
	var icon fyne.Resource
	if q := h.screen.query; q.sortCol == col {
		icon = theme.MoveUpIcon()
		if q.desc {
			icon = theme.MoveDownIcon()
		}
	}
	trailing := col == colAmount || col == colOutstanding
	h.label.Alignment = fyne.TextAlignLeading
	place := h.right
	if trailing {
		h.label.Alignment = fyne.TextAlignTrailing
		place = h.left
	}
	h.left.Objects, h.right.Objects = nil, nil
	h.left.Hide()
	h.right.Hide()
	if icon != nil {
		h.icon.SetResource(icon)
		place.Objects = []fyne.CanvasObject{container.NewGridWrap(fyne.NewSize(14, 14), h.icon)}
		place.Show()
	}
	h.left.Refresh()
	h.right.Refresh()
	h.label.SetText(lang.L(columnKeys[col]))
}

// invoiceCell is a cell: a background (the opened invoice's row is
// highlighted), a status dot (status column only) and the text.
type invoiceCell struct {
	bg    *canvas.Rectangle
	dot   *canvas.Rectangle
	label *widget.Label
	box   *fyne.Container
}

// newInvoiceCell makes a cell template (see invoiceCellParts).
func newInvoiceCell() fyne.CanvasObject {
	c := &invoiceCell{bg: canvas.NewRectangle(color.Transparent), dot: canvas.NewRectangle(color.Transparent),
		label: &widget.Label{Truncation: fyne.TextTruncateEllipsis}}
	c.dot.SetMinSize(fyne.NewSize(10, 10))
	c.dot.CornerRadius = 5
	c.box = container.NewCenter(c.dot)
	return container.NewStack(c.bg, container.NewBorder(nil, nil, c.box, nil, c.label))
}

// invoiceCellParts finds a cell's parts in the objects newInvoiceCell made.
func invoiceCellParts(o fyne.CanvasObject) (bg *canvas.Rectangle, dotBox *fyne.Container, label *widget.Label) {
	stack := o.(*fyne.Container)
	border := stack.Objects[1].(*fyne.Container)
	return stack.Objects[0].(*canvas.Rectangle), border.Objects[1].(*fyne.Container), border.Objects[0].(*widget.Label)
}

// updateCell draws one cell. It allocates nothing: the texts were made
// when the rows were loaded, and a widget is refreshed only if it changed.
func (s *Screen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	bg, dotBox, label := invoiceCellParts(o)
	if id.Row < 0 || id.Row >= len(s.result.shown) {
		return
	}
	idx := s.result.shown[id.Row]
	row := &s.rows[idx]
	text, align, importance := s.cellText(row, idx, id.Col)
	if label.Text != text || label.Alignment != align || label.Importance != importance {
		label.Text, label.Alignment, label.Importance = text, align, importance
		label.Refresh()
	}
	fill := color.Color(color.Transparent)
	if row.id == s.selected {
		fill = theme.Color(theme.ColorNameSelection)
	}
	if bg.FillColor != fill {
		bg.FillColor = fill
		bg.Refresh()
	}
	if id.Col != colStatus {
		dotBox.Hide()
		return
	}
	dot := dotBox.Objects[0].(*canvas.Rectangle)
	if c := theme.Color(kit.StatusColorName(row.st.Kind)); dot.FillColor != c {
		dot.FillColor = c
		dot.Refresh()
	}
	dotBox.Show()
}

// cellText is what a cell says, how it is aligned and coloured.
func (s *Screen) cellText(row *invoiceRow, idx int32, col int) (string, fyne.TextAlign, widget.Importance) {
	switch col {
	case colNumber:
		return row.number, fyne.TextAlignLeading, widget.MediumImportance
	case colClient:
		return row.client, fyne.TextAlignLeading, widget.MediumImportance
	case colDue:
		return row.due, fyne.TextAlignLeading, widget.MediumImportance
	case colAmount:
		return row.amount, fyne.TextAlignTrailing, widget.MediumImportance
	case colOutstanding:
		return row.outstanding, fyne.TextAlignTrailing, widget.MediumImportance
	case colStatus:
		return row.status, fyne.TextAlignLeading, kit.StatusImportance(row.st.Kind)
	}
	if int(idx) < len(s.nexts) {
		return s.nexts[idx], fyne.TextAlignLeading, widget.MediumImportance
	}
	return "", fyne.TextAlignLeading, widget.MediumImportance
}

// invoiceColumnsLayout gives the table its whole width: fixed columns keep
// their width, client and next step share what is left.
type invoiceColumnsLayout struct {
	table *widget.Table
	width float32
}

// Layout sizes the table to the container and its columns to the width.
func (l *invoiceColumnsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if size.Width != l.width {
		l.width = size.Width
		for col, w := range invoiceColumnWidths(size.Width, theme.Padding()) {
			l.table.SetColumnWidth(col, w)
		}
	}
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// MinSize is the table's own.
func (l *invoiceColumnsLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	return l.table.MinSize()
}

// invoiceColumnWidths shares a width between the columns: a fixed column
// is as wide as its cells need or its title with the sort arrow, whichever
// is wider; 45% of what is left goes to the client, the rest to the next
// step.
func invoiceColumnWidths(width, padding float32) [columnCount]float32 {
	widths := invoiceFixedWidths
	widths[colStatus] = invoiceStatusWidth(padding)
	left := width - padding*float32(columnCount+1) - theme.ScrollBarSize()
	for col, w := range invoiceFixedWidths {
		if w == 0 {
			continue
		}
		title := fyne.MeasureText(lang.L(columnKeys[col]), theme.TextSize(), fyne.TextStyle{Bold: true}).Width
		if invoiceSortable[col] {
			title += 14 + padding*2 // the arrow
		}
		widths[col] = max(widths[col], title+theme.InnerPadding()*2+padding)
		left -= widths[col]
	}
	client := max(invoiceMinClientWidth, left*0.45)
	widths[colClient] = client
	widths[colNext] = max(invoiceMinNextWidth, left-client)
	return widths
}

// invoiceStatusWidth fits a long late status ("En retard de 365 jours")
// and its dot, in the language in use.
func invoiceStatusWidth(padding float32) float32 {
	text := kit.StatusText(data.Status{Kind: data.StatusOverdue, DaysLate: 365})
	return fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width + 10 + theme.InnerPadding()*2 + padding*3
}
