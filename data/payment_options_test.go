package data

import (
	"context"
	"errors"
	"slices"
	"testing"
)

func TestPaymentLinkFromPattern(t *testing.T) {
	for _, tc := range []struct {
		pattern, number string
		due             Money
		want            string
	}{
		{"https://pay.example.com/pay?ref={{numero}}&amount={{montant_du}}", "FA-2026-0042", Euros(1250, 0),
			"https://pay.example.com/pay?ref=FA-2026-0042&amount=1250.00"},
		// A number with a space, a slash, an ampersand and an accent keeps
		// the address one valid link, in a query as in a path.
		{"https://pay.example.com/pay?ref={{numero}}&amount={{montant_du}}", "FA 12/3&b é", 1999,
			"https://pay.example.com/pay?ref=FA%2012%2F3%26b%20%C3%A9&amount=19.99"},
		{"https://pay.example.com/i/{{ numero }}/{{montant_du}}", "A+B", 5, "https://pay.example.com/i/A%2BB/0.05"},
		{"https://pay.example.com/fixed", "FA-1", 100, "https://pay.example.com/fixed"},
		{"  ", "FA-1", 100, ""},
	} {
		got, err := PaymentLink(tc.pattern, tc.number, tc.due)
		if err != nil || got != tc.want {
			t.Errorf("PaymentLink(%q, %q, %d) = %q, %v; want %q", tc.pattern, tc.number, tc.due, got, err, tc.want)
		}
	}
}

func TestPaymentLinkPatternRefused(t *testing.T) {
	for _, pattern := range []string{
		"https://pay.example.com/pay?ref={{invoice}}",       // unknown placeholder
		"http://pay.example.com/pay?ref={{numero}}",         // not https
		"pay.example.com/pay?ref={{numero}}",                // no scheme
		"https://pay.example.com/pay?ref={{numero}",         // brace left open
		"https://pay.example.com/pay?ref=numero}}",          // closed, never opened
		"https:///pay?ref={{numero}}",                       // no host
		"https://pay.example.com/pay?ref={{numero}} &x=1",   // a space
		"javascript:alert(1)//https://{{numero}}",           // not an address at all
		"https://user:secret@pay.example.com/?r={{numero}}", // credentials in the link
	} {
		_, err := PaymentLink(pattern, "FA-1", 100)
		fes := FieldErrorsOf(err)
		if len(fes) != 1 || fes[0].Field != "payment_link_pattern" || fes[0].Reason != ReasonLinkPattern {
			t.Errorf("PaymentLink(%q) error = %v, want a link_pattern error on payment_link_pattern", pattern, err)
		}
		c := DefaultCompany()
		c.Pay.LinkPattern = pattern
		if !errors.Is(c.Validate(), ErrInvalid) {
			t.Errorf("company with pattern %q validated", pattern)
		}
	}
	_, err := PaymentLink("https://pay.example.com/?r={{nom}}", "FA-1", 100)
	if fes := FieldErrorsOf(err); len(fes) != 1 || fes[0].Value != "{{nom}}" {
		t.Errorf("the error should name the unknown placeholder: %v", err)
	}
}

func TestPaymentOptionsAndDiscountStored(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	c, err := s.GetCompany(ctx)
	mustDo(t, err)
	c.Pay = PaymentOptions{LinkPattern: " https://pay.example.com/{{numero}} ", ChequePayee: "Atelier Martin",
		ChequeAddress: "3 rue des Lilas\n69003 Lyon", DirectDebit: "Prélèvement SEPA sur demande de mandat."}
	c.EarlyDiscount = EarlyDiscount{Rate: 150, Days: 10}
	mustDo(t, s.UpdateCompany(ctx, &c))
	got, err := s.GetCompany(ctx)
	mustDo(t, err)
	if got.Pay != (PaymentOptions{LinkPattern: "https://pay.example.com/{{numero}}", ChequePayee: "Atelier Martin",
		ChequeAddress: "3 rue des Lilas\n69003 Lyon", DirectDebit: "Prélèvement SEPA sur demande de mandat."}) {
		t.Errorf("payment options read back as %+v", got.Pay)
	}
	if got.EarlyDiscount != (EarlyDiscount{Rate: 150, Days: 10, Since: testDay}) {
		t.Errorf("discount read back as %+v, want it in force from today", got.EarlyDiscount)
	}
	for _, bad := range []EarlyDiscount{{Rate: 150}, {Days: 10}, {Rate: 6000, Days: 10}, {Rate: 100, Days: -1}} {
		c.EarlyDiscount = bad
		fes := FieldErrorsOf(s.UpdateCompany(ctx, &c))
		if len(fes) == 0 {
			t.Errorf("discount %+v accepted", bad)
		}
	}
}

