package today

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/data"
)

// todayFigures are the four cards on top of Today.
type todayFigures struct {
	content     fyne.CanvasObject
	outstanding kit.Figure
	overdue     kit.Figure
	dueSoon     kit.Figure
	collected   kit.Figure
}

// newTodayFigures builds the four cards, coloured as the statuses are:
// red for late, amber for due soon, green for money in.
func newTodayFigures() todayFigures {
	f := todayFigures{
		outstanding: kit.NewFigure(widget.MediumImportance),
		overdue:     kit.NewFigure(widget.DangerImportance),
		dueSoon:     kit.NewFigure(widget.WarningImportance),
		collected:   kit.NewFigure(widget.SuccessImportance),
	}
	f.content = container.NewGridWithColumns(4, f.outstanding.Card(), f.overdue.Card(), f.dueSoon.Card(), f.collected.Card())
	return f
}

// set shows the book's key figures; dueSoonDays is the company's window
// of "due soon".
func (f todayFigures) set(k data.KeyFigures, dueSoonDays int) {
	f.outstanding.Set(lang.L("today.figure.outstanding"), kit.Money(k.Outstanding), lang.L("today.figure.outstanding_detail"))
	f.overdue.Set(lang.L("today.figure.overdue"), kit.Money(k.Overdue),
		lang.N("today.figure.invoices", k.OverdueCount, map[string]any{"Count": k.OverdueCount}))
	f.dueSoon.Set(lang.N("today.figure.due_soon", dueSoonDays, map[string]any{"Days": dueSoonDays}), kit.Money(k.DueSoon),
		lang.N("today.figure.invoices", k.DueSoonCount, map[string]any{"Count": k.DueSoonCount}))
	f.collected.Set(lang.L("today.figure.collected"), kit.Money(k.CollectedMonth),
		lang.N("today.figure.payments", k.CollectedCount, map[string]any{"Count": k.CollectedCount}))
}
