package ui

import (
	"context"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/dunning"
	"relance/data"
)

// invoiceRow is one line of the invoice list, formatted once when loaded so
// that drawing a cell is a field copy.
type invoiceRow struct {
	id          int64
	number      string
	client      string
	due         string
	amount      string
	outstanding string
	status      string
	kind        data.StatusKind
	next        string // the next step and its date
	nextStep    dunning.NextStep
	hasNext     bool
}

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

var columnWidths = [columnCount]float32{130, 240, 105, 120, 120, 210, 250}

// invoicesScreen lists every invoice with its derived status.
type invoicesScreen struct {
	ui      *UI
	content fyne.CanvasObject
	table   *widget.Table
	summary *widget.Label
	empty   *widget.Label
	center  *fyne.Container // the table, or the table and the detail side by side
	split   *container.Split
	detail  *invoiceDetail
	rows    []invoiceRow
}

func newInvoicesScreen(u *UI) *invoicesScreen {
	s := &invoicesScreen{ui: u, summary: widget.NewLabel("")}
	s.table = &widget.Table{
		Length:        func() (int, int) { return len(s.rows), columnCount },
		CreateCell:    newInvoiceCell,
		UpdateCell:    s.updateCell,
		ShowHeaderRow: true,
		CreateHeader:  func() fyne.CanvasObject { return &widget.Label{TextStyle: fyne.TextStyle{Bold: true}} },
		UpdateHeader: func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Col >= 0 {
				o.(*widget.Label).SetText(lang.L(columnKeys[id.Col]))
			}
		},
	}
	s.table.ExtendBaseWidget(s.table)
	for col, w := range columnWidths {
		s.table.SetColumnWidth(col, w)
	}
	s.empty = &widget.Label{Text: lang.L("invoices.empty"), Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord}
	s.empty.Hide()

	title := &widget.Label{Text: lang.L("invoices.title"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText}
	newClient := &widget.Button{Text: lang.L("button.new_client"), Icon: theme.AccountIcon(), OnTapped: s.onNewClient}
	newInvoice := &widget.Button{Text: lang.L("button.new_invoice"), Icon: theme.ContentAddIcon(),
		Importance: widget.HighImportance, OnTapped: s.onNewInvoice}
	top := container.NewBorder(nil, nil, container.NewHBox(title, container.NewCenter(s.summary)), container.NewHBox(newClient, newInvoice))
	list := container.NewStack(s.table, container.NewCenter(s.empty))
	s.detail = newInvoiceDetail(u, s.closeDetail)
	s.split = container.NewHSplit(list, s.detail.content)
	s.split.Offset = 0.6
	s.center = container.NewStack(list)
	s.table.OnSelected = s.onSelected
	s.content = container.NewBorder(container.NewPadded(top), nil, nil, nil, s.center)
	return s
}

// onSelected opens the selected invoice beside the list.
func (s *invoicesScreen) onSelected(id widget.TableCellID) {
	if id.Row < 0 || id.Row >= len(s.rows) {
		return
	}
	row := s.rows[id.Row]
	if len(s.center.Objects) == 0 || s.center.Objects[0] != s.split {
		s.split.Leading = s.center.Objects[0]
		s.center.Objects = []fyne.CanvasObject{s.split}
		s.split.Refresh()
		s.center.Refresh()
	}
	s.detail.show(context.Background(), row.id, row.nextStep, row.hasNext)
}

func (s *invoicesScreen) closeDetail() {
	s.center.Objects = []fyne.CanvasObject{s.split.Leading}
	s.center.Refresh()
	s.table.UnselectAll()
}

// newInvoiceCell is a cell template: a status dot (shown in the status
// column only) and a label.
func newInvoiceCell() fyne.CanvasObject {
	dot := canvas.NewRectangle(color.Transparent)
	dot.SetMinSize(fyne.NewSize(10, 10))
	dot.CornerRadius = 5
	return container.NewBorder(nil, nil, container.NewCenter(dot), nil, widget.NewLabel(""))
}

