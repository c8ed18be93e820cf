// Package ui is Relance's window: the navigation between the screens, the
// onboarding, the start of each day (settling what fell due, the midnight
// timer, the mail retry), the language, and how errors are told. Each
// screen is a package below it (today, calendar, invoices, clients,
// settings, templates) built on kit, with the features several screens
// share (letters, mailui, calls); the window is the kit.Host they live in
// and the only one that knows them all. With cmd/, app/ui and its
// packages are the only ones that import Fyne; the services they drive
// know nothing of widgets and are built by cmd/relance.
package ui

import (
	"context"
	"errors"
	"log/slog"
	"net/url"
	"os"
	"runtime/debug"
	"slices"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"relance/app/archive"
	"relance/app/banking"
	"relance/app/dunning"
	"relance/app/importing"
	"relance/app/mail"
	"relance/app/sharedbook"
	"relance/app/ui/bankui"
	"relance/app/ui/calendar"
	"relance/app/ui/clients"
	dashboardui "relance/app/ui/dashboard"
	"relance/app/ui/invoices"
	"relance/app/ui/kit"
	"relance/app/ui/letters"
	"relance/app/ui/mailui"
	"relance/app/ui/settings"
	"relance/app/ui/templates"
	"relance/app/ui/today"
	"relance/data"
)

// Deps are what the window drives, built once by cmd/relance (the only
// place services are made): the window creates none of its own.
type Deps struct {
	Store    *data.Store
	Clock    data.Clock // "today", in the user's time zone
	Dunning  *dunning.Service
	Mail     *mail.Service      // the outbox and the account's secrets
	Composer mail.Composer      // drafts the reminders from the templates
	Importer *importing.Service // brings other tools' books in
	Banking  *banking.Service   // bank statements and the payments found in them
	// Started is when the process started: the log says how long the
	// window took to show and the first screen to fill (cold start).
	Started time.Time
	DataDir string // attached PDFs and archived documents live under it
	// Archive is the book's archived files, in the data folder or, for
	// a shared book, in the book.
	Archive *archive.Files
	// Housekeeping does the day's work on the book in the background, after
	// the start and at each new day: its backup (app/backup) and the
	// grading of its clients (payers.Daily). Tests of the window leave it
	// off, so that their books do not change under them.
	Housekeeping bool
	Version      string // Relance's version, shown in Settings
	// Shared is the shared book's connection when the book is on a server
	// (app/sharedbook), nil for a book file.
	Shared *sharedbook.Connection
}

// Options are what the window needs besides its services.
type Options struct {
	// DataDir is the data folder: attached invoice PDFs and archived
	// documents are kept under it.
	DataDir string
}

// screen is what the navigation needs of a screen.
type screen interface {
	View() fyne.CanvasObject
	// Update reloads the screen's data from the store. It runs off the UI
	// goroutine and shows the result inside fyne.Do.
	Update(ctx context.Context)
}

// UI is the main window and the screens it shows.
type UI struct {
	app      fyne.App
	win      fyne.Window
	store    *data.Store
	clock    data.Clock
	dunning  *dunning.Service
	importer *importing.Service
	banking  *banking.Service
	archive  *archive.Files
	opts     Options
	started  time.Time // the process's start, for the cold-start log line; zero once logged

	// async runs slow work (store reads, demo loading) off the UI goroutine;
	// tests replace it to run the work in line.
	async func(func())

	root      *fyne.Container // the welcome screen, or the tabs
	tabs      *container.AppTabs
	screens   []screen          // in tab order
	tabBodies []*fyne.Container // each tab's content, its screen's view once first shown
	stale     map[screen]bool
	dialogs   []dialog.Dialog // open dialogs, innermost last (Esc closes it)
	welcome   *welcomeScreen
	home      *today.Screen
	dashboard *dashboardui.Screen
	calendar  *calendar.Screen
	invoices  *invoices.Screen
	clients   *clients.Screen
	bank      *bankui.Screen
	settings  *settings.Screen
	templates *templates.Screen
	mail      *mailui.Mailer // sending, through the outbox
	// pendingImport are files to import once the screens show (ImportOnShow).
	pendingImport []string
	session       daySession // the day started and what its plans start from (day.go)
	letters       *letters.Printer
	restore       string                 // the backup to put back once the window closed (backup.go)
	housekeeping  bool                   // Deps.Housekeeping
	version       string                 // Deps.Version
	shared        *sharedbook.Connection // Deps.Shared
	readOnly      atomic.Bool            // a shared book this connection may only read (shared.go); set off the UI goroutine
	switchBook    bool                   // the window closed to start again on another book
}

