package bank

import (
	"testing"
	"time"
)

func FuzzScratchHang(f *testing.F) {
	seedSamples(f, ".cfonb")
	f.Fuzz(func(t *testing.T, b []byte) {
		done := make(chan bool)
		go func() { ReadCFONB("fuzz.cfonb", b); looksLikeCFONB(b); close(done) }()
		select {
		case <-done:
		case <-time.After(3 * time.Second):
			t.Fatalf("hang on %q", b)
		}
	})
}
