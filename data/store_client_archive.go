package data

import (
	"context"
	"fmt"
)

// clientSetupEvents are the events of a client's own timeline that are no
// dealings with it: its creation, corrections, pauses, archiving, and the
// deletion of an invoice typed by mistake. ClientHasHistory looks past them.
var clientSetupEvents = []EventKind{EventClientCreated, EventClientUpdated, EventClientPaused, EventClientResumed,
	EventClientArchived, EventClientRestored, EventInvoiceDeleted}

// ClientHasHistory reports whether there were dealings with a client: an
// invoice, a task, an email, or an event of its timeline other than its
// set-up (clientSetupEvents). Such a client is archived, never deleted.
func (s *Store) ClientHasHistory(ctx context.Context, id int64) (bool, error) {
	args := []any{id}
	marks := ""
	for i, k := range clientSetupEvents {
		if i > 0 {
			marks += ", "
		}
		marks += "?"
		args = append(args, string(k))
	}
	var history bool
	err := s.reader().QueryRowContext(ctx, `
		SELECT EXISTS (SELECT 1 FROM invoices WHERE client_id = ?1)
		    OR EXISTS (SELECT 1 FROM tasks WHERE client_id = ?1)
		    OR EXISTS (SELECT 1 FROM outbox WHERE client_id = ?1)
		    OR EXISTS (SELECT 1 FROM events WHERE client_id = ?1 AND kind NOT IN (`+marks+`))`, args...).Scan(&history)
	if err != nil {
		return false, fmt.Errorf("history of client %d: %w", id, translate(err))
	}
	return history, nil
}

// ArchiveClient takes a client out of the lists and out of the reminders
// (the planner and the outbox skip an archived client's invoices), and
// records why on its timeline. Archiving an archived client does nothing.
func (s *Store) ArchiveClient(ctx context.Context, id int64, reason string) error {
	return s.setArchived(ctx, id, true, reason)
}

// RestoreClient brings an archived client back: into the lists, and its
// open invoices back into the reminders.
func (s *Store) RestoreClient(ctx context.Context, id int64) error {
	return s.setArchived(ctx, id, false, "")
}

func (s *Store) setArchived(ctx context.Context, id int64, archive bool, reason string) error {
	return s.InTx(ctx, func(tx *Store) error {
		c, err := tx.GetClient(ctx, id)
		if err != nil {
			return err
		}
		if c.Archived() == archive {
			return nil
		}
		var at any // NULL: restored
		kind, params := EventClientRestored, map[string]string{"name": c.Name}
		if archive {
			at, kind, params["reason"] = timeText(tx.Now()), EventClientArchived, reason
		}
		if _, err := tx.writer().ExecContext(ctx, `UPDATE clients SET archived_at = ?, updated_at = ? WHERE id = ?`,
			at, timeText(tx.Now()), id); err != nil {
			return fmt.Errorf("archive client %d: %w", id, translate(err))
		}
		return tx.appendEvent(ctx, &Event{ClientID: id, Kind: kind, Params: params})
	})
}
