package ui

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"relance/app/banking"
	"relance/app/ui/importer"
	"relance/app/ui/invoices"
	"relance/app/ui/kit"
)

// Screens in tab order, with their labels and icons.
const (
	navToday = iota
	navDashboard
	navCalendar
	navInvoices
	navClients
	navBank
	navSettings
	navTemplates
)

var navKeys = []string{"nav.today", "nav.dashboard", "nav.calendar", "nav.invoices", "nav.clients", "nav.bank", "nav.settings", "nav.templates"}

// navIcons is a function, not a variable: theme icons look up the running
// app's theme, which does not exist while package variables are set (and
// never does on the command line).
func navIcons() []fyne.Resource {
	return []fyne.Resource{theme.HomeIcon(), dashboardIcon(), theme.CalendarIcon(), theme.DocumentIcon(), theme.AccountIcon(), theme.StorageIcon(),
		theme.SettingsIcon(), theme.FileTextIcon()}
}

// Preference keys, in one place.
const (
	prefLastScreen = "ui.screen" // followed by the data folder's key (lastScreenKey); the screen's nav key
	prefWidth      = "ui.window_width"
	prefHeight     = "ui.window_height"
	prefLanguage   = "ui.language"   // "", "fr" or "en"
	prefAppearance = "ui.appearance" // kit.AppearanceSystem, AppearanceLight or AppearanceDark
)

// lastScreenKey is the preference that remembers the screen used last in
// this data folder: an office that keeps two books (two companies, or a
// test book beside the real one) finds each where it left it.
func (u *UI) lastScreenKey() string {
	dir := u.opts.DataDir
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	sum := sha256.Sum256([]byte(dir))
	return prefLastScreen + "." + hex.EncodeToString(sum[:8])
}

// Default window size, for the first start: it fits a 1366×768 laptop
// screen with its taskbar and the window's title bar. Every screen also
// fits 1024×700 (a test checks their least sizes).
const (
	defaultWidth  = 1240
	defaultHeight = 660
)

// The least window size restored: a saved size smaller than this (a
// window shrunk by mistake) is not kept.
const (
	leastWidth  = 800
	leastHeight = 560
)

func (u *UI) restoreWindowSize() {
	p := u.app.Preferences()
	w := p.FloatWithFallback(prefWidth, defaultWidth)
	h := p.FloatWithFallback(prefHeight, defaultHeight)
	u.win.Resize(fyne.NewSize(float32(max(w, leastWidth)), float32(max(h, leastHeight))))
}

// onClose remembers the window size for the next start.
func (u *UI) onClose() {
	size := u.win.Canvas().Size()
	p := u.app.Preferences()
	p.SetFloat(prefWidth, float64(size.Width))
	p.SetFloat(prefHeight, float64(size.Height))
	u.stopDay()
	u.win.Close()
}

// addShortcuts: Ctrl+N new invoice, Ctrl+F search, Ctrl+I import, Ctrl+B
// import a bank statement, Ctrl+1..8 screens, Esc closes the open dialog.
// Files dropped on the window are imported: bank statements on the Bank
// screen, the rest in the import wizard.
func (u *UI) addShortcuts() {
	c := u.win.Canvas()
	mod := fyne.KeyModifierShortcutDefault
	// The keys are those of kit.WindowShortcutKeys, which the fields hand on.
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: mod}, func(fyne.Shortcut) { u.onNewInvoice() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: mod}, func(fyne.Shortcut) { u.onSearch() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: mod}, func(fyne.Shortcut) { u.OpenImport() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyB, Modifier: mod}, func(fyne.Shortcut) { u.onImportStatement() })
	for i, key := range kit.WindowShortcutKeys[4:] {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mod}, func(fyne.Shortcut) { u.goTo(i) })
	}
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			u.escape()
		}
	})
	u.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { u.onDropped(uris) })
}

// OpenImport opens the import wizard (Ctrl+I, the Invoices screen's
// button, the first start's choice), once the book is open.
func (u *UI) OpenImport() {
	if u.root.Objects == nil || u.root.Objects[0] != u.tabs {
		return
	}
	importer.Open(u)
}

// onDropped imports the files dropped on the window: Factur-X invoices
// (several at once), an export or a FEC.
func (u *UI) onDropped(uris []fyne.URI) {
	if u.root.Objects == nil || u.root.Objects[0] != u.tabs {
		return
	}
	var paths []string
	for _, uri := range uris {
		if uri.Scheme() == "file" {
			paths = append(paths, uri.Path())
		}
	}
	if len(paths) > 0 {
		u.importFiles(paths)
	}
}

// ImportStatements shows the Bank screen and imports statements on it
// (importer.Host).
func (u *UI) ImportStatements(paths []string) {
	u.goTo(navBank)
	u.bank.ImportFiles(paths)
}

// importFiles brings files in: bank statements on the Bank screen, the
// rest (exports, a FEC, Factur-X invoices) in the import wizard.
func (u *UI) importFiles(paths []string) {
	if banking.AllStatements(paths) {
		u.ImportStatements(paths)
		return
	}
	importer.OpenFiles(u, paths)
}

// onImportStatement shows the Bank screen and asks for a statement
// (Ctrl+B), once the book is open.
func (u *UI) onImportStatement() {
	if u.root.Objects == nil || u.root.Objects[0] != u.tabs {
		return
	}
	u.goTo(navBank)
	u.bank.OnImport()
}

// onNewInvoice opens the "New invoice" dialog (Ctrl+N); on a client's page,
// for that client.
func (u *UI) onNewInvoice() {
	if u.root.Objects == nil || u.root.Objects[0] != u.tabs {
		return
	}
	var clientID int64
	if u.current() == u.clients {
		clientID = u.clients.ShownClient()
	}
	invoices.OpenForm(u, clientID)
}

// onSearch goes to the invoice list and puts the cursor in its search field.
func (u *UI) onSearch() {
	if u.root.Objects == nil || u.root.Objects[0] != u.tabs {
		return
	}
	u.goTo(navInvoices)
	u.invoices.FocusSearch()
}
