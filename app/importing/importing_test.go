package importing

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"relance/app/archive"
	"relance/app/dunning"
	"relance/data"
	"relance/data/imports"
)

// The tests' today: Tuesday 24 November 2026.
var today = data.MustDate("2026-11-24")

type fixture struct {
	t       *testing.T
	ctx     context.Context
	store   *data.Store
	dunning *dunning.Service
	svc     *Service
	dir     string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	clock := data.ClockOn(today)
	store, err := data.Open(filepath.Join(t.TempDir(), "relance.db"), data.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	dir := t.TempDir()
	planner := dunning.NewService(store, clock)
	return &fixture{t: t, ctx: context.Background(), store: store, dunning: planner, svc: New(store, planner, clock, &archive.Files{Dir: dir, Store: store}), dir: dir}
}

func (f *fixture) run(b imports.Batch, opts Options) Report {
	f.t.Helper()
	rep, err := f.svc.Run(f.ctx, b, opts)
	if err != nil {
		f.t.Fatal(err)
	}
	return rep
}

func (f *fixture) invoice(number string) data.Invoice {
	f.t.Helper()
	inv, err := f.store.GetInvoiceByNumber(f.ctx, number)
	if err != nil {
		f.t.Fatalf("%s: %v", number, err)
	}
	return inv
}

func (f *fixture) owed(number string) data.Money {
	f.t.Helper()
	inv := f.invoice(number)
	payments, _ := f.store.ListPaymentsByInvoice(f.ctx, inv.ID)
	credits, _ := f.store.ListCreditNotesByInvoice(f.ctx, inv.ID)
	return inv.Amount - sumPayments(payments) - sumCredits(credits)
}

// shopBook is what a shop owner's invoicing tool exports: two clients,
// an invoice paid (not to import), one 40 days late never reminded, one
// not yet due of which 300 € were paid, one reminded on 10 November.
func shopBook() imports.Batch {
	d := data.MustDate
	return imports.Batch{Kind: imports.KindCSV, Files: []string{"factures.csv"}, Rows: 4,
		Clients: []imports.Client{
			{Key: "732829320", Line: 2, Name: "Boulangerie Martin", SIREN: "732829320", Email: "compta@martin.fr"},
			{Key: "Café Durand", Line: 3, Name: "Café Durand"},
		},
		Invoices: []imports.Invoice{
			{Line: 2, ClientKey: "732829320", Number: "F-101", IssueDate: d("2026-09-01"), DueDate: d("2026-10-01"),
				Amount: 80000, Outstanding: 0, OutstandingKnown: true},
			{Line: 3, ClientKey: "Café Durand", Number: "F-102", IssueDate: d("2026-09-15"), DueDate: d("2026-10-15"),
				Amount: 120000, Outstanding: 120000, OutstandingKnown: true},
			{Line: 4, ClientKey: "732829320", Number: "F-103", IssueDate: d("2026-11-10"), DueDate: d("2026-12-10"),
				Amount: 50000, Outstanding: 20000, OutstandingKnown: true},
			{Line: 5, ClientKey: "Café Durand", Number: "F-104", IssueDate: d("2026-10-01"), DueDate: d("2026-10-31"),
				Amount: 30000, RemindedOn: d("2026-11-10")},
		}}
}

func TestImportAddsWhatIsOwed(t *testing.T) {
	f := newFixture(t)
	rep := f.run(shopBook(), Options{})
	if !rep.Written || rep.ImportID == 0 || len(rep.Problems) != 0 {
		t.Fatalf("not written: %+v", rep)
	}
	if rep.ClientsAdded != 2 || rep.Added != 3 || rep.Skipped != 1 || rep.Owed != 120000+20000+30000 || rep.Overdue != 2 {
		t.Fatalf("report %+v", rep)
	}
	if _, err := f.store.GetInvoiceByNumber(f.ctx, "F-101"); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("the paid invoice was imported: %v", err)
	}
	// 300 € paid on an unknown day: dated on the due date, so that no
	// penalty is ever claimed on it.
	inv := f.invoice("F-103")
	payments, _ := f.store.ListPaymentsByInvoice(f.ctx, inv.ID)
	if len(payments) != 1 || payments[0].Amount != 30000 || payments[0].Date != today {
		t.Errorf("F-103's payments %+v (its due date is still to come: dated today)", payments)
	}
	if f.owed("F-103") != 20000 || f.owed("F-102") != 120000 {
		t.Errorf("owed %v and %v", f.owed("F-103"), f.owed("F-102"))
	}
	var martin, durand ClientTotal
	for _, c := range rep.Clients {
		switch c.Name {
		case "Boulangerie Martin":
			martin = c
		case "Café Durand":
			durand = c
		}
	}
	if martin.Invoices != 1 || martin.Owed != 20000 || durand.Invoices != 2 || durand.Owed != 150000 {
		t.Errorf("per client %+v", rep.Clients)
	}
	clients, _ := f.store.ListClients(f.ctx)
	for _, c := range clients {
		if c.Name == "Café Durand" && !c.KindMigrated {
			t.Error("a client without a SIREN is not marked for the owner to confirm its debtor type")
		}
		if c.Name == "Boulangerie Martin" && c.KindMigrated {
			t.Error("a client with a SIREN is marked to confirm")
		}
	}
	events, _ := f.store.ListEventsByInvoice(f.ctx, inv.ID)
	if last := events[len(events)-1]; last.Kind != data.EventInvoiceImported || last.Actor != "import" || last.Params["file"] != "factures.csv" {
		t.Errorf("the timeline's last line %+v", last)
	}
}

