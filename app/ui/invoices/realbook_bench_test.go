package invoices

import (
	"context"
	"testing"

	"relance/app/genbook/genbooktest"
	"relance/app/ui/uitest"
	"relance/data"
)

// BenchmarkOverdueList100k is what the invoice list does before it shows
// the overdue invoices of the realistic 100,000-invoice book (loadFirst):
// read the overdue invoices and the filters' counts, make their rows as of
// today, sort, filter. The rest of the book is read after they show. Its
// floor, the raw query reading the overdue rows alone, is app/dunning's
// BenchmarkOverdueRaw100k (the window's packages do not reach the
// database but through the store).
func BenchmarkOverdueList100k(b *testing.B) {
	uitest.LoadTranslations(b) // the rows' words, as the window has them
	path := genbooktest.Cached(b, 100_000)
	store, err := data.Open(path, data.WithClock(data.ClockOn(genbooktest.Today)))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	q := invoiceQuery{filter: invFilterOverdue, sortCol: colStatus, desc: true}
	for b.Loop() {
		rows, counts, err := loadFilterRows(ctx, store, data.OverdueLines, genbooktest.Today)
		if err != nil {
			b.Fatal(err)
		}
		v := invoiceRunQuery(rows, invoiceSortOrder(rows, q.sortCol), q)
		if len(v.shown) == 0 || len(v.shown) != counts[data.OverdueLines] {
			b.Fatalf("%d overdue invoices shown, %d counted", len(v.shown), counts[data.OverdueLines])
		}
	}
}
