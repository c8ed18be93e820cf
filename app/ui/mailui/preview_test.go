package mailui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// The Preview tab shows the email as sent: each paragraph and each line
// break on a line of its own, a blank line between paragraphs, a table
// row per line.
func TestMailPreviewBreaksParagraphsAndLines(t *testing.T) {
	test.NewTempApp(t)
	rt := widget.NewRichText(mailPreviewSegments(`<p>Madame Vernet,</p><p>Ligne un<br>Ligne deux</p>` +
		`<table><tr><td>FA-1</td><td>100 €</td></tr><tr><td>FA-2</td><td>50 €</td></tr></table><p>Fin</p>`)...)
	rt.Wrapping = fyne.TextWrapWord
	w := test.NewWindow(rt)
	defer w.Close()
	w.Resize(fyne.NewSize(600, 500))
	y := map[string]float32{}
	for _, o := range test.WidgetRenderer(rt).Objects() {
		if txt, ok := o.(*canvas.Text); ok && strings.TrimSpace(txt.Text) != "" {
			y[strings.TrimSpace(txt.Text)] = txt.Position().Y
		}
	}
	order := []string{"Madame Vernet,", "Ligne un", "Ligne deux", "FA-1", "FA-2", "Fin"}
	for i := 1; i < len(order); i++ {
		a, okA := y[order[i-1]]
		b, okB := y[order[i]]
		if !okA || !okB || b <= a {
			t.Fatalf("%q (y %v) is not below %q (y %v): %v", order[i], b, order[i-1], a, y)
		}
	}
	lineGap := y["Ligne deux"] - y["Ligne un"]
	if paraGap := y["Ligne un"] - y["Madame Vernet,"]; paraGap <= lineGap*1.5 {
		t.Errorf("no blank line between paragraphs: %v apart, lines %v apart", paraGap, lineGap)
	}
}