func (s *invoicesScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	cell := o.(*fyne.Container)
	label := cell.Objects[0].(*widget.Label)
	dotBox := cell.Objects[1].(*fyne.Container)
	if id.Row >= len(s.rows) {
		return
	}
	row := &s.rows[id.Row]
	text, align := "", fyne.TextAlignLeading
	importance := widget.MediumImportance
	dotBox.Hide()
	switch id.Col {
	case colNumber:
		text = row.number
	case colClient:
		text = row.client
	case colDue:
		text = row.due
	case colAmount:
		text, align = row.amount, fyne.TextAlignTrailing
	case colOutstanding:
		text, align = row.outstanding, fyne.TextAlignTrailing
	case colNext:
		text = row.next
	case colStatus:
		text = row.status
		importance = statusImportance(row.kind)
		dot := dotBox.Objects[0].(*canvas.Rectangle)
		dot.FillColor = theme.Color(statusColorName(row.kind))
		dot.Refresh()
		dotBox.Show()
	}
	if label.Text != text || label.Alignment != align || label.Importance != importance {
		label.Text, label.Alignment, label.Importance = text, align, importance
		label.Refresh()
	}
}

// statusColorName maps a status to a theme colour: red when late, amber
// when due soon, green when paid.
func statusColorName(k data.StatusKind) fyne.ThemeColorName {
	switch k {
	case data.StatusOverdue, data.StatusInLitigation:
		return theme.ColorNameError
	case data.StatusDueToday, data.StatusDueSoon:
		return theme.ColorNameWarning
	case data.StatusPaid:
		return theme.ColorNameSuccess
	case data.StatusDisputed:
		return theme.ColorNamePrimary
	}
	return theme.ColorNameDisabled
}

func statusImportance(k data.StatusKind) widget.Importance {
	switch k {
	case data.StatusOverdue, data.StatusInLitigation:
		return widget.DangerImportance
	case data.StatusDueToday, data.StatusDueSoon:
		return widget.WarningImportance
	case data.StatusPaid:
		return widget.SuccessImportance
	case data.StatusWrittenOff:
		return widget.LowImportance
	}
	return widget.MediumImportance
}

func (s *invoicesScreen) view() fyne.CanvasObject { return s.content }

// focusSearch puts the cursor in the search field (Ctrl+F).
func (s *invoicesScreen) focusSearch() {}

// update reloads the list from the store (off the UI goroutine) and shows it.
func (s *invoicesScreen) update(ctx context.Context) {
	rows, totals, err := s.load(ctx)
	fyne.Do(func() {
		if err != nil {
			s.ui.showError(err)
			return
		}
		s.rows = rows
		s.summary.SetText(lang.L("invoices.summary", map[string]any{
			"Count": len(rows), "Outstanding": formatMoney(totals.outstanding), "Overdue": formatMoney(totals.overdue)}))
		if len(rows) == 0 {
			s.empty.Show()
		} else {
			s.empty.Hide()
		}
		s.table.Refresh()
	})
}

type invoiceTotals struct{ outstanding, overdue data.Money }

func (s *invoicesScreen) load(ctx context.Context) ([]invoiceRow, invoiceTotals, error) {
	var totals invoiceTotals
	company, err := s.ui.store.GetCompany(ctx)
	if err != nil {
		return nil, totals, err
	}
	list, err := s.ui.store.ListInvoiceSummaries(ctx)
	if err != nil {
		return nil, totals, err
	}
	next, err := s.ui.dunning.NextSteps(ctx)
	if err != nil {
		return nil, totals, err
	}
	today := s.ui.today()
	rows := make([]invoiceRow, len(list))
	for i := range list {
		inv := &list[i]
		st := inv.Status(today, company.DueSoonDays)
		rows[i] = invoiceRow{id: inv.ID, number: inv.Number, client: inv.ClientName, due: formatDate(inv.DueDate),
			amount: formatMoney(inv.Amount), outstanding: formatMoney(st.Outstanding), status: statusText(st), kind: st.Kind}
		rows[i].nextStep, rows[i].hasNext = next[inv.ID]
		if st.Open() {
			rows[i].next = nextStepText(rows[i].nextStep, rows[i].hasNext, st, today)
		}
		if st.Open() {
			totals.outstanding += st.Outstanding
		}
		if st.Kind == data.StatusOverdue {
			totals.overdue += st.Outstanding
		}
	}
	return rows, totals, nil
}

func (s *invoicesScreen) onNewInvoice() { s.ui.onNewInvoice() }

func (s *invoicesScreen) onNewClient() {
	s.ui.openClientForm(nil)
}