// New builds the main window over the services of d. It shows nothing
// until Start.
func New(a fyne.App, d Deps) *UI {
	u := &UI{app: a, store: d.Store, clock: d.Clock, dunning: d.Dunning, importer: d.Importer, banking: d.Banking, archive: d.Archive, started: d.Started, opts: Options{DataDir: d.DataDir}, housekeeping: d.Housekeeping, version: d.Version, shared: d.Shared,
		root: container.NewStack(), async: func(f func()) { go f() }}
	u.letters = letters.New(u)
	u.mail = mailui.New(u, d.Mail, d.Composer)
	applyLanguagePreference(a.Preferences())
	a.Settings().SetTheme(kit.Theme{Appearance: a.Preferences().String(prefAppearance)})
	u.win = a.NewWindow(lang.L("app.title"))
	u.win.SetIcon(appIcon())
	u.restoreWindowSize()
	u.win.SetContent(u.root)
	u.win.SetCloseIntercept(u.onClose)
	u.build()
	u.addShortcuts()
	return u
}

// build creates the screens and the navigation; called again when the
// language changes, since every label is read from the catalogue when made.
func (u *UI) build() {
	u.home = today.New(u)
	u.dashboard = dashboardui.New(u)
	u.calendar = calendar.New(u)
	u.invoices = invoices.New(u)
	u.clients = clients.New(u)
	u.bank = bankui.New(u)
	section := settings.SectionCompany
	if u.settings != nil { // rebuilt for a change of language: stay on the section
		section = u.settings.Section()
	}
	u.settings = settings.New(u, section)
	u.templates = templates.New(u)
	u.screens = []screen{u.home, u.dashboard, u.calendar, u.invoices, u.clients, u.bank, u.settings, u.templates}
	u.stale = map[screen]bool{}
	u.tabs = container.NewAppTabs()
	icons := navIcons()
	u.tabBodies = make([]*fyne.Container, len(u.screens))
	for i := range u.screens {
		// Each tab's body is put in when the tab is first shown: measuring
		// and theming every screen's widgets up front (Settings, the
		// templates) slowed the window's first appearance.
		u.tabBodies[i] = container.NewStack()
		u.tabs.Append(container.NewTabItemWithIcon(lang.L(navKeys[i]), icons[i], u.tabBodies[i]))
	}
	u.tabs.SetTabLocation(container.TabLocationLeading)
	u.tabs.OnSelected = func(*container.TabItem) { u.onScreenSelected() }
}

// Window returns the main window.
func (u *UI) Window() fyne.Window { return u.win }

// The window is the kit.Host of its screens and dialogs.
var _ kit.Host = (*UI)(nil)

// Async runs slow work off the UI goroutine (kit.Host).
func (u *UI) Async(f func()) { u.async(f) }

// ShowError tells the user what failed (kit.Host).
func (u *UI) ShowError(err error) { u.showError(err) }

// Changed reloads the screens after a write (kit.Host).
func (u *UI) Changed() { u.changed() }

// Track registers an open dialog so that Esc closes it (kit.Host).
func (u *UI) Track(d dialog.Dialog) { u.track(d) }

// Today is the current calendar day (kit.Host).
func (u *UI) Today() data.Date { return u.today() }

// Store is the book (kit.Host).
func (u *UI) Store() *data.Store { return u.store }

// Dunning is the dunning engine (kit.Host).
func (u *UI) Dunning() *dunning.Service { return u.dunning }

// Mail is the outbox and the account's secrets (kit.Host).
func (u *UI) Mail() *mail.Service { return u.mail.Service() }

// EditClient opens a client's form (mailui.Host).
func (u *UI) EditClient(c data.Client, saved func(data.Client)) { clients.EditForm(u, c, saved) }

// OpenCompanySettings shows the company details in Settings (today.Host).
func (u *UI) OpenCompanySettings() {
	u.goTo(navSettings)
	u.settings.ShowSection(settings.SectionCompany)
}

// ShowInvoices lists those invoices alone on the Invoices screen, under
// title (dashboard.Host).
func (u *UI) ShowInvoices(title string, ids []int64) {
	u.goTo(navInvoices)
	u.invoices.ShowOnly(title, ids)
}

// OpenClient shows a client's page on the Clients screen (invoices.Host).
func (u *UI) OpenClient(id int64) {
	u.goTo(navClients)
	u.clients.OpenClient(id)
}

// Banking imports bank statements and records the payments (bankui.Host).
func (u *UI) Banking() *banking.Service { return u.banking }

