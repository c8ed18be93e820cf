package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Card lays content out on a rounded background of the fields' colour:
// the key-figure cards of Today and the Dashboard.
func Card(content fyne.CanvasObject) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.Size(theme.SizeNameInputRadius) * 2
	return container.NewStack(bg, container.NewPadded(content))
}

// TightVBox stacks labels closer than a VBox does: a label already
// carries its own padding above and below the text.
func TightVBox() fyne.Layout {
	return layout.NewCustomPaddedVBoxLayout(-theme.Padding() * 2)
}

// Figure is a key-figure card (Today's, the Dashboard's): what it counts,
// the figure in the colour of its importance, and a line of detail.
type Figure struct {
	Caption, Value, Detail *widget.Label
}

// NewFigure builds a card whose figure has importance's colour.
func NewFigure(importance widget.Importance) Figure {
	return Figure{
		Caption: &widget.Label{Truncation: fyne.TextTruncateEllipsis},
		Value: &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText,
			Importance: importance},
		Detail: &widget.Label{Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis},
	}
}

// Card lays the figure out on a rounded background.
func (f Figure) Card() fyne.CanvasObject {
	return Card(container.New(TightVBox(), f.Caption, f.Value, f.Detail))
}

// Set writes the card's three lines.
func (f Figure) Set(caption, value, detail string) {
	f.Caption.SetText(caption)
	f.Value.SetText(value)
	f.Detail.SetText(detail)
}
