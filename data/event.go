package data

import "time"

// EventKind names what happened; the UI turns it and the event's Params into
// a sentence in the user's language.
type EventKind string

// Event kinds recorded by the foundation; later features add their own.
const (
	EventClientCreated   EventKind = "client_created"
	EventInvoiceCreated  EventKind = "invoice_created"
	EventInvoiceUpdated  EventKind = "invoice_updated"
	EventStateChanged    EventKind = "state_changed"
	EventPaymentRecorded EventKind = "payment_recorded"
	EventPaymentDeleted  EventKind = "payment_deleted"
	EventNote            EventKind = "note"
)

// Event kinds of the corrections: what was edited, deleted, cancelled or
// archived stays on the timeline, with the values before and after.
const (
	// EventInvoiceDeleted is kept on the client's timeline (the invoice's
	// own timeline goes with it).
	EventInvoiceDeleted EventKind = "invoice_deleted"
	EventCreditNote     EventKind = "credit_note"
	EventPaymentUpdated EventKind = "payment_updated"
	EventClientUpdated  EventKind = "client_updated"
	EventClientArchived EventKind = "client_archived"
	EventClientRestored EventKind = "client_restored"
)

// ChangedParam is the event parameter listing, comma-separated, the fields
// an edit changed; each changed field f has its values in the parameters
// "f.from" and "f.to".
const ChangedParam = "changed"

// Event is one line of the timeline, the proof file of what was done and
// when. Events are only ever appended.
type Event struct {
	ID        int64
	At        time.Time // UTC instant
	ClientID  int64     // 0 when not about a client
	InvoiceID int64     // 0 when not about an invoice
	Kind      EventKind
	Params    map[string]string // facts the sentence needs: amounts, numbers, dates
	File      string            // an archived file (PDF, .eml), relative to the data dir
	Actor     string            // "user", "app" (automatic), "import", ...
	// Person is who, on a shared book: the name of the person at the PC
	// that did it (a "user" event); empty on a book one person keeps.
	Person string
}

// changes gathers the fields an edit changed, as an event's parameters
// (ChangedParam), so that the timeline can say what was corrected.
type changes map[string]string

// add records field when from and to differ.
func (c changes) add(field, from, to string) {
	if from == to {
		return
	}
	if c[ChangedParam] != "" {
		c[ChangedParam] += ","
	}
	c[ChangedParam] += field
	c[field+".from"], c[field+".to"] = from, to
}

// none reports whether nothing changed.
func (c changes) none() bool { return c[ChangedParam] == "" }