// Importer brings other tools' books in (importer.Host).
func (u *UI) Importer() *importing.Service { return u.importer }

// Mailer sends reminders, with the send dialog (invoices.Host).
func (u *UI) Mailer() *mailui.Mailer { return u.mail }

// NewClient opens the "New client" form; saved (may be nil) receives the
// client once stored.
func (u *UI) NewClient(saved func(data.Client)) { clients.OpenForm(u, saved) }

// OpenMailSettings shows the Email section of the settings (mailui.Host).
func (u *UI) OpenMailSettings() {
	u.goTo(navSettings)
	u.settings.ShowSection(settings.SectionMail)
}

// DataDir is the data folder (kit.Host).
func (u *UI) DataDir() string { return u.opts.DataDir }

// Archive is the book's archived files (kit.Host).
func (u *UI) Archive() *archive.Files { return u.archive }

// AppVersion is Relance's version (kit.Host).
func (u *UI) AppVersion() string { return u.version }

// OpenFile hands a file to the system's viewer (kit.Host).
func (u *UI) OpenFile(path string) {
	if _, err := os.Stat(path); err != nil {
		d := dialog.NewError(errors.New(lang.L("invoices.attach.missing", map[string]any{"Path": path})), u.win)
		u.track(d)
		d.Show()
		return
	}
	link, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = u.app.OpenURL(link)
	}
	if err != nil {
		u.showError(err)
	}
}

// OpenBrowser opens a web page in the system's browser (kit.Host).
func (u *UI) OpenBrowser(link string) error {
	parsed, err := url.Parse(link)
	if err != nil {
		return err
	}
	return u.app.OpenURL(parsed)
}

// AppearancePreference is the appearance chosen in Settings (kit.Host).
func (u *UI) AppearancePreference() string { return u.app.Preferences().String(prefAppearance) }

// ChooseAppearance switches the window to an appearance and remembers it
// (kit.Host); the screens are made again in the new colours.
func (u *UI) ChooseAppearance(appearance string) {
	u.app.Preferences().SetString(prefAppearance, appearance)
	u.app.Settings().SetTheme(kit.Theme{Appearance: appearance})
	u.rebuild()
}

// LanguagePreference is the language chosen in Settings (kit.Host).
func (u *UI) LanguagePreference() string { return u.app.Preferences().String(prefLanguage) }

// ChooseLanguage switches the window's language (kit.Host).
func (u *UI) ChooseLanguage(code string) error { return u.chooseLanguage(code) }

// OpenInvoice shows an invoice's page (kit.Host).
func (u *UI) OpenInvoice(id int64) {
	u.goTo(navInvoices)
	u.invoices.OpenInvoice(id)
}

// Start decides what the first screen is: the welcome (onboarding) on a
// book that was never set up, else the screen used last.
func (u *UI) Start(ctx context.Context) {
	company, err := u.store.GetCompany(ctx)
	if err != nil {
		u.showError(err)
		return
	}
	empty, err := u.store.IsEmpty(ctx)
	if err != nil {
		u.showError(err)
		return
	}
	if !company.Onboarded && empty {
		u.welcome = newWelcomeScreen(u) // made only for a first start: it is costly, and most starts skip it
		u.show(u.welcome.view())
		return
	}
	u.showScreens(ctx)
}

// ImportOnShow opens the import wizard on files once the book's screens
// show (at once, or after the first start's choice): the system's "Open
// with Relance" on an export or an invoice; bank statements are imported
// on the Bank screen.
func (u *UI) ImportOnShow(files []string) { u.pendingImport = files }

// Show starts the window and shows it, in an app whose loop runs already
// or is run by the caller (after a sign-in window, AskSharedPassword).
func (u *UI) Show() {
	u.Start(context.Background())
	u.win.Show()
}

// Run shows the window and runs the app until the window closes.
func (u *UI) Run() {
	u.Start(context.Background())
	u.win.ShowAndRun()
}

func (u *UI) show(content fyne.CanvasObject) {
	u.root.Objects = []fyne.CanvasObject{content}
	u.root.Refresh()
}

