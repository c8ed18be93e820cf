package clients

import (
	"context"
	"testing"

	"relance/app/genbook/genbooktest"
	"relance/app/ui/uitest"
	"relance/data"
)

// BenchmarkClientList100k is what the client list does before it shows
// the 10,000 clients of the realistic 100,000-invoice book: read them with
// their totals, make their rows. Its floor, the same query read raw, is
// app/dunning's BenchmarkClientListRaw100k.
func BenchmarkClientList100k(b *testing.B) {
	uitest.LoadTranslations(b)
	store, err := data.Open(genbooktest.Cached(b, 100_000), data.WithClock(data.ClockOn(genbooktest.Today)))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	for b.Loop() {
		list, err := store.ListClientSummaries(ctx, genbooktest.Today)
		if err != nil {
			b.Fatal(err)
		}
		if rows := clientRows(list); len(rows) != 10_000 {
			b.Fatalf("%d clients", len(rows))
		}
	}
}
