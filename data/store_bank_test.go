package data

import (
	"context"
	"errors"
	"testing"
)

// bankImport records a statement import holding lines, as app/banking
// does, and returns the lines as written (added ones with their ID).
func bankImport(t *testing.T, s *Store, lines ...BankLine) (Import, []BankLine, int) {
	t.Helper()
	ctx := WithActor(context.Background(), "import")
	im := Import{Kind: ImportKindBank, Files: []string{"releve.xml"}}
	added := 0
	err := s.InTx(ctx, func(tx *Store) error {
		mustDo(t, tx.CreateImport(ctx, &im))
		for i := range lines {
			lines[i].ImportID = im.ID
			ok, err := tx.AddBankLine(ctx, &lines[i])
			mustDo(t, err)
			if ok {
				added++
			}
		}
		return tx.FinishImport(ctx, &im)
	})
	mustDo(t, err)
	return im, lines, added
}

func credit(identity string, amount Money, name string) BankLine {
	return BankLine{Identity: identity, Booked: MustDate("2026-03-10"), Amount: amount, Name: name,
		IBAN: "FR76 3000 6000 0112 3456 7890 189", Label: "VIR " + name, EndToEnd: "E2E-" + identity}
}

func TestBankLineIsRecordedOnce(t *testing.T) {
	s := newTestStore(t)
	_, _, n := bankImport(t, s, credit("camt:A:1", 120000, "Café Durand"), credit("camt:A:2", 5000, "Martin"))
	if n != 2 {
		t.Fatalf("first import added %d lines, want 2", n)
	}
	_, _, n = bankImport(t, s, credit("camt:A:2", 5000, "Martin"), credit("camt:A:3", 700, "Roux"))
	if n != 1 {
		t.Fatalf("overlapping import added %d lines, want 1 (the line already known is skipped)", n)
	}
	open, err := s.ListBankLinesToDecide(context.Background())
	if err != nil || len(open) != 3 {
		t.Fatalf("lines to decide: %d, %v", len(open), err)
	}
}

func TestPayFromBankLineSplitsLearnsAndUndoes(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	c := makeClient(t, s, "durand")
	a := makeInvoice(t, s, c.ID, "FA-1", 60000)
	b := makeInvoice(t, s, c.ID, "FA-2", 40350)
	im, lines, _ := bankImport(t, s, credit("camt:A:1", 100000, "SARL CAFE DURAND"))
	line := lines[0]
	if err := s.PayFromBankLine(ctx, line.ID, []BankPayment{{InvoiceID: a.ID, Amount: 60001}, {InvoiceID: b.ID, Amount: 40000}}); err == nil {
		t.Fatal("parts adding up to more than the credit were accepted")
	}
	mustDo(t, s.PayFromBankLine(ctx, line.ID, []BankPayment{{InvoiceID: a.ID, Amount: 60000},
		{InvoiceID: b.ID, Amount: 40000, Fees: 350}}))
	if err := s.PayFromBankLine(ctx, line.ID, []BankPayment{{InvoiceID: a.ID, Amount: 1}}); !errors.Is(err, ErrBankLineDecided) {
		t.Fatalf("a second confirmation: %v, want ErrBankLineDecided", err)
	}
	for _, inv := range []Invoice{a, b} {
		if got := paidOn(t, s, inv.ID); got != inv.Amount {
			t.Errorf("%s paid %v, want %v (fees counted paid)", inv.Number, got, inv.Amount)
		}
	}
	payers, err := s.ListPayers(ctx)
	if err != nil || len(payers) != 1 || payers[0].IBAN != "FR7630006000011234567890189" || payers[0].ClientID != c.ID {
		t.Fatalf("payers learnt: %+v, %v", payers, err)
	}
	if ok, err := s.ImportUndoable(ctx, im.ID); err != nil || !ok {
		t.Fatalf("undoable right after: %v, %v", ok, err)
	}
	if _, err := s.UndoImport(ctx, im.ID); err != nil {
		t.Fatal(err)
	}
	if got := paidOn(t, s, a.ID); got != 0 {
		t.Errorf("undo left %v paid on FA-1", got)
	}
	if payers, _ := s.ListPayers(ctx); len(payers) != 0 {
		t.Errorf("undo kept the payer learnt: %+v", payers)
	}
	// The statement comes in again once undone.
	if _, _, n := bankImport(t, s, credit("camt:A:1", 100000, "SARL CAFE DURAND")); n != 1 {
		t.Errorf("re-import after undo added %d lines, want 1", n)
	}
}

