package ui

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// track registers an open dialog so that Esc closes it, innermost first.
func (u *UI) track(d dialog.Dialog) {
	u.dialogs = append(u.dialogs, d)
	d.SetOnClosed(func() {
		if i := slices.Index(u.dialogs, d); i >= 0 {
			u.dialogs = slices.Delete(u.dialogs, i, i+1)
		}
	})
}

// escape closes the innermost open dialog, if any.
func (u *UI) escape() {
	if n := len(u.dialogs); n > 0 {
		u.dialogs[n-1].Hide()
	}
}

// formDialog is a dialog around a form with Cancel and Save. Save first
// calls submit on the UI goroutine, which reads the fields and returns
// either their errors or the write to do; when confirm (optional) has a
// question about what was typed (an amount over the balance), the user
// answers it first; the write runs off the UI goroutine; on success the
// dialog closes, the screens reload and done (optional) runs; on failure
// the error shows in the form. While errors show, each one goes as soon as
// its field is corrected (submit is run again to know).
type formDialog struct {
	ui      *UI
	form    *form
	dlg     dialog.Dialog
	save    *widget.Button
	submit  func() (write func(context.Context) error, err error)
	confirm func() string // the question to ask before writing; "" for none
	done    func()
}

// newFormDialog builds (without showing) a form dialog titled by titleKey.
func (u *UI) newFormDialog(titleKey string, f *form, size fyne.Size,
	submit func() (func(context.Context) error, error), done func()) *formDialog {
	fd := &formDialog{ui: u, form: f, submit: submit, done: done}
	fd.save = &widget.Button{Text: lang.L("button.save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: fd.onSave}
	cancel := &widget.Button{Text: lang.L("button.cancel"), Icon: theme.CancelIcon(), OnTapped: func() { fd.dlg.Hide() }}
	body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, fd.save), nil, nil,
		container.NewVScroll(f.content()))
	fd.dlg = dialog.NewCustomWithoutButtons(lang.L(titleKey), container.NewGridWrap(size, body), u.win)
	f.watch(func() error {
		_, err := fd.submit()
		return err
	})
	return fd
}

// show opens the dialog and puts the cursor in first (may be nil).
func (fd *formDialog) show(first fyne.Focusable) {
	fd.ui.track(fd.dlg)
	fd.dlg.Show()
	if first != nil {
		fd.ui.win.Canvas().Focus(first)
	}
}

func (fd *formDialog) onSave() {
	write, err := fd.submit()
	if err != nil {
		fd.form.showErrors(err)
		return
	}
	question := ""
	if fd.confirm != nil {
		question = fd.confirm()
	}
	if question == "" {
		fd.write(write)
		return
	}
	ask := dialog.NewConfirm(lang.L("dialog.confirm_title"), question, func(ok bool) {
		if ok {
			fd.write(write)
		}
	}, fd.ui.win)
	fd.ui.track(ask)
	ask.Show()
}

// write runs the form's write off the UI goroutine and closes the dialog
// once it is done, or shows why the store refused it.
func (fd *formDialog) write(write func(context.Context) error) {
	fd.save.Disable()
	fd.ui.async(func() {
		err := write(context.Background())
		fyne.Do(func() {
			fd.save.Enable()
			if err != nil {
				fd.form.showStoreErrors(err)
				return
			}
			fd.dlg.Hide()
			fd.ui.changed()
			if fd.done != nil {
				fd.done()
			}
		})
	})
}

// askReason asks for a short text (why a step is skipped, why an invoice is
// disputed) and runs act with it off the UI goroutine.
func (u *UI) askReason(titleKey, labelKey string, required bool, act func(ctx context.Context, reason string) error) {
	f := newForm()
	reason := newEntry(u)
	reason.MultiLine = true
	reason.SetMinRowsVisible(3)
	f.addLabelled(labelKey, required, reason)
	fd := u.newFormDialog(titleKey, f, fyne.NewSize(460, 230), func() (func(context.Context) error, error) {
		if required && reason.Text == "" {
			return nil, requiredError("reason")
		}
		text := reason.Text
		return func(ctx context.Context) error { return act(ctx, text) }, nil
	}, nil)
	fd.show(reason)
}

// confirm asks a yes/no question and runs act off the UI goroutine on yes.
func (u *UI) confirm(titleKey, messageKey string, data map[string]any, act func(ctx context.Context) error) {
	d := dialog.NewConfirm(lang.L(titleKey), lang.L(messageKey, data), func(ok bool) {
		if !ok {
			return
		}
		u.async(func() {
			err := act(context.Background())
			fyne.Do(func() {
				if err != nil {
					u.showError(err)
					return
				}
				u.changed()
			})
		})
	}, u.win)
	u.track(d)
	d.Show()
}
