package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/app/ui/settings"
	"relance/app/ui/uitest"
	"relance/data"
)

// pressKey delivers a key the way Fyne's desktop driver does
// (internal/driver/glfw/window.go, processKeyPressed): to the focused
// widget when there is one, else to the window.
func pressKey(u *UI, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	c := u.win.Canvas()
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	c.(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(ev)
}

// pressShortcut delivers Ctrl+key the way the driver does (triggersShortcut):
// to the focused widget when it takes shortcuts, else to the window's.
func pressShortcut(u *UI, key fyne.KeyName) {
	sc := &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
	c := u.win.Canvas()
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	c.(fyne.Shortcutable).TypedShortcut(sc)
}

// focusInput puts the focus in the first focusable input of a form field.
func focusInput(t *testing.T, u *UI, root fyne.CanvasObject, key string) fyne.Focusable {
	t.Helper()
	var found fyne.Focusable
	uitest.Walk(uitest.FirstInput(t, root, key), nil, func(o, _ fyne.CanvasObject) {
		if f, ok := o.(fyne.Focusable); ok && found == nil {
			found = f
		}
	})
	if found == nil {
		t.Fatalf("nothing focusable in field %q", key)
	}
	u.win.Canvas().Focus(found)
	return found
}

// TestEscapeClosesADialogFromAnyField: Esc closes the dialog whatever
// field has the focus: a date, an amount, a drop-down, a client form field.
func TestEscapeClosesADialogFromAnyField(t *testing.T) {
	b := newInvoiceBook(t)
	u := b.u
	for _, key := range []string{"issue_date", "amount", "client"} {
		u.onNewInvoice()
		dlg := top(u)
		focusInput(t, u, dlg, key)
		pressKey(u, fyne.KeyEscape)
		if top(u) == dlg {
			t.Errorf("Esc in the invoice form's %s field left the dialog open", key)
			u.escape()
		}
	}
	test.Tap(uitest.FindButton(t, b.openInvoice("FA-2026-0002"), lang.L("invoices.action.pay")))
	dlg := top(u)
	focusInput(t, u, dlg, "method")
	pressKey(u, fyne.KeyEscape)
	if top(u) == dlg {
		t.Error("Esc on the payment method left the dialog open")
		u.escape()
	}
	u.invoices.FocusSearch() // back to the list
	test.Tap(uitest.FindButton(t, u.win.Content(), lang.L("button.new_client")))
	dlg = top(u)
	for _, key := range []string{"name", "email", "category"} {
		focusInput(t, u, dlg, key)
		pressKey(u, fyne.KeyEscape)
		if top(u) == dlg {
			t.Errorf("Esc in the client form's %s field left the dialog open", key)
			continue
		}
		break
	}
}

// TestScreenShortcutsFromAField: Ctrl+1..8 switch screens while a text
// field has the focus (the search field of a list, a settings field), and
// Ctrl+F still reaches the search.
func TestScreenShortcutsFromAField(t *testing.T) {
	b := newInvoiceBook(t)
	u := b.u
	u.goTo(navInvoices)
	u.win.Canvas().Focus(uitest.AnyEntry(t, u.invoices.View()))
	pressShortcut(u, fyne.Key5)
	if got := u.tabs.SelectedIndex(); got != navClients {
		t.Fatalf("Ctrl+5 in the invoice search went to screen %d", got)
	}
	u.win.Canvas().Focus(uitest.AnyEntry(t, u.clients.View()))
	pressShortcut(u, fyne.Key7)
	if got := u.tabs.SelectedIndex(); got != navSettings {
		t.Fatalf("Ctrl+7 in the client search went to screen %d", got)
	}
	u.settings.ShowSection(settings.SectionRules)
	u.win.Canvas().Focus(uitest.AnyEntry(t, u.settings.View()))
	pressShortcut(u, fyne.Key1)
	if got := u.tabs.SelectedIndex(); got != navToday {
		t.Fatalf("Ctrl+1 in a settings field went to screen %d", got)
	}
	u.goTo(navClients)
	u.win.Canvas().Focus(uitest.AnyEntry(t, u.clients.View()))
	pressShortcut(u, fyne.KeyF)
	search := uitest.AnyEntry(t, u.invoices.View())
	if u.tabs.SelectedIndex() != navInvoices || u.win.Canvas().Focused() != search {
		t.Fatal("Ctrl+F from a field did not go to the invoice search")
	}
	// The field keeps its own shortcuts (the driver turns Ctrl+A into this one).
	search.SetText("martin")
	u.win.Canvas().Focused().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutSelectAll{})
	if got := search.(*kit.Entry).SelectedText(); got != "martin" {
		t.Fatalf("Ctrl+A selected %q", got)
	}
}

