package fec

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"relance/data"
	"relance/data/imports"
)

// settle nets every client's credits against its invoices and puts in b
// the clients that owe or are owed, their balances, their open invoices
// and the credit notes applied to these.
//
// The rules, client by client:
//
//   - Invoices are the debit lines, one per PieceRef (several debit lines
//     with one PieceRef are one invoice: instalments, 411 and 416 parts).
//     À-nouveaux are no different: they carry last year's open invoices.
//   - The lines of one écriture that cancel each other out on the client
//     (the debt moved from 411 to 416 when the client turns doubtful) are
//     left out: they neither pay an invoice nor make a new one.
//   - A lettrage group (lines sharing an EcritureLet) is netted first, on
//     its own: the accountant matched its credits with its invoices. A
//     group that adds up to zero is settled; one that does not (partial
//     lettrage) leaves its invoices partly open, or credits over.
//   - Then the unlettered credits, with what the groups left over, are
//     applied to the invoices still open: first to the invoice a credit
//     names (its PieceRef is the invoice number: the debtor said what it
//     paid), then to the oldest invoices first, the imputation of article
//     1342-10 of the Code civil when the debtor does not say.
//
// So what is left open adds up to the client's balance whenever it is
// not negative; a client in credit has no open invoice.
func (l *ledger) settle(b *imports.Batch) {
	order, starts := l.byClient()
	s := settler{entries: &l.entries, sales: l.salesJournals(), file: b.Files[0]}
	for c := range l.clients {
		info := &l.clients[c]
		balance := info.debits - info.credits
		if balance == 0 {
			continue // all settled: nothing to chase, nothing to tell
		}
		b.Clients = append(b.Clients, imports.Client{Key: info.key, File: s.file, Line: info.line, Name: info.name})
		b.Balances[info.key] = balance
		if balance > 0 {
			s.settleClient(info.key, order[starts[c]:starts[c+1]], b)
		}
	}
	slices.SortStableFunc(b.Invoices, func(x, y imports.Invoice) int { return cmp.Compare(x.Line, y.Line) })
	slices.SortStableFunc(b.CreditNotes, func(x, y imports.CreditNote) int { return cmp.Compare(x.Line, y.Line) })
	uniqueBankRefs(b.Invoices)
}

// uniqueBankRefs makes the payments' bank references unique in the batch.
// The book holds a bank reference once (the pipeline takes a payment
// whose reference it knows for one already recorded), but a FEC's is not
// unique: one credit pays two invoices, or a bank statement's number is
// the PieceRef of all its lines. The first payment keeps the reference,
// the next ones get "/2", "/3"...
func uniqueBankRefs(invoices []imports.Invoice) {
	seen := map[string]bool{}
	last := map[string]int{} // the last suffix given to a reference
	for i := range invoices {
		for k := range invoices[i].Payments {
			p := &invoices[i].Payments[k]
			base, ref := p.BankRef, p.BankRef
			for ref != "" && seen[ref] {
				last[base] = max(last[base], 1) + 1
				ref = base + "/" + strconv.Itoa(last[base])
			}
			seen[ref] = true
			p.BankRef = ref
		}
	}
}

// settler nets one client's lines; its slices are reused from one client
// to the next.
type settler struct {
	entries *entries
	sales   []bool // by journal: see salesJournals
	file    string // named on every record: the pipeline reports by it

	kept     []int          // the client's entries, transfers left out
	portions []portion      // its debit lines, by invoice number
	invoices []invoiceState // by number
	oldest   []int          // portions, oldest invoice first
	credits  []credit       // its credit lines
	pool     []credit       // the credits left for the oldest invoices
	applied  []application
}

// portion is a debit line: the part of an invoice it books.
type portion struct {
	entry, invoice int
	open           data.Money
}

// invoiceState is an invoice being netted: its portions are
// portions[from:to].
type invoiceState struct {
	number   string
	first    int // the entry of its first line
	from, to int
	amount   data.Money
}

// credit is a credit line and what is left of it to apply.
type credit struct {
	entry int
	left  data.Money
}

// application is a credit applied to an invoice.
type application struct {
	invoice, credit int // credit: an entry
	amount          data.Money
}

func (s *settler) settleClient(key string, lines []int, b *imports.Batch) {
	s.portions, s.invoices, s.credits = s.portions[:0], s.invoices[:0], s.credits[:0]
	s.pool, s.applied = s.pool[:0], s.applied[:0]
	for _, k := range s.dropTransfers(lines) {
		if e := s.entries.at(k); e.amount > 0 {
			s.portions = append(s.portions, portion{entry: k, open: e.amount})
		} else {
			s.credits = append(s.credits, credit{entry: k, left: -e.amount})
		}
	}
	s.buildInvoices()
	s.settleGroups()
	slices.SortFunc(s.pool, s.chronological)
	s.apply(s.oldest, s.pool, "")
	s.emit(key, b)
}

