package clients

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// clientsColumnSort is the order a click on a column's title sorts the
// list in (the "Sort by" choice's), -1 for a column that does not sort.
var clientsColumnSort = [clientsColumnCount]int{
	clientsColName: clientsSortName, clientsColCity: -1, clientsColCategory: -1, clientsColGrade: clientsSortGrade,
	clientsColInvoices: -1, clientsColOutstanding: clientsSortOutstanding, clientsColOverdue: clientsSortOverdue,
}

// clientsHeader is a column title; on a column that sorts, a click sorts
// the list by it (as "Sort by" does, which follows), and an arrow marks
// the column the list is sorted on.
type clientsHeader struct {
	widget.BaseWidget
	screen *Screen
	col    int
	label  *widget.Label
	icon   *widget.Icon
	arrow  fyne.CanvasObject // the icon's place, hidden on the columns not sorted on: their title keeps the width
}

func newClientsHeader(s *Screen) *clientsHeader {
	h := &clientsHeader{screen: s, col: -1, icon: widget.NewIcon(nil),
		label: &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}}
	h.arrow = container.NewCenter(container.NewGridWrap(fyne.NewSize(14, 14), h.icon))
	h.arrow.Hide()
	h.ExtendBaseWidget(h)
	return h
}

// CreateRenderer lays out the title with its arrow on the right.
func (h *clientsHeader) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, h.arrow, h.label))
}

// Tapped sorts the list on the column.
func (h *clientsHeader) Tapped(*fyne.PointEvent) {
	if by := h.sort(); by >= 0 {
		h.screen.sortBy.SetSelectedIndex(by)
	}
}

// Cursor shows a hand over the titles that sort.
func (h *clientsHeader) Cursor() desktop.Cursor {
	if h.sort() >= 0 {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// sort is the order the column sorts in, -1 for none.
func (h *clientsHeader) sort() int {
	if h.col < 0 || h.col >= clientsColumnCount {
		return -1
	}
	return clientsColumnSort[h.col]
}

// set shows column col's title, aligned as its cells are, with the arrow
// when the list is sorted on it: up for the names (A to Z), down for the
// amounts and the grade (the most, the riskiest first).
func (h *clientsHeader) set(col int) {
	if col < 0 || col >= clientsColumnCount {
		return
	}
	h.col = col
	h.label.Alignment = fyne.TextAlignLeading
	switch {
	case col == clientsColGrade:
		h.label.Alignment = fyne.TextAlignCenter
	case col >= clientsColInvoices:
		h.label.Alignment = fyne.TextAlignTrailing
	}
	var icon fyne.Resource
	if by := h.sort(); by >= 0 && by == h.screen.sortBy.SelectedIndex() {
		icon = theme.MoveDownIcon()
		if by == clientsSortName {
			icon = theme.MoveUpIcon()
		}
	}
	h.icon.SetResource(icon)
	if icon == nil {
		h.arrow.Hide()
	} else {
		h.arrow.Show()
	}
	h.label.SetText(lang.L(clientsColumnKeys[col]))
	h.Refresh()
}
