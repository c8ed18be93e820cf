package ui

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/data"
)

// How Fyne routes keys (fyne.io/fyne/v2 internal/driver/glfw/window.go,
// processKeyPressed and triggersShortcut): a key goes to the focused
// widget's TypedKey, and reaches the window's OnTypedKey only when nothing
// has the focus; a shortcut goes to the focused widget's TypedShortcut when
// it is a fyne.Shortcutable (an Entry is), and to the window's shortcuts
// only otherwise. An Entry drops the shortcuts it does not know. So while a
// field has the focus, Esc and Ctrl+1..6 never reached the window. The
// fields below hand them on.

// keyForwarder hands the window's own keys, pressed in a field, to the
// window: Esc (which closes the open dialog) and the shortcuts of
// windowShortcuts. win is nil for a field outside any window (never in the
// app): it then keeps Fyne's behaviour.
type keyForwarder struct{ win fyne.Window }

// escape passes Esc to the window and reports whether it did.
func (k keyForwarder) escape(ev *fyne.KeyEvent) bool {
	if ev.Name != fyne.KeyEscape || k.win == nil {
		return false
	}
	if c, ok := k.win.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }); ok && c.OnTypedKey() != nil {
		c.OnTypedKey()(ev)
		return true
	}
	return false
}

// shortcut passes one of the window's shortcuts to it and reports whether
// it did; the field keeps the others (copy, paste, word moves...).
func (k keyForwarder) shortcut(sc fyne.Shortcut) bool {
	if k.win == nil || !isWindowShortcut(sc) {
		return false
	}
	if c, ok := k.win.Canvas().(fyne.Shortcutable); ok {
		c.TypedShortcut(sc)
		return true
	}
	return false
}

// cursorToEnd puts the cursor after the last character, where a user who
// reaches a filled field with Tab expects to go on typing (Fyne leaves it
// where it last was, often at the start). A click places it afterwards,
// where the user clicked.
func cursorToEnd(e *widget.Entry) {
	rows := strings.Split(e.Text, "\n")
	e.CursorRow = len(rows) - 1
	e.CursorColumn = utf8.RuneCountInString(rows[len(rows)-1])
	e.Refresh()
}

// entry is the text field of every form and screen: widget.Entry whose
// Esc and window shortcuts reach the window, and whose cursor goes to the
// end when it gains the focus.
type entry struct {
	widget.Entry
	keys keyForwarder
}

// newEntry is a one-line text field of u's window.
func newEntry(u *UI) *entry { return newWindowEntry(u.win) }

// newWindowEntry is a one-line text field of win.
func newWindowEntry(win fyne.Window) *entry {
	e := &entry{keys: keyForwarder{win: win}}
	e.ExtendBaseWidget(e)
	return e
}

// newMultiLineEntry is a text field of several lines of u's window.
func newMultiLineEntry(u *UI, rows int) *entry {
	e := newEntry(u)
	e.MultiLine, e.Wrapping = true, fyne.TextWrapWord
	e.SetMinRowsVisible(rows)
	return e
}

// TypedKey passes Esc on and everything else to the Entry.
func (e *entry) TypedKey(ev *fyne.KeyEvent) {
	if !e.keys.escape(ev) {
		e.Entry.TypedKey(ev)
	}
}

// TypedShortcut passes the window's shortcuts on and the others to the Entry.
func (e *entry) TypedShortcut(sc fyne.Shortcut) {
	if !e.keys.shortcut(sc) {
		e.Entry.TypedShortcut(sc)
	}
}

// FocusGained puts the cursor at the end of the text.
func (e *entry) FocusGained() {
	e.Entry.FocusGained()
	cursorToEnd(&e.Entry)
}

// selectEntry is widget.SelectEntry (a field with suggestions) with the
// same keys as entry.
type selectEntry struct {
	widget.SelectEntry
	keys keyForwarder
}