// discountBook is a company granting 2 % for a payment 10 days before the
// due date, in force from testDay, and an invoice of 1,000.00 € issued on
// testDay, due 30 days later (deadline: 20 days after testDay).
func discountBook(t *testing.T) (*Store, Invoice) {
	t.Helper()
	s := newTestStore(t)
	ctx := context.Background()
	c, err := s.GetCompany(ctx)
	mustDo(t, err)
	c.EarlyDiscount = EarlyDiscount{Rate: 200, Days: 10}
	mustDo(t, s.UpdateCompany(ctx, &c))
	cl := makeClient(t, s, "Escompte")
	inv := Invoice{Number: "FA-E1", ClientID: cl.ID, IssueDate: testDay, DueDate: testDay.AddDays(30), Amount: Euros(1000, 0)}
	mustDo(t, s.CreateInvoice(ctx, &inv))
	got, err := s.GetInvoice(ctx, inv.ID)
	mustDo(t, err)
	if got.Discount != (EarlyDiscount{Rate: 200, Days: 10}) || got.DiscountDeadline() != testDay.AddDays(20) ||
		got.DiscountAmount() != Euros(20, 0) {
		t.Fatalf("invoice terms %+v, deadline %s, discount %d", got.Discount, got.DiscountDeadline(), got.DiscountAmount())
	}
	return s, got
}

func TestEarlyDiscountGrantedToAPaymentInTime(t *testing.T) {
	s, inv := discountBook(t)
	ctx := context.Background()
	// Paid on the deadline itself, the amount less 2 %.
	mustDo(t, s.CreatePayment(ctx, &Payment{InvoiceID: inv.ID, Date: inv.DiscountDeadline(), Amount: Euros(980, 0)}))
	notes, err := s.ListCreditNotesByInvoice(ctx, inv.ID)
	mustDo(t, err)
	if len(notes) != 1 || notes[0].Amount != Euros(20, 0) || !notes[0].EarlyPayment || notes[0].Date != inv.DiscountDeadline() {
		t.Fatalf("credit notes %+v, want one early-payment note of 20.00 on the deadline", notes)
	}
	owed, err := s.stillOwed(ctx, inv.ID)
	mustDo(t, err)
	after, err := s.GetInvoice(ctx, inv.ID)
	mustDo(t, err)
	if owed != 0 || after.CreditClosed {
		t.Errorf("balance %d, credit closed %v: the invoice should be paid, not cancelled", owed, after.CreditClosed)
	}
	if st := DeriveStatus(&after, after.Amount-owed, testDay, 7); st.Open() {
		t.Errorf("status %+v: the invoice is still open", st)
	}
	// Another payment changes nothing: the discount is granted once.
	mustDo(t, s.CreatePayment(ctx, &Payment{InvoiceID: inv.ID, Date: testDay, Amount: 100}))
	if notes, _ := s.ListCreditNotesByInvoice(ctx, inv.ID); len(notes) != 1 {
		t.Errorf("%d credit notes after a second payment", len(notes))
	}
}

func TestEarlyDiscountInTwoPaymentsAndFromTheBankPath(t *testing.T) {
	s, inv := discountBook(t)
	ctx := context.Background()
	mustDo(t, s.CreatePayment(ctx, &Payment{InvoiceID: inv.ID, Date: testDay.AddDays(2), Amount: Euros(500, 0)}))
	if notes, _ := s.ListCreditNotesByInvoice(ctx, inv.ID); len(notes) != 0 {
		t.Fatalf("a partial payment earned a discount: %+v", notes)
	}
	// 480.50 more: 980.50 in all, 19.50 left, within the 20.00 discount.
	mustDo(t, s.CreatePayment(ctx, &Payment{InvoiceID: inv.ID, Date: testDay.AddDays(5), Amount: 48050}))
	notes, err := s.ListCreditNotesByInvoice(ctx, inv.ID)
	mustDo(t, err)
	if len(notes) != 1 || notes[0].Amount != 1950 {
		t.Fatalf("credit notes %+v, want 19.50 (what was left)", notes)
	}
}

