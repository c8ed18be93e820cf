package fec

import (
	"cmp"
	"slices"
	"strings"

	"relance/data"
	"relance/data/imports"
)

// apply nets credits against the portions of run (oldest invoice first):
// first each credit against the invoice it names, then what is left of
// them, in their order, against the oldest portions still open. letter is
// the lettrage group being netted, whose leftover credits go to the pool;
// "" is the pool itself, whose portions are all the client's.
func (s *settler) apply(run []int, credits []credit, letter string) {
	for i := range credits {
		credits[i].left = s.applyByRef(credits[i], letter)
	}
	next := 0
	for _, c := range credits {
		for c.left > 0 && next < len(run) {
			p := &s.portions[run[next]]
			if p.open == 0 {
				next++
				continue
			}
			c.left -= s.take(p, c.entry, c.left)
		}
		if c.left > 0 && letter != "" {
			s.pool = append(s.pool, c)
		}
	}
}

// applyByRef applies a credit to the invoice its reference names, within
// the group being netted; it returns what is left of the credit.
func (s *settler) applyByRef(c credit, letter string) data.Money {
	ref := s.entries.at(c.entry).ref
	i, found := slices.BinarySearchFunc(s.invoices, ref, func(inv invoiceState, ref string) int {
		return strings.Compare(inv.number, ref)
	})
	if !found {
		return c.left
	}
	inv := &s.invoices[i]
	for k := inv.from; k < inv.to && c.left > 0; k++ {
		p := &s.portions[k]
		if p.open > 0 && (letter == "" || s.entries.at(p.entry).letter == letter) {
			c.left -= s.take(p, c.entry, c.left)
		}
	}
	return c.left
}

// take applies at most most of a credit to a portion and records it; it
// returns the amount applied.
func (s *settler) take(p *portion, creditEntry int, most data.Money) data.Money {
	amount := min(most, p.open)
	p.open -= amount
	if n := len(s.applied); n > 0 && s.applied[n-1].invoice == p.invoice && s.applied[n-1].credit == creditEntry {
		s.applied[n-1].amount += amount
		return amount
	}
	s.applied = append(s.applied, application{invoice: p.invoice, credit: creditEntry, amount: amount})
	return amount
}

// emit puts the client's invoices left open in b, with the credits
// applied to them.
func (s *settler) emit(key string, b *imports.Batch) {
	slices.SortStableFunc(s.applied, func(x, y application) int { return cmp.Compare(x.invoice, y.invoice) })
	a := 0
	for i := range s.invoices {
		from := a
		for a < len(s.applied) && s.applied[a].invoice == i {
			a++
		}
		if open, due := s.openAndDue(i); open > 0 {
			b.Invoices = append(b.Invoices, s.invoice(key, i, open, due, s.applied[from:a], b))
		}
	}
}

// openAndDue is what an invoice still owes and when: the earliest due
// date of its portions still open (an instalment plan's next one), else
// of all of them.
func (s *settler) openAndDue(i int) (data.Money, data.Date) {
	inv := &s.invoices[i]
	var open data.Money
	var due, anyDue data.Date
	for _, p := range s.portions[inv.from:inv.to] {
		d := s.entries.at(p.entry).due
		if d.IsZero() {
			continue
		}
		if anyDue.IsZero() || d.Before(anyDue) {
			anyDue = d
		}
		if p.open > 0 && (due.IsZero() || d.Before(due)) {
			due = d
		}
	}
	for _, p := range s.portions[inv.from:inv.to] {
		open += p.open
	}
	if due.IsZero() {
		due = anyDue
	}
	return open, due
}

// invoice is an open invoice as the Batch gives it. The credits applied to
// it are its payments, or credit notes of the Batch (see isCreditNote).
func (s *settler) invoice(key string, i int, open data.Money, due data.Date, applied []application, b *imports.Batch) imports.Invoice {
	inv := &s.invoices[i]
	first := s.entries.at(inv.first)
	out := imports.Invoice{File: s.file, Line: first.line, ClientKey: key, Number: inv.number, IssueDate: first.issued,
		DueDate: due, Amount: inv.amount, Outstanding: open, OutstandingKnown: true}
	for _, a := range applied {
		e := s.entries.at(a.credit)
		if s.isCreditNote(e) {
			b.CreditNotes = append(b.CreditNotes, imports.CreditNote{File: s.file, Line: e.line, ClientKey: key,
				Number: e.ref, InvoiceNumber: inv.number, Date: e.issued, Amount: a.amount})
			continue
		}
		out.Payments = append(out.Payments, imports.Payment{File: s.file, Line: e.line, InvoiceNumber: inv.number,
			Date: e.date, Amount: a.amount, BankRef: e.ref})
	}
	slices.SortFunc(out.Payments, func(x, y imports.Payment) int {
		return cmp.Or(x.Date.Compare(y.Date), cmp.Compare(x.Line, y.Line))
	})
	return out
}

// isCreditNote tells a credit note from a payment, which the FEC does
// not: a credit booked in a sales journal (one where client invoices are
// booked, see salesJournals) is a credit note, and so is any credit whose
// label says "avoir"; any other credit (bank, cash, miscellaneous
// operations, à-nouveaux) is a payment. À-nouveaux credits are mostly
// money received on account last year; whichever they are, they lower
// what is owed the same.
func (s *settler) isCreditNote(e *entry) bool {
	return e.avoir || s.sales[e.journal]
}
