package bankui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"relance/app/banking"
	"relance/app/ui/kit"
	"relance/app/ui/uitest"
	"relance/data"
	"relance/data/imports/bank"
)

// bankUI is a test window the Bank screen lives in.
type bankUI struct {
	*uitest.Host
}

func (u *bankUI) Banking() *banking.Service { return u.Services.Banking }

// newBankScreen opens the screen over a book where Café Durand owes
// FA-0103, and Martin and Roux owe 450 € each, after a statement came in.
func newBankScreen(t *testing.T) (*bankUI, *Screen) {
	t.Helper()
	u := &bankUI{Host: uitest.NewHost(t)}
	st := u.Services.Store
	durand := uitest.Client(t, st, data.Client{Name: "Café Durand"})
	martin := uitest.Client(t, st, data.Client{Name: "Boulangerie Martin"})
	roux := uitest.Client(t, st, data.Client{Name: "Garage Roux"})
	uitest.Invoice(t, st, durand.ID, "FA-2026-0103", "2026-10-31", 120000)
	uitest.Invoice(t, st, martin.ID, "FA-2026-0120", "2026-10-31", 45000)
	uitest.Invoice(t, st, roux.ID, "FA-2026-0121", "2026-10-31", 45000)
	d := data.MustDate
	_, err := u.Banking().Import(context.Background(), bank.Statement{File: "releve.xml", Lines: []bank.Line{
		{ID: "camt:1", FileLine: 1, Booked: d("2026-11-20"), Amount: 120000, Name: "SARL CAFE DURAND", Label: "VIR FA-2026-0103"},
		{ID: "camt:2", FileLine: 2, Booked: d("2026-11-21"), Amount: 45000, Label: "VIREMENT RECU"},
		{ID: "camt:3", FileLine: 3, Booked: d("2026-11-22"), Amount: 98765, Name: "PRET BANCAIRE", Label: "DEBLOCAGE PRET"},
	}}, banking.Options{})
	uitest.Must(t, err)
	s := New(u)
	u.Show(s)
	return u, s
}

func (u *bankUI) paid(t *testing.T, number string) data.Money {
	t.Helper()
	inv, err := u.Services.Store.GetInvoiceByNumber(context.Background(), number)
	uitest.Must(t, err)
	list, err := u.Services.Store.ListPaymentsByInvoice(context.Background(), inv.ID)
	uitest.Must(t, err)
	var total data.Money
	for _, p := range list {
		total += p.Amount
	}
	return total
}

// TestBankScreenConfirmsTheSureAndLeavesTheAmbiguous: the bulk
// confirmation records the invoice named in its label, not the credit
// that Martin or Roux may have made, which stays shown as ambiguous.
func TestBankScreenConfirmsTheSureAndLeavesTheAmbiguous(t *testing.T) {
	u, s := newBankScreen(t)
	if len(s.items) != 3 || !uitest.LabelContains(s.View(), lang.N("bank.summary", 3, map[string]any{"Count": 3})) {
		t.Fatalf("%d lines shown", len(s.items))
	}
	if !s.items[1].Proposal.Ambiguous {
		t.Fatalf("the 450 € credit is not ambiguous: %+v", s.items[1].Proposal)
	}
	test.Tap(s.confirm)
	test.Tap(uitest.FindButton(t, u.Top(), lang.L("Yes")))
	if got := u.paid(t, "FA-2026-0103"); got != 120000 {
		t.Fatalf("FA-2026-0103 paid %v after the bulk confirmation", got)
	}
	if u.paid(t, "FA-2026-0120")+u.paid(t, "FA-2026-0121") != 0 {
		t.Fatal("the ambiguous credit was recorded")
	}
	if len(s.items) != 2 || s.items[0].Line.Amount != 45000 {
		t.Fatalf("after the confirmation, %d lines shown", len(s.items))
	}
}

// TestBankScreenChooseByTheSearch: the owner searches "martin", picks
// his invoice, records; the line leaves the screen.
func TestBankScreenChooseByTheSearch(t *testing.T) {
	u, s := newBankScreen(t)
	c := s.onChoose(s.items[1])
	if u.Top() == s.View() {
		t.Fatal("no dialog opened")
	}
	test.Type(c.search, "martin")
	if len(c.found) != 1 || c.found[0].Number != "FA-2026-0120" {
		t.Fatalf("search found %+v", c.found)
	}
	c.results.Select(0)
	if len(c.chosen) != 1 || c.chosen[0].amount.Text != kit.InputMoney(45000) {
		t.Fatalf("chosen %d invoices, amount %q", len(c.chosen), c.chosen[0].amount.Text)
	}
	test.Tap(c.save)
	if got := u.paid(t, "FA-2026-0120"); got != 45000 {
		t.Fatalf("Martin paid %v", got)
	}
	if len(s.items) != 2 {
		t.Fatalf("%d lines left, want 2", len(s.items))
	}
}

