package matching

import (
	"slices"

	"relance/data"
	"relance/data/imports/bank"
)

// Ranking of a line's candidates.
const (
	// maxCandidates is how many readings of a line the screen shows.
	maxCandidates = 5
	// ambiguousGap is the score gap under which the two best candidates
	// are as likely as each other.
	ambiguousGap = 5
)

// Match proposes what one line pays. A debit gets a proposal without
// candidates.
func (ix *Index) Match(line bank.Line, opts Options) Proposal {
	p := Proposal{Line: line}
	if !line.Credit() {
		return p
	}
	m := lineMatch{ix: ix, opts: opts, credit: line.Amount, done: map[int32]bool{}}
	m.payers, m.payerOrder = ix.payers(line)
	m.numberCandidates(ix.findNumbers(line.Reference, line.Label))
	m.payerCandidates()
	if m.best < sureScore {
		m.amountCandidates()
	}
	p.Candidates, p.Ambiguous = rank(m.out)
	return p
}

// lineMatch is the matching of one line as it goes.
type lineMatch struct {
	ix         *Index
	opts       Options
	credit     data.Money
	payers     map[int32]*payer
	payerOrder []int32
	done       map[int32]bool // the clients with a candidate
	out        []Candidate
	best       int
}

// numberCandidates reads the invoices named on the line, one candidate per
// client they are of.
func (m *lineMatch) numberCandidates(hits []numberHit) {
	var order []int32
	byClient := map[int32][]numberHit{}
	for _, h := range hits {
		c := m.ix.clientOf(h.inv)
		if _, ok := byClient[c]; !ok {
			order = append(order, c)
		}
		byClient[c] = append(byClient[c], h)
	}
	for _, c := range order {
		m.numberCandidate(c, byClient[c])
	}
}

// numberCandidate reads a client's invoices named on the line: paid,
// paid less fees, part paid or overpaid by the credit.
func (m *lineMatch) numberCandidate(c int32, hits []numberHit) {
	slices.SortFunc(hits, func(a, b numberHit) int { return int(a.inv - b.inv) }) // due order
	invs := make([]int32, len(hits))
	var ev []Evidence
	for i, h := range hits {
		invs[i] = h.inv
		ev = append(ev, h.ev)
	}
	r, invs, fit := m.numberFit(c, invs)
	m.add(c, r, invs, append(ev, fit...))
}

// numberFit tells how the credit fits the named invoices. When it pays
// more, other invoices of the client adding up to the excess are taken
// in: a payer settling several invoices often writes only one number.
func (m *lineMatch) numberFit(c int32, invs []int32) (reading, []int32, []Evidence) {
	short := m.total(invs) - m.credit
	switch {
	case short == 0 && len(invs) == 1:
		return readNumberPaid, invs, []Evidence{{Kind: EvidenceAmount, Number: m.ix.invoices[invs[0]].Number}}
	case short == 0:
		return readNumberPaid, invs, []Evidence{{Kind: EvidenceAmountSum}}
	case short > 0 && short <= m.opts.FeeTolerance:
		last := m.ix.invoices[invs[len(invs)-1]]
		return readNumberFees, invs, []Evidence{{Kind: EvidenceFees, Number: last.Number, Amount: short}}
	case short > 0:
		return readNumberPartial, invs, nil
	}
	extra := m.ix.subsetFor(c, -short, invs, 1, maxSubset-len(invs))
	if extra == nil {
		return readNumberOverpaid, invs, nil
	}
	invs = append(invs, extra...)
	slices.Sort(invs)
	return readNumberSum, invs, []Evidence{{Kind: EvidenceAmountSum}}
}

// payerCandidates reads, for each client the payer points to and no
// number named, which of its invoices the credit pays: one by its exact
// balance, several adding up to it, one less fees, or else its oldest.
func (m *lineMatch) payerCandidates() {
	for _, c := range m.payerOrder {
		if m.done[c] || len(m.ix.clients[c].open) == 0 {
			continue
		}
		r, invs, ev := m.readPayer(c)
		m.add(c, r, invs, ev)
	}
}

func (m *lineMatch) readPayer(c int32) (reading, []int32, []Evidence) {
	ix := m.ix
	if p := ix.exactFor(c, m.credit); p >= 0 {
		return readAmount, []int32{p}, []Evidence{{Kind: EvidenceAmount, Number: ix.invoices[p].Number}}
	}
	if set := ix.subsetFor(c, m.credit, nil, 2, maxSubset); set != nil {
		return readSum, set, []Evidence{{Kind: EvidenceAmountSum}}
	}
	if p := ix.feesFor(c, m.credit, m.opts.FeeTolerance); p >= 0 {
		inv := ix.invoices[p]
		return readFees, []int32{p}, []Evidence{{Kind: EvidenceFees, Number: inv.Number, Amount: inv.Outstanding - m.credit}}
	}
	return readPayerOnly, ix.oldestCovering(c, m.credit), nil
}