func TestEarlyDiscountRefusedAfterTheDeadline(t *testing.T) {
	s, inv := discountBook(t)
	ctx := context.Background()
	mustDo(t, s.CreatePayment(ctx, &Payment{InvoiceID: inv.ID, Date: inv.DiscountDeadline().AddDays(1), Amount: Euros(980, 0)}))
	notes, err := s.ListCreditNotesByInvoice(ctx, inv.ID)
	mustDo(t, err)
	owed, err2 := s.stillOwed(ctx, inv.ID)
	mustDo(t, err2)
	if len(notes) != 0 || owed != Euros(20, 0) {
		t.Errorf("late payment: credit notes %+v, balance %d; want none and 20.00 still owed", notes, owed)
	}
	// Nor does a payment short of the amount less the discount, in time.
	s2, inv2 := discountBook(t)
	mustDo(t, s2.CreatePayment(ctx, &Payment{InvoiceID: inv2.ID, Date: testDay, Amount: Euros(979, 99)}))
	if notes, _ := s2.ListCreditNotesByInvoice(ctx, inv2.ID); len(notes) != 0 {
		t.Errorf("a payment short of 980.00 earned the discount: %+v", notes)
	}
}

func TestEarlyDiscountFollowsTheRuleAtIssue(t *testing.T) {
	s, _ := discountBook(t)
	ctx := context.Background()
	cl := makeClient(t, s, "Ancien")
	// Issued before the rule took effect: its terms stated no discount.
	old := Invoice{Number: "FA-OLD", ClientID: cl.ID, IssueDate: testDay.AddDays(-1), DueDate: testDay.AddDays(29), Amount: Euros(1000, 0)}
	mustDo(t, s.CreateInvoice(ctx, &old))
	mustDo(t, s.CreatePayment(ctx, &Payment{InvoiceID: old.ID, Date: testDay, Amount: Euros(980, 0)}))
	if notes, _ := s.ListCreditNotesByInvoice(ctx, old.ID); len(notes) != 0 || old.Discount.On() {
		t.Errorf("an invoice issued before the rule got a discount: %+v %+v", old.Discount, notes)
	}
	// Turning the rule off later leaves FA-E1's terms as they were.
	c, err := s.GetCompany(ctx)
	mustDo(t, err)
	c.EarlyDiscount = EarlyDiscount{}
	mustDo(t, s.UpdateCompany(ctx, &c))
	inv, err := s.GetInvoiceByNumber(ctx, "FA-E1")
	mustDo(t, err)
	if inv.Discount != (EarlyDiscount{Rate: 200, Days: 10}) {
		t.Errorf("changing the rule changed an issued invoice's terms: %+v", inv.Discount)
	}
}

// TestEarlyDiscountFromABankLineAndWithdrawnWithItsPayment: a bank credit
// of the amount less the discount, booked in time, settles the invoice the
// same way; deleting that payment (a wrong match) takes the discount back,
// and the timeline says both.
func TestEarlyDiscountFromABankLineAndWithdrawnWithItsPayment(t *testing.T) {
	s, inv := discountBook(t)
	ctx := context.Background()
	line := credit("camt:E:1", Euros(980, 0), "ESCOMPTE SARL")
	line.Booked = inv.DiscountDeadline()
	_, lines, _ := bankImport(t, s, line)
	mustDo(t, s.PayFromBankLine(ctx, lines[0].ID, []BankPayment{{InvoiceID: inv.ID, Amount: Euros(980, 0)}}))
	notes, err := s.ListCreditNotesByInvoice(ctx, inv.ID)
	mustDo(t, err)
	if owed, _ := s.stillOwed(ctx, inv.ID); len(notes) != 1 || notes[0].Amount != Euros(20, 0) || owed != 0 {
		t.Fatalf("bank payment in time: credit notes %+v, balance %d", notes, owed)
	}
	payments, err := s.ListPaymentsByInvoice(ctx, inv.ID)
	mustDo(t, err)
	mustDo(t, s.DeletePayment(ctx, payments[0].ID))
	notes, err = s.ListCreditNotesByInvoice(ctx, inv.ID)
	mustDo(t, err)
	if owed, _ := s.stillOwed(ctx, inv.ID); len(notes) != 0 || owed != Euros(1000, 0) {
		t.Errorf("payment deleted: credit notes %+v, balance %d; want none and the whole amount owed", notes, owed)
	}
	events, err := s.ListEventsByInvoice(ctx, inv.ID)
	mustDo(t, err)
	var kinds []EventKind
	for _, e := range events {
		kinds = append(kinds, e.Kind)
	}
	if !slices.Contains(kinds, EventEarlyPayment) || !slices.Contains(kinds, EventEarlyPaymentRevoked) {
		t.Errorf("timeline kinds %v: want the discount granted, then withdrawn", kinds)
	}
}