// TestFocusPutsTheCursorAtTheEnd: a field entered with the keyboard (or
// given the focus when a dialog opens) has its cursor after its text.
func TestFocusPutsTheCursorAtTheEnd(t *testing.T) {
	b := newInvoiceBook(t)
	u := b.u
	u.onNewInvoice()
	number := uitest.EntryOf(t, uitest.FirstInput(t, top(u), "number"))
	if number.Text == "" || number.CursorColumn != utf8.RuneCountInString(number.Text) {
		t.Fatalf("the number %q has its cursor at %d", number.Text, number.CursorColumn)
	}
	test.FocusNext(u.win.Canvas()) // to the client
	test.FocusNext(u.win.Canvas()) // the new-client button
	test.FocusNext(u.win.Canvas()) // the issue date
	issue, ok := u.win.Canvas().Focused().(*kit.Entry)
	if !ok {
		t.Fatalf("Tab went to %T", u.win.Canvas().Focused())
	}
	if issue.Text == "" || issue.CursorColumn != utf8.RuneCountInString(issue.Text) {
		t.Fatalf("the issue date %q has its cursor at %d", issue.Text, issue.CursorColumn)
	}
}

// TestCtrlNOnAClientPage: a new invoice made from a client's page is for
// that client.
func TestCtrlNOnAClientPage(t *testing.T) {
	u, store := newTestUI(t)
	test.Tap(uitest.FindButton(t, top(u), lang.L("welcome.start_empty")))
	uitest.Client(t, store, data.Client{Name: "Boulangerie Éclair", Address: data.Address{City: "Annecy"}})
	zinc := uitest.Client(t, store, data.Client{Name: "Zinc & Cie", Address: data.Address{City: "Grenoble"}})
	u.goTo(navClients)
	u.clients.OpenClient(zinc.ID)
	pressShortcut(u, fyne.KeyN)
	client := uitest.EntryOf(t, uitest.FirstInput(t, top(u), "client"))
	if client.Text != "Zinc & Cie (Grenoble)" {
		t.Fatalf("the new invoice's client is %q", client.Text)
	}
}

