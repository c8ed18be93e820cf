package ui

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relance/app/archive"
	"relance/app/banking"
	"relance/app/drafting"
	"relance/app/dunning"
	"relance/app/importing"
	"relance/app/mail"
	"relance/app/ui/kit"
	"relance/app/ui/uitest"
	"relance/data"
)

var testDay = data.MustDate("2026-11-24")

// newTestUI builds the window over a fresh store in a temporary directory,
// with slow work run in line so that a tap has done its work on return. It
// skips the onboarding's company step: the window shows the choice between
// demo data and an empty book.
func newTestUI(t *testing.T) (*UI, *data.Store) {
	t.Helper()
	u, store := newFirstStartUI(t)
	test.Tap(uitest.FindButton(t, top(u), lang.L("welcome.skip")))
	return u, store
}

// newFirstStartUI is newTestUI on the onboarding's first step.
func newFirstStartUI(t *testing.T) (*UI, *data.Store) {
	t.Helper()
	if err := LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	store, err := data.Open(filepath.Join(t.TempDir(), "relance.db"), data.WithClock(data.ClockOn(testDay)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	u := New(a, testDeps(store, data.ClockOn(testDay), t.TempDir()))
	u.async = func(f func()) { f() }
	u.Start(context.Background())
	return u, store
}

// testDeps are the window's services over a test's store, as cmd/relance
// builds them (the keychain is the system's: tests that need one mock it).
func testDeps(store *data.Store, clock data.Clock, dir string) Deps {
	planner := dunning.NewService(store, clock)
	files := &archive.Files{Dir: dir, Store: store}
	return Deps{Store: store, Clock: clock, Dunning: planner, DataDir: dir, Archive: files, Importer: importing.New(store, planner, clock, files),
		Banking:  banking.New(store, clock),
		Mail:     mail.NewService(store, files, mail.NewSecrets(mail.SystemKeyring{}), mail.Transport{}),
		Composer: drafting.NewMailComposer(store, planner, files, clock)}
}

// invoiceBook is uitest.InvoiceBook in the whole window, shown on the
// Invoices screen.
type invoiceBook struct {
	u     *UI
	store *data.Store
	ids   map[string]int64 // invoice id by number
}

func newInvoiceBook(t *testing.T) *invoiceBook {
	t.Helper()
	u, store := newTestUI(t)
	test.Tap(uitest.FindButton(t, top(u), lang.L("welcome.start_empty")))
	b := &invoiceBook{u: u, store: store, ids: uitest.InvoiceBook(t, store)}
	u.goTo(navInvoices)
	u.changed()
	return b
}

// openInvoice shows an invoice's page as the other screens do, and
// returns the window's content.
func (b *invoiceBook) openInvoice(number string) fyne.CanvasObject {
	b.u.OpenInvoice(b.ids[number])
	return b.u.win.Content()
}

func must(t *testing.T, err error) {
	t.Helper()
	uitest.Must(t, err)
}

// dayBook is the whole window over a book the test fills (uitest.Book),
// the company details complete.
type dayBook struct {
	*uitest.Book
	u *UI
}

func newDayBook(t *testing.T) *dayBook {
	t.Helper()
	u, store := newTestUI(t)
	test.Tap(uitest.FindButton(t, top(u), lang.L("welcome.start_empty")))
	uitest.CompleteCompany(t, store)
	u.changed()
	return &dayBook{Book: uitest.NewBook(t, store), u: u}
}

// stepOffered is the template of the step Today's card offers on an
// invoice, read off the card as the owner reads it.
func (b *dayBook) stepOffered(t *testing.T, number string) string {
	t.Helper()
	b.u.changed()
	card := strings.Join(uitest.LabelsBeside(t, b.u.win.Content(), number), "\n")
	offered := ""
	for key, st := range b.Steps {
		if strings.Contains(card, kit.StepName(st)+" ·") {
			if offered != "" {
				t.Fatalf("the card offers both %s and %s:\n%s", offered, key, card)
			}
			offered = key
		}
	}
	return offered
}

// top is what the user sees on top: the open dialog, else the window content.
func top(u *UI) fyne.CanvasObject {
	if o := u.win.Canvas().Overlays().Top(); o != nil {
		return o
	}
	return u.win.Content()
}

func TestWelcomeLoadsDemoData(t *testing.T) {
	u, store := newTestUI(t)
	test.Tap(uitest.FindButton(t, top(u), lang.L("welcome.load_demo")))
	u.goTo(navInvoices)

	list, err := store.ListInvoiceSummaries(context.Background())
	if err != nil || len(list) < 130 {
		t.Fatalf("the demo holds %d invoices (%v)", len(list), err)
	}
	company, _ := store.GetCompany(context.Background())
	if !company.Onboarded {
		t.Error("loading the demo did not end onboarding")
	}
	var overdue, paid int
	for _, inv := range list {
		switch inv.Status(testDay, 7).Kind {
		case data.StatusOverdue:
			overdue++
		case data.StatusPaid:
			paid++
		}
	}
	if overdue == 0 || paid == 0 {
		t.Errorf("the demo has %d overdue and %d paid invoices", overdue, paid)
	}
	if !uitest.LabelContains(u.win.Content(), strconv.Itoa(len(list))) {
		t.Errorf("the list's footer does not count the %d invoices", len(list))
	}
}

func TestStartEmptyShowsEmptyList(t *testing.T) {
	u, _ := newTestUI(t)
	test.Tap(uitest.FindButton(t, top(u), lang.L("welcome.start_empty")))
	u.goTo(navInvoices)
	if !uitest.TextOnScreen(u.win.Content(), lang.L("invoices.empty")) {
		t.Fatal("an empty book should show the empty-list hint")
	}
	// A second start goes straight to the list.
	u2 := New(u.app, testDeps(u.store, u.clock, u.opts.DataDir))
	u2.async = u.async
	u2.Start(context.Background())
	if u2.root.Objects[0] != u2.tabs || u2.tabs.SelectedIndex() != navInvoices {
		t.Fatal("after onboarding, the app opens on the screen used last")
	}
}

func TestAddClientAndInvoiceThroughForms(t *testing.T) {
	ctx := context.Background()
	u, store := newTestUI(t)
	test.Tap(uitest.FindButton(t, top(u), lang.L("welcome.load_demo")))
	u.goTo(navInvoices)
	all, _ := store.ListInvoiceSummaries(ctx)
	before := len(all)

	test.Tap(uitest.FindButton(t, top(u), lang.L("button.new_client")))
	dlg := top(u)
	uitest.Fill(t, dlg, "name", "Fromagerie Vidal")
	uitest.Fill(t, dlg, "email", "compta@fromagerie-vidal.fr")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if top(u) == dlg {
		t.Fatal("the client dialog stayed open after a valid save")
	}
	clients, _ := store.ListClients(ctx)
	var vidal *data.Client
	for i := range clients {
		if clients[i].Name == "Fromagerie Vidal" {
			vidal = &clients[i]
		}
	}
	if vidal == nil || vidal.Email != "compta@fromagerie-vidal.fr" || vidal.Kind != data.Commercial {
		t.Fatalf("client not stored as typed: %+v", vidal)
	}

	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault})
	dlg = top(u)
	numberInput, _ := uitest.FormRow(t, dlg, "number")
	number := uitest.EntryOf(t, numberInput).Text
	if !strings.HasPrefix(number, "FA-2026-") {
		t.Fatalf("suggested number %q", number)
	}
	uitest.Fill(t, dlg, "client", "Vidal")
	uitest.Fill(t, dlg, "amount", "12,345,6")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if got := uitest.FieldError(t, dlg, "amount"); got != lang.L("error.money_format") {
		t.Fatalf("amount error = %q", got)
	}
	if got := uitest.FieldError(t, dlg, "client"); got != "" {
		t.Fatalf("client error = %q for a unique match", got)
	}
	if n, _ := store.ListInvoiceSummaries(ctx); len(n) != before {
		t.Fatal("an invoice with a bad amount was written")
	}

	uitest.Fill(t, dlg, "amount", "1 250,50")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if top(u) == dlg {
		t.Fatalf("the invoice dialog stayed open: amount error %q", uitest.FieldError(t, dlg, "amount"))
	}
	inv, err := store.GetInvoiceByNumber(ctx, number)
	if err != nil || inv.Amount != 125050 || inv.ClientID != vidal.ID || inv.DueDate != testDay.AddDays(30) {
		t.Fatalf("stored invoice %+v, %v", inv, err)
	}
	if !uitest.LabelContains(u.win.Content(), strconv.Itoa(before+1)) {
		t.Errorf("the list's footer does not count %d invoices", before+1)
	}
}

