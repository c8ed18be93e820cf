package invoices

import (
	"context"
	"slices"
	"testing"

	"relance/app/genbook/genbooktest"
	"relance/data"
)

// TestUnpaidFiltersInSQLMatchTheRows checks, on a generated book with
// invoices paused, disputed and written off, that each unpaid filter the
// store reads in SQL (the rows the list shows first, and the counts) gives
// exactly the rows the list's own filter passes among every line.
func TestUnpaidFiltersInSQLMatchTheRows(t *testing.T) {
	ctx := context.Background()
	today := genbooktest.Today
	store, err := data.Open(genbooktest.Cached(t, 5000), data.WithClock(data.ClockOn(today)))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	unpaid, err := store.ListInvoiceLinesOf(ctx, data.UnpaidInvoiceLines)
	if err != nil {
		t.Fatal(err)
	}
	if len(unpaid) < 20 {
		t.Fatalf("%d unpaid invoices", len(unpaid))
	}
	// A paused invoice (one until yesterday, no longer), a paused client,
	// a dispute and a write-off, among the unpaid ones.
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(store.PauseInvoice(ctx, unpaid[0].ID, data.Date{}, "test"))
	must(store.PauseInvoice(ctx, unpaid[1].ID, today.AddDays(-1), "test"))
	must(store.PauseInvoice(ctx, unpaid[2].ID, today, "test"))
	client, err := store.GetClient(ctx, unpaid[3].ClientID)
	must(err)
	client.RemindersPaused = true
	must(store.UpdateClient(ctx, &client))
	must(store.SetInvoiceState(ctx, unpaid[4].ID, data.StateDisputed, "test"))
	must(store.SetInvoiceState(ctx, unpaid[5].ID, data.StateWrittenOff, "test"))

	company, err := store.GetCompany(ctx)
	must(err)
	all, err := store.ListInvoiceLines(ctx)
	must(err)
	rows := makeInvoiceRows(all, today, company.DueSoonDays)
	counts, err := store.CountUnpaidInvoices(ctx, today, company.DueSoonDays)
	must(err)
	for f := range invFilterCount {
		filter, ok := unpaidFilterOf(invoiceQuery{filter: f})
		if !ok {
			continue
		}
		var want []int64
		for _, r := range rows {
			if r.filters&(1<<f) != 0 {
				want = append(want, r.id)
			}
		}
		lines, err := store.ListUnpaidInvoiceLines(ctx, filter, today, company.DueSoonDays)
		must(err)
		got := make([]int64, len(lines))
		for i, l := range lines {
			got[i] = l.ID
		}
		if !slices.Equal(got, want) {
			t.Errorf("filter %s: the store reads %d invoices, the list's filter passes %d", invoiceFilterKeys[f], len(got), len(want))
		}
		if counts[filter] != len(want) {
			t.Errorf("filter %s: the store counts %d, the list's filter passes %d", invoiceFilterKeys[f], counts[filter], len(want))
		}
		if len(want) == 0 {
			t.Errorf("filter %s: no invoice in the test book", invoiceFilterKeys[f])
		}
	}
}
