package clients

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relance/app/dunning"
	"relance/app/payers"
	"relance/app/ui/kit"
	"relance/app/ui/uitest"
	"relance/data"
)

// clientsBook is a small known book, as of uitest.Day (2026-11-24):
//   - Hélène Vernet Architecture (Lyon): 1 000 € due 1 Nov, 200 € paid
//     (800 € overdue); 500 € due 10 Dec; 300 € due 1 Oct, written off;
//   - Boulangerie Éclair (Annecy): 250 € due 20 Nov, paid in full;
//   - Zinc & Cie (Grenoble, contact@zinc-cie.fr): no invoice.
type clientsBook struct {
	vernet, eclair, zinc data.Client
	late, soon, lost     data.Invoice
}

func newClientsBook(t *testing.T, store *data.Store) clientsBook {
	t.Helper()
	ctx := context.Background()
	var b clientsBook
	b.vernet = clientsMakeClient(t, store, data.Client{Name: "Hélène Vernet Architecture", Email: "agence@vernet.fr",
		ContactName: "Hélène Vernet", Address: data.Address{Street: "27 rue Tronchet", PostalCode: "69006", City: "Lyon"}})
	b.eclair = clientsMakeClient(t, store, data.Client{Name: "Boulangerie Éclair", Address: data.Address{City: "Annecy"}})
	b.zinc = clientsMakeClient(t, store, data.Client{Name: "Zinc & Cie", Email: "contact@zinc-cie.fr", Address: data.Address{City: "Grenoble"}})
	b.late = clientsMakeInvoice(t, store, b.vernet.ID, "FA-1", "2026-11-01", 100000)
	b.soon = clientsMakeInvoice(t, store, b.vernet.ID, "FA-2", "2026-12-10", 50000)
	b.lost = clientsMakeInvoice(t, store, b.vernet.ID, "FA-3", "2026-10-01", 30000)
	paid := clientsMakeInvoice(t, store, b.eclair.ID, "FA-4", "2026-11-20", 25000)
	for _, p := range []data.Payment{
		{InvoiceID: b.late.ID, Date: data.MustDate("2026-11-05"), Amount: 20000, Method: "transfer"},
		{InvoiceID: paid.ID, Date: data.MustDate("2026-11-19"), Amount: 25000, Method: "transfer"},
	} {
		if err := store.CreatePayment(ctx, &p); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.SetInvoiceState(ctx, b.lost.ID, data.StateWrittenOff, "liquidation"); err != nil {
		t.Fatal(err)
	}
	return b
}

func clientsMakeClient(t *testing.T, store *data.Store, c data.Client) data.Client {
	t.Helper()
	if err := store.CreateClient(context.Background(), &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func clientsMakeInvoice(t *testing.T, store *data.Store, clientID int64, number, due string, amount data.Money) data.Invoice {
	t.Helper()
	dueDate := data.MustDate(due)
	inv := data.Invoice{Number: number, ClientID: clientID, IssueDate: dueDate.AddDays(-30), DueDate: dueDate, Amount: amount}
	if err := store.CreateInvoice(context.Background(), &inv); err != nil {
		t.Fatal(err)
	}
	return inv
}

// clientsUI is the Clients screen alone in a test window.
type clientsUI struct {
	*uitest.Host
	clients *Screen
}

// newClientsTestUI fills an empty book with clientsBook and shows the
// client list.
func newClientsTestUI(t *testing.T) (*clientsUI, *data.Store, clientsBook) {
	t.Helper()
	h := uitest.NewHost(t)
	b := newClientsBook(t, h.Store())
	u := &clientsUI{Host: h, clients: New(h)}
	h.Show(u.clients)
	return u, h.Store(), b
}

func top(u *clientsUI) fyne.CanvasObject { return u.Top() }

func clientsRowNamed(t *testing.T, s *Screen, name string) *clientsRow {
	t.Helper()
	for _, r := range s.rows {
		if r.name == name {
			return r
		}
	}
	t.Fatalf("no row %q in the client list", name)
	return nil
}

func clientsNames(s *Screen) []string {
	var names []string
	for _, r := range s.rows {
		names = append(names, r.name)
	}
	return names
}

// clientsOpen opens a client's detail the way the user does: a click on
// its line of the list.
func clientsOpen(t *testing.T, u *clientsUI, name string) *clientDetail {
	t.Helper()
	s := u.clients
	for i, r := range s.rows {
		if r.name == name {
			s.table.Select(widget.TableCellID{Row: i, Col: clientsColName})
			if s.content.Objects[0] != s.detail.content || s.detail.title.Text != name {
				t.Fatalf("clicking %q shows %q", name, s.detail.title.Text)
			}
			return s.detail
		}
	}
	t.Fatalf("no row %q in the client list", name)
	return nil
}

// clientsLabels lists the texts of the labels visible under root.
func clientsLabels(root fyne.CanvasObject) []string {
	var texts []string
	uitest.Walk(root, nil, func(o, _ fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	})
	return texts
}

func clientsFind[T fyne.CanvasObject](t *testing.T, root fyne.CanvasObject, match func(T) bool) T {
	t.Helper()
	var found T
	ok := false
	uitest.Walk(root, nil, func(o, _ fyne.CanvasObject) {
		if x, is := o.(T); is && !ok && match(x) {
			found, ok = x, true
		}
	})
	if !ok {
		t.Fatalf("no %T on screen", found)
	}
	return found
}

func TestClientListTotals(t *testing.T) {
	u, _, _ := newClientsTestUI(t)
	s := u.clients
	if got := clientsNames(s); strings.Join(got, "|") != "Boulangerie Éclair|Hélène Vernet Architecture|Zinc & Cie" {
		t.Fatalf("list by name: %v", got)
	}
	vernet := clientsRowNamed(t, s, "Hélène Vernet Architecture")
	// 800 € left on FA-1 (overdue) + 500 € on FA-2; FA-3 is written off.
	if vernet.invoices != "3" || clientsAmount(vernet.outstanding) != kit.Money(130000) || clientsAmount(vernet.overdue) != kit.Money(80000) {
		t.Errorf("Vernet row: %s invoices, %s outstanding, %s overdue", vernet.invoices, clientsAmount(vernet.outstanding), clientsAmount(vernet.overdue))
	}
	eclair := clientsRowNamed(t, s, "Boulangerie Éclair")
	if eclair.invoices != "1" || eclair.outstanding != 0 || eclair.overdue != 0 || clientsAmount(eclair.outstanding) != "—" {
		t.Errorf("Éclair row: %+v", eclair)
	}
	if zinc := clientsRowNamed(t, s, "Zinc & Cie"); zinc.invoices != "0" || zinc.city != "Grenoble" {
		t.Errorf("Zinc row: %+v", zinc)
	}
	want := lang.N("clients.summary", 3, map[string]any{"Count": 3, "Outstanding": kit.Money(130000), "Overdue": kit.Money(80000)})
	if s.summary.Text != want {
		t.Errorf("summary %q, want %q", s.summary.Text, want)
	}
}

func TestClientSearchAndSort(t *testing.T) {
	u, _, _ := newClientsTestUI(t)
	s := u.clients
	for query, want := range map[string]string{
		"eclair":        "Boulangerie Éclair",         // accents ignored
		"HELENE lyon":   "Hélène Vernet Architecture", // case ignored, every word matched
		"grenoble":      "Zinc & Cie",                 // city
		"zinc-cie.fr":   "Zinc & Cie",                 // e-mail
		"ÉCLAIR annecy": "Boulangerie Éclair",
	} {
		s.search.SetText("")
		test.Type(s.search, query)
		if got := clientsNames(s); len(got) != 1 || got[0] != want {
			t.Errorf("search %q shows %v, want %s", query, got, want)
		}
	}
	s.search.SetText("")
	test.Type(s.search, "nobody")
	if len(s.rows) != 0 || !s.empty.Visible() || !strings.Contains(s.empty.Text, "nobody") {
		t.Errorf("a search matching nothing shows %v and %q", clientsNames(s), s.empty.Text)
	}
	s.search.SetText("")
	if len(s.rows) != 3 || s.empty.Visible() {
		t.Fatalf("clearing the search shows %v", clientsNames(s))
	}

	s.sortBy.SetSelected(lang.L("clients.sort.outstanding"))
	if got := strings.Join(clientsNames(s), "|"); got != "Hélène Vernet Architecture|Boulangerie Éclair|Zinc & Cie" {
		t.Errorf("by outstanding: %s", got)
	}
	s.sortBy.SetSelected(lang.L("clients.sort.overdue"))
	if got := clientsNames(s); got[0] != "Hélène Vernet Architecture" {
		t.Errorf("by overdue: %v", got)
	}
	s.sortBy.SetSelected(lang.L("clients.sort.name"))
	if got := strings.Join(clientsNames(s), "|"); got != "Boulangerie Éclair|Hélène Vernet Architecture|Zinc & Cie" {
		t.Errorf("by name: %s", got)
	}
}

func TestClientDetailShowsInvoicesAndTimeline(t *testing.T) {
	u, store, b := newClientsTestUI(t)
	d := clientsOpen(t, u, "Hélène Vernet Architecture")

	var numbers []string
	for _, r := range d.invoiceRows {
		numbers = append(numbers, r.number)
	}
	if strings.Join(numbers, ",") != "FA-2,FA-1,FA-3" {
		t.Errorf("invoices in the detail: %v", numbers)
	}
	if d.outstanding.Text != kit.Money(130000) || d.overdue.Text != kit.Money(80000) || d.count.Text != "3" {
		t.Errorf("detail figures %s / %s / %s", d.outstanding.Text, d.overdue.Text, d.count.Text)
	}
	labels := strings.Join(clientsLabels(d.content), "\n")
	for _, want := range []string{"27 rue Tronchet\n69006 LYON", "agence@vernet.fr", "Hélène Vernet",
		clientsKindHint(data.Commercial), lang.L("clients.detail.scenario_of_category", map[string]any{"Scenario": lang.L("scenario.standard")})} {
		if !strings.Contains(labels, want) {
			t.Errorf("the detail does not show %q", want)
		}
	}
	// Its payment habits, from the same profile the command line prints.
	book, err := store.LoadPayerBook(context.Background(), b.vernet.ID)
	if err != nil {
		t.Fatal(err)
	}
	profile := payers.Make(book, u.Today())[b.vernet.ID]
	if habits := kit.Say.PayerReasons(profile); habits == "" || !strings.Contains(labels, habits) {
		t.Errorf("the detail does not show the payment habits %q", habits)
	}
	events, _ := store.ListEventsByClient(context.Background(), b.vernet.ID)
	if len(d.timeline.Events()) != len(events) || len(events) < 5 || d.timeline.Events()[0].ID != events[len(events)-1].ID {
		t.Errorf("timeline shows %d events, the store has %d (newest first)", len(d.timeline.Events()), len(events))
	}

	// A click on an invoice asks the window for the invoice's page.
	d.invoiceTable.Select(widget.TableCellID{Row: 1, Col: 0})
	if !slices.Equal(u.Opened, []int64{b.late.ID}) {
		t.Errorf("a click on FA-1 opened invoices %v, want %d", u.Opened, b.late.ID)
	}

	test.Tap(uitest.FindButton(t, d.content, lang.L("clients.detail.back")))
	if u.clients.content.Objects[0] != u.clients.listPage || u.clients.ShownClient() != 0 {
		t.Fatal("Back does not return to the list")
	}
}

func TestOpenClientBeforeTheListIsLoaded(t *testing.T) {
	h := uitest.NewHost(t)
	b := newClientsBook(t, h.Store())
	// The window opens a client's page on a screen never shown: its list
	// has never been loaded.
	s := New(h)
	s.OpenClient(b.eclair.ID)
	if len(s.all) != 0 {
		t.Fatal("the list was loaded: the test no longer checks what it should")
	}
	d := s.detail
	if d.title.Text != "Boulangerie Éclair" || len(d.invoiceRows) != 1 || d.invoiceRows[0].kind != data.StatusPaid {
		t.Fatalf("detail shows %q with %+v", d.title.Text, d.invoiceRows)
	}
	if s.ShownClient() != b.eclair.ID {
		t.Fatalf("the screen says client %d is shown", s.ShownClient())
	}
	h.Show(s)
	if s.content.Objects[0] != d.content || d.title.Text != "Boulangerie Éclair" || len(s.all) != 3 {
		t.Fatal("showing the screen after OpenClient must keep the detail (and load the list)")
	}
}

func TestEditClientThroughDialog(t *testing.T) {
	ctx := context.Background()
	u, store, b := newClientsTestUI(t)
	d := clientsOpen(t, u, "Hélène Vernet Architecture")

	test.Tap(uitest.FindButton(t, d.content, lang.L("clients.detail.edit")))
	dlg := top(u)
	uitest.Fill(t, dlg, "email", "agence-at-vernet")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if got := uitest.FieldError(t, dlg, "email"); got != lang.L("error.email_format") {
		t.Fatalf("email error %q", got)
	}
	if c, _ := store.GetClient(ctx, b.vernet.ID); c.Email != "agence@vernet.fr" || !c.UpdatedAt.Equal(b.vernet.UpdatedAt) {
		t.Fatalf("a refused edit was written: %+v", c)
	}

	uitest.Fill(t, dlg, "email", "compta@vernet.fr")
	uitest.Fill(t, dlg, "phone", "04 78 24 63 05")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if top(u) == dlg {
		t.Fatalf("the dialog stayed open: %q", uitest.FieldError(t, dlg, "email"))
	}
	c, _ := store.GetClient(ctx, b.vernet.ID)
	if c.Email != "compta@vernet.fr" || c.Phone != "04 78 24 63 05" || c.Name != b.vernet.Name || c.Address != b.vernet.Address {
		t.Fatalf("stored after edit: %+v", c)
	}
	if !strings.Contains(strings.Join(clientsLabels(d.content), "\n"), "compta@vernet.fr") {
		t.Error("the detail still shows the old e-mail")
	}

	// Override the scenario: the detail names the one chosen.
	test.Tap(uitest.FindButton(t, d.content, lang.L("clients.detail.edit")))
	dlg = top(u)
	uitest.SelectIn(t, dlg, "scenario", lang.L("scenario.risky"))
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	want := lang.L("clients.detail.scenario_override", map[string]any{"Scenario": lang.L("scenario.risky")})
	if d.scenario.Text != want {
		t.Errorf("scenario shown %q, want %q", d.scenario.Text, want)
	}
	scenarios, _ := store.ListScenarios(ctx)
	c, _ = store.GetClient(ctx, b.vernet.ID)
	for _, sc := range scenarios {
		if sc.Key == "risky" && c.ScenarioID != sc.ID {
			t.Errorf("stored scenario %d, want %d", c.ScenarioID, sc.ID)
		}
	}
}

func TestEditClientPenaltyRate(t *testing.T) {
	ctx := context.Background()
	u, store, b := newClientsTestUI(t)
	d := clientsOpen(t, u, "Zinc & Cie")
	test.Tap(uitest.FindButton(t, d.content, lang.L("clients.detail.edit")))
	dlg := top(u)
	uitest.SelectIn(t, dlg, "penalty_policy", lang.L("clients.penalty.fixed"))
	uitest.Fill(t, dlg, "penalty_policy_rate", "douze")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if got := uitest.FieldError(t, dlg, "penalty_policy_rate"); got != lang.L("error.rate_format") {
		t.Fatalf("rate error %q", got)
	}
	uitest.Fill(t, dlg, "penalty_policy_rate", "12,5")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	c, _ := store.GetClient(ctx, b.zinc.ID)
	if c.Penalty != (data.PenaltyPolicy{Kind: data.PenaltyFixed, FixedBP: 1250}) {
		t.Fatalf("stored penalty %+v", c.Penalty)
	}
	want := lang.L("clients.penalty.fixed_rate", map[string]any{"Rate": kit.RatePercent(1250)})
	if !strings.Contains(strings.Join(clientsLabels(d.content), "\n"), want) {
		t.Errorf("the detail does not show %q", want)
	}
}

func TestPauseClientReminders(t *testing.T) {
	ctx := context.Background()
	u, store, b := newClientsTestUI(t)
	next, err := u.Dunning().NextSteps(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if step, ok := next[b.late.ID]; !ok || step.Wait == dunning.WaitPaused {
		t.Fatalf("before the pause, FA-1's next step is %+v (%v)", step, ok)
	}

	d := clientsOpen(t, u, "Hélène Vernet Architecture")
	test.Tap(uitest.FindButton(t, d.content, lang.L("clients.detail.edit")))
	dlg := top(u)
	test.Tap(clientsFind(t, dlg, func(c *kit.Check) bool { return c.Text == lang.L("clients.form.pause") }))
	reason := clientsFind(t, dlg, func(e *kit.Entry) bool { return e.PlaceHolder == lang.L("clients.placeholder.paused_reason") })
	test.Type(reason, "litige sur le chantier")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))

	next, err = u.Dunning().NextSteps(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, inv := range []data.Invoice{b.late, b.soon} {
		if step := next[inv.ID]; step.Wait != dunning.WaitPaused {
			t.Errorf("%s: next step %+v, want paused", inv.Number, step)
		}
	}
	c, _ := store.GetClient(ctx, b.vernet.ID)
	if !c.RemindersPaused || c.PausedReason != "litige sur le chantier" {
		t.Fatalf("stored %+v", c)
	}
	if !d.paused.Visible() || !strings.Contains(d.pausedBanner.Text, "litige sur le chantier") {
		t.Errorf("paused banner %q visible=%v", d.pausedBanner.Text, d.paused.Visible())
	}
	if newest := d.timeline.Events()[0]; newest.Kind != data.EventClientPaused {
		t.Errorf("newest timeline event %s", newest.Kind)
	}
	test.Tap(uitest.FindButton(t, d.content, lang.L("clients.detail.back")))
	if row := clientsRowNamed(t, u.clients, "Hélène Vernet Architecture"); !row.paused || !u.clients.legend.Visible() {
		t.Error("the list does not mark the paused client")
	}
}

// TestDeleteOrArchiveClient: a client typed by mistake is deleted; one
// with a history can only be archived: it leaves the list (shown again on
// demand), is no longer reminded, and can be restored.
func TestDeleteOrArchiveClient(t *testing.T) {
	ctx := context.Background()
	u, store, b := newClientsTestUI(t)

	d := clientsOpen(t, u, "Hélène Vernet Architecture")
	if d.remove.Visible() || !d.archive.Visible() || d.restore.Visible() {
		t.Fatalf("a client with invoices offers delete %v, archive %v, restore %v", d.remove.Visible(), d.archive.Visible(), d.restore.Visible())
	}
	if err := store.DeleteClient(ctx, b.vernet.ID); !errors.Is(err, data.ErrHasHistory) {
		t.Fatalf("the store deleted a client with a history: %v", err)
	}
	test.Tap(d.archive)
	uitest.FillLabelled(t, top(u), "clients.archive.reason", "a cessé son activité")
	test.Tap(uitest.FindButton(t, top(u), lang.L("button.save")))
	if c, _ := store.GetClient(ctx, b.vernet.ID); !c.Archived() {
		t.Fatal("the client is not archived")
	}
	if !d.archived.Visible() || !d.restore.Visible() || d.archive.Visible() {
		t.Fatal("the archived client's page does not say so or offer to restore it")
	}
	if next, _ := u.Dunning().NextSteps(ctx); len(next) != 0 {
		if _, ok := next[b.late.ID]; ok {
			t.Fatalf("the archived client's late invoice is still planned: %+v", next[b.late.ID])
		}
	}
	test.Tap(uitest.FindButton(t, d.content, lang.L("clients.detail.back")))
	if got := clientsNames(u.clients); slices.Contains(got, "Hélène Vernet Architecture") {
		t.Fatalf("the archived client is still listed: %v", got)
	}
	test.Tap(u.clients.showArchived)
	row := clientsRowNamed(t, u.clients, "Hélène Vernet Architecture")
	d = clientsOpen(t, u, row.name)
	test.Tap(d.restore)
	test.Tap(uitest.FindButton(t, top(u), lang.L("Yes")))
	if c, _ := store.GetClient(ctx, b.vernet.ID); c.Archived() {
		t.Fatal("the client is still archived after Restore")
	}
	test.Tap(uitest.FindButton(t, d.content, lang.L("clients.detail.back")))

	d = clientsOpen(t, u, "Zinc & Cie")
	if !d.remove.Visible() || d.archive.Visible() {
		t.Fatal("a client without history does not offer Delete")
	}
	test.Tap(uitest.FindButton(t, d.content, lang.L("clients.detail.delete")))
	test.Tap(uitest.FindButton(t, top(u), lang.L("clients.delete.confirm")))
	if _, err := store.GetClient(ctx, b.zinc.ID); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("client without invoices still there: %v", err)
	}
	if u.clients.content.Objects[0] != u.clients.listPage || len(u.clients.rows) != 2 {
		t.Fatalf("after delete the screen shows %v", clientsNames(u.clients))
	}
}

func TestNewClientFromTheList(t *testing.T) {
	ctx := context.Background()
	u, store, _ := newClientsTestUI(t)
	test.Tap(uitest.FindButton(t, top(u), lang.L("button.new_client")))
	dlg := top(u)
	uitest.Fill(t, dlg, "name", "Atelier Rivière")
	uitest.SelectIn(t, dlg, "kind", lang.L("kind.consumer"))
	uitest.SelectIn(t, dlg, "category", lang.L("category.good_payer"))
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))

	d := u.clients.detail
	if u.clients.content.Objects[0] != d.content || d.title.Text != "Atelier Rivière" {
		t.Fatalf("the new client's detail is not shown (%q)", d.title.Text)
	}
	c := d.data.client
	stored, err := store.GetClient(ctx, c.ID)
	if err != nil || stored.Kind != data.Consumer || stored.Category != "good_payer" {
		t.Fatalf("stored %+v, %v", stored, err)
	}
	if !strings.Contains(strings.Join(clientsLabels(d.content), "\n"), lang.L("clients.penalty.consumer")) {
		t.Error("a consumer's detail must say penalties do not apply")
	}
}