func TestInvoiceFormShowsEveryFieldError(t *testing.T) {
	ctx := context.Background()
	u, store := newTestUI(t)
	test.Tap(uitest.FindButton(t, top(u), lang.L("welcome.load_demo")))
	u.goTo(navInvoices)
	before, _ := store.ListInvoiceSummaries(ctx)
	existing := before[0].Number

	test.Tap(uitest.FindButton(t, top(u), lang.L("button.new_invoice")))
	dlg := top(u)
	uitest.Fill(t, dlg, "number", existing)
	uitest.Fill(t, dlg, "client", "Nobody at all")
	uitest.Fill(t, dlg, "issue_date", "31/02/2026")
	uitest.Fill(t, dlg, "due_date", "01/01/2020")
	uitest.Fill(t, dlg, "amount", "")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	want := map[string]string{
		"client":     lang.L("error.unknown_client"),
		"issue_date": lang.L("error.date_invalid"),
		"amount":     lang.L("error.required"),
	}
	for key, msg := range want {
		if got := uitest.FieldError(t, dlg, key); got != msg {
			t.Errorf("%s error = %q, want %q", key, got, msg)
		}
	}
	// Fix all but the number, which the store refuses as a duplicate.
	uitest.Fill(t, dlg, "client", "Vernet")
	uitest.Fill(t, dlg, "issue_date", "01/11/2026")
	uitest.Fill(t, dlg, "due_date", "2026-10-01")
	uitest.Fill(t, dlg, "amount", "100")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if got := uitest.FieldError(t, dlg, "due_date"); got != lang.L("error.due_before_issue") {
		t.Errorf("due date error = %q", got)
	}
	uitest.Fill(t, dlg, "due_date", "01/12/2026")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if got := uitest.FieldError(t, dlg, "number"); got != lang.L("error.duplicate") {
		t.Errorf("number error = %q", got)
	}
	list, _ := store.ListInvoiceSummaries(ctx)
	if len(list) != len(before) {
		t.Fatal("a refused invoice changed the book")
	}
}

