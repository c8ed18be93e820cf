package kit

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// FormDialog is a dialog around a form with Cancel and Save. Save first
// calls submit on the UI goroutine, which reads the fields and returns
// either their errors or the write to do; when confirm (optional) has a
// question about what was typed (an amount over the balance), the user
// answers it first; the write runs off the UI goroutine; on success the
// dialog closes, the screens reload and done (optional) runs; on failure
// the error shows in the form. While errors show, each one goes as soon as
// its field is corrected (submit is run again to know).
type FormDialog struct {
	host    Host
	form    *Form
	dlg     dialog.Dialog
	Save    *widget.Button
	submit  func() (write func(context.Context) error, err error)
	Confirm func() string // the question to ask before writing; "" for none
	done    func()
	// Next, when set, runs once the write succeeded instead of closing
	// the dialog: what follows the form (the email that confirms a
	// promise) shows in the same dialog (Replace), which Next's content
	// closes with Hide. done still runs.
	Next  func()
	frame *fyne.Container // the dialog's content, which Replace swaps
}

// NewFormDialog builds (without showing) a form dialog titled by titleKey.
func NewFormDialog(h Host, titleKey string, f *Form, size fyne.Size,
	submit func() (func(context.Context) error, error), done func()) *FormDialog {
	fd := &FormDialog{host: h, form: f, submit: submit, done: done}
	fd.Save = &widget.Button{Text: lang.L("button.save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: fd.OnSave}
	cancel := &widget.Button{Text: lang.L("button.cancel"), Icon: theme.CancelIcon(), OnTapped: func() { fd.dlg.Hide() }}
	body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, fd.Save), nil, nil,
		container.NewVScroll(f.Content()))
	fd.frame = container.NewGridWrap(size, body)
	fd.dlg = dialog.NewCustomWithoutButtons(lang.L(titleKey), fd.frame, h.Window())
	f.Watch(func() error {
		_, err := fd.submit()
		return err
	})
	return fd
}

// Show opens the dialog and puts the cursor in first (may be nil).
func (fd *FormDialog) Show(first fyne.Focusable) {
	fd.host.Track(fd.dlg)
	fd.dlg.Show()
	if first != nil {
		fd.host.Window().Canvas().Focus(first)
	}
}

// OnSave does what Save does: check the form, ask, write.
func (fd *FormDialog) OnSave() {
	write, err := fd.submit()
	if err != nil {
		fd.form.ShowErrors(err)
		return
	}
	question := ""
	if fd.Confirm != nil {
		question = fd.Confirm()
	}
	if question == "" {
		fd.write(write)
		return
	}
	ask := dialog.NewConfirm(lang.L("dialog.confirm_title"), question, func(ok bool) {
		if ok {
			fd.write(write)
		}
	}, fd.host.Window())
	fd.host.Track(ask)
	ask.Show()
}

// write runs the form's write off the UI goroutine and closes the dialog
// once it is done, or shows why the store refused it.
func (fd *FormDialog) write(write func(context.Context) error) {
	fd.Save.Disable()
	fd.host.Async(func() {
		err := write(context.Background())
		fyne.Do(func() {
			fd.Save.Enable()
			if err != nil {
				fd.form.ShowStoreErrors(err)
				return
			}
			if fd.Next == nil {
				fd.dlg.Hide()
			}
			fd.host.Changed()
			if fd.done != nil {
				fd.done()
			}
			if fd.Next != nil {
				fd.Next()
			}
		})
	})
}

// Replace shows content in the dialog, in place of the form, at size.
func (fd *FormDialog) Replace(content fyne.CanvasObject, size fyne.Size) {
	fd.frame.Layout = layout.NewGridWrapLayout(size)
	fd.frame.Objects = []fyne.CanvasObject{content}
	fd.frame.Refresh()
	fd.dlg.Resize(fd.dlg.MinSize())
}

// Hide closes the dialog.
func (fd *FormDialog) Hide() { fd.dlg.Hide() }

// OnClosed runs closed once the dialog closes, however it does.
func (fd *FormDialog) OnClosed(closed func()) { fd.dlg.SetOnClosed(closed) }

// AskReason asks for a short text (why a step is skipped, why an invoice is
// disputed) and runs act with it off the UI goroutine.
func AskReason(h Host, titleKey, labelKey string, required bool, act func(ctx context.Context, reason string) error) {
	f := NewForm()
	reason := NewEntry(h.Window())
	reason.MultiLine = true
	reason.SetMinRowsVisible(3)
	f.AddLabelled(labelKey, required, reason)
	fd := NewFormDialog(h, titleKey, f, fyne.NewSize(460, 230), func() (func(context.Context) error, error) {
		if required && reason.Text == "" {
			return nil, RequiredError("reason")
		}
		text := reason.Text
		return func(ctx context.Context) error { return act(ctx, text) }, nil
	}, nil)
	fd.Show(reason)
}

// Confirm asks a yes/no question and runs act off the UI goroutine on yes.
func Confirm(h Host, titleKey, messageKey string, data map[string]any, act func(ctx context.Context) error) {
	d := dialog.NewConfirm(lang.L(titleKey), lang.L(messageKey, data), func(ok bool) {
		if !ok {
			return
		}
		h.Async(func() {
			err := act(context.Background())
			fyne.Do(func() {
				if err != nil {
					h.ShowError(err)
					return
				}
				h.Changed()
			})
		})
	}, h.Window())
	h.Track(d)
	d.Show()
}
