package data

import (
	"context"
	"fmt"
)

// Timeline events about a whole client's reminders.
const (
	EventClientPaused  EventKind = "client_paused"
	EventClientResumed EventKind = "client_resumed"
)

// EditClient saves c as UpdateClient does and, in the same transaction,
// records in the client's timeline that its reminders were paused (with the
// reason) or resumed: stopping the reminders of a whole account is a
// decision the proof file has to show.
func (s *Store) EditClient(ctx context.Context, c *Client) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Store) error {
		before, err := tx.GetClient(ctx, c.ID)
		if err != nil {
			return fmt.Errorf("edit client: %w", err)
		}
		if err := tx.UpdateClient(ctx, c); err != nil {
			return err
		}
		switch {
		case c.RemindersPaused && !before.RemindersPaused:
			return tx.appendEvent(ctx, &Event{ClientID: c.ID, Kind: EventClientPaused,
				Params: map[string]string{"reason": c.PausedReason}})
		case !c.RemindersPaused && before.RemindersPaused:
			return tx.appendEvent(ctx, &Event{ClientID: c.ID, Kind: EventClientResumed})
		}
		return nil
	})
}