// An invoice 40 days late that nobody reminded starts at the first
// reminder, on tomorrow's Today, never as a step missed; one reminded
// before goes on from that reminder.
func TestImportPlacesInvoicesInTheirScenario(t *testing.T) {
	f := newFixture(t)
	// Relance last ran a week ago: tomorrow's plan flags what fell due
	// since as caught up, which the imported invoices must not be.
	if err := f.store.SetState(f.ctx, "planner.last_run", today.AddDays(-7).String()); err != nil {
		t.Fatal(err)
	}
	rep := f.run(shopBook(), Options{})
	plan, err := f.dunning.PlanAsOf(f.ctx, today.AddDays(1))
	if err != nil {
		t.Fatal(err)
	}
	steps := map[string]dunning.Due{}
	for _, g := range plan.Groups {
		for _, it := range g.Items {
			steps[it.Number] = it
			if g.CatchUp {
				t.Errorf("%s is in the catch-up list", it.Number)
			}
		}
	}
	if st, ok := steps["F-102"]; !ok || st.Step.TemplateKey != "reminder_1" {
		t.Errorf("F-102 (40 days late, never reminded) is offered %+v", st.Step.TemplateKey)
	}
	if next := plan.Next[f.invoice("F-104").ID]; next.Step.TemplateKey == "reminder_1" || next.Step.TemplateKey == "pre_due" {
		t.Errorf("F-104, reminded on 10 November, is offered the first reminder again: %+v", next)
	}
	if rep.Tomorrow.Actions == 0 || rep.Tomorrow.Invoices < 1 || rep.Tomorrow.Actions > 2 {
		t.Errorf("tomorrow %+v: one card per client and channel at most", rep.Tomorrow)
	}
}

