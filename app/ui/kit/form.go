package kit

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"relance/data"
)

// FormField is one labelled input of a form with the place where its error
// is shown, right under it. key is the data.FieldError field it answers to.
type FormField struct {
	Key   string
	Label *widget.Label
	Input fyne.CanvasObject
	Err   *widget.Label
	cell  *fyne.Container // the input and its error, once laid out
}

// Form lays out fields and dispatches validation errors to them. An error
// that belongs to no field is shown at the bottom.
type Form struct {
	Fields  []*FormField
	general *widget.Label
	// check reads the fields again (watch); sticky are the fields whose
	// error came from the store (a number already used), which check cannot
	// see: they clear only when their own field changes.
	check  func() error
	sticky map[*FormField]bool
}

// NewErrorLabel is a hidden label for an error, in the danger colour.
func NewErrorLabel() *widget.Label {
	l := &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	l.Hide()
	return l
}

// NewForm is an empty form.
func NewForm() *Form { return &Form{general: NewErrorLabel()} }

// Add appends a field labelled "field.<key>"; required fields get a star
// after their label.
func (f *Form) Add(key string, required bool, input fyne.CanvasObject) *FormField {
	ff := f.AddLabelled("field."+key, required, input)
	ff.Key = key
	return ff
}

// AddLabelled appends a field with any label key; its errors are those of
// field "reason" unless add set another key.
func (f *Form) AddLabelled(labelKey string, required bool, input fyne.CanvasObject) *FormField {
	text := lang.L(labelKey)
	if required {
		text += " *"
	}
	ff := &FormField{Key: "reason", Label: widget.NewLabel(text), Input: input, Err: NewErrorLabel()}
	f.Fields = append(f.Fields, ff)
	return ff
}

// SetVisible shows or hides the field, label and all: a hidden field's row
// takes no room (its input is wrapped with its error in Content).
func (ff *FormField) SetVisible(on bool) {
	SetVisible(ff.Label, on)
	if ff.cell != nil {
		SetVisible(ff.cell, on)
	}
}

// Content lays the fields out, labels left, each error under its input.
func (f *Form) Content() fyne.CanvasObject {
	grid := container.New(layout.NewFormLayout())
	for _, ff := range f.Fields {
		grid.Add(ff.Label)
		ff.cell = container.NewVBox(ff.Input, ff.Err)
		SetVisible(ff.cell, ff.Label.Visible())
		grid.Add(ff.cell)
	}
	return container.NewVBox(grid, f.general)
}

// ClearErrors hides every error of the form.
func (f *Form) ClearErrors() {
	for _, ff := range f.Fields {
		SetError(ff.Err, "")
	}
	SetError(f.general, "")
	f.sticky = nil
}

// ShowStoreErrors is showErrors for the store's refusals, which stay until
// their field is edited.
func (f *Form) ShowStoreErrors(err error) {
	f.ShowErrors(err)
	f.sticky = map[*FormField]bool{}
	for _, ff := range f.Fields {
		if ff.Err.Visible() {
			f.sticky[ff] = true
		}
	}
}

// Watch makes the errors go as the user corrects them: whenever an input
// changes while errors show, check reads the form again and the error of
// every field it no longer refuses is cleared (none is added while typing:
// the next Save says what is still wrong).
func (f *Form) Watch(check func() error) {
	f.check = check
	for _, ff := range f.Fields {
		OnInputsChanged(ff.Input, func() { f.recheck(ff) })
	}
}

// recheck clears the errors that changed fixed.
func (f *Form) recheck(changed *FormField) {
	delete(f.sticky, changed)
	if f.check == nil || !f.ShowingErrors() {
		return
	}
	refused := map[string]bool{}
	for _, fe := range data.FieldErrorsOf(f.check()) {
		refused[fe.Field] = true
	}
	for _, ff := range f.Fields {
		if ff.Err.Visible() && !f.sticky[ff] && !refused[ff.Key] {
			SetError(ff.Err, "")
		}
	}
}

// ShowingErrors reports whether a field shows an error.
func (f *Form) ShowingErrors() bool {
	for _, ff := range f.Fields {
		if ff.Err.Visible() {
			return true
		}
	}
	return false
}

// OnInputsChanged calls changed after the handlers already set, whenever
// one of the inputs in o (a field, or a box of fields) changes.
func OnInputsChanged(o fyne.CanvasObject, changed func()) {
	switch in := o.(type) {
	case *fyne.Container:
		for _, child := range in.Objects {
			OnInputsChanged(child, changed)
		}
	case *Entry:
		chainText(&in.OnChanged, changed)
	case *SelectEntry:
		chainText(&in.OnChanged, changed)
	case *widget.Entry:
		chainText(&in.OnChanged, changed)
	case *Select:
		chainText(&in.OnChanged, changed)
	case *widget.Select:
		chainText(&in.OnChanged, changed)
	case *widget.RadioGroup:
		chainText(&in.OnChanged, changed)
	case *Check:
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

// ShowErrors puts each field error under its field; any other error becomes
// one sentence at the bottom of the form.
func (f *Form) ShowErrors(err error) {
	f.ClearErrors()
	fes := data.FieldErrorsOf(err)
	if len(fes) == 0 {
		SetError(f.general, ErrorSentence(err))
		return
	}
	for _, fe := range fes {
		if ff := f.Field(fe.Field); ff != nil {
			if ff.Err.Hidden { // keep the first reason when a field has several
				SetError(ff.Err, FieldMessage(fe))
			}
			continue
		}
		SetError(f.general, ErrorSentence(fe))
	}
}

// Field is the field answering to key, nil when none does.
func (f *Form) Field(key string) *FormField {
	for _, ff := range f.Fields {
		if ff.Key == key {
			return ff
		}
	}
	return nil
}

// SetError shows text in an error label, or hides it when text is "".
func SetError(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// AsField re-labels a parse error (ParseMoney says "amount", ParseDate says
// "date") with the form field it came from.
func AsField(err error, key string) error {
	var fe *data.FieldError
	if errors.As(err, &fe) {
		return &data.FieldError{Field: key, Reason: fe.Reason, Value: fe.Value}
	}
	return err
}

// RequiredError is the error of a required field left empty.
func RequiredError(key string) error {
	return data.FieldErrors{&data.FieldError{Field: key, Reason: data.ReasonRequired}}
}

// Section makes the field a group title: its label bold, no input of its
// own, no error to show.
func (ff *FormField) Section() {
	ff.Label.TextStyle.Bold = true
	ff.Key = ""
}

// General is the label under the form where an error that belongs to no
// field shows.
func (f *Form) General() *widget.Label { return f.general }

// SetVisible shows or hides o.
func SetVisible(o fyne.CanvasObject, visible bool) {
	if visible {
		o.Show()
	} else {
		o.Hide()
	}
}

// MergeErrors adds to errs the errors of validate for fields not already
// refused (a parse error says more than "required").
func MergeErrors(errs data.FieldErrors, validate error) data.FieldErrors {
	for _, fe := range data.FieldErrorsOf(validate) {
		known := false
		for _, e := range errs {
			known = known || e.Field == fe.Field
		}
		if !known {
			errs = append(errs, fe)
		}
	}
	return errs
}

// SetEnabled enables or disables a widget that can be.
func SetEnabled(w fyne.Disableable, enabled bool) {
	if enabled {
		w.Enable()
	} else {
		w.Disable()
	}
}

// FixedWidth gives o a column's width, so that the rows of a list or a
// form line up.
func FixedWidth(o fyne.CanvasObject, w float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
}
