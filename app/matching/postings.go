package matching

import "iter"

// postings maps keys (number keys, balances) to lists of invoice
// positions in ascending order, that is oldest due first. The lists are
// linked through one slice rather than held in a slice per key: indexing
// 100,000 invoices then costs a few large allocations, not 300,000
// small ones.
type postings[K comparable] struct {
	head map[K]int32
	next []int32 // by invoice position: the next one on the same list, or -1
}

func newPostings[K comparable](invoices int) postings[K] {
	return postings[K]{head: make(map[K]int32, invoices), next: make([]int32, invoices)}
}

// add puts pos first on k's list: adding the positions in descending
// order leaves every list ascending.
func (p *postings[K]) add(k K, pos int32) {
	p.next[pos] = -1
	if h, ok := p.head[k]; ok {
		p.next[pos] = h
	}
	p.head[k] = pos
}

// from yields the positions of the list that starts at h (none when h is
// -1).
func (p *postings[K]) from(h int32) iter.Seq[int32] {
	return func(yield func(int32) bool) {
		for ; h >= 0; h = p.next[h] {
			if !yield(h) {
				return
			}
		}
	}
}

// first is the head of k's list, or -1.
func (p *postings[K]) first(k K) int32 {
	if h, ok := p.head[k]; ok {
		return h
	}
	return -1
}

// count is the length of k's list, counted up to limit.
func (p *postings[K]) count(k K, limit int) int {
	n := 0
	for range p.from(p.first(k)) {
		if n++; n >= limit {
			break
		}
	}
	return n
}

// collect is the list that starts at h, as a slice.
func (p *postings[K]) collect(h int32) []int32 {
	var out []int32
	for pos := range p.from(h) {
		out = append(out, pos)
	}
	return out
}