func TestReimportUpdatesByNumber(t *testing.T) {
	f := newFixture(t)
	f.run(shopBook(), Options{})
	again := f.run(shopBook(), Options{})
	if again.Added != 0 || again.Unchanged != 3 || again.Skipped != 1 || again.ClientsAdded != 0 || again.PaymentsAdded != 0 {
		t.Fatalf("the same file again: %+v", again)
	}
	// The client paid 500 € of F-102 since, and F-103's due date moved.
	later := shopBook()
	later.Invoices[1].Outstanding = 70000
	later.Invoices[2].DueDate = data.MustDate("2026-12-20")
	rep := f.run(later, Options{})
	if rep.Updated != 2 || rep.Unchanged != 1 || rep.Added != 0 {
		t.Fatalf("the updated file: %+v", rep)
	}
	if f.owed("F-102") != 70000 || f.invoice("F-103").DueDate != data.MustDate("2026-12-20") {
		t.Errorf("F-102 owes %v, F-103 due %v", f.owed("F-102"), f.invoice("F-103").DueDate)
	}
	// A file that owes more than the book (a payment recorded in Relance)
	// is refused on that line.
	older := shopBook()
	rep = f.run(older, Options{})
	if rep.Written || len(rep.Problems) != 1 || rep.Problems[0].Line != 3 || rep.Problems[0].Reason != data.ReasonConflict {
		t.Fatalf("an older export: %+v", rep)
	}
}

