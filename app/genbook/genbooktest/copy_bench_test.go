package genbooktest

import (
	"context"
	"path/filepath"
	"testing"

	"relance/app/sharedbook/sharedbooktest"

	"relance/data"
)

// The move of a realistic book to a server and back (data.CopyBook), on
// the generated book of 100,000 invoices: into a new file, into a new
// database on the throwaway server of RELANCE_TEST_PG (make test-pg's
// .ci/pg.sh starts one; skipped without it), and from that server into a
// new file. Each reports the rows it copied per second.

func BenchmarkCopyBook100kToFile(b *testing.B) {
	from := openCached(b, 100_000)
	benchCopy(b, from, func(b *testing.B) *data.Store { return newFileBook(b) })
}

func BenchmarkCopyBook100kToServer(b *testing.B) {
	from := openCached(b, 100_000)
	benchCopy(b, from, newServerBook)
}

func BenchmarkCopyBook100kServerToFile(b *testing.B) {
	server := newServerBook(b)
	if _, err := data.CopyBook(context.Background(), openCached(b, 100_000), server, nil); err != nil {
		b.Fatal(err)
	}
	benchCopy(b, server, func(b *testing.B) *data.Store { return newFileBook(b) })
}

// benchCopy copies from into a new book of open's at each iteration.
func benchCopy(b *testing.B, from *data.Store, open func(b *testing.B) *data.Store) {
	b.Helper()
	ctx := context.Background()
	rows := 0
	for b.Loop() {
		b.StopTimer()
		to := open(b)
		b.StartTimer()
		report, err := data.CopyBook(ctx, from, to, nil)
		if err != nil {
			b.Fatal(err)
		}
		rows = report.Rows()
	}
	b.ReportMetric(float64(rows), "rows")
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func openCached(b *testing.B, invoices int) *data.Store {
	b.Helper()
	s, err := data.Open(Cached(b, invoices), data.WithClock(data.ClockOn(Today)))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

func newFileBook(b *testing.B) *data.Store {
	b.Helper()
	s, err := data.Open(filepath.Join(b.TempDir(), "relance.db"), data.WithClock(data.ClockOn(Today)))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// newServerBook is a new book in a database of its own on the test server
// (sharedbooktest), dropped at the end.
func newServerBook(b *testing.B) *data.Store {
	b.Helper()
	_, _, address := sharedbooktest.NewDatabase(b)
	s, err := data.OpenServer(context.Background(), address, data.WithClock(data.ClockOn(Today)))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}
