package dashboard

import (
	"context"
	"testing"

	"relance/app/genbook/genbooktest"
	"relance/data"
)

// BenchmarkDashboard100k is what the Dashboard screen waits for on the
// realistic book of 100,000 invoices over five years (mostly paid): the
// reads and the figures, the most late clients named. The goal is under 100 ms.
func BenchmarkDashboard100k(b *testing.B) {
	store, err := data.Open(genbooktest.Cached(b, 100_000), data.WithClock(data.ClockOn(genbooktest.Today)))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	ctx, today := context.Background(), genbooktest.Today
	for b.Loop() {
		f, err := Load(ctx, store, today)
		if err != nil {
			b.Fatal(err)
		}
		if f.Outstanding <= 0 || !f.DSOKnown || len(f.Late) != TopLate || f.Late[0].ClientName == "" {
			b.Fatalf("figures of a busy book: %+v", f)
		}
	}
}