// BenchmarkClientsSearch filters and sorts a list of 10,000 clients, what
// every key typed in the search field costs (about 1 ms on a 2-core machine).
func BenchmarkClientsSearch(b *testing.B) {
	s := New(uitest.NewHost(b))
	cities := []string{"Lyon", "Villeurbanne", "Saint-Étienne", "Grenoble", "Annecy"}
	for i := range 10000 {
		name := "Société Éclair " + strconv.Itoa(i)
		s.all = append(s.all, clientsRow{id: int64(i), name: name, city: cities[i%len(cities)], sortName: kit.Fold(name),
			outstanding: data.Money(i * 1000 % 7919), search: kit.Fold(name + "\n" + cities[i%len(cities)])})
	}
	s.sortBy.SetSelectedIndex(clientsSortOutstanding)
	b.ResetTimer()
	for b.Loop() {
		s.search.Text = "societe" // matches every client: the worst case, 10,000 rows to sort
		s.apply()
	}
	if len(s.rows) != 10000 {
		b.Fatal("the search found nothing")
	}
}

// TestClientPageShowsACredit: what a client paid beyond an invoice is a
// credit, shown on its page; a client who paid exactly has none shown.
func TestClientPageShowsACredit(t *testing.T) {
	u, store, b := newClientsTestUI(t)
	if d := clientsOpen(t, u, "Boulangerie Éclair"); d.creditFigure.Visible() {
		t.Fatalf("a client who paid exactly shows a credit of %q", d.credit.Text)
	}
	uitest.Must(t, store.CreatePayment(context.Background(), &data.Payment{InvoiceID: b.soon.ID, Date: uitest.Day,
		Amount: 52500, Method: "transfer"})) // 25 € beyond FA-2
	u.Changed()
	test.Tap(uitest.FindButton(t, u.clients.detail.content, lang.L("clients.detail.back")))
	d := clientsOpen(t, u, "Hélène Vernet Architecture")
	if !d.creditFigure.Visible() || d.credit.Text != kit.Money(2500) {
		t.Fatalf("the page shows a credit of %q (visible %v), want %s", d.credit.Text, d.creditFigure.Visible(), kit.Money(2500))
	}
}
