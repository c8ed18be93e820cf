package invoices

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/lang"

	"relance/app/ui/kit"
	"relance/app/ui/uitest"
	"relance/data"
)

// TestInvoicePageSaysItsDiscount: an invoice issued under an early-payment
// discount rule says its terms (rate, last day) on its page; one issued
// before the rule says nothing of it.
func TestInvoicePageSaysItsDiscount(t *testing.T) {
	b := newInvoiceBook(t)
	ctx := context.Background()
	co, err := b.store.GetCompany(ctx)
	must(t, err)
	co.EarlyDiscount = data.EarlyDiscount{Rate: 200, Days: 10}
	must(t, b.store.UpdateCompany(ctx, &co))
	before, err := b.store.GetInvoice(ctx, b.ids["FA-2026-0001"])
	must(t, err)
	inv := data.Invoice{Number: "FA-2026-0900", ClientID: before.ClientID, IssueDate: testDay,
		DueDate: testDay.AddDays(30), Amount: 120000}
	must(t, b.store.CreateInvoice(ctx, &inv))
	b.ids[inv.Number] = inv.ID
	d := b.openDetail(t, inv.Number)
	terms := lang.L("invoices.detail.discount_terms", map[string]any{"Rate": kit.RatePercent(200),
		"Deadline": kit.Date(testDay.AddDays(20))})
	if !uitest.LabelContains(d.content, terms) {
		t.Fatalf("the page does not say %q", terms)
	}
	d = b.openDetail(t, "FA-2026-0001")
	if uitest.LabelContains(d.content, lang.L("invoices.detail.discount")) {
		t.Fatal("an invoice issued before the rule shows a discount")
	}
}
