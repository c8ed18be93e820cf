package fec

import "relance/data"

// entry is a receivable line kept for the netting, in as few bytes as
// its facts allow: a third of a million of them make a large FEC.
type entry struct {
	line    int
	amount  data.Money // debit less credit: > 0 a debit, < 0 a credit, never 0
	piece   uint64     // the écriture (pieceKey); 0: unknown
	ref     string     // PieceRef, else EcritureNum: the invoice, credit note or bank reference
	letter  string     // EcritureLet; "": open
	client  int32
	journal int32
	date    data.Date // EcritureDate
	issued  data.Date // PieceDate, else EcritureDate
	due     data.Date // the extra due-date column; zero: none
	avoir   bool      // the label says "avoir" (credit note)
}

// clientInfo is a client of the receivable accounts and its totals.
type clientInfo struct {
	key, name       string
	line            int
	debits, credits data.Money
}

// journalInfo counts a journal's receivable lines, which tells a sales
// journal from a bank one (see salesJournals).
type journalInfo struct {
	opening         bool
	debits, credits int
}

// maxTotal bounds what one client's debits (or credits) add up to, so
// that no sum of the netting overflows: 2^62 cents is far beyond any book.
const maxTotal = data.Money(1) << 62

// ledger is what the reader keeps of the file: the receivable lines, in
// file order, and the clients, journals and lettrage codes they name.
type ledger struct {
	entries   entries
	clients   []clientInfo
	clientAt  map[string]int32
	journals  []journalInfo
	journalAt map[string]int32
	letters   map[string]string // raw code -> the code, shared by its lines
}

func newLedger() ledger {
	return ledger{clientAt: map[string]int32{}, journalAt: map[string]int32{}, letters: map[string]string{}}
}

func (l *ledger) addClient(key string, line int) int32 {
	l.clientAt[key] = int32(len(l.clients))
	l.clients = append(l.clients, clientInfo{key: key, line: line})
	return int32(len(l.clients) - 1)
}

func (l *ledger) addJournal(code string, opening bool) int32 {
	l.journalAt[code] = int32(len(l.journals))
	l.journals = append(l.journals, journalInfo{opening: opening})
	return int32(len(l.journals) - 1)
}

// add keeps a line; false when its client's totals would pass maxTotal.
func (l *ledger) add(e entry) bool {
	c, j := &l.clients[e.client], &l.journals[e.journal]
	if e.amount > 0 {
		if c.debits > maxTotal-e.amount {
			return false
		}
		c.debits += e.amount
		j.debits++
	} else {
		if c.credits > maxTotal+e.amount {
			return false
		}
		c.credits -= e.amount
		j.credits++
	}
	l.entries.add(e)
	return true
}

// salesJournals tells, for each journal, whether client invoices are
// booked in it: it holds more receivable debits than credits (a bank
// journal holds more credits), and it is no opening journal, whose debits
// are last year's invoices carried forward.
func (l *ledger) salesJournals() []bool {
	out := make([]bool, len(l.journals))
	for i, j := range l.journals {
		out[i] = !j.opening && j.debits > j.credits
	}
	return out
}

// byClient orders the entries by client, in file order within each (a
// counting sort: one pass, no comparisons): the entries of client c are
// order[starts[c]:starts[c+1]].
func (l *ledger) byClient() (order, starts []int) {
	starts = make([]int, len(l.clients)+1)
	for i := range l.entries.n {
		starts[l.entries.at(i).client+1]++
	}
	for c := 1; c < len(starts); c++ {
		starts[c] += starts[c-1]
	}
	next := append([]int(nil), starts[:len(l.clients)]...)
	order = make([]int, l.entries.n)
	for i := range l.entries.n {
		c := l.entries.at(i).client
		order[next[c]] = i
		next[c]++
	}
	return order, starts
}

// entryBlock is how many entries a block of the ledger holds. The entries
// grow by blocks, which are never copied: a slice doubling as it grows
// would move tens of megabytes and, for a moment, hold them twice.
const entryBlock = 4096

// entries is the ledger's list of receivable lines, in blocks.
type entries struct {
	blocks [][]entry
	n      int
}

func (es *entries) add(e entry) {
	switch {
	case len(es.blocks) == 0:
		es.blocks = append(es.blocks, make([]entry, 0, 64)) // a small file stays small
	case len(es.blocks[len(es.blocks)-1]) == entryBlock:
		es.blocks = append(es.blocks, make([]entry, 0, entryBlock))
	}
	last := &es.blocks[len(es.blocks)-1]
	*last = append(*last, e)
	es.n++
}

// at is the i-th entry, 0 <= i < n.
func (es *entries) at(i int) *entry { return &es.blocks[i/entryBlock][i%entryBlock] }
