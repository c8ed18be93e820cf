package data

import (
	"strings"
	"time"
)

// CreditNote (avoir) cancels all or part of an invoice that cannot simply be
// deleted because something already happened on it (a payment, a reminder,
// a promise...). It reduces what the client owes; one that brings the
// balance to zero closes the invoice. Credit notes are accounting documents:
// they are never edited or removed.
type CreditNote struct {
	ID        int64
	InvoiceID int64
	Date      Date
	Amount    Money
	Reason    string
	CreatedAt time.Time
	// EarlyPayment marks the early-payment discount (escompte) granted to
	// a payment made in time: the invoice it settles counts as paid.
	EarlyPayment bool
}

// Validate normalises and checks a credit note on its own; the store checks
// it against the invoice's balance.
func (c *CreditNote) Validate() error {
	c.Reason = strings.TrimSpace(c.Reason)
	var es FieldErrors
	if c.InvoiceID <= 0 {
		es.add(invalid("invoice", ReasonRequired, ""))
	}
	if c.Date.IsZero() {
		es.add(invalid("date", ReasonRequired, ""))
	}
	if c.Amount <= 0 {
		es.add(invalid("amount", ReasonNotPositive, ""))
	}
	es.add(required("reason", c.Reason))
	es.add(maxLen("reason", c.Reason, maxReasonLength))
	return es.err()
}

// maxReasonLength bounds the reason of a credit note, which letters and the
// timeline print on one line.
const maxReasonLength = 200

// Owed is what the invoice asks for once its credit notes are taken off:
// the base of the balance and of late-payment penalties.
func (inv *Invoice) Owed() Money { return inv.Amount - inv.Credited }
