package uitest

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
)

// Walk visits the visible objects under o, depth first, with their parent.
func Walk(o, parent fyne.CanvasObject, fn func(o, parent fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	fn(o, parent)
	switch x := o.(type) {
	case *fyne.Container:
		for _, child := range x.Objects {
			Walk(child, o, fn)
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(x).Objects() {
			Walk(child, o, fn)
		}
	}
}

func FindButton(t testing.TB, root fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	Walk(root, nil, func(o, _ fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q on screen", text)
	}
	return found
}

// FindButtonIfAny is FindButton that may find nothing.
func FindButtonIfAny(root fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	Walk(root, nil, func(o, _ fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	return found
}

// TextOnScreen reports whether a label under root reads text.
func TextOnScreen(root fyne.CanvasObject, text string) bool {
	found := false
	Walk(root, nil, func(o, _ fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Text == text {
			found = true
		}
	})
	return found
}

// DrawnText reports whether a text drawn under root reads text: a
// label's, or one a widget draws itself (a menu line, a chart's amount).
func DrawnText(root fyne.CanvasObject, text string) bool {
	found := false
	Walk(root, nil, func(o, _ fyne.CanvasObject) {
		if x, ok := o.(*canvas.Text); ok && x.Text == text {
			found = true
		}
	})
	return found || TextOnScreen(root, text)
}

// LabelContains reports whether a label under root contains text.
func LabelContains(root fyne.CanvasObject, text string) bool {
	found := false
	Walk(root, nil, func(o, _ fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, text) {
			found = true
		}
	})
	return found
}

// FormRow returns the input and the error label of the form field whose
// label reads lang.L("field."+key).
func FormRow(t testing.TB, root fyne.CanvasObject, key string) (fyne.CanvasObject, *widget.Label) {
	t.Helper()
	label := lang.L("field." + key)
	var row *fyne.Container
	Walk(root, nil, func(o, _ fyne.CanvasObject) {
		grid, ok := o.(*fyne.Container)
		if !ok || row != nil {
			return
		}
		for i, child := range grid.Objects {
			if l, ok := child.(*widget.Label); ok && strings.TrimSuffix(l.Text, " *") == label && i+1 < len(grid.Objects) {
				row = grid.Objects[i+1].(*fyne.Container)
				return
			}
		}
	})
	if row == nil {
		t.Fatalf("no form field %q on screen", key)
	}
	return row.Objects[0], row.Objects[1].(*widget.Label)
}

func EntryOf(t testing.TB, input fyne.CanvasObject) *widget.Entry {
	t.Helper()
	var found *widget.Entry
	Walk(input, nil, func(o, _ fyne.CanvasObject) {
		if found != nil {
			return
		}
		switch e := o.(type) {
		case *widget.Entry:
			found = e
		case *widget.SelectEntry:
			found = &e.Entry
		case *kit.Entry: // newEntry's, in dialogs
			found = &e.Entry
		case *kit.SelectEntry:
			found = &e.Entry
		}
	})
	if found == nil {
		t.Fatalf("no entry in %T", input)
	}
	return found
}

// Fill replaces the text of a form field the way a user would: select all, type.
func Fill(t testing.TB, root fyne.CanvasObject, key, text string) {
	t.Helper()
	input, _ := FormRow(t, root, key)
	e := EntryOf(t, input)
	e.SetText("")
	test.Type(e, text)
}

func FieldError(t testing.TB, root fyne.CanvasObject, key string) string {
	t.Helper()
	_, errLabel := FormRow(t, root, key)
	if !errLabel.Visible() {
		return ""
	}
	return errLabel.Text
}

// FillIn replaces the text of a form field, as Fill does, also when the
// field is one of the dialogs' own entries (newEntry), which EntryOf skips.
func FillIn(t testing.TB, root fyne.CanvasObject, key, text string) {
	t.Helper()
	e := AnyEntry(t, FirstInput(t, root, key))
	e.SetText("")
	test.Type(e, text)
}

// TextField is a text field of either entry type.
type TextField interface {
	fyne.Focusable
	SetText(string)
}

// AnyEntry is the first text field in input, of whichever entry type.
func AnyEntry(t testing.TB, input fyne.CanvasObject) TextField {
	t.Helper()
	var found TextField
	Walk(input, nil, func(o, _ fyne.CanvasObject) {
		if found != nil {
			return
		}
		switch e := o.(type) {
		case *widget.Entry:
			found = e
		case *kit.Entry:
			found = e
		}
	})
	if found == nil {
		t.Fatalf("no entry in %T", input)
	}
	return found
}

// FirstInput is the input of the form field labelled "field.<key>".
func FirstInput(t testing.TB, root fyne.CanvasObject, key string) fyne.CanvasObject {
	t.Helper()
	input, _ := FormRow(t, root, key)
	return input
}

func Radio(t testing.TB, root fyne.CanvasObject) *widget.RadioGroup {
	t.Helper()
	var found *widget.RadioGroup
	Walk(root, nil, func(o, _ fyne.CanvasObject) {
		if r, ok := o.(*widget.RadioGroup); ok && found == nil {
			found = r
		}
	})
	if found == nil {
		t.Fatal("no Radio group on screen")
	}
	return found
}

// AsSelect is o as a drop-down, ours (selectField) or Fyne's.
func AsSelect(o fyne.CanvasObject) (*widget.Select, bool) {
	switch x := o.(type) {
	case *kit.Select:
		return &x.Select, true
	case *widget.Select:
		return x, true
	}
	return nil, false
}

// AsCheck is o as a check box, ours (checkField) or Fyne's.
func AsCheck(o fyne.CanvasObject) (*widget.Check, bool) {
	switch x := o.(type) {
	case *kit.Check:
		return &x.Check, true
	case *widget.Check:
		return x, true
	}
	return nil, false
}

// FillLabelled types into the field whose label reads lang.L(labelKey).
func FillLabelled(t testing.TB, root fyne.CanvasObject, labelKey, text string) {
	t.Helper()
	var found TextField
	label := lang.L(labelKey)
	Walk(root, nil, func(o, _ fyne.CanvasObject) {
		grid, ok := o.(*fyne.Container)
		if !ok || found != nil {
			return
		}
		for i, child := range grid.Objects {
			if l, ok := child.(*widget.Label); ok && strings.TrimSuffix(l.Text, " *") == label && i+1 < len(grid.Objects) {
				found = AnyEntry(t, grid.Objects[i+1])
				return
			}
		}
	})
	if found == nil {
		t.Fatalf("no field labelled %q", label)
	}
	found.SetText("")
	test.Type(found, text)
}

// PDFText reads a PDF back with pdftotext (poppler-utils, installed by
// make test), its words separated by single spaces.
func PDFText(t testing.TB, path string) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext not found: install poppler-utils (`make test` does it)")
	}
	var out bytes.Buffer
	cmd := exec.Command(tool, "-enc", "UTF-8", path, "-")
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(out.String()), " ")
}

// SelectIn picks option text in the Select of a form field.
func SelectIn(t testing.TB, root fyne.CanvasObject, key, option string) {
	t.Helper()
	input, _ := FormRow(t, root, key)
	var sel *widget.Select
	Walk(input, nil, func(o, _ fyne.CanvasObject) {
		if s, ok := AsSelect(o); ok && sel == nil {
			sel = s
		}
	})
	if sel == nil {
		t.Fatalf("no choice in field %s", key)
	}
	sel.SetSelected(option)
}

// ButtonBeside is the button reading label in the smallest part of the
// screen under root that also has a label containing text: the Send
// button of the Today card that names an invoice, say.
func ButtonBeside(t testing.TB, root fyne.CanvasObject, text, label string) *widget.Button {
	t.Helper()
	isButton := func(o fyne.CanvasObject) bool { b, ok := o.(*widget.Button); return ok && b.Text == label }
	part := smallestPart(root, text, isButton)
	var found *widget.Button
	Walk(part, nil, func(o, _ fyne.CanvasObject) {
		if found == nil && isButton(o) {
			found = o.(*widget.Button)
		}
	})
	if found == nil {
		t.Fatalf("no %q button beside %q on screen", label, text)
	}
	return found
}

// LabelsBeside are the texts of the labels in the smallest part of the
// screen under root that has a label containing text and a button: the
// lines of the Today card naming an invoice, say.
func LabelsBeside(t testing.TB, root fyne.CanvasObject, text string) []string {
	t.Helper()
	part := smallestPart(root, text, func(o fyne.CanvasObject) bool { b, ok := o.(*widget.Button); return ok && b.Visible() })
	if part == nil {
		t.Fatalf("nothing on screen names %q beside a button", text)
	}
	var out []string
	Walk(part, nil, func(o, _ fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Text != "" {
			out = append(out, l.Text)
		}
	})
	return out
}

// smallestPart is the deepest visible object under root holding both a
// label containing text and an object anchor accepts; nil when none does.
func smallestPart(root fyne.CanvasObject, text string, anchor func(fyne.CanvasObject) bool) fyne.CanvasObject {
	var found fyne.CanvasObject
	var visit func(o fyne.CanvasObject) (bool, bool)
	visit = func(o fyne.CanvasObject) (hasText, hasAnchor bool) {
		if o == nil || !o.Visible() {
			return false, false
		}
		if l, ok := o.(*widget.Label); ok {
			hasText = strings.Contains(l.Text, text)
		}
		hasAnchor = anchor(o)
		var children []fyne.CanvasObject
		switch x := o.(type) {
		case *fyne.Container:
			children = x.Objects
		case fyne.Widget:
			children = test.WidgetRenderer(x).Objects()
		}
		for _, c := range children {
			t, a := visit(c)
			hasText, hasAnchor = hasText || t, hasAnchor || a
		}
		if found == nil && hasText && hasAnchor {
			found = o // the deepest: its children were visited first
		}
		return hasText, hasAnchor
	}
	visit(root)
	return found
}
