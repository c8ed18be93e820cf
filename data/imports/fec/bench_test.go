package fec

import (
	"runtime"
	"sync"
	"testing"
	"time"
)

// BenchmarkRead1M reads a FEC of a million lines, generated as it is read
// (see generator), against DESIGN.md's target: under 10 s and 300 MB. The
// peak of the heap in use is sampled as it reads and reported as
// peak-heap-MB.
func BenchmarkRead1M(b *testing.B) {
	b.ReportAllocs()
	var peak uint64
	for b.Loop() {
		stop := sampleHeap(&peak)
		batch, err := Read("1M.txt", newGenerator(1_000_000, 42), Options{})
		stop()
		if err != nil || len(batch.Problems) > 0 || len(batch.Invoices) == 0 {
			b.Fatalf("err %v, %d problems, %d invoices", err, len(batch.Problems), len(batch.Invoices))
		}
		b.ReportMetric(float64(len(batch.Invoices)), "open-invoices")
		b.ReportMetric(float64(batch.Rows), "rows")
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// sampleHeap records into peak the most heap in use, every 10 ms, until
// the function it returns is called.
func sampleHeap(peak *uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			*peak = max(*peak, m.HeapInuse)
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}
