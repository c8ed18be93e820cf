// Package matching proposes, for each credit of a bank statement, the
// invoice or invoices it pays, with the evidence behind each proposal and
// a score from 0 to 100: the invoice number or a structured reference in
// the label, an amount equal to one invoice's balance or to a small set of
// one client's invoices, a payer IBAN or name already known, an amount
// short of a balance by no more than the bank fees the owner tolerates.
// It is pure: the book's open invoices and known payers come in as
// values, proposals go out; app/banking reads the book and writes what the
// owner confirms.
//
// Match matches a statement; NewIndex and Index.Match match lines one by
// one against a book indexed once, as the screen does after a correction.
// Every candidate's score comes from the one table documented on score.
package matching

import (
	"relance/data"
	"relance/data/imports/bank"
)

// Invoice is an open invoice a credit may pay.
type Invoice struct {
	ID          int64
	Number      string
	ClientID    int64
	Outstanding data.Money // what is left to pay, > 0
	Issued, Due data.Date
}

// Client is a client as payments name it: its name, and the payers
// (IBANs, names as banks print them) learnt from earlier confirmed
// payments.
type Client struct {
	ID         int64
	Name       string
	IBANs      []string // normalised, upper case without spaces
	PayerNames []string // as the bank printed them
}

// Book is what the matcher knows of the book.
type Book struct {
	Invoices []Invoice
	Clients  []Client
}

// Options tune the matching.
type Options struct {
	// FeeTolerance is how much short of an invoice's balance a credit may
	// be and still be taken as paying it in full less bank fees (0: none).
	FeeTolerance data.Money
}

// EvidenceKind names one reason to believe a credit pays an invoice.
type EvidenceKind string

// The kinds of evidence, strongest first.
const (
	EvidenceNumber    EvidenceKind = "number"     // the label holds the invoice number (Number)
	EvidenceReference EvidenceKind = "reference"  // a structured (RF) reference names the invoice (Value: the reference)
	EvidenceAmount    EvidenceKind = "amount"     // the amount equals the invoice's balance
	EvidenceAmountSum EvidenceKind = "amount_sum" // the amount equals the balances of the invoices together
	EvidenceFees      EvidenceKind = "fees"       // the amount is the balance less Amount of fees, within the tolerance
	EvidenceIBAN      EvidenceKind = "iban"       // the payer's IBAN (Value) paid this client before
	EvidenceName      EvidenceKind = "name"       // the payer's name (Value) is the client's, or a payer name known for it
	EvidenceNameNear  EvidenceKind = "name_near"  // the payer's name (Value) is close to the client's
	EvidencePartial   EvidenceKind = "partial"    // the amount is less than the balance: a part payment (Amount left to pay)
	EvidenceOverpaid  EvidenceKind = "overpaid"   // the amount is more than the balance by Amount
)

// Evidence is one reason behind a candidate, with what it rests on.
type Evidence struct {
	Kind   EvidenceKind
	Number string     // the invoice it is about, when about one
	Value  string     // the reference, IBAN or name found
	Amount data.Money // fees, part left, excess: see the kind
}

// Allocation is the part of a credit that goes to one invoice.
type Allocation struct {
	InvoiceID int64
	Number    string
	Amount    data.Money
}

// Candidate is one way to read a credit: the invoices it pays, how much
// to each, why, and how sure that is.
type Candidate struct {
	ClientID    int64
	Allocations []Allocation // their amounts add up to at most the credit
	Score       int          // 0 to 100
	Evidence    []Evidence   // strongest first
}

// Proposal is what the matcher proposes for one credit.
type Proposal struct {
	Line       bank.Line
	Candidates []Candidate // best first; none when nothing points anywhere
	// Ambiguous is set when the best candidates are equally likely (two
	// clients owing the same amount, with nothing else to tell them
	// apart): the owner chooses, nothing is confirmed in bulk.
	Ambiguous bool
}

// Best is the candidate to propose, if any and not ambiguous.
func (p Proposal) Best() (Candidate, bool) {
	if len(p.Candidates) == 0 || p.Ambiguous {
		return Candidate{}, false
	}
	return p.Candidates[0], true
}