func TestBankImportNotUndoableOnceUsed(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	c := makeClient(t, s, "Martin")
	inv := makeInvoice(t, s, c.ID, "FA-9", 5000)
	im, lines, _ := bankImport(t, s, credit("ofx:1:9", 3000, "Martin"))
	mustDo(t, s.PayFromBankLine(ctx, lines[0].ID, []BankPayment{{InvoiceID: inv.ID, Amount: 3000}}))
	p := Payment{InvoiceID: inv.ID, Date: MustDate("2026-03-20"), Amount: 2000}
	mustDo(t, s.CreatePayment(ctx, &p))
	if ok, _ := s.ImportUndoable(ctx, im.ID); ok {
		t.Fatal("a statement import stays undoable after a payment typed on its invoice")
	}
	if _, err := s.UndoImport(ctx, im.ID); !errors.Is(err, ErrImportUsed) {
		t.Fatalf("undo: %v, want ErrImportUsed", err)
	}
}

func TestReturnReopensThePaymentAndUndoPutsItBack(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	c := makeClient(t, s, "Roux")
	inv := makeInvoice(t, s, c.ID, "FA-3", 25000)
	_, lines, _ := bankImport(t, s, credit("camt:A:7", 25000, "Roux"))
	mustDo(t, s.PayFromBankLine(ctx, lines[0].ID, []BankPayment{{InvoiceID: inv.ID, Amount: 25000}}))

	ret := BankLine{Identity: "camt:A:8", Booked: MustDate("2026-03-15"), Amount: -25000, Return: true,
		ReturnReason: "AM04", ReturnOf: "E2E-camt:A:7"}
	im2, rl, _ := bankImport(t, s, ret)
	p, found, err := s.ReturnedPayment(ctx, rl[0])
	if err != nil || !found || p.InvoiceID != inv.ID || p.BankLineID != lines[0].ID {
		t.Fatalf("returned payment: %+v found=%v err=%v", p, found, err)
	}
	mustDo(t, s.ReverseWithBankLine(ctx, rl[0].ID, p.ID))
	if got := paidOn(t, s, inv.ID); got != 0 {
		t.Fatalf("after the return, paid %v, want 0", got)
	}
	events, err := s.ListEventsByInvoice(ctx, inv.ID)
	mustDo(t, err)
	if last := events[len(events)-1]; last.Kind != EventPaymentReversed || last.Params["reason"] != "AM04" {
		t.Fatalf("last event %s %v, want payment_reversed with its reason", last.Kind, last.Params)
	}
	if _, err := s.UndoImport(ctx, im2.ID); err != nil {
		t.Fatal(err)
	}
	if got := paidOn(t, s, inv.ID); got != 25000 {
		t.Fatalf("undoing the return's statement left %v paid, want the payment back", got)
	}
}

func TestReopenBankLineTakesItsPaymentsBack(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	c := makeClient(t, s, "lefevre")
	inv := makeInvoice(t, s, c.ID, "FA-4", 9000)
	_, lines, _ := bankImport(t, s, credit("qif:x:1", 9000, "Lefèvre"), credit("qif:x:2", 123, "Loyer"))
	mustDo(t, s.PayFromBankLine(ctx, lines[0].ID, []BankPayment{{InvoiceID: inv.ID, Amount: 9000}}))
	mustDo(t, s.IgnoreBankLine(ctx, lines[1].ID))
	if open, _ := s.ListBankLinesToDecide(ctx); len(open) != 0 {
		t.Fatalf("%d lines still to decide", len(open))
	}
	mustDo(t, s.ReopenBankLine(ctx, lines[0].ID))
	if got := paidOn(t, s, inv.ID); got != 0 {
		t.Fatalf("reopened line left %v paid", got)
	}
	if open, _ := s.ListBankLinesToDecide(ctx); len(open) != 1 {
		t.Fatalf("%d lines to decide after reopening one", len(open))
	}
}

// paidOn is what the payments on an invoice add up to.
func paidOn(t *testing.T, s *Store, invoiceID int64) Money {
	t.Helper()
	list, err := s.ListPaymentsByInvoice(context.Background(), invoiceID)
	mustDo(t, err)
	var total Money
	for _, p := range list {
		total += p.Amount
	}
	return total
}
