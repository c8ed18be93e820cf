package kit

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A bar of buttons laid out in a wide window keeps a minimum width of its
// widest button, so the window can be made narrow again; laid out narrow,
// it wraps and asks for the height of its rows.
func TestWrapLayoutLetsTheWindowShrink(t *testing.T) {
	test.NewTempApp(t)
	var buttons []fyne.CanvasObject
	var widest, total float32
	for _, text := range []string{"Enregistrer un paiement", "Envoyer une relance", "Courriers", "Appel", "Promesse", "Litige", "Pause"} {
		b := widget.NewButton(text, nil)
		buttons = append(buttons, b)
		widest, total = max(widest, b.MinSize().Width), total+b.MinSize().Width
	}
	bar := container.New(NewWrapLayout(), buttons...)
	rowHeight := buttons[0].MinSize().Height

	bar.Resize(fyne.NewSize(total*2, 200)) // a maximised window: one row
	if got := bar.MinSize(); got.Width != widest || got.Height != rowHeight {
		t.Fatalf("laid out in one row, the bar asks for %v, want %v wide and one row (%v) high", got, widest, rowHeight)
	}
	bar.Resize(fyne.NewSize(widest, 200)) // as narrow as it can be: the widest alone on its row
	last := buttons[len(buttons)-1]
	if got := bar.MinSize(); got.Width != widest || got.Height != last.Position().Y+rowHeight || got.Height < 3*rowHeight {
		t.Fatalf("laid out %v wide, the bar asks for %v; its last button is at %v", widest, got, last.Position())
	}
	for _, b := range buttons {
		if b.Position().X+b.Size().Width > widest {
			t.Fatalf("%q ends at %v, beyond the width of %v", b.(*widget.Button).Text, b.Position().X+b.Size().Width, widest)
		}
	}
}
