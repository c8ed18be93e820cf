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
}
