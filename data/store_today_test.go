package data

import (
	"context"
	"testing"
)

func TestListClientsByIDs(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	a, b := makeClient(t, s, "atelier"), makeClient(t, s, "boulangerie")
	makeClient(t, s, "cordonnerie")
	got, err := s.ListClientsByIDs(ctx, []int64{b.ID, a.ID, 999})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[a.ID].Name != "atelier" || got[b.ID].Email != "compta@boulangerie.fr" {
		t.Fatalf("clients by id: %+v", got)
	}
	if none, err := s.ListClientsByIDs(ctx, nil); err != nil || len(none) != 0 {
		t.Fatalf("no ids: %+v, %v", none, err)
	}
}

func TestListLastPromisesByInvoices(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "atelier")
	first, second := makeInvoice(t, s, c.ID, "FA-1", 10000), makeInvoice(t, s, c.ID, "FA-2", 20000)
	for _, p := range []Promise{
		{InvoiceID: first.ID, MadeOn: MustDate("2026-03-05"), PromisedOn: MustDate("2026-03-10"), Amount: 10000},
		{InvoiceID: first.ID, MadeOn: MustDate("2026-03-12"), PromisedOn: MustDate("2026-03-20"), Amount: 5000},
		{InvoiceID: first.ID, MadeOn: MustDate("2026-03-01"), PromisedOn: MustDate("2026-03-04"), Amount: 10000},
	} {
		if err := s.CreatePromise(ctx, &p); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.ListLastPromisesByInvoices(ctx, []int64{first.ID, second.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[first.ID].PromisedOn != MustDate("2026-03-20") || got[first.ID].Amount != 5000 {
		t.Fatalf("last promises: %+v", got)
	}
}
