package documents

import (
	"runtime"
	"sync"
	"testing"

	"relance/data"
)

// Benchmarks of DESIGN.md's targets: one reminder letter (embedded font,
// logo, signature and QR code) under 10 ms; 1,000 letters in one process
// under 5 s and 50 MB. Run with `make bench` or
// go test -tags migrated_fynedo -run '^$' -bench Letter -benchmem ./documents

// reminderLetter renders the first reminder of the test context.
func reminderLetter(b *testing.B) func(c *Context) {
	subject, body, err := DefaultTemplate("reminder_1", ChannelLetter, "fr")
	if err != nil {
		b.Fatal(err)
	}
	return func(c *Context) {
		r, err := Render(subject, body, c)
		if err == nil {
			_, err = Letter(c, r.Subject, r.Body, LetterOptions{Payment: true})
		}
		if err != nil {
			b.Error(err)
		}
	}
}

func BenchmarkReminderLetter(b *testing.B) {
	letter := reminderLetter(b)
	c := testContext("fr", data.Commercial)
	b.ReportAllocs()
	for b.Loop() {
		letter(c)
	}
}

// BenchmarkThousandLetters prints 1,000 different letters (each its own
// amount, hence its own QR code) one after the other, and reports the
// heap in use and the memory taken from the system at their peak.
func BenchmarkThousandLetters(b *testing.B) { thousandLetters(b, 1) }

// BenchmarkThousandLettersParallel is the same run on every core, as a
// batch print would.
func BenchmarkThousandLettersParallel(b *testing.B) { thousandLetters(b, runtime.GOMAXPROCS(0)) }

func thousandLetters(b *testing.B, workers int) {
	letter := reminderLetter(b)
	contexts := make([]*Context, 1000)
	for i := range contexts {
		c := testContext("fr", data.Commercial)
		c.Invoice.Amount += data.Money(i)
		c.Invoices[0].Amount, c.Invoices[0].Outstanding = c.Invoice.Amount, c.Invoice.Amount
		contexts[i] = c
	}
	var peakHeap, peakSys uint64
	var mu sync.Mutex
	sample := func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		mu.Lock()
		peakHeap, peakSys = max(peakHeap, m.HeapInuse), max(peakSys, m.Sys)
		mu.Unlock()
	}
	for b.Loop() {
		jobs := make(chan *Context)
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for c := range jobs {
					letter(c)
				}
			})
		}
		for i, c := range contexts {
			jobs <- c
			if i%50 == 0 {
				sample()
			}
		}
		close(jobs)
		wg.Wait()
		sample()
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/1000-letters")
	b.ReportMetric(float64(peakHeap)/(1<<20), "MB-heap-peak")
	b.ReportMetric(float64(peakSys)/(1<<20), "MB-sys-peak")
}
