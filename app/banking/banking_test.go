package banking

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"relance/app/matching"
	"relance/data"
	"relance/data/imports"
	"relance/data/imports/bank"
)

// The tests' today: Monday 7 December 2026.
var today = data.MustDate("2026-12-07")

type fixture struct {
	t     *testing.T
	ctx   context.Context
	store *data.Store
	svc   *Service
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	clock := data.ClockOn(today)
	store, err := data.Open(filepath.Join(t.TempDir(), "relance.db"), data.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return &fixture{t: t, ctx: context.Background(), store: store, svc: New(store, clock)}
}

// book writes a small book: Café Durand owes three invoices, Martin one,
// and Roux owes exactly what Martin owes.
func (f *fixture) book() {
	f.t.Helper()
	clients := map[string]int64{}
	for _, name := range []string{"Café Durand", "Boulangerie Martin", "Garage Roux"} {
		c := data.Client{Name: name}
		if err := f.store.CreateClient(f.ctx, &c); err != nil {
			f.t.Fatal(err)
		}
		clients[name] = c.ID
	}
	for _, inv := range []struct {
		number, client string
		amount         data.Money
	}{
		{"FA-2026-0103", "Café Durand", 120000},
		{"FA-2026-0110", "Café Durand", 60000},
		{"FA-2026-0111", "Café Durand", 40350},
		{"FA-2026-0120", "Boulangerie Martin", 45000},
		{"FA-2026-0121", "Garage Roux", 45000},
	} {
		i := data.Invoice{Number: inv.number, ClientID: clients[inv.client], IssueDate: data.MustDate("2026-10-01"),
			DueDate: data.MustDate("2026-10-31"), Amount: inv.amount}
		if err := f.store.CreateInvoice(f.ctx, &i); err != nil {
			f.t.Fatal(err)
		}
	}
}

func (f *fixture) paid(number string) data.Money {
	f.t.Helper()
	inv, err := f.store.GetInvoiceByNumber(f.ctx, number)
	if err != nil {
		f.t.Fatal(err)
	}
	list, err := f.store.ListPaymentsByInvoice(f.ctx, inv.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	var total data.Money
	for _, p := range list {
		total += p.Amount
	}
	return total
}

// statement is what the bank says came in this month.
func statement() bank.Statement {
	d := data.MustDate
	return bank.Statement{File: "releve-decembre.xml", Format: bank.FormatCAMT, Lines: []bank.Line{
		{ID: "camt:FR76:1", FileLine: 1, Booked: d("2026-12-01"), Amount: 120000, Name: "SARL CAFE DURAND",
			IBAN: "FR7630004000031234567890143", Label: "VIR FA-2026-0103", EndToEnd: "E2E-1"},
		{ID: "camt:FR76:2", FileLine: 2, Booked: d("2026-12-02"), Amount: 100350, Name: "SARL CAFE DURAND",
			IBAN: "FR7630004000031234567890143", Label: "REGLEMENT FACTURES", EndToEnd: "E2E-2"},
		{ID: "camt:FR76:3", FileLine: 3, Booked: d("2026-12-03"), Amount: 45000, Label: "VIREMENT RECU"},
		{ID: "camt:FR76:4", FileLine: 4, Booked: d("2026-12-03"), Amount: -1250, Label: "FRAIS TENUE DE COMPTE"},
	}}
}

func TestImportProposesAndConfirmsAbove(t *testing.T) {
	f := newFixture(t)
	f.book()
	rep, err := f.svc.Import(f.ctx, statement(), Options{ConfirmAbove: 90})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Written || rep.New != 4 || rep.Credits != 3 || rep.Debits != 1 || len(rep.Proposals) != 3 {
		t.Fatalf("report %+v", rep)
	}
	byLine := map[int]matching.Proposal{}
	for _, it := range rep.Proposals {
		byLine[it.Line.FileLine] = it.Proposal
	}
	if best, ok := byLine[1].Best(); !ok || best.Allocations[0].Number != "FA-2026-0103" || best.Score < 90 {
		t.Errorf("line 1 (number and amount): %+v", byLine[1])
	}
	if best, ok := byLine[2].Best(); !ok || len(best.Allocations) != 2 {
		t.Errorf("line 2 (two invoices of Café Durand together): %+v", byLine[2])
	}
	if !byLine[3].Ambiguous {
		t.Errorf("line 3 (Martin and Roux owe the same, no other clue) is not ambiguous: %+v", byLine[3])
	}
	if got := f.paid("FA-2026-0103"); got != 120000 {
		t.Errorf("FA-2026-0103 paid %v after --confirm-above 90", got)
	}
	if got := f.paid("FA-2026-0120") + f.paid("FA-2026-0121"); got != 0 {
		t.Errorf("the ambiguous credit was recorded: %v", got)
	}
	if rep.Confirmed < 1 {
		t.Errorf("confirmed %d", rep.Confirmed)
	}
}

func TestSameStatementTwiceRecordsNothing(t *testing.T) {
	f := newFixture(t)
	f.book()
	if _, err := f.svc.Import(f.ctx, statement(), Options{ConfirmAbove: 90}); err != nil {
		t.Fatal(err)
	}
	imports, _ := f.store.ListImports(f.ctx)
	again, err := f.svc.Import(f.ctx, statement(), Options{ConfirmAbove: 90})
	if err != nil {
		t.Fatal(err)
	}
	if again.Written || again.New != 0 || again.Known != 4 || len(again.Proposals) != 0 {
		t.Fatalf("second import: %+v", again)
	}
	if after, _ := f.store.ListImports(f.ctx); len(after) != len(imports) {
		t.Errorf("the second import left a record: %d imports, was %d", len(after), len(imports))
	}
	if got := f.paid("FA-2026-0103"); got != 120000 {
		t.Errorf("FA-2026-0103 paid %v after the second import, want once", got)
	}
	// An overlapping statement: the known line is skipped, the new one comes in.
	st := statement()
	st.Lines = append(st.Lines[3:], bank.Line{ID: "camt:FR76:5", FileLine: 2, Booked: data.MustDate("2026-12-04"),
		Amount: 45000, Name: "BOULANGERIE MARTIN", Label: "FA 2026 0120"})
	rep, err := f.svc.Import(f.ctx, st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.New != 1 || rep.Known != 1 {
		t.Fatalf("overlapping statement: new %d known %d", rep.New, rep.Known)
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	f := newFixture(t)
	f.book()
	rep, err := f.svc.Import(f.ctx, statement(), Options{DryRun: true, ConfirmAbove: 50})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Written || len(rep.Proposals) != 3 {
		t.Fatalf("dry run: %+v", rep)
	}
	if got := f.paid("FA-2026-0103"); got != 0 {
		t.Errorf("a dry run recorded %v", got)
	}
	if lines, _ := f.store.ListBankLinesToDecide(f.ctx); len(lines) != 0 {
		t.Errorf("a dry run kept %d lines", len(lines))
	}
}

func TestProblemsStopTheImportUnlessSkipped(t *testing.T) {
	f := newFixture(t)
	f.book()
	st := statement()
	st.Problems = append(st.Problems, problemAt(7))
	rep, err := f.svc.Import(f.ctx, st, Options{})
	if err != nil || rep.Written {
		t.Fatalf("a statement with a bad line was written: %+v %v", rep, err)
	}
	rep, err = f.svc.Import(f.ctx, st, Options{SkipProblems: true})
	if err != nil || !rep.Written || rep.New != 4 {
		t.Fatalf("with SkipProblems: %+v %v", rep, err)
	}
}

func TestReturnReopensTheInvoice(t *testing.T) {
	f := newFixture(t)
	f.book()
	if _, err := f.svc.Import(f.ctx, statement(), Options{ConfirmAbove: 90}); err != nil {
		t.Fatal(err)
	}
	ret := bank.Statement{File: "releve-2.xml", Lines: []bank.Line{{ID: "camt:FR76:9", FileLine: 1,
		Booked: data.MustDate("2026-12-05"), Amount: -120000, Return: true, ReturnReason: "AC04", ReturnOf: "E2E-1"}}}
	rep, err := f.svc.Import(f.ctx, ret, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Returns) != 1 || !rep.Returns[0].Found() || rep.Returns[0].Number != "FA-2026-0103" {
		t.Fatalf("returns: %+v", rep.Returns)
	}
	if got := f.paid("FA-2026-0103"); got != 0 {
		t.Errorf("FA-2026-0103 still paid %v after the return", got)
	}
	if err := f.svc.Undo(f.ctx, rep.ImportID); err != nil {
		t.Fatal(err)
	}
	if got := f.paid("FA-2026-0103"); got != 120000 {
		t.Errorf("undoing the return left FA-2026-0103 paid %v", got)
	}
}

func TestLearntPayerDecidesNextTime(t *testing.T) {
	f := newFixture(t)
	f.book()
	d := data.MustDate
	payer := bank.Line{ID: "ofx:1:1", FileLine: 1, Booked: d("2026-12-03"), Amount: 45000, Name: "M OU MME DUPONT",
		IBAN: "FR7610107001011234567890129", Label: "VIREMENT"}
	if _, err := f.svc.Import(f.ctx, bank.Statement{File: "a.ofx", Lines: []bank.Line{payer}}, Options{}); err != nil {
		t.Fatal(err)
	}
	items, err := f.svc.ToDecide(f.ctx)
	if err != nil || len(items) != 1 || !items[0].Proposal.Ambiguous {
		t.Fatalf("to decide: %+v %v", items, err)
	}
	// The owner knows it was Martin's manager paying: the account is learnt.
	martin, _ := f.store.GetInvoiceByNumber(f.ctx, "FA-2026-0120")
	if err := f.svc.Confirm(f.ctx, items[0].Line.ID, []data.BankPayment{{InvoiceID: martin.ID, Amount: 45000}}); err != nil {
		t.Fatal(err)
	}
	next := data.Invoice{Number: "FA-2026-0130", ClientID: martin.ClientID, IssueDate: d("2026-11-02"),
		DueDate: d("2026-12-02"), Amount: 45000}
	if err := f.store.CreateInvoice(f.ctx, &next); err != nil {
		t.Fatal(err)
	}
	payer.ID, payer.Booked = "ofx:1:2", d("2027-01-04")
	rep, err := f.svc.Import(f.ctx, bank.Statement{File: "b.ofx", Lines: []bank.Line{payer}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	best, ok := rep.Proposals[0].Proposal.Best()
	if !ok || best.Allocations[0].Number != "FA-2026-0130" {
		t.Fatalf("the same account paying 450 € again: %+v, want Martin's FA-2026-0130 over Roux's", rep.Proposals[0].Proposal)
	}
}

func problemAt(line int) imports.Problem {
	return imports.Problem{File: "releve-decembre.xml", Line: line,
		FieldError: data.FieldError{Field: "amount", Reason: data.ReasonMoneyFormat, Value: "12,3,4"}}
}

// TestAllStatementsTellsFilesApart: a bank's exports are statements, an
// invoice export is not, and a workbook is looked at whole.
func TestAllStatementsTellsFilesApart(t *testing.T) {
	dir := filepath.Join("..", "..", "data", "imports", "bank", "testdata")
	for _, name := range []string{"camt053.xml", "ofx1.ofx", "releve.cfonb", "releve.qif", "ca.csv", "releve.xlsx"} {
		if !AllStatements([]string{filepath.Join(dir, name)}) {
			t.Errorf("%s is not taken for a statement", name)
		}
	}
	invoices := filepath.Join(t.TempDir(), "factures.csv")
	if err := os.WriteFile(invoices, []byte("N° facture;Client;Échéance;Montant TTC\r\nF-1;Martin;01/10/2026;1 200,00\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if AllStatements([]string{invoices}) || AllStatements(nil) {
		t.Error("an invoice export, or no file, is taken for a statement")
	}
}
