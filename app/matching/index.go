package matching

import (
	"cmp"
	"slices"
	"strings"

	"relance/data"
	"relance/data/imports/bank"
)

// Index is a book made ready for matching: its open invoices by number,
// loose number and balance, its clients by IBAN and name words, and the
// sums of two invoices of each client that owes few. NewIndex builds it
// once for a statement; Match then costs a few map lookups per line, so
// that the screen can match again one line the owner corrected. An Index
// is not changed after NewIndex: several goroutines may use one.
type Index struct {
	invoices  []Invoice // the open invoices, oldest due first
	clients   []clientEntry
	clientPos map[int64]int32

	strict   postings[string] // invoice positions by strict number key
	loose    postings[string] // by loose number key
	byAmount postings[data.Money]
	byIBAN   map[string][]int32 // client positions

	names nameIndex
	pairs pairs
}

// clientEntry is a client with its open invoices, oldest due first.
type clientEntry struct {
	client Client
	open   []int32
}

// NewIndex indexes the open invoices (Outstanding > 0; the others are
// left out) and the clients of book. Invoices of a client not in
// book.Clients are indexed under a client known by its ID only.
func NewIndex(book Book) *Index {
	ix := &Index{
		invoices:  openByDue(book.Invoices),
		clientPos: make(map[int64]int32, len(book.Clients)),
		byIBAN:    make(map[string][]int32, len(book.Clients)),
	}
	ix.strict = newPostings[string](len(ix.invoices))
	ix.loose = newPostings[string](len(ix.invoices))
	ix.byAmount = newPostings[data.Money](len(ix.invoices))
	for _, c := range book.Clients {
		ix.addClient(c)
	}
	for pos := range ix.invoices {
		ix.addToClient(int32(pos))
	}
	for pos := len(ix.invoices) - 1; pos >= 0; pos-- {
		ix.addInvoice(int32(pos))
	}
	ix.names = newNameIndex(ix.clients)
	ix.pairs = buildPairs(ix)
	return ix
}

// Match proposes, for each credit among lines and in their order, what it
// pays; debits get no proposal. It indexes book once: to match lines one
// by one, keep an Index.
func Match(lines []bank.Line, book Book, opts Options) []Proposal {
	ix := NewIndex(book)
	var out []Proposal
	for _, l := range lines {
		if l.Credit() {
			out = append(out, ix.Match(l, opts))
		}
	}
	return out
}

// openByDue is the invoices left to pay, oldest due date first (then
// oldest issued, then by number), so that every list built from it is in
// the order credits are allocated.
func openByDue(list []Invoice) []Invoice {
	open := make([]Invoice, 0, len(list))
	for _, inv := range list {
		if inv.Outstanding > 0 {
			open = append(open, inv)
		}
	}
	slices.SortFunc(open, byDue)
	return open
}

// byDue orders invoices by due date, then issue date, number and ID.
func byDue(a, b Invoice) int {
	if c := a.Due.Compare(b.Due); c != 0 {
		return c
	}
	if c := a.Issued.Compare(b.Issued); c != 0 {
		return c
	}
	return cmp.Or(strings.Compare(a.Number, b.Number), cmp.Compare(a.ID, b.ID))
}

// addClient records a client; a second entry with the same ID adds its
// payers to the first.
func (ix *Index) addClient(c Client) {
	pos, ok := ix.clientPos[c.ID]
	if !ok {
		pos = int32(len(ix.clients))
		ix.clientPos[c.ID] = pos
		ix.clients = append(ix.clients, clientEntry{client: Client{ID: c.ID, Name: c.Name}})
	}
	e := &ix.clients[pos]
	e.client.PayerNames = append(e.client.PayerNames, c.PayerNames...)
	for _, iban := range c.IBANs {
		if iban = compactIBAN(iban); iban != "" {
			e.client.IBANs = append(e.client.IBANs, iban)
			ix.byIBAN[iban] = appendOnce(ix.byIBAN[iban], pos)
		}
	}
}

// addToClient puts an open invoice on its client's list, creating a
// client known by its ID only when the book has none.
func (ix *Index) addToClient(pos int32) {
	id := ix.invoices[pos].ClientID
	c, ok := ix.clientPos[id]
	if !ok {
		ix.addClient(Client{ID: id})
		c = ix.clientPos[id]
	}
	ix.clients[c].open = append(ix.clients[c].open, pos)
}

// addInvoice records an open invoice under its number keys and its
// balance. Positions come in descending order (see postings.add).
func (ix *Index) addInvoice(pos int32) {
	inv := &ix.invoices[pos]
	ix.byAmount.add(inv.Outstanding, pos)
	strict, loose := numberKeys(inv.Number)
	if usableKey(strict) {
		ix.strict.add(strict, pos)
	}
	if usableKey(loose) {
		ix.loose.add(loose, pos)
	}
}

// clientOf is the position of an invoice's client.
func (ix *Index) clientOf(inv int32) int32 { return ix.clientPos[ix.invoices[inv].ClientID] }

// compactIBAN is an IBAN upper case without spaces.
func compactIBAN(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// appendOnce appends v unless it is already last (lists are built in
// order, so a repeat can only be the last one).
func appendOnce(list []int32, v int32) []int32 {
	if n := len(list); n > 0 && list[n-1] == v {
		return list
	}
	return append(list, v)
}