func TestClientFormErrors(t *testing.T) {
	u, store := newTestUI(t)
	test.Tap(uitest.FindButton(t, top(u), lang.L("welcome.start_empty")))
	u.goTo(navInvoices)
	test.Tap(uitest.FindButton(t, top(u), lang.L("button.new_client")))
	dlg := top(u)
	uitest.Fill(t, dlg, "email", "compta-at-example")
	uitest.Fill(t, dlg, "siren", "123 456 789")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	for key, msg := range map[string]string{"name": "error.required", "email": "error.email_format", "siren": "error.siren_format"} {
		if got := uitest.FieldError(t, dlg, key); got != lang.L(msg) {
			t.Errorf("%s error = %q, want %q", key, got, lang.L(msg))
		}
	}
	if empty, _ := store.IsEmpty(context.Background()); !empty {
		t.Fatal("an invalid client was written")
	}
}

func TestStatusTextAndColours(t *testing.T) {
	if err := LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	late := data.Status{Kind: data.StatusOverdue, DaysLate: 12, Paid: 100, Outstanding: 50}
	text := kit.StatusText(late)
	if !strings.Contains(text, "12") || !strings.Contains(text, lang.L("status.partial")) {
		t.Errorf("status text %q", text)
	}
	if kit.StatusImportance(data.StatusOverdue) != widget.DangerImportance ||
		kit.StatusImportance(data.StatusPaid) != widget.SuccessImportance ||
		kit.StatusImportance(data.StatusDueSoon) != widget.WarningImportance {
		t.Error("status colours: late must be red, paid green, due soon amber")
	}
}
