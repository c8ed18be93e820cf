package genbooktest

import (
	"context"
	"os"
	"testing"

	"relance/data"
)

func TestCachedGivesEachCallerItsOwnCopy(t *testing.T) {
	const invoices = 150
	first, second := Cached(t, invoices), Cached(t, invoices)
	if first == second {
		t.Fatalf("two callers got the same file %s", first)
	}
	for _, path := range []string{first, second} {
		store, err := data.Open(path, data.WithClock(data.ClockOn(Today)))
		if err != nil {
			t.Fatal(err)
		}
		lines, err := store.ListInvoiceLines(context.Background())
		store.Close()
		if err != nil || len(lines) != invoices {
			t.Fatalf("%s: %d invoices, %v", path, len(lines), err)
		}
	}
	src, err := cachedBook(invoices)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{src + "-wal", src + ".tmp"} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s left beside the cached book", f)
		}
	}
}
