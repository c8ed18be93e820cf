package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"relance/data"
)

// formField is one labelled input of a form with the place where its error
// is shown, right under it. key is the data.FieldError field it answers to.
type formField struct {
	key   string
	label *widget.Label
	input fyne.CanvasObject
	err   *widget.Label
}

// form lays out fields and dispatches validation errors to them. An error
// that belongs to no field is shown at the bottom.
type form struct {
	fields  []*formField
	general *widget.Label
	// check reads the fields again (watch); sticky are the fields whose
	// error came from the store (a number already used), which check cannot
	// see: they clear only when their own field changes.
	check  func() error
	sticky map[*formField]bool
}

func newErrorLabel() *widget.Label {
	l := &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	l.Hide()
	return l
}

func newForm() *form { return &form{general: newErrorLabel()} }

// add appends a field labelled "field.<key>"; required fields get a star
// after their label.
func (f *form) add(key string, required bool, input fyne.CanvasObject) *formField {
	ff := f.addLabelled("field."+key, required, input)
	ff.key = key
	return ff
}

// addLabelled appends a field with any label key; its errors are those of
// field "reason" unless add set another key.
func (f *form) addLabelled(labelKey string, required bool, input fyne.CanvasObject) *formField {
	text := lang.L(labelKey)
	if required {
		text += " *"
	}
	ff := &formField{key: "reason", label: widget.NewLabel(text), input: input, err: newErrorLabel()}
	f.fields = append(f.fields, ff)
	return ff
}

func (f *form) content() fyne.CanvasObject {
	grid := container.New(layout.NewFormLayout())
	for _, ff := range f.fields {
		grid.Add(ff.label)
		grid.Add(container.NewVBox(ff.input, ff.err))
	}
	return container.NewVBox(grid, f.general)
}

func (f *form) clearErrors() {
	for _, ff := range f.fields {
		setError(ff.err, "")
	}
	setError(f.general, "")
	f.sticky = nil
}

// showStoreErrors is showErrors for the store's refusals, which stay until
// their field is edited.
func (f *form) showStoreErrors(err error) {
	f.showErrors(err)
	f.sticky = map[*formField]bool{}
	for _, ff := range f.fields {
		if ff.err.Visible() {
			f.sticky[ff] = true
		}
	}
}

// watch makes the errors go as the user corrects them: whenever an input
// changes while errors show, check reads the form again and the error of
// every field it no longer refuses is cleared (none is added while typing:
// the next Save says what is still wrong).
func (f *form) watch(check func() error) {
	f.check = check
	for _, ff := range f.fields {
		onInputsChanged(ff.input, func() { f.recheck(ff) })
	}
}

// recheck clears the errors that changed fixed.
func (f *form) recheck(changed *formField) {
	delete(f.sticky, changed)
	if f.check == nil || !f.showingErrors() {
		return
	}
	refused := map[string]bool{}
	for _, fe := range data.FieldErrorsOf(f.check()) {
		refused[fe.Field] = true
	}
	for _, ff := range f.fields {
		if ff.err.Visible() && !f.sticky[ff] && !refused[ff.key] {
			setError(ff.err, "")
		}
	}
}

// showingErrors reports whether a field shows an error.
func (f *form) showingErrors() bool {
	for _, ff := range f.fields {
		if ff.err.Visible() {
			return true
		}
	}
	return false
}

// onInputsChanged calls changed after the handlers already set, whenever
// one of the inputs in o (a field, or a box of fields) changes.
func onInputsChanged(o fyne.CanvasObject, changed func()) {
	switch in := o.(type) {
	case *fyne.Container:
		for _, child := range in.Objects {
			onInputsChanged(child, changed)
		}
	case *entry:
		chainText(&in.OnChanged, changed)
	case *selectEntry:
		chainText(&in.OnChanged, changed)
	case *widget.Entry:
		chainText(&in.OnChanged, changed)
	case *selectField:
		chainText(&in.OnChanged, changed)
	case *widget.Select:
		chainText(&in.OnChanged, changed)
	case *widget.RadioGroup:
		chainText(&in.OnChanged, changed)
	case *checkField:
		prev := in.OnChanged
		in.OnChanged = func(on bool) {
			if prev != nil {
				prev(on)
			}
			changed()
		}
	}
}

// chainText makes *handler call changed after what it did.
func chainText(handler *func(string), changed func()) {
	prev := *handler
	*handler = func(s string) {
		if prev != nil {
			prev(s)
		}
		changed()
	}
}

// showErrors puts each field error under its field; any other error becomes
// one sentence at the bottom of the form.
func (f *form) showErrors(err error) {
	f.clearErrors()
	fes := data.FieldErrorsOf(err)
	if len(fes) == 0 {
		setError(f.general, errorSentence(err))
		return
	}
	for _, fe := range fes {
		if ff := f.field(fe.Field); ff != nil {
			if ff.err.Hidden { // keep the first reason when a field has several
				setError(ff.err, fieldMessage(fe))
			}
			continue
		}
		setError(f.general, errorSentence(fe))
	}
}

func (f *form) field(key string) *formField {
	for _, ff := range f.fields {
		if ff.key == key {
			return ff
		}
	}
	return nil
}

func setError(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// asField re-labels a parse error (ParseMoney says "amount", ParseDate says
// "date") with the form field it came from.
func asField(err error, key string) error {
	var fe *data.FieldError
	if errors.As(err, &fe) {
		return &data.FieldError{Field: key, Reason: fe.Reason, Value: fe.Value}
	}
	return err
}

// requiredError is the error of a required field left empty.
func requiredError(key string) error {
	return data.FieldErrors{&data.FieldError{Field: key, Reason: data.ReasonRequired}}
}
