package drafting

import (
	"slices"
	"strings"
	"testing"

	"relance/data"
	"relance/documents"
)

// A small book as of 2026-11-24: Boulangerie Martin (French) owes FA-101,
// 1 250 € due 30 Sep, 250 € paid on 15 Oct, first reminder on 7 Oct; FA-102,
// 480,50 € due 31 Oct; FA-103, 300 € due 15 Dec (not due). Dunmore Ltd
// (English) owes FA-201, 2 000 € due 10 Nov.
type contextBook struct {
	*book
	martin, dunmore            data.Client
	fa101, fa102, fa103, fa201 data.Invoice
}

func newContextBook(t *testing.T) *contextBook {
	b := &contextBook{book: newBook(t, "2026-11-24")}
	b.martin = b.client("Boulangerie Martin", data.Commercial)
	b.dunmore = b.client("Dunmore Ltd", data.Commercial)
	b.dunmore.Language = "en"
	if err := b.store.UpdateClient(b.ctx, &b.dunmore); err != nil {
		t.Fatal(err)
	}
	b.fa101 = b.invoice(b.martin, "FA-101", "2026-09-30", data.Euros(1250, 0))
	b.fa102 = b.invoice(b.martin, "FA-102", "2026-10-31", data.Euros(480, 50))
	b.fa103 = b.invoice(b.martin, "FA-103", "2026-12-15", data.Euros(300, 0))
	b.fa201 = b.invoice(b.dunmore, "FA-201", "2026-11-10", data.Euros(2000, 0))
	b.pay(b.fa101, "2026-10-15", data.Euros(250, 0))
	b.done(b.fa101, "reminder_1", "2026-10-07")
	return b
}

func (b *contextBook) context(inv data.Invoice) *documents.Context {
	b.t.Helper()
	c, err := DocumentContext(b.ctx, b.store, b.svc, inv.ID, data.MustDate("2026-11-24"))
	if err != nil {
		b.t.Fatal(err)
	}
	return c
}

// The context of an overdue invoice lists the client's overdue invoices,
// oldest first, what was paid, the reminders sent, 8 days to pay, and the
// statements of its invoices summed up.
func TestDocumentContextOfAnOverdueInvoice(t *testing.T) {
	b := newContextBook(t)
	c := b.context(b.fa101)
	var numbers []string
	for _, l := range c.Invoices {
		numbers = append(numbers, l.Number)
	}
	today := data.MustDate("2026-11-24")
	if strings.Join(numbers, ",") != "FA-101,FA-102" || c.Paid != data.Euros(250, 0) || c.Lang != "fr" ||
		c.Client.ID != b.martin.ID || c.PaymentReference != "FA-101" || c.DeadlineDays != 8 ||
		c.Deadline != today.AddDays(8) || !slices.Equal(c.EarlierReminders, []data.Date{data.MustDate("2026-10-07")}) {
		t.Fatalf("context: invoices %v, paid %v, lang %s, ref %s, deadline %d %s, reminders %v", numbers, c.Paid, c.Lang,
			c.PaymentReference, c.DeadlineDays, c.Deadline, c.EarlierReminders)
	}
	var want, principal data.Money
	for _, inv := range []data.Invoice{b.fa101, b.fa102} {
		r, err := b.svc.Statement(b.ctx, inv.ID, today)
		if err != nil {
			t.Fatal(err)
		}
		want += r.Statement.Total
		principal += r.Statement.Outstanding
	}
	st := c.Statement
	if st == nil {
		t.Fatal("no statement for an overdue invoice")
	}
	// The 250 € paid on FA-101 went to its penalties first (Code civil
	// 1343-1), so more principal is claimed than the 1,480.50 € the
	// invoice table shows.
	if st.Total != want || st.Outstanding != principal || principal <= data.Euros(1480, 50) || st.Indemnity != data.Euros(80, 0) ||
		len(st.Rows) < 2 || !strings.Contains(st.Basis, "Banque centrale européenne") {
		t.Fatalf("statement: total %v want %v, principal %v want %v, indemnity %v, %d rows, basis %q", st.Total, want,
			st.Outstanding, principal, st.Indemnity, len(st.Rows), st.Basis)
	}
}

// Before its due date an invoice is listed alone, with no statement and no
// reminder.
func TestDocumentContextBeforeTheDueDate(t *testing.T) {
	b := newContextBook(t)
	c := b.context(b.fa103)
	if len(c.Invoices) != 1 || c.Invoices[0].Number != "FA-103" || c.Statement != nil || len(c.EarlierReminders) != 0 {
		t.Errorf("not-due context: %+v", c.Invoices)
	}
}

// A client who reads English gets an English statement.
func TestDocumentContextInTheClientsLanguage(t *testing.T) {
	b := newContextBook(t)
	c := b.context(b.fa201)
	if c.Lang != "en" || !strings.HasPrefix(c.Statement.Basis, "Late-payment penalties") {
		t.Errorf("English context: %s %q", c.Lang, c.Statement.Basis)
	}
}