// An import that fails on its last line writes nothing; told to leave
// the bad lines out, it writes the others.
func TestImportIsAllOrNothing(t *testing.T) {
	f := newFixture(t)
	b := shopBook()
	b.Invoices = append(b.Invoices, imports.Invoice{Line: 9, ClientKey: "Café Durand", Number: "F-199",
		IssueDate: data.MustDate("2026-11-01"), DueDate: data.MustDate("2026-10-01"), Amount: 1000})
	rep := f.run(b, Options{})
	if rep.Written || len(rep.Problems) != 1 || rep.Problems[0].Line != 9 || rep.Problems[0].Field != "due_date" ||
		rep.Problems[0].Reason != data.ReasonDueBeforeIssue || rep.Problems[0].File != "factures.csv" {
		t.Fatalf("report %+v", rep)
	}
	if empty, _ := f.store.IsEmpty(f.ctx); !empty {
		t.Fatal("a refused import wrote to the book")
	}
	if list, _ := f.store.ListImports(f.ctx); len(list) != 0 {
		t.Fatal("a refused import was recorded")
	}
	rep = f.run(b, Options{SkipProblems: true})
	if !rep.Written || rep.Added != 3 || rep.Skipped != 2 {
		t.Fatalf("with the bad line left out: %+v", rep)
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	f := newFixture(t)
	rep := f.run(shopBook(), Options{DryRun: true})
	if rep.Written || rep.Added != 3 || rep.Tomorrow.Actions == 0 {
		t.Fatalf("trial run %+v", rep)
	}
	if empty, _ := f.store.IsEmpty(f.ctx); !empty {
		t.Fatal("a trial run wrote to the book")
	}
}

func TestCancelledImportWritesNothing(t *testing.T) {
	f := newFixture(t)
	ctx, cancel := context.WithCancel(f.ctx)
	_, err := f.svc.Run(ctx, shopBook(), Options{Progress: func(done, total int) {
		if done == 2 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
	if empty, _ := f.store.IsEmpty(f.ctx); !empty {
		t.Fatal("a cancelled import wrote to the book")
	}
}

// A Factur-X invoice keeps its PDF; undoing the import removes it, with
// the invoices and clients it added and the client details it filled in.
func TestUndoImportTakesEverythingBack(t *testing.T) {
	f := newFixture(t)
	existing := data.Client{Name: "Boulangerie Martin", SIREN: "732 829 320"}
	if err := f.store.CreateClient(f.ctx, &existing); err != nil {
		t.Fatal(err)
	}
	b := shopBook()
	b.Invoices[1].Attachment, b.Invoices[1].AttachmentName = []byte("%PDF-1.7 facture"), "F-102.pdf"
	rep := f.run(b, Options{})
	if rep.ClientsAdded != 1 || rep.ClientsUpdated != 1 {
		t.Fatalf("clients added %d, updated %d", rep.ClientsAdded, rep.ClientsUpdated)
	}
	if c, _ := f.store.GetClient(f.ctx, existing.ID); c.Email != "compta@martin.fr" {
		t.Fatalf("the known client's email was not filled in: %q", c.Email)
	}
	pdf := filepath.Join(f.dir, "attachments", "F-102.pdf")
	if got, err := os.ReadFile(pdf); err != nil || string(got) != "%PDF-1.7 facture" || f.invoice("F-102").Attachment != "attachments/F-102.pdf" {
		t.Fatalf("the PDF was not kept: %q %v", got, err)
	}
	if err := f.svc.Undo(f.ctx, rep.ImportID); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(pdf); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the PDF is still there: %v", err)
	}
	clients, _ := f.store.ListClients(f.ctx)
	if len(clients) != 1 || clients[0].Email != "" {
		t.Errorf("after undo the book has clients %+v", clients)
	}
	if list, _ := f.store.ListInvoiceSummaries(f.ctx); len(list) != 0 {
		t.Errorf("after undo the book has %d invoices", len(list))
	}
}

// A supplier's e-invoice dropped among the owner's is refused: Relance
// would otherwise chase the owner's own debt as money owed to them.
func TestImportRefusesAnotherCompanysInvoice(t *testing.T) {
	f := newFixture(t)
	company, _ := f.store.GetCompany(f.ctx)
	company.SIREN = "552 100 554"
	if err := f.store.UpdateCompany(f.ctx, &company); err != nil {
		t.Fatal(err)
	}
	b := shopBook()
	b.Invoices[1].SellerSIREN, b.Invoices[1].SellerName = "732829320", "Fournil Grossiste SAS"
	b.Invoices[2].SellerSIREN = "55210055400013" // the owner's SIRET: its own invoice
	rep := f.run(b, Options{SkipProblems: true})
	if len(rep.Problems) != 1 || rep.Problems[0].Line != 3 || rep.Problems[0].Reason != data.ReasonNotOurs ||
		rep.Problems[0].Value != "Fournil Grossiste SAS" {
		t.Fatalf("problems %+v", rep.Problems)
	}
	if _, err := f.store.GetInvoiceByNumber(f.ctx, "F-102"); !errors.Is(err, data.ErrNotFound) {
		t.Error("the supplier's invoice was imported")
	}
	f.invoice("F-103")
}

// Imported invoices wait for the next business day: nothing lands on
// today's list (nor in an automatic send the same morning), and the
// invoice says why.
func TestImportedInvoicesStartTomorrow(t *testing.T) {
	f := newFixture(t)
	f.run(shopBook(), Options{})
	plan, err := f.dunning.PlanAsOf(f.ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Groups) != 0 {
		t.Fatalf("today's plan holds %d groups of invoices imported today", len(plan.Groups))
	}
	if next := plan.Next[f.invoice("F-102").ID]; next.Wait != dunning.WaitImported || next.Date != data.MustDate("2026-11-25") {
		t.Fatalf("F-102's next step today: %+v", next)
	}
}

// Two companies of one name are two clients when their SIRENs differ;
// a client of that name without a SIREN is the known one.
func TestHomonymsWithDistinctSIRENs(t *testing.T) {
	f := newFixture(t)
	f.run(shopBook(), Options{}) // Boulangerie Martin, SIREN 732829320
	other := imports.Batch{Kind: imports.KindFacturX, Files: []string{"FA-9.pdf"},
		Clients: []imports.Client{{Key: "793381047", Line: 1, Name: "BOULANGERIE MARTIN", SIREN: "793381047"}},
		Invoices: []imports.Invoice{{Line: 1, ClientKey: "793381047", Number: "FA-9", IssueDate: data.MustDate("2026-11-02"),
			DueDate: data.MustDate("2026-12-02"), Amount: 10000}}}
	rep := f.run(other, Options{})
	if rep.ClientsAdded != 1 || rep.ClientsUpdated != 0 {
		t.Fatalf("a homonym with another SIREN: %d added, %d updated", rep.ClientsAdded, rep.ClientsUpdated)
	}
	if f.invoice("FA-9").ClientID == f.invoice("F-103").ClientID {
		t.Fatal("two companies of one name were merged")
	}
}