// TestBankScreenSplitRefusesMoreThanTheCredit: a split over the credit
// is refused with a message and Record stays off.
func TestBankScreenSplitRefusesMoreThanTheCredit(t *testing.T) {
	u, s := newBankScreen(t)
	c := s.onChoose(s.items[1])
	for _, o := range s.open {
		if o.Number != "FA-2026-0103" {
			c.add(o, 0)
		}
	}
	if len(c.chosen) != 2 {
		t.Fatalf("chosen %d invoices, want Martin's and Roux's", len(c.chosen))
	}
	c.chosen[0].amount.SetText("300,00")
	c.chosen[1].amount.SetText("300,00")
	if !c.save.Disabled() || !c.errText.Visible() {
		t.Fatalf("a split of 600 € of a 450 € credit can be recorded (error %q)", c.errText.Text)
	}
	c.chosen[1].amount.SetText("150,00")
	if c.save.Disabled() {
		t.Fatalf("a split of 300 + 150 € of a 450 € credit is refused: %q", c.errText.Text)
	}
	test.Tap(c.save)
	if u.paid(t, "FA-2026-0120") != 30000 || u.paid(t, "FA-2026-0121") != 15000 {
		t.Fatalf("split recorded %v and %v", u.paid(t, "FA-2026-0120"), u.paid(t, "FA-2026-0121"))
	}
}

// TestBankScreenSetsALineAside: a loan is not a customer payment.
func TestBankScreenSetsALineAside(t *testing.T) {
	_, s := newBankScreen(t)
	s.onIgnore(s.items[2])
	for _, it := range s.items {
		if it.Line.Amount == 98765 {
			t.Fatal("the line set aside is still shown")
		}
	}
}

// TestBankScreenUndoesAStatement: the history offers the undo while
// nothing happened since; the payments recorded from the statement go.
func TestBankScreenUndoesAStatement(t *testing.T) {
	u, s := newBankScreen(t)
	s.onConfirm(s.items[0])
	if u.paid(t, "FA-2026-0103") != 120000 {
		t.Fatal("the confirmation recorded nothing")
	}
	s.onHistory()
	test.Tap(uitest.FindButton(t, u.Top(), lang.L("bank.undo")))
	test.Tap(uitest.FindButton(t, u.Top(), lang.L("Yes")))
	if got := u.paid(t, "FA-2026-0103"); got != 0 {
		t.Fatalf("after the undo, FA-2026-0103 paid %v", got)
	}
	if len(s.items) != 0 || !s.empty.Visible() {
		t.Fatalf("after the undo, %d lines shown", len(s.items))
	}
}

// TestBankScreenPlacesAReturn: a returned direct debit whose payment was
// typed by hand waits; the owner picks the payment, the invoice re-opens.
func TestBankScreenPlacesAReturn(t *testing.T) {
	u, s := newBankScreen(t)
	ctx := context.Background()
	inv, err := u.Services.Store.GetInvoiceByNumber(ctx, "FA-2026-0121")
	uitest.Must(t, err)
	p := data.Payment{InvoiceID: inv.ID, Date: data.MustDate("2026-11-05"), Amount: 45000, Method: "direct_debit"}
	uitest.Must(t, u.Services.Store.CreatePayment(ctx, &p))
	_, err = u.Banking().Import(ctx, bank.Statement{File: "releve-2.xml", Lines: []bank.Line{{ID: "camt:9", FileLine: 1,
		Booked: data.MustDate("2026-11-23"), Amount: -45000, Return: true, ReturnReason: "AM04"}}}, banking.Options{})
	uitest.Must(t, err)
	u.Show(s)
	var ret banking.Item
	for _, it := range s.items {
		if it.Line.Return {
			ret = it
		}
	}
	if !ret.Line.Return {
		t.Fatal("the return is not shown")
	}
	s.onChooseReturned(ret)
	test.Tap(uitest.FindButton(t, u.Top(), lang.L("bank.return_choice", map[string]any{"Date": kit.Date(p.Date),
		"Amount": kit.Money(p.Amount), "Number": "FA-2026-0121", "Client": "Garage Roux"})))
	if got := u.paid(t, "FA-2026-0121"); got != 0 {
		t.Fatalf("after the return, FA-2026-0121 paid %v", got)
	}
}