// TestLastScreenPerDataFolder: each data folder opens on its own last
// screen.
func TestLastScreenPerDataFolder(t *testing.T) {
	u, _ := newTestUI(t)
	test.Tap(uitest.FindButton(t, top(u), lang.L("welcome.start_empty")))
	u.goTo(navClients)
	other := t.TempDir()
	store, err := data.Open(filepath.Join(other, "relance.db"), data.WithClock(data.ClockOn(testDay)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	must(t, store.MarkOnboarded(context.Background()))
	second := New(u.app, testDeps(store, u.clock, other))
	second.async = u.async
	second.Start(context.Background())
	if got := second.tabs.SelectedIndex(); got != navToday {
		t.Fatalf("another data folder opens on screen %d, the first folder's", got)
	}
	second.goTo(navCalendar)
	again := New(u.app, testDeps(u.store, u.clock, u.opts.DataDir))
	again.async = u.async
	again.Start(context.Background())
	if got := again.tabs.SelectedIndex(); got != navClients {
		t.Fatalf("the first folder opens on screen %d, want the clients it was left on", got)
	}
}

// TestEveryScreenFitsASmallScreen: with the real theme, no screen, section,
// page or form asks for more than a 1024×700 screen (title bar included),
// so Settings' Save stays in reach; the default window fits 1366×768 with
// a taskbar.
func TestEveryScreenFitsASmallScreen(t *testing.T) {
	if err := LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.DefaultTheme()) // before any widget is made: sizes are those of the app
	store, err := data.Open(filepath.Join(t.TempDir(), "relance.db"), data.WithClock(data.ClockOn(testDay)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	u := New(a, testDeps(store, data.ClockOn(testDay), t.TempDir()))
	u.async = func(f func()) { f() }
	u.Start(context.Background())
	test.Tap(uitest.FindButton(t, top(u), lang.L("welcome.skip")))
	test.Tap(uitest.FindButton(t, top(u), lang.L("welcome.load_demo")))
	// Maximised on a large screen first: what was laid out wide must not
	// keep the window from being made small again.
	u.win.Resize(fyne.NewSize(1920, 1040))
	// The window's content may be 1024 wide and 700 less a title bar high.
	limit := fyne.NewSize(1024, 660)
	fits := func(what string, size fyne.Size) {
		if size.Width > limit.Width || size.Height > limit.Height {
			t.Errorf("%s needs %.0f×%.0f, more than %.0f×%.0f", what, size.Width, size.Height, limit.Width, limit.Height)
		}
	}
	if defaultWidth > 1366 || defaultHeight+30+48 > 768 {
		t.Errorf("the default window %d×%d does not fit 1366×768 with its title bar and a taskbar", defaultWidth, defaultHeight)
	}
	for i := range u.screens {
		u.goTo(i)
		fits(lang.L(navKeys[i]), u.win.Content().MinSize())
	}
	u.goTo(navSettings)
	for i := range u.settings.SectionCount() {
		u.settings.ShowSection(i)
		fits(fmt.Sprintf("Settings › section %d", i), u.win.Content().MinSize())
	}
	u.goTo(navInvoices)
	demoInvoices, err := store.ListInvoiceSummaries(context.Background())
	if err != nil || len(demoInvoices) == 0 {
		t.Fatalf("the demo book has no invoice (%v)", err)
	}
	u.invoices.OpenInvoice(demoInvoices[0].ID)
	fits("an invoice's page", u.win.Content().MinSize())
	for _, key := range []string{"invoices.action.edit", "invoices.action.pay"} {
		if b := uitest.FindButtonIfAny(u.win.Content(), lang.L(key)); b != nil {
			test.Tap(b)
			fits(lang.L(key)+" dialog", top(u).MinSize())
			u.escape()
		}
	}
	u.goTo(navClients)
	demoClients, err := store.ListClients(context.Background())
	if err != nil || len(demoClients) == 0 {
		t.Fatalf("the demo book has no client (%v)", err)
	}
	u.clients.OpenClient(demoClients[0].ID)
	fits("a client's page", u.win.Content().MinSize())

	test.Tap(uitest.FindButton(t, u.win.Content(), lang.L("clients.detail.edit")))
	fits("the client form", top(u).MinSize())
	u.escape()
	// The send dialog, with its tallest content: no mail account yet, so
	// the notice and the drafted message to copy.
	u.goTo(navToday)
	send := uitest.FindButtonIfAny(u.win.Content(), lang.L("mail.today.send"))
	if send == nil {
		t.Fatal("no email to send on the demo book's Today")
	}
	test.Tap(send)
	fits("the send dialog", top(u).MinSize())
}

// TestEscapeClosesADialogFromAChoice: a drop-down or a check box with the
// focus hands Esc to the window, and a radio choice once made gives the
// focus back, so Esc closes the dialog there too.
func TestEscapeClosesADialogFromAChoice(t *testing.T) {
	b := newInvoiceBook(t)
	u := b.u
	test.Tap(uitest.FindButton(t, b.openInvoice("FA-2026-0002"), lang.L("invoices.action.promise")))
	dlg := top(u)
	focusInput(t, u, dlg, "channel")
	pressKey(u, fyne.KeyEscape)
	if top(u) == dlg {
		t.Error("Esc on the promise's channel left the dialog open")
		u.escape()
	}
	test.Tap(uitest.FindButton(t, b.openInvoice("FA-2026-0002"), lang.L("invoices.action.pause")))
	dlg = top(u)
	var radio *widget.RadioGroup
	uitest.Walk(dlg, nil, func(o, _ fyne.CanvasObject) {
		if r, ok := o.(*widget.RadioGroup); ok && radio == nil {
			radio = r
		}
	})
	if radio == nil {
		t.Fatal("no radio group in the pause dialog")
	}
	var item fyne.Tappable
	uitest.Walk(radio, nil, func(o, _ fyne.CanvasObject) {
		if tp, ok := o.(fyne.Tappable); ok && item == nil && o != fyne.CanvasObject(radio) {
			if _, focusable := o.(fyne.Focusable); focusable {
				item = tp
			}
		}
	})
	if item == nil {
		t.Fatal("no choice to tap in the radio group")
	}
	test.Tap(item)
	pressKey(u, fyne.KeyEscape)
	if top(u) == dlg {
		t.Error("Esc after choosing in a radio group left the dialog open")
	}
}

// Ctrl+8 shows the Templates screen, the eighth tab.
func TestTemplatesScreenIsTheEighth(t *testing.T) {
	u, _ := newTestUI(t)
	test.Tap(uitest.FindButton(t, top(u), lang.L("welcome.start_empty")))
	u.goTo(navToday)
	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.Key8, Modifier: fyne.KeyModifierShortcutDefault})
	if u.tabs.SelectedIndex() != navTemplates || u.current() != kit.Screen(u.templates) {
		t.Fatalf("Ctrl+8 shows screen %d", u.tabs.SelectedIndex())
	}
	if got := u.tabs.Items[navTemplates].Text; got != lang.L("nav.templates") {
		t.Errorf("tab %q", got)
	}
}

// Choosing a language in Settings redraws the whole window in it, on the
// section the user was in, and remembers the choice.
func TestSettingsLanguageSwitchesLabels(t *testing.T) {
	u, _ := newTestUI(t)
	test.Tap(uitest.FindButton(t, top(u), lang.L("welcome.start_empty")))
	u.goTo(navSettings)
	u.settings.ShowSection(settings.SectionLanguage)
	t.Cleanup(func() { _ = SetLanguage("") })
	fr, en := uitest.Catalogue(t, "fr"), uitest.Catalogue(t, "en")
	choose := func(i int) {
		choice := uitest.Radio(t, u.settings.View())
		choice.SetSelected(choice.Options[i])
	}
	choose(2) // English
	if got := u.tabs.Items[navSettings].Text; got != en["nav.settings"] {
		t.Fatalf("after choosing English the tab reads %q", got)
	}
	if u.settings.Section() != settings.SectionLanguage || uitest.Radio(t, u.settings.View()).Options[2] != en["settings.language.en"] {
		t.Fatal("the settings were not rebuilt in English on the language section")
	}
	choose(1) // French
	if got := u.tabs.Items[navSettings].Text; got != fr["nav.settings"] {
		t.Fatalf("after choosing French the tab reads %q", got)
	}
	if got := u.app.Preferences().String(prefLanguage); got != "fr" {
		t.Errorf("language preference = %q", got)
	}
}
