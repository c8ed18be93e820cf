package genbook

import (
	"math"
	"math/rand/v2"
)

// dice draws everything the generator decides from one seeded stream, in
// a fixed order: the same seed gives the same book.
type dice struct{ r *rand.Rand }

// streamKey tells this generator's stream from other uses of the seed.
const streamKey = 0x72656c616e6365 // "relance"

func newDice(seed uint64) *dice { return &dice{r: rand.New(rand.NewPCG(seed, streamKey))} }

// chance is true with probability p.
func (d *dice) chance(p float64) bool { return d.r.Float64() < p }

// intn is uniform in [0, n).
func (d *dice) intn(n int) int {
	if n <= 1 {
		return 0
	}
	return d.r.IntN(n)
}

// between is uniform in [lo, hi].
func (d *dice) between(lo, hi int) int { return lo + d.intn(hi-lo+1) }

// expo draws a whole number of days with an exponential distribution of
// the given mean: many short delays, a few long ones.
func (d *dice) expo(mean float64) int { return int(d.r.ExpFloat64() * mean) }

// logNormal draws around median with the spread sigma (log scale): prices
// and client sizes are skewed this way, many small and a few large.
func (d *dice) logNormal(median, sigma float64) float64 {
	return median * math.Exp(d.r.NormFloat64()*sigma)
}

// weighted picks an index with probability proportional to its weight.
func (d *dice) weighted(weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	u := d.r.Float64() * total
	for i, w := range weights {
		if u < w {
			return i
		}
		u -= w
	}
	return len(weights) - 1
}

// pick returns one of the strings.
func (d *dice) pick(list []string) string { return list[d.intn(len(list))] }
