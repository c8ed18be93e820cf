package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
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
