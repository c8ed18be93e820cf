package matching

import (
	"iter"
	"slices"

	"relance/data"
)

// Bounds of the search for invoices adding up to a credit.
const (
	// maxSubset is the most invoices one credit is taken to pay together.
	maxSubset = 5
	// subsetWindow is how many of a client's oldest open invoices the
	// search looks at: a payer settling several invoices settles old ones,
	// and a client with 200 open invoices cannot blow the search up.
	subsetWindow = 40
	// maxNodes caps the search for one client, whatever the balances.
	maxNodes = 20000
	// pairClientMax is the most open invoices a client may have for its
	// pairs of invoices to be indexed, so that a credit no single invoice
	// explains is looked up among all such sums with no client to go on.
	pairClientMax = 12
	// maxAlone is how many clients an amount alone may point to.
	maxAlone = 5
)

// exactFor is the client's oldest open invoice whose balance is amount,
// or -1.
func (ix *Index) exactFor(client int32, amount data.Money) int32 {
	for _, p := range ix.clients[client].open {
		if ix.invoices[p].Outstanding == amount {
			return p
		}
	}
	return -1
}

// feesFor is the client's oldest open invoice whose balance is amount
// plus at most tolerance of bank fees, or -1.
func (ix *Index) feesFor(client int32, amount, tolerance data.Money) int32 {
	if tolerance <= 0 {
		return -1
	}
	for _, p := range ix.clients[client].open {
		if short := ix.invoices[p].Outstanding - amount; short > 0 && short <= tolerance {
			return p
		}
	}
	return -1
}

// oldestCovering is the client's oldest open invoices, as many as the
// amount reaches into (all when it pays more than the client owes).
func (ix *Index) oldestCovering(client int32, amount data.Money) []int32 {
	open := ix.clients[client].open
	for i, p := range open {
		amount -= ix.invoices[p].Outstanding
		if amount <= 0 {
			return open[: i+1 : i+1] // clipped: an append must not write into the list
		}
	}
	return open
}

// subsetFor is a set of minSize to maxSize of the client's oldest open
// invoices, those in skip left out, whose balances add up to amount,
// oldest first, or nil. The search goes through the oldest first, so that
// the set it finds is the oldest one, and stops after maxNodes steps.
func (ix *Index) subsetFor(client int32, amount data.Money, skip []int32, minSize, maxSize int) []int32 {
	window := make([]int32, 0, subsetWindow)
	for _, p := range ix.clients[client].open {
		if len(window) == subsetWindow {
			break
		}
		if !slices.Contains(skip, p) {
			window = append(window, p)
		}
	}
	s := subsetSearch{bal: make([]data.Money, len(window)), suffixMax: make([]data.Money, len(window)+1),
		minSize: minSize, maxSize: maxSize}
	for i, p := range window {
		s.bal[i] = ix.invoices[p].Outstanding
	}
	for i := len(window) - 1; i >= 0; i-- {
		s.suffixMax[i] = max(s.bal[i], s.suffixMax[i+1])
	}
	if !s.find(0, amount) {
		return nil
	}
	set := make([]int32, len(s.pick))
	for i, k := range s.pick {
		set[i] = window[k]
	}
	return set
}

// subsetSearch is a bounded depth-first search for balances adding up to
// an amount.
type subsetSearch struct {
	bal              []data.Money
	suffixMax        []data.Money // the largest balance from each index on
	minSize, maxSize int          // how many balances may make the amount
	pick             []int
	nodes            int
}

// find looks for balances from start on that add up to left with those
// picked already, minSize to maxSize in all.
func (s *subsetSearch) find(start int, left data.Money) bool {
	slots := s.maxSize - len(s.pick)
	if s.nodes >= maxNodes || slots <= 0 || left > data.Money(slots)*s.suffixMax[start] {
		return false
	}
	s.nodes++
	for i := start; i < len(s.bal); i++ {
		b := s.bal[i]
		if b > left || b == left && len(s.pick)+1 < s.minSize {
			continue // too much, or too few invoices
		}
		s.pick = append(s.pick, i)
		if b == left || s.find(i+1, left-b) {
			return true
		}
		s.pick = s.pick[:len(s.pick)-1]
	}
	return false
}

