package data

import (
	"strings"
	"time"
)

// InvoiceState is what the user decided about an invoice; whether it is paid
// or late is derived from payments and dates (see Status).
type InvoiceState string

// The states an invoice can be put in.
const (
	StateOpen         InvoiceState = "open"
	StateDisputed     InvoiceState = "disputed"
	StateWrittenOff   InvoiceState = "written_off"
	StateInLitigation InvoiceState = "in_litigation"
)

// InvoiceStates lists the states in display order.
var InvoiceStates = []InvoiceState{StateOpen, StateDisputed, StateInLitigation, StateWrittenOff}

// Invoice is a bill sent to a client. Paid and outstanding amounts are not
// stored: they derive from the payments.
type Invoice struct {
	ID           int64
	Number       string // unique in the book
	ClientID     int64
	IssueDate    Date
	DeliveryDate Date // delivery or completion; the limitation period runs from it
	DueDate      Date
	Amount       Money // including VAT
	Currency     string
	PORef        string // the client's purchase-order reference
	Attachment   string // path of the invoice PDF inside the data dir, if any
	State        InvoiceState
	Notes        string

	// Paused stops reminders on this invoice; PausedUntil (when set) is the
	// last paused day, after which reminders resume by themselves.
	Paused      bool
	PausedUntil Date
	PauseReason string

	// PenaltiesWaived: the owner gave up the late-payment penalties and the
	// 40 € of this invoice; letters and court files do not claim them.
	// Set through Store.WaivePenalties, which records why.
	PenaltiesWaived bool

	// Credited is the total of the invoice's credit notes (read only: set
	// by Store.CreateCreditNote); CreditClosed says a credit note, not a
	// payment, settled it: the invoice is cancelled.
	Credited     Money
	CreditClosed bool

	// DelayReason is why the client says it is unpaid (read only: set by
	// Store.SetDelayReason); DelayNone until known.
	DelayReason DelayReason

	// Discount is the early-payment discount the invoice's terms grant
	// (L441-9), copied by Store.CreateInvoice from the company's rule in
	// force on the issue date; Since is unused here.
	Discount EarlyDiscount

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Validate normalises and checks an invoice.
func (inv *Invoice) Validate() error {
	inv.Number = strings.TrimSpace(inv.Number)
	if inv.Currency == "" {
		inv.Currency = "EUR"
	}
	if inv.State == "" {
		inv.State = StateOpen
	}
	var es FieldErrors
	es.add(required("number", inv.Number))
	es.add(maxLen("number", inv.Number, 60))
	if inv.ClientID <= 0 {
		es.add(invalid("client", ReasonRequired, ""))
	}
	if inv.IssueDate.IsZero() {
		es.add(invalid("issue_date", ReasonRequired, ""))
	}
	if inv.DueDate.IsZero() {
		es.add(invalid("due_date", ReasonRequired, ""))
	} else if !inv.IssueDate.IsZero() && inv.DueDate.Before(inv.IssueDate) {
		es.add(invalid("due_date", ReasonDueBeforeIssue, inv.DueDate.FormatFR()))
	}
	if inv.Amount <= 0 {
		es.add(invalid("amount", ReasonNotPositive, ""))
	}
	if len(inv.Currency) != 3 {
		es.add(invalid("currency", ReasonUnknownChoice, inv.Currency))
	}
	if !validState(inv.State) {
		es.add(invalid("state", ReasonUnknownChoice, string(inv.State)))
	}
	es.add(maxLen("po_ref", inv.PORef, 100))
	return es.err()
}

func validState(s InvoiceState) bool {
	for _, v := range InvoiceStates {
		if s == v {
			return true
		}
	}
	return false
}

// Payment is money received against one invoice.
type Payment struct {
	ID        int64
	InvoiceID int64
	Date      Date
	Amount    Money
	Method    string // transfer, cheque, card, cash, direct_debit, other
	BankRef   string // the bank's unique reference, when known
	CreatedAt time.Time
	// BankLineID is the bank statement line the payment was made of (0:
	// recorded by hand); Fees is what the payer's bank kept of it, counted
	// paid all the same.
	BankLineID int64
	Fees       Money
}

// PaymentMethods lists the accepted methods.
var PaymentMethods = []string{"transfer", "cheque", "card", "cash", "direct_debit", "other"}

// Validate checks a payment.
func (p *Payment) Validate() error {
	p.BankRef = strings.TrimSpace(p.BankRef)
	if p.Method == "" {
		p.Method = "transfer"
	}
	var es FieldErrors
	if p.InvoiceID <= 0 {
		es.add(invalid("invoice", ReasonRequired, ""))
	}
	if p.Date.IsZero() {
		es.add(invalid("date", ReasonRequired, ""))
	}
	if p.Amount <= 0 {
		es.add(invalid("amount", ReasonNotPositive, ""))
	}
	known := false
	for _, m := range PaymentMethods {
		known = known || m == p.Method
	}
	if !known {
		es.add(invalid("method", ReasonUnknownChoice, p.Method))
	}
	es.add(maxLen("bank_ref", p.BankRef, 140))
	return es.err()
}

// PausedOn reports whether reminders on the invoice are paused on day d.
func (inv *Invoice) PausedOn(d Date) bool {
	return inv.Paused && (inv.PausedUntil.IsZero() || !d.After(inv.PausedUntil))
}
