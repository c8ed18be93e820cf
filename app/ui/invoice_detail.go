package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/dunning"
	"relance/data"
)

// invoiceDetail is the panel beside the invoice list: the selected
// invoice's facts, its next step and, when it is late, its penalty
// statement as of today.
type invoiceDetail struct {
	ui        *UI
	content   fyne.CanvasObject
	title     *widget.Label
	facts     *widget.Form
	next      *widget.Label
	statement *fyne.Container
	onClose   func()

	invoiceID int64
}

func newInvoiceDetail(u *UI, onClose func()) *invoiceDetail {
	d := &invoiceDetail{ui: u, onClose: onClose, facts: widget.NewForm(), statement: container.NewVBox(),
		title: &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Truncation: fyne.TextTruncateEllipsis},
		next:  &widget.Label{Wrapping: fyne.TextWrapWord}}
	closeButton := &widget.Button{Icon: theme.CancelIcon(), Importance: widget.LowImportance, OnTapped: onClose}
	nextTitle := &widget.Label{Text: lang.L("detail.next_step"), TextStyle: fyne.TextStyle{Bold: true}}
	body := container.NewVBox(d.facts, widget.NewSeparator(), nextTitle, d.next, widget.NewSeparator(), d.statement)
	d.content = container.NewBorder(container.NewBorder(nil, nil, nil, closeButton, d.title), nil, nil, nil,
		container.NewVScroll(body))
	return d
}

// detailData is what the panel shows, loaded off the UI goroutine.
type detailData struct {
	report  dunning.StatementReport
	status  data.Status
	next    dunning.NextStep
	hasNext bool
}

// show loads an invoice's detail and statement, then fills the panel.
func (d *invoiceDetail) show(ctx context.Context, invoiceID int64, next dunning.NextStep, hasNext bool) {
	d.invoiceID = invoiceID
	d.ui.async(func() {
		dd, err := d.load(ctx, invoiceID)
		dd.next, dd.hasNext = next, hasNext
		fyne.Do(func() {
			if err != nil {
				d.ui.showError(err)
				return
			}
			if d.invoiceID == invoiceID {
				d.fill(dd)
			}
		})
	})
}

func (d *invoiceDetail) load(ctx context.Context, invoiceID int64) (detailData, error) {
	var dd detailData
	company, err := d.ui.store.GetCompany(ctx)
	if err != nil {
		return dd, err
	}
	dd.report, err = d.ui.dunning.Statement(ctx, invoiceID, d.ui.today())
	if err != nil {
		return dd, err
	}
	paid := dd.report.Invoice.Amount - dd.report.Statement.Outstanding
	dd.status = data.DeriveStatus(&dd.report.Invoice, paid, d.ui.today(), company.DueSoonDays)
	return dd, nil
}

func (d *invoiceDetail) fill(dd detailData) {
	inv := dd.report.Invoice
	d.title.SetText(inv.Number + " · " + dd.report.Client.Name)
	d.facts.Items = nil
	for _, row := range [][2]string{
		{lang.L("field.issue_date"), formatDate(inv.IssueDate)},
		{lang.L("field.due_date"), formatDate(inv.DueDate)},
		{lang.L("field.amount"), formatMoney(inv.Amount)},
		{lang.L("column.outstanding"), formatMoney(dd.status.Outstanding)},
		{lang.L("column.status"), statusText(dd.status)},
	} {
		d.facts.Append(row[0], widget.NewLabel(row[1]))
	}
	d.facts.Refresh()
	d.next.SetText(nextStepText(dd.next, dd.hasNext, dd.status, d.ui.today()))
	d.statement.Objects = statementView(dd.report.Statement)
	d.statement.Refresh()
}

// nextStepText says what comes next on an invoice, and when.
func nextStepText(next dunning.NextStep, ok bool, st data.Status, today data.Date) string {
	switch {
	case st.Kind == data.StatusPaid || st.Kind == data.StatusWrittenOff:
		return lang.L("next.none_closed")
	case !ok:
		return lang.L("next.none")
	case next.Wait == dunning.WaitDisputed:
		return lang.L("next.disputed")
	case next.Wait == dunning.WaitPaused:
		return lang.L("next.paused")
	case next.Step.ID == 0 && next.Wait == dunning.WaitPromise:
		return lang.L("next.promise", map[string]any{"Date": formatDate(next.Date)})
	}
	text := lang.L("next.step", map[string]any{"Step": StepName(next.Step), "Date": formatDate(next.Date)})
	if !next.Date.After(today) && next.Wait == dunning.WaitNone {
		text = lang.L("next.step_due", map[string]any{"Step": StepName(next.Step), "Date": formatDate(next.Date)})
	}
	if next.Wait != dunning.WaitNone {
		text += " — " + lang.L("next.wait."+next.Wait)
	}
	return text
}

// statementView lays out a penalty statement: the slices, the totals and
// the warnings; a line saying nothing is owed when the invoice is not late.
func statementView(st dunning.Statement) []fyne.CanvasObject {
	title := &widget.Label{Text: lang.L("detail.statement", map[string]any{"Date": formatDate(st.AsOf)}), TextStyle: fyne.TextStyle{Bold: true}}
	out := []fyne.CanvasObject{title}
	if st.DaysLate == 0 {
		return append(out, widget.NewLabel(lang.L("detail.not_late")))
	}
	out = append(out, &widget.Label{Text: lang.L("statement.basis." + st.Basis), Wrapping: fyne.TextWrapWord})
	// Amounts stay in labels that do not wrap: Fyne breaks lines at the
	// no-break spaces of French number formatting.
	for _, s := range st.Slices {
		line := lang.L("slice.line", map[string]any{"From": formatDate(s.From), "To": formatDate(s.To), "Days": s.Days,
			"Rate": RatePercent(s.RateBP)})
		base := &widget.Label{Text: lang.L("slice.base", map[string]any{"Base": formatMoney(s.Base)}), Importance: widget.LowImportance}
		amount := &widget.Label{Text: formatMoney(s.Amount), Alignment: fyne.TextAlignTrailing}
		out = append(out, container.NewBorder(nil, nil, nil, container.NewHBox(base, amount),
			&widget.Label{Text: line, Wrapping: fyne.TextWrapWord}))
	}
	totals := container.New(layout.NewFormLayout())
	for _, row := range StatementTotals(st) {
		totals.Add(widget.NewLabel(row[0]))
		totals.Add(&widget.Label{Text: row[1], Alignment: fyne.TextAlignTrailing, TextStyle: fyne.TextStyle{Bold: row[0] == lang.L("statement.total")}})
	}
	out = append(out, totals)
	for _, w := range st.Warnings {
		out = append(out, &widget.Label{Text: "⚠ " + WarningText(w), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
	}
	return out
}
