package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
)

// Screens in tab order, with their labels and icons.
const (
	navToday = iota
	navCalendar
	navInvoices
	navClients
	navSettings
	navTemplates
)

var navKeys = []string{"nav.today", "nav.calendar", "nav.invoices", "nav.clients", "nav.settings", "nav.templates"}

// navIcons is a function, not a variable: theme icons look up the running
// app's theme, which does not exist while package variables are set (and
// never does on the command line).
func navIcons() []fyne.Resource {
	return []fyne.Resource{theme.HomeIcon(), theme.CalendarIcon(), theme.DocumentIcon(), theme.AccountIcon(), theme.SettingsIcon(),
		theme.FileTextIcon()}
}

// Preference keys, in one place.
const (
	prefLastScreen = "ui.last_screen"
	prefWidth      = "ui.window_width"
	prefHeight     = "ui.window_height"
	prefLanguage   = "ui.language" // "", "fr" or "en"
)

// Default window size, for the first start.
const (
	defaultWidth  = 1180
	defaultHeight = 760
)

func (u *UI) restoreWindowSize() {
	p := u.app.Preferences()
	w := p.FloatWithFallback(prefWidth, defaultWidth)
	h := p.FloatWithFallback(prefHeight, defaultHeight)
	u.win.Resize(fyne.NewSize(float32(max(w, 800)), float32(max(h, 560))))
}

// onClose remembers the window size for the next start.
func (u *UI) onClose() {
	size := u.win.Canvas().Size()
	p := u.app.Preferences()
	p.SetFloat(prefWidth, float64(size.Width))
	p.SetFloat(prefHeight, float64(size.Height))
	u.win.Close()
}

// addShortcuts: Ctrl+N new invoice, Ctrl+F search, Ctrl+1..6 screens, Esc
// closes the open dialog.
func (u *UI) addShortcuts() {
	c := u.win.Canvas()
	mod := fyne.KeyModifierShortcutDefault
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: mod}, func(fyne.Shortcut) { u.onNewInvoice() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: mod}, func(fyne.Shortcut) { u.onSearch() })
	for i, key := range []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6} {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mod}, func(fyne.Shortcut) { u.goTo(i) })
	}
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			u.escape()
		}
	})
}

func (u *UI) onNewInvoice() {
	if u.root.Objects == nil || u.root.Objects[0] != u.tabs {
		return
	}
	u.async(func() { u.openInvoiceForm(context.Background()) })
}

// onSearch goes to the invoice list and puts the cursor in its search field.
func (u *UI) onSearch() {
	if u.root.Objects == nil || u.root.Objects[0] != u.tabs {
		return
	}
	u.goTo(navInvoices)
	u.invoices.focusSearch()
}

// notifyWaitingActions sends a desktop notification when actions are
// waiting at start.
func (u *UI) notifyWaitingActions(ctx context.Context) {
	u.async(func() {
		plan, err := u.dunning.PlanAsOf(ctx, u.today())
		if err != nil || len(plan.Groups) == 0 {
			return
		}
		u.app.SendNotification(fyne.NewNotification(lang.L("app.title"),
			lang.L("notify.waiting", map[string]any{"Count": len(plan.Groups)})))
	})
}