func newSelectEntry(u *UI, options []string) *selectEntry {
	e := &selectEntry{keys: keyForwarder{win: u.win}}
	e.SetOptions(options)
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey passes Esc on and everything else to the SelectEntry.
func (e *selectEntry) TypedKey(ev *fyne.KeyEvent) {
	if !e.keys.escape(ev) {
		e.SelectEntry.TypedKey(ev)
	}
}

// TypedShortcut passes the window's shortcuts on and the others to the SelectEntry.
func (e *selectEntry) TypedShortcut(sc fyne.Shortcut) {
	if !e.keys.shortcut(sc) {
		e.SelectEntry.TypedShortcut(sc)
	}
}

// FocusGained puts the cursor at the end of the text.
func (e *selectEntry) FocusGained() {
	e.SelectEntry.FocusGained()
	cursorToEnd(&e.Entry)
}

// selectField is widget.Select whose Esc reaches the window (a Select with
// the focus takes every key).
type selectField struct {
	widget.Select
	keys keyForwarder
}

// newSelect is a drop-down of u's window.
func newSelect(u *UI, options []string, changed func(string)) *selectField {
	s := &selectField{keys: keyForwarder{win: u.win}}
	s.Options, s.OnChanged = options, changed
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey passes Esc on and everything else to the Select.
func (s *selectField) TypedKey(ev *fyne.KeyEvent) {
	if !s.keys.escape(ev) {
		s.Select.TypedKey(ev)
	}
}

// checkField is widget.Check whose Esc reaches the window.
type checkField struct {
	widget.Check
	keys keyForwarder
}

// newCheck is a check box of u's window.
func newCheck(u *UI, label string, changed func(bool)) *checkField {
	c := &checkField{keys: keyForwarder{win: u.win}}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey passes Esc on and everything else to the Check.
func (c *checkField) TypedKey(ev *fyne.KeyEvent) {
	if !c.keys.escape(ev) {
		c.Check.TypedKey(ev)
	}
}

// newRadio is a radio group of u's window. Fyne gives the focus to the
// choice tapped, which then swallows every key, Esc included: the choice
// hands the focus back once made, so that Esc still closes the dialog.
// A required group keeps its choice when the chosen one is tapped again
// (Fyne's Required would leave that tap without an OnChanged, so without a
// way to give the focus back).
func newRadio(u *UI, options []string, required bool, changed func(string)) *widget.RadioGroup {
	r := widget.NewRadioGroup(options, nil)
	last := ""
	r.OnChanged = func(choice string) {
		u.win.Canvas().Unfocus()
		if choice == "" && required && last != "" {
			r.SetSelected(last)
			return
		}
		last = choice
		if changed != nil {
			changed(choice)
		}
	}
	return r
}

// windowShortcutKeys are the keys that, with Ctrl (Cmd on macOS), act on
// the whole window (addShortcuts): new invoice, search, the six screens.
var windowShortcutKeys = []fyne.KeyName{fyne.KeyN, fyne.KeyF, fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6}

// isWindowShortcut reports whether sc is one of the window's shortcuts.
func isWindowShortcut(sc fyne.Shortcut) bool {
	cs, ok := sc.(*desktop.CustomShortcut)
	return ok && cs.Modifier == fyne.KeyModifierShortcutDefault && slices.Contains(windowShortcutKeys, cs.KeyName)
}

// newDateEntry is a text field for a calendar day (typed day first, or
// picked from a month grid with the button at its end). The text is read
// with data.ParseDate, which also accepts ISO dates, so the same input
// works in either language.
func newDateEntry(win fyne.Window, initial data.Date) *entry {
	e := newWindowEntry(win)
	e.PlaceHolder = lang.L("placeholder.date")
	// ActionItem before SetText: SetText builds the renderer, which only
	// picks up an action item that is already there.
	e.ActionItem = &widget.Button{Icon: theme.CalendarIcon(), Importance: widget.LowImportance, OnTapped: func() {
		start := data.DateOf(time.Now())
		if d, err := data.ParseDate(e.Text); err == nil {
			start = d
		}
		var dlg dialog.Dialog
		picker := newDatePicker(start, func(d data.Date) {
			e.SetText(inputDate(d))
			dlg.Hide()
		})
		dlg = dialog.NewCustom(lang.L("dialog.pick_date"), lang.L("button.cancel"), picker.content, win)
		dlg.Show()
	}}
	e.SetText(inputDate(initial))
	return e
}

// newMoneyEntry is a text field for an amount; data.ParseMoney reads it.
func newMoneyEntry(win fyne.Window) *entry {
	e := newWindowEntry(win)
	e.PlaceHolder = lang.L("placeholder.amount")
	return e
}
