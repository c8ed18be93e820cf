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

// entry is a text field that hands Escape to the window (Fyne's Entry
// swallows it), so that Esc closes a dialog even while typing in it.
type entry struct {
	widget.Entry
	ui *UI
}

func newEntry(u *UI) *entry {
	e := &entry{ui: u}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey passes Escape on and everything else to the Entry.
func (e *entry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.ui != nil {
		e.ui.escape()
		return
	}
	e.Entry.TypedKey(ev)
}

// selectEntry is widget.SelectEntry with the same Escape handling.
type selectEntry struct {
	widget.SelectEntry
	ui *UI
}

func newSelectEntry(u *UI, options []string) *selectEntry {
	e := &selectEntry{ui: u}
	e.SetOptions(options)
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey passes Escape on and everything else to the SelectEntry.
func (e *selectEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.ui != nil {
		e.ui.escape()
		return
	}
	e.SelectEntry.TypedKey(ev)
}

// formDialog is a dialog around a form with Cancel and Save. Save first
// calls submit on the UI goroutine, which reads the fields and returns
// either their errors or the write to do; the write runs off the UI
// goroutine; on success the dialog closes, the screens reload and done
// (optional) runs; on failure the error shows in the form.
type formDialog struct {
	ui     *UI
	form   *form
	dlg    dialog.Dialog
	save   *widget.Button
	submit func() (write func(context.Context) error, err error)
	done   func()
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
	fd.save.Disable()
	fd.ui.async(func() {
		err := write(context.Background())
		fyne.Do(func() {
			fd.save.Enable()
			if err != nil {
				fd.form.showErrors(err)
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