// dropTransfers leaves out the lines of an écriture that cancel each
// other out on this client.
func (s *settler) dropTransfers(lines []int) []int {
	s.kept = append(s.kept[:0], lines...)
	slices.SortFunc(s.kept, func(a, b int) int {
		return cmp.Or(cmp.Compare(s.entries.at(a).piece, s.entries.at(b).piece), cmp.Compare(a, b))
	})
	out := s.kept[:0]
	for i := 0; i < len(s.kept); {
		j := i + 1
		for j < len(s.kept) && s.entries.at(s.kept[j]).piece == s.entries.at(s.kept[i]).piece {
			j++
		}
		if !s.cancels(s.kept[i:j]) {
			out = append(out, s.kept[i:j]...) // copies down, within s.kept
		}
		i = j
	}
	slices.Sort(out) // back to file order
	return out
}

func (s *settler) cancels(run []int) bool {
	if len(run) < 2 || s.entries.at(run[0]).piece == 0 {
		return false
	}
	var sum data.Money
	for _, k := range run {
		sum += s.entries.at(k).amount
	}
	return sum == 0
}

// buildInvoices makes one invoice of the debit lines of each number, and
// orders the portions oldest invoice first.
func (s *settler) buildInvoices() {
	slices.SortFunc(s.portions, func(x, y portion) int {
		return cmp.Or(strings.Compare(s.entries.at(x.entry).ref, s.entries.at(y.entry).ref), cmp.Compare(x.entry, y.entry))
	})
	for i := 0; i < len(s.portions); {
		inv := invoiceState{number: s.entries.at(s.portions[i].entry).ref, first: s.portions[i].entry, from: i}
		for inv.to = i; inv.to < len(s.portions) && s.entries.at(s.portions[inv.to].entry).ref == inv.number; inv.to++ {
			s.portions[inv.to].invoice = len(s.invoices)
			inv.amount += s.portions[inv.to].open
		}
		s.invoices = append(s.invoices, inv)
		i = inv.to
	}
	s.oldest = s.oldest[:0]
	for i := range s.portions {
		s.oldest = append(s.oldest, i)
	}
	slices.SortFunc(s.oldest, func(a, b int) int {
		x, y := &s.invoices[s.portions[a].invoice], &s.invoices[s.portions[b].invoice]
		return cmp.Or(s.entries.at(x.first).issued.Compare(s.entries.at(y.first).issued),
			cmp.Compare(x.first, y.first), cmp.Compare(s.portions[a].entry, s.portions[b].entry))
	})
}

// settleGroups nets each lettrage group on its own; the credits it does
// not use up go to the pool, with the unlettered ones.
func (s *settler) settleGroups() {
	debits := s.lettered()
	credits := s.credits[:0:0]
	for _, c := range s.credits {
		if s.entries.at(c.entry).letter == "" {
			s.pool = append(s.pool, c)
		} else {
			credits = append(credits, c)
		}
	}
	slices.SortStableFunc(credits, func(x, y credit) int {
		return cmp.Or(strings.Compare(s.entries.at(x.entry).letter, s.entries.at(y.entry).letter), s.chronological(x, y))
	})
	for i, j := 0, 0; i < len(debits) || j < len(credits); {
		letter := s.nextLetter(debits, i, credits, j)
		di, cj := i, j
		for ; di < len(debits) && s.entries.at(s.portions[debits[di]].entry).letter == letter; di++ {
		}
		for ; cj < len(credits) && s.entries.at(credits[cj].entry).letter == letter; cj++ {
		}
		s.apply(debits[i:di], credits[j:cj], letter)
		i, j = di, cj
	}
}

// lettered is the lettered portions by code, oldest invoice first within
// each.
func (s *settler) lettered() []int {
	var out []int
	for _, p := range s.oldest {
		if s.entries.at(s.portions[p].entry).letter != "" {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b int) int {
		return strings.Compare(s.entries.at(s.portions[a].entry).letter, s.entries.at(s.portions[b].entry).letter)
	})
	return out
}

// nextLetter is the smaller of the codes the two lists are at.
func (s *settler) nextLetter(debits []int, i int, credits []credit, j int) string {
	switch {
	case i == len(debits):
		return s.entries.at(credits[j].entry).letter
	case j == len(credits):
		return s.entries.at(s.portions[debits[i]].entry).letter
	}
	return min(s.entries.at(s.portions[debits[i]].entry).letter, s.entries.at(credits[j].entry).letter)
}

func (s *settler) chronological(x, y credit) int {
	ex, ey := s.entries.at(x.entry), s.entries.at(y.entry)
	return cmp.Or(ex.date.Compare(ey.date), cmp.Compare(x.entry, y.entry))
}
