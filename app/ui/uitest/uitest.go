// Package uitest is the one fixture the window's tests share: a book in a
// temporary folder with a fixed day, the services over it built as
// cmd/relance builds them, a Host a screen can live in on its own (work
// run in line, errors and navigation recorded), and the helpers that find
// what the user sees. Tests only.
package uitest

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"

	"relance/app/archive"
	"relance/app/banking"
	"relance/app/drafting"
	"relance/app/dunning"
	"relance/app/importing"
	"relance/app/mail"
	"relance/app/sharedbook"
	"relance/app/ui/kit"
	"relance/data"
)

// Day is the day the tests' clock reads: Tuesday 24 November 2026.
var Day = data.MustDate("2026-11-24")

// Services are the window's services over a test's book, as cmd/relance
// builds them (the keychain is the system's: tests that need one mock it).
type Services struct {
	Store    *data.Store
	Clock    data.Clock
	Dunning  *dunning.Service
	Mail     *mail.Service
	Composer mail.Composer
	Importer *importing.Service
	Banking  *banking.Service
	DataDir  string
	Archive  *archive.Files
}

// NewServices opens a book in a temporary folder, on Day, with its
// services.
func NewServices(t testing.TB) Services {
	t.Helper()
	clock := data.ClockOn(Day)
	store, err := data.Open(filepath.Join(t.TempDir(), "relance.db"), data.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	dir := t.TempDir()
	planner := dunning.NewService(store, clock)
	files := &archive.Files{Dir: dir, Store: store}
	return Services{Store: store, Clock: clock, Dunning: planner, DataDir: dir, Archive: files,
		Mail:     mail.NewService(store, files, mail.NewSecrets(mail.SystemKeyring{}), mail.Transport{}),
		Composer: drafting.NewMailComposer(store, planner, files, clock),
		Importer: importing.New(store, planner, clock, files), Banking: banking.New(store, clock)}
}

// LoadTranslations loads the catalogues into Fyne's lang, once per test
// binary is enough but harmless again.
func LoadTranslations(t testing.TB) {
	t.Helper()
	if err := kit.LoadTranslations(); err != nil {
		t.Fatal(err)
	}
}

// Host is a kit.Host for a screen tested alone: a test window, work run
// in line, the errors shown and the invoices opened kept for the test to
// read.
type Host struct {
	Services
	Win      fyne.Window
	Errors   []error
	Restored []string // RestoreBook calls
	// Shared is the shared book the host says it is on (nil: a file);
	// Switched counts SwitchBook calls; ReadOnlyBook is ReadOnly's answer.
	Shared       *sharedbook.Connection
	Switched     int
	ReadOnlyBook bool
	Opened       []int64  // OpenInvoice's ids, in order
	OpenedFiles  []string // OpenFile's paths, in order
	Language     string   // the language chosen (ChooseLanguage)
	Appearance   string   // the appearance chosen (ChooseAppearance)
	Changes      int      // how many times Changed was called
	// Browse, when set, is the system's browser (OpenBrowser); else the
	// pages opened are only kept in Browsed.
	Browse  func(link string) error
	Browsed []string
	dialogs []dialog.Dialog
	screen  kit.Screen // the screen on show
}

var _ kit.Host = (*Host)(nil)

// NewHost is a Host over a fresh book, in a test app with the catalogues.
func NewHost(t testing.TB) *Host {
	t.Helper()
	LoadTranslations(t)
	a := test.NewTempApp(t)
	h := &Host{Services: NewServices(t), Win: a.NewWindow("test")}
	h.Win.Resize(fyne.NewSize(1240, 660))
	t.Cleanup(h.Win.Close)
	return h
}

// Show puts a screen's content in the window and loads it.
func (h *Host) Show(s kit.Screen) {
	h.screen = s
	h.Win.SetContent(s.View())
	s.Update(context.Background())
}

// Window is the test window.
func (h *Host) Window() fyne.Window { return h.Win }

// Async runs the work in line: when a tap returns, its work is done.
func (h *Host) Async(f func()) { f() }

// ShowError keeps the error for the test.
func (h *Host) ShowError(err error) { h.Errors = append(h.Errors, err) }

// Changed counts the changes and reloads the screen on show, as the
// window does.
func (h *Host) Changed() {
	h.Changes++
	if h.screen != nil {
		h.screen.Update(context.Background())
	}
}

// Track keeps the dialog as the window does.
func (h *Host) Track(d dialog.Dialog) {
	h.dialogs = append(h.dialogs, d)
	d.SetOnClosed(func() {
		if i := slices.Index(h.dialogs, d); i >= 0 {
			h.dialogs = slices.Delete(h.dialogs, i, i+1)
		}
	})
}

// Escape closes the innermost dialog, as Esc does in the window.
func (h *Host) Escape() {
	if n := len(h.dialogs); n > 0 {
		h.dialogs[n-1].Hide()
	}
}

// Today is Day.
func (h *Host) Today() data.Date { return h.Clock.Today() }

// Store is the book.
func (h *Host) Store() *data.Store { return h.Services.Store }

// Dunning is the dunning engine.
func (h *Host) Dunning() *dunning.Service { return h.Services.Dunning }

// Mail is the outbox.
func (h *Host) Mail() *mail.Service { return h.Services.Mail }

// DataDir is the data folder.
func (h *Host) DataDir() string { return h.Services.DataDir }

// Archive is the book's archived files, in DataDir.
func (h *Host) Archive() *archive.Files { return h.Services.Archive }

// OpenFile records the file asked for.
func (h *Host) OpenFile(path string) { h.OpenedFiles = append(h.OpenedFiles, path) }

// OpenBrowser keeps the page, and opens it with Browse when set.
func (h *Host) OpenBrowser(link string) error {
	h.Browsed = append(h.Browsed, link)
	if h.Browse != nil {
		return h.Browse(link)
	}
	return nil
}

// LanguagePreference is the language chosen last with ChooseLanguage.
func (h *Host) LanguagePreference() string { return h.Language }

// AppearancePreference is the appearance chosen (ChooseAppearance).
func (h *Host) AppearancePreference() string { return h.Appearance }

// ChooseAppearance records the choice and applies it to the test app.
func (h *Host) ChooseAppearance(appearance string) {
	h.Appearance = appearance
	fyne.CurrentApp().Settings().SetTheme(kit.Theme{Appearance: appearance})
}

// ChooseLanguage switches the catalogue and records the choice.
func (h *Host) ChooseLanguage(code string) error {
	if err := kit.SetLanguage(code); err != nil {
		return err
	}
	h.Language = code
	return nil
}

// OpenInvoice records the invoice asked for.
func (h *Host) OpenInvoice(id int64) { h.Opened = append(h.Opened, id) }

// AppVersion is a version for the tests.
func (h *Host) AppVersion() string { return "0.0.0-test" }

// RestoreBook records the backup the window was asked to restore (the
// restore itself closes the window: app/backup tests it).
func (h *Host) RestoreBook(path string) { h.Restored = append(h.Restored, path) }

// SharedBook is Shared (kit.Host).
func (h *Host) SharedBook() (sharedbook.Connection, bool) {
	if h.Shared == nil {
		return sharedbook.Connection{}, false
	}
	return *h.Shared, true
}

// ReadOnly is ReadOnlyBook (kit.Host).
func (h *Host) ReadOnly() bool { return h.ReadOnlyBook }

// SwitchBook counts the calls (kit.Host): the window would close and start
// again on the folder's new book.
func (h *Host) SwitchBook() { h.Switched++ }

// Top is what the user sees on top: the open dialog, else the content.
func (h *Host) Top() fyne.CanvasObject {
	if o := h.Win.Canvas().Overlays().Top(); o != nil {
		return o
	}
	return h.Win.Content()
}

// CompleteCompany fills in the company details every letter and email
// needs, which a fresh book leaves empty.
func CompleteCompany(t testing.TB, store *data.Store) {
	t.Helper()
	ctx := context.Background()
	company, err := store.GetCompany(ctx)
	if err != nil {
		t.Fatal(err)
	}
	company.LegalName, company.IBAN, company.SignatoryName = "Atelier Dubois", "FR7630006000011234567890189", "Claire Dubois"
	company.Address = data.Address{Street: "12 rue Mercière", PostalCode: "69002", City: "Lyon"}
	if err := store.UpdateCompany(ctx, &company); err != nil {
		t.Fatal(err)
	}
}

// Must fails the test on an error.
func Must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Client records c in the book and returns it with its id.
func Client(t testing.TB, store *data.Store, c data.Client) data.Client {
	t.Helper()
	Must(t, store.CreateClient(context.Background(), &c))
	return c
}

// Invoice records an invoice of amount due on due (issued 30 days before).
func Invoice(t testing.TB, store *data.Store, clientID int64, number, due string, amount data.Money) data.Invoice {
	t.Helper()
	d := data.MustDate(due)
	inv := data.Invoice{Number: number, ClientID: clientID, IssueDate: d.AddDays(-30), DueDate: d, Amount: amount}
	Must(t, store.CreateInvoice(context.Background(), &inv))
	return inv
}

// Catalogue is one language's whole catalogue (every file): a value is a
// string, or a map of plural forms.
func Catalogue(t testing.TB, code string) map[string]any {
	t.Helper()
	raw, err := kit.Catalogue(code)
	Must(t, err)
	var m map[string]any
	Must(t, json.Unmarshal(raw, &m))
	return m
}