// amountCandidates reads the credit as the balance of invoices of clients
// nothing else points to: one invoice's balance or, when no invoice in
// the book has it, two invoices of a client owing few.
func (m *lineMatch) amountCandidates() {
	owing := m.ix.byAmount.count(m.credit, 2)
	h, kind := m.ix.exactAlone(m.credit, m.done), EvidenceAmount
	single, one, shared := readAmount, readAmountOneClient, readAmountShared
	if owing == 0 {
		h, kind = m.ix.pairsAlone(m.credit, m.done), EvidenceAmountSum
		single, one, shared = readSum, readSum, readSumShared
	}
	r := shared
	switch {
	case h.clients == 1 && owing > 1:
		r = one
	case h.clients == 1:
		r = single
	}
	for _, set := range h.sets {
		ev := Evidence{Kind: kind}
		if len(set) == 1 {
			ev.Number = m.ix.invoices[set[0]].Number
		}
		m.add(m.ix.clientOf(set[0]), r, set, []Evidence{ev})
	}
}

// add makes a candidate of a reading: the credit allocated to the
// invoices in due order, the payer's evidence and what is left to pay or
// paid too much.
func (m *lineMatch) add(c int32, r reading, invs []int32, ev []Evidence) {
	p := m.payers[c]
	ev = append(ev, p.evidence()...)
	if r != readFees && r != readNumberFees {
		ev = append(ev, m.balanceEvidence(invs)...)
	}
	sortEvidence(ev)
	cand := Candidate{
		ClientID:    m.ix.clients[c].client.ID,
		Allocations: m.allocate(invs),
		Score:       score(r, p),
		Evidence:    ev,
	}
	m.done[c] = true
	m.best = max(m.best, cand.Score)
	m.out = append(m.out, cand)
}

// allocate shares the credit among invoices in their order, each getting
// its balance until the money runs out.
func (m *lineMatch) allocate(invs []int32) []Allocation {
	left := m.credit
	var out []Allocation
	for _, p := range invs {
		if left <= 0 {
			break
		}
		inv := m.ix.invoices[p]
		a := min(left, inv.Outstanding)
		out = append(out, Allocation{InvoiceID: inv.ID, Number: inv.Number, Amount: a})
		left -= a
	}
	return out
}

// balanceEvidence says what is left to pay on the invoices after the
// credit (the first not paid in full named), or by how much it pays too
// much.
func (m *lineMatch) balanceEvidence(invs []int32) []Evidence {
	total := m.total(invs)
	switch {
	case m.credit < total:
		ev := Evidence{Kind: EvidencePartial, Amount: total - m.credit}
		left := m.credit
		for _, p := range invs {
			if left -= m.ix.invoices[p].Outstanding; left < 0 {
				ev.Number = m.ix.invoices[p].Number
				break
			}
		}
		return []Evidence{ev}
	case m.credit > total:
		return []Evidence{{Kind: EvidenceOverpaid, Amount: m.credit - total}}
	}
	return nil
}

func (m *lineMatch) total(invs []int32) data.Money {
	var t data.Money
	for _, p := range invs {
		t += m.ix.invoices[p].Outstanding
	}
	return t
}

// sortEvidence puts the strongest kinds first, in the order of their
// declaration.
func sortEvidence(ev []Evidence) {
	order := [...]EvidenceKind{EvidenceNumber, EvidenceReference, EvidenceAmount, EvidenceAmountSum,
		EvidenceFees, EvidenceIBAN, EvidenceName, EvidenceNameNear, EvidencePartial, EvidenceOverpaid}
	slices.SortStableFunc(ev, func(a, b Evidence) int {
		return slices.Index(order[:], a.Kind) - slices.Index(order[:], b.Kind)
	})
}

// rank sorts candidates best first (in the order found among equals:
// numbers, then payers, then the oldest invoices), keeps maxCandidates,
// and tells whether the two best are too close to choose between while
// pointing to different invoices.
func rank(cands []Candidate) ([]Candidate, bool) {
	slices.SortStableFunc(cands, func(a, b Candidate) int { return b.Score - a.Score })
	cands = cands[:min(len(cands), maxCandidates)]
	ambiguous := len(cands) >= 2 && cands[0].Score-cands[1].Score <= ambiguousGap &&
		!sameInvoices(cands[0].Allocations, cands[1].Allocations)
	return cands, ambiguous
}

// sameInvoices reports whether two allocations go to the same invoices.
func sameInvoices(a, b []Allocation) bool {
	return slices.EqualFunc(a, b, func(x, y Allocation) bool { return x.InvoiceID == y.InvoiceID })
}
