package kit

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
// field has the focus, Esc and Ctrl+1..8 never reached the window. The
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

// Entry is the text field of every form and screen: widget.Entry whose
// Esc and window shortcuts reach the window, and whose cursor goes to the
// end when it gains the focus.
type Entry struct {
	widget.Entry
	keys keyForwarder
}

// NewEntry is a one-line text field of win.
func NewEntry(win fyne.Window) *Entry {
	e := &Entry{keys: keyForwarder{win: win}}
	e.ExtendBaseWidget(e)
	return e
}

// NewMultiLineEntry is a text field of several lines of u's window.
func NewMultiLineEntry(win fyne.Window, rows int) *Entry {
	e := NewEntry(win)
	e.MultiLine, e.Wrapping = true, fyne.TextWrapWord
	e.SetMinRowsVisible(rows)
	return e
}

// TypedKey passes Esc on and everything else to the Entry.
func (e *Entry) TypedKey(ev *fyne.KeyEvent) {
	if !e.keys.escape(ev) {
		e.Entry.TypedKey(ev)
	}
}

// TypedShortcut passes the window's shortcuts on and the others to the Entry.
func (e *Entry) TypedShortcut(sc fyne.Shortcut) {
	if !e.keys.shortcut(sc) {
		e.Entry.TypedShortcut(sc)
	}
}

// FocusGained puts the cursor at the end of the text.
func (e *Entry) FocusGained() {
	e.Entry.FocusGained()
	cursorToEnd(&e.Entry)
}

// SelectEntry is widget.SelectEntry (a field with suggestions) with the
// same keys as entry.
type SelectEntry struct {
	widget.SelectEntry
	keys keyForwarder
}

// NewSelectEntry is a field of win with suggestions.
func NewSelectEntry(win fyne.Window, options []string) *SelectEntry {
	e := &SelectEntry{keys: keyForwarder{win: win}}
	e.SetOptions(options)
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey passes Esc on and everything else to the SelectEntry.
func (e *SelectEntry) TypedKey(ev *fyne.KeyEvent) {
	if !e.keys.escape(ev) {
		e.SelectEntry.TypedKey(ev)
	}
}

// TypedShortcut passes the window's shortcuts on and the others to the SelectEntry.
func (e *SelectEntry) TypedShortcut(sc fyne.Shortcut) {
	if !e.keys.shortcut(sc) {
		e.SelectEntry.TypedShortcut(sc)
	}
}

// FocusGained puts the cursor at the end of the text.
func (e *SelectEntry) FocusGained() {
	e.SelectEntry.FocusGained()
	cursorToEnd(&e.Entry)
}

// Select is widget.Select whose Esc reaches the window (a Select with
// the focus takes every key).
type Select struct {
	widget.Select
	keys keyForwarder
}

// NewSelect is a drop-down of u's window.
func NewSelect(win fyne.Window, options []string, changed func(string)) *Select {
	s := &Select{keys: keyForwarder{win: win}}
	s.Options, s.OnChanged = options, changed
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey passes Esc on and everything else to the Select.
func (s *Select) TypedKey(ev *fyne.KeyEvent) {
	if !s.keys.escape(ev) {
		s.Select.TypedKey(ev)
	}
}

// Check is widget.Check whose Esc reaches the window.
type Check struct {
	widget.Check
	keys keyForwarder
}

// NewCheck is a check box of u's window.
func NewCheck(win fyne.Window, label string, changed func(bool)) *Check {
	c := &Check{keys: keyForwarder{win: win}}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey passes Esc on and everything else to the Check.
func (c *Check) TypedKey(ev *fyne.KeyEvent) {
	if !c.keys.escape(ev) {
		c.Check.TypedKey(ev)
	}
}

// NewRadio is a radio group of u's window. Fyne gives the focus to the
// choice tapped, which then swallows every key, Esc included: the choice
// hands the focus back once made, so that Esc still closes the dialog.
// A required group keeps its choice when the chosen one is tapped again
// (Fyne's Required would leave that tap without an OnChanged, so without a
// way to give the focus back).
func NewRadio(win fyne.Window, options []string, required bool, changed func(string)) *widget.RadioGroup {
	r := widget.NewRadioGroup(options, nil)
	last := ""
	r.OnChanged = func(choice string) {
		win.Canvas().Unfocus()
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

// WindowShortcutKeys are the keys that, with Ctrl (Cmd on macOS), act on
// the whole window (addShortcuts): new invoice, search, import, import a
// bank statement, then the eight screens.
var WindowShortcutKeys = []fyne.KeyName{fyne.KeyN, fyne.KeyF, fyne.KeyI, fyne.KeyB, fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4,
	fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8}

// isWindowShortcut reports whether sc is one of the window's shortcuts.
func isWindowShortcut(sc fyne.Shortcut) bool {
	cs, ok := sc.(*desktop.CustomShortcut)
	return ok && cs.Modifier == fyne.KeyModifierShortcutDefault && slices.Contains(WindowShortcutKeys, cs.KeyName)
}

// NewDateEntry is a text field for a calendar day (typed day first, or
// picked from a month grid with the button at its end). The text is read
// with data.ParseDate, which also accepts ISO dates, so the same input
// works in either language.
func NewDateEntry(win fyne.Window, initial data.Date) *Entry {
	e := NewEntry(win)
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
			e.SetText(InputDate(d))
			dlg.Hide()
		})
		dlg = dialog.NewCustom(lang.L("dialog.pick_date"), lang.L("button.cancel"), picker.content, win)
		dlg.Show()
	}}
	e.SetText(InputDate(initial))
	return e
}

// NewMoneyEntry is a text field for an amount; data.ParseMoney reads it.
func NewMoneyEntry(win fyne.Window) *Entry {
	e := NewEntry(win)
	e.PlaceHolder = lang.L("placeholder.amount")
	return e
}
