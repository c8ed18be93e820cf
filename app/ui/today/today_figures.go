package today

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/data"
)

// todayFigure is one key-figure card: what it counts, the amount, and a
// line of detail (how many invoices or payments).
type todayFigure struct {
	caption *widget.Label
	value   *widget.Label
	detail  *widget.Label
}

// todayFigures are the four cards on top of Today.
type todayFigures struct {
	content     fyne.CanvasObject
	outstanding todayFigure
	overdue     todayFigure
	dueSoon     todayFigure
	collected   todayFigure
}

// newTodayFigures builds the four cards, coloured as the statuses are:
// red for late, amber for due soon, green for money in.
func newTodayFigures() todayFigures {
	f := todayFigures{
		outstanding: newTodayFigure(widget.MediumImportance),
		overdue:     newTodayFigure(widget.DangerImportance),
		dueSoon:     newTodayFigure(widget.WarningImportance),
		collected:   newTodayFigure(widget.SuccessImportance),
	}
	f.content = container.NewGridWithColumns(4, f.outstanding.card(), f.overdue.card(), f.dueSoon.card(), f.collected.card())
	return f
}

// newTodayFigure builds one card whose amount has importance's colour.
func newTodayFigure(importance widget.Importance) todayFigure {
	return todayFigure{
		caption: &widget.Label{Truncation: fyne.TextTruncateEllipsis},
		value: &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText,
			Importance: importance},
		detail: &widget.Label{Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis},
	}
}

// card lays a figure out on a rounded background.
func (f todayFigure) card() fyne.CanvasObject {
	return kit.Card(container.New(kit.TightVBox(), f.caption, f.value, f.detail))
}

// set writes a card's three lines.
func (f todayFigure) set(caption, value, detail string) {
	f.caption.SetText(caption)
	f.value.SetText(value)
	f.detail.SetText(detail)
}

// set shows the book's key figures; dueSoonDays is the company's window
// of "due soon".
func (f todayFigures) set(k data.KeyFigures, dueSoonDays int) {
	f.outstanding.set(lang.L("today.figure.outstanding"), kit.Money(k.Outstanding), lang.L("today.figure.outstanding_detail"))
	f.overdue.set(lang.L("today.figure.overdue"), kit.Money(k.Overdue),
		lang.N("today.figure.invoices", k.OverdueCount, map[string]any{"Count": k.OverdueCount}))
	f.dueSoon.set(lang.N("today.figure.due_soon", dueSoonDays, map[string]any{"Days": dueSoonDays}), kit.Money(k.DueSoon),
		lang.N("today.figure.invoices", k.DueSoonCount, map[string]any{"Count": k.DueSoonCount}))
	f.collected.set(lang.L("today.figure.collected"), kit.Money(k.CollectedMonth),
		lang.N("today.figure.payments", k.CollectedCount, map[string]any{"Count": k.CollectedCount}))
}