// pairs indexes the sums of two open invoices of each client owing at
// least two and at most pairClientMax. Each pair is a key, its sum in the
// high bits and its rank in refs in the low ones, so that sorting plain
// integers sorts the pairs by sum and, among equal sums, in the order
// they were listed: clients in order, their oldest invoices first.
type pairs struct {
	keys []uint64
	refs []pairRef
}

// pairRef is a pair: positions i < j in its client's open list.
type pairRef struct {
	client int32
	i, j   uint8
}

// Bits of a pair key. Sums of 2^39 cents (five billion euros) and more
// are not indexed, nor pairs past 2^24 (250,000 clients owing twelve).
const (
	pairRankBits = 24
	pairMaxSum   = 1 << (64 - pairRankBits - 1)
)

func buildPairs(ix *Index) pairs {
	var ps pairs
	for c := range ix.clients {
		open := ix.clients[c].open
		if len(open) < 2 || len(open) > pairClientMax {
			continue
		}
		for i := range open {
			for j := i + 1; j < len(open); j++ {
				sum := ix.invoices[open[i]].Outstanding + ix.invoices[open[j]].Outstanding
				if sum >= pairMaxSum || len(ps.refs) >= 1<<pairRankBits {
					continue
				}
				ps.keys = append(ps.keys, uint64(sum)<<pairRankBits|uint64(len(ps.refs)))
				ps.refs = append(ps.refs, pairRef{client: int32(c), i: uint8(i), j: uint8(j)})
			}
		}
	}
	slices.Sort(ps.keys)
	return ps
}

// withSum yields the pairs whose sum is amount, in their order.
func (ps *pairs) withSum(amount data.Money) iter.Seq[pairRef] {
	return func(yield func(pairRef) bool) {
		if amount <= 0 || amount >= pairMaxSum {
			return
		}
		start, _ := slices.BinarySearch(ps.keys, uint64(amount)<<pairRankBits)
		for _, k := range ps.keys[start:] {
			if k>>pairRankBits != uint64(amount) || !yield(ps.refs[k&(1<<pairRankBits-1)]) {
				return
			}
		}
	}
}

// amountHits are the clients an amount alone points to, each with the
// invoices it would pay.
type amountHits struct {
	sets    [][]int32 // one per client, in the order found
	clients int       // distinct clients found, those skipped included
}

// exactAlone finds the clients other than skip owing amount on one
// invoice (their oldest such), at most maxAlone. clients counts all the
// clients owing it, skip included, up to maxAlone+1: whether the amount
// is the only one of its kind is part of its weight.
func (ix *Index) exactAlone(amount data.Money, skip map[int32]bool) amountHits {
	var h amountHits
	seen := map[int32]bool{}
	for p := range ix.byAmount.from(ix.byAmount.first(amount)) {
		c := ix.clientOf(p)
		if seen[c] {
			continue
		}
		seen[c] = true
		h.clients++
		if !skip[c] {
			h.sets = append(h.sets, []int32{p})
		}
		if h.clients > maxAlone {
			break
		}
	}
	return h
}

// pairsAlone finds the clients other than skip owing amount on two
// invoices, through the index of pairs, at most maxAlone.
func (ix *Index) pairsAlone(amount data.Money, skip map[int32]bool) amountHits {
	var h amountHits
	seen := map[int32]bool{}
	for ps := range ix.pairs.withSum(amount) {
		if h.clients > maxAlone {
			break
		}
		if seen[ps.client] {
			continue
		}
		seen[ps.client] = true
		h.clients++
		if !skip[ps.client] {
			open := ix.clients[ps.client].open
			h.sets = append(h.sets, []int32{open[ps.i], open[ps.j]})
		}
	}
	return h
}