// showScreens puts up the navigation on the screen used last and loads it.
func (u *UI) showScreens(ctx context.Context) {
	u.show(u.tabs)
	if files := u.pendingImport; len(files) > 0 {
		u.pendingImport = nil
		defer u.importFiles(files)
	}
	// The screen is remembered by its name, not its place: a screen added
	// to the navigation moves the others.
	index := max(slices.Index(navKeys, u.app.Preferences().String(u.lastScreenKey())), 0)
	u.tabs.SelectIndex(index)
	u.fillTab(index) // selecting the tab already selected calls no handler
	for _, s := range u.screens {
		u.stale[s] = true
	}
	// The day starts (dunning.StartDay writes what the plan settles) before
	// the first screen reads it.
	u.async(func() {
		u.startSharedBook(ctx)
		plan, err := u.startDay(ctx)
		fyne.Do(func() {
			if err != nil {
				u.showError(err)
			}
			u.onScreenSelected()
			u.notifyWaiting(plan)
		})
		if u.readOnly.Load() {
			return // the PCs that may write send, read the inbox and keep the book
		}
		u.mail.ScheduleRetry(ctx)
		u.watchInbox()
		// The day's backup waits until the first screen is drawn and the
		// owner's first clicks are answered: copying a large book takes a
		// core for a second or two.
		if u.housekeeping {
			time.AfterFunc(backupDelay, u.dailyBackup)
		}
	})
	u.showRestoreReport()
	u.showCrashReports()
}

// current is the screen on show.
func (u *UI) current() screen {
	i := u.tabs.SelectedIndex()
	if i < 0 || i >= len(u.screens) {
		return nil
	}
	return u.screens[i]
}

// onScreenSelected remembers the screen and reloads it if its data changed
// since it was last shown.
func (u *UI) onScreenSelected() {
	i := u.tabs.SelectedIndex()
	u.fillTab(i)
	if i >= 0 && i < len(navKeys) {
		u.app.Preferences().SetString(u.lastScreenKey(), navKeys[i])
	}
	if s := u.current(); s != nil && u.stale[s] {
		u.stale[s] = false
		u.async(func() {
			s.Update(context.Background())
			fyne.Do(u.logColdStart) // queued after the screen's own fyne.Do: runs once it is filled
		})
	}
}

// fillTab puts a tab's screen in its body, the first time it shows.
func (u *UI) fillTab(i int) {
	if i >= 0 && i < len(u.tabBodies) && len(u.tabBodies[i].Objects) == 0 {
		u.tabBodies[i].Objects = []fyne.CanvasObject{u.screens[i].View()}
		u.tabBodies[i].Refresh()
	}
}

// logColdStart writes, once, how long the first screen took to fill
// since the process started: the cold start, which the benchmarks report.
func (u *UI) logColdStart() {
	if u.started.IsZero() {
		return
	}
	slog.Info("cold start", "screen", navKeys[u.tabs.SelectedIndex()], "filled_ms", time.Since(u.started).Milliseconds())
	u.started = time.Time{}
	debug.SetGCPercent(gcPercentOnceStarted)
}

// gcPercentOnceStarted is the collector's pace once the first screen is
// filled: the heap may grow by half what is live before a collection
// (Go's default lets it double). The window holds a large book's lists for
// the whole session: on the generated 100k book this keeps about 50 MB
// less resident after every screen was visited, for collections that run
// off the UI goroutine. The start itself keeps the default pace: the
// extra collections would cost the cold start ~200 ms.
const gcPercentOnceStarted = 50

// changed is called after every write: the screen on show reloads now, the
// others when next shown.
func (u *UI) changed() {
	u.forgetFirstPlan()
	for _, s := range u.screens {
		u.stale[s] = true
	}
	if u.root.Objects != nil && u.root.Objects[0] == u.tabs {
		u.onScreenSelected()
	}
}

// goTo shows the screen at index (Ctrl+1..8).
func (u *UI) goTo(index int) {
	if u.root.Objects == nil || u.root.Objects[0] != u.tabs || index >= len(u.screens) {
		return
	}
	u.tabs.SelectIndex(index)
}

// showError tells the user, in one sentence of their language, that something
// failed; the full chain goes to the log.
func (u *UI) showError(err error) {
	slog.Error("ui", "err", err)
	if errors.Is(err, data.ErrCompanyIncomplete) {
		u.askCompanyDetails(err)
		return
	}
	dialog.ShowError(kit.UserError(err), u.win)
}

// askCompanyDetails says which company details a refused letter or email
// needs, with the way to fill them in.
func (u *UI) askCompanyDetails(err error) {
	d := dialog.NewConfirm(lang.L("today.company.title"), kit.ErrorSentence(err), func(ok bool) {
		if ok {
			u.OpenCompanySettings()
		}
	}, u.win)
	d.SetConfirmText(lang.L("today.company.complete"))
	d.SetDismissText(lang.L("button.cancel"))
	u.track(d)
	d.Show()
}

// today is the current calendar day from the injected clock.
func (u *UI) today() data.Date { return u.clock.Today() }
