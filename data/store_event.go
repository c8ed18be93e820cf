package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

type actorKey struct{}

// WithActor tags the events recorded under ctx with who did it ("user" when
// not set; "import", "app", "scheduler" for automatic work).
func WithActor(ctx context.Context, actor string) context.Context {
	return context.WithValue(ctx, actorKey{}, actor)
}

func actorOf(ctx context.Context) string {
	if a, ok := ctx.Value(actorKey{}).(string); ok && a != "" {
		return a
	}
	return "user"
}

const eventColumns = `id, at, COALESCE(client_id, 0), COALESCE(invoice_id, 0), kind, params, file, actor, person`

func scanEvent(row interface{ Scan(...any) error }) (Event, error) {
	var e Event
	var at, params string
	if err := row.Scan(&e.ID, &at, &e.ClientID, &e.InvoiceID, &e.Kind, &params, &e.File, &e.Actor, &e.Person); err != nil {
		return Event{}, err
	}
	var err error
	if e.At, err = parseTimeText(at); err != nil {
		return Event{}, err
	}
	if err := json.Unmarshal([]byte(params), &e.Params); err != nil {
		return Event{}, fmt.Errorf("event %d params: %w", e.ID, err)
	}
	return e, nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// CreateEvent appends e to the timeline and sets its ID (and At when zero).
// Events are never updated: the timeline is the proof of what was done.
func (s *Store) CreateEvent(ctx context.Context, e *Event) error {
	if e.Kind == "" {
		return invalid("kind", ReasonRequired, "")
	}
	if e.ClientID == 0 && e.InvoiceID != 0 {
		return s.InTx(ctx, func(tx *Store) error {
			inv, err := tx.GetInvoice(ctx, e.InvoiceID)
			if err != nil {
				return err
			}
			e.ClientID = inv.ClientID
			return tx.appendEvent(ctx, e)
		})
	}
	return s.appendEvent(ctx, e)
}

func (s *Store) appendEvent(ctx context.Context, e *Event) error {
	if e.At.IsZero() {
		e.At = s.Now()
	}
	if e.Actor == "" {
		e.Actor = actorOf(ctx)
	}
	if e.Person == "" && e.Actor == "user" {
		e.Person = s.person
	}
	params, err := json.Marshal(e.Params)
	if err != nil {
		return err
	}
	if e.Params == nil {
		params = []byte("{}")
	}
	id, err := s.insertID(ctx, `
		INSERT INTO events (at, client_id, invoice_id, kind, params, file, actor, person)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		timeText(e.At), nullID(e.ClientID), nullID(e.InvoiceID), e.Kind, string(params), e.File, e.Actor, e.Person)
	if errors.Is(translate(err), errForeignKey) {
		return fmt.Errorf("record event %s: client %d or invoice %d: %w", e.Kind, e.ClientID, e.InvoiceID, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("record event %s: %w", e.Kind, translate(err))
	}
	e.ID = id
	return nil
}

// GetEvent returns the event with that id, or ErrNotFound.
func (s *Store) GetEvent(ctx context.Context, id int64) (Event, error) {
	e, err := scanEvent(s.reader().QueryRowContext(ctx, `SELECT `+eventColumns+` FROM events WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Event{}, fmt.Errorf("event %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Event{}, fmt.Errorf("get event %d: %w", id, translate(err))
	}
	return e, nil
}

// ListEventsByInvoice returns an invoice's timeline, oldest first.
func (s *Store) ListEventsByInvoice(ctx context.Context, invoiceID int64) ([]Event, error) {
	return s.listEvents(ctx, `invoice_id = ?`, invoiceID)
}

// ListEventsByClient returns a client's timeline (its invoices' events
// included), oldest first.
func (s *Store) ListEventsByClient(ctx context.Context, clientID int64) ([]Event, error) {
	return s.listEvents(ctx, `client_id = ?`, clientID)
}

func (s *Store) listEvents(ctx context.Context, where string, arg any) ([]Event, error) {
	return listOf(ctx, s, "list events", scanEvent, `SELECT `+eventColumns+` FROM events WHERE `+where+` ORDER BY at, id`, arg)
}

// LastEventID is the newest event's id (0 in an empty book): what was
// written between two reads of it shows as a change.
func (s *Store) LastEventID(ctx context.Context) (int64, error) {
	var id int64
	if err := s.reader().QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM events`).Scan(&id); err != nil {
		return 0, fmt.Errorf("last event: %w", translate(err))
	}
	return id, nil
}
