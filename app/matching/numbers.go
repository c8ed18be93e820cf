package matching

// maxSpan is how many consecutive tokens of a label may make one invoice
// number: "FA 2026 0103" is three, "F A 2026 01 03" five.
const maxSpan = 5

// numberHit is an open invoice a line names, and how.
type numberHit struct {
	inv int32
	ev  Evidence
}

// findNumbers lists the open invoices the line's label and reference
// name, by a valid RF reference or by number, each invoice once, in the
// order found.
func (ix *Index) findNumbers(texts ...string) []numberHit {
	var hits []numberHit
	seen := map[int32]bool{}
	add := func(invs []int32, ev Evidence) {
		for _, p := range invs {
			if !seen[p] {
				seen[p] = true
				ev.Number = ix.invoices[p].Number
				hits = append(hits, numberHit{inv: p, ev: ev})
			}
		}
	}
	for _, text := range texts {
		tokens := tokenize(text)
		for _, ref := range rfReferences(tokens) {
			add(ix.lookupNumber(ref[4:]), Evidence{Kind: EvidenceReference, Value: ref})
		}
		ix.scanTokens(tokens, func(invs []int32) { add(invs, Evidence{Kind: EvidenceNumber}) })
	}
	return hits
}

// lookupNumber is the invoices whose number is s, strictly or loosely.
func (ix *Index) lookupNumber(s string) []int32 {
	strict, loose := numberKeys(s)
	if h := ix.strict.first(strict); h >= 0 {
		return ix.strict.collect(h)
	}
	return ix.loose.collect(ix.loose.first(loose))
}

// scanTokens looks for invoice numbers in a label's tokens without going
// through the invoices: at each token, the spans of one to maxSpan tokens
// that start there are looked up, and the longest that names an invoice
// is taken before going on after it. A number split by the payer
// ("FA 2026 0103") is a span; one glued after a word ("FACT20260103")
// is looked up without the word too.
func (ix *Index) scanTokens(tokens []string, found func([]int32)) {
	var buf spanBuf
	for i := 0; i < len(tokens); {
		n, invs := ix.longestSpan(&buf, tokens[i], tokens[i+1:])
		if head := unglue(tokens[i]); head != "" {
			if m, other := ix.longestSpan(&buf, head, tokens[i+1:]); m > n {
				n, invs = m, other
			}
		}
		if n == 0 {
			i++
			continue
		}
		found(invs)
		i += n
	}
}

// spanBuf holds the keys of a span as it grows, reused from span to span.
type spanBuf struct{ strict, loose []byte }

// longestSpan is the number of tokens (first, then those of rest) of the
// longest span naming invoices, and the invoices; a strict match wins
// over a loose one.
func (ix *Index) longestSpan(buf *spanBuf, first string, rest []string) (int, []int32) {
	buf.strict, buf.loose = buf.strict[:0], buf.loose[:0]
	var nStrict, nLoose int
	var byStrict, byLoose int32
	for k := 0; k < maxSpan && k <= len(rest); k++ {
		tok := first
		if k > 0 {
			tok = rest[k-1]
		}
		buf.strict = append(buf.strict, tok...)
		buf.loose = appendLoose(buf.loose, tok)
		if len(buf.strict) > keyMaxLen {
			break
		}
		// Indexing the maps with string(bytes) does not copy the bytes.
		if h, ok := ix.strict.head[string(buf.strict)]; ok {
			nStrict, byStrict = k+1, h
		} else if h, ok := ix.loose.head[string(buf.loose)]; ok {
			nLoose, byLoose = k+1, h
		}
	}
	switch {
	case nStrict > 0:
		return nStrict, ix.strict.collect(byStrict)
	case nLoose > 0:
		return nLoose, ix.loose.collect(byLoose)
	}
	return 0, nil
}
