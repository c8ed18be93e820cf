package data

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// Timeline events about a whole client's reminders.
const (
	EventClientPaused  EventKind = "client_paused"
	EventClientResumed EventKind = "client_resumed"
)

// EditClient saves c as UpdateClient does and, in the same transaction,
// records in the client's timeline what was corrected, and that its
// reminders were paused (with the reason) or resumed: stopping the
// reminders of a whole account is a decision the proof file has to show.
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
		if params := clientChanges(&before, c); !params.none() {
			params["name"] = c.Name
			if err := tx.appendEvent(ctx, &Event{ClientID: c.ID, Kind: EventClientUpdated, Params: params}); err != nil {
				return err
			}
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

// clientChanges lists what an edit of a client changed (its pause has
// events of its own).
func clientChanges(before, after *Client) changes {
	c := changes{}
	c.add("name", before.Name, after.Name)
	c.add("kind", string(before.Kind), string(after.Kind))
	c.add("siren", before.SIREN, after.SIREN)
	c.add("contact_name", before.ContactName, after.ContactName)
	c.add("email", before.Email, after.Email)
	c.add("email_cc", before.EmailCC, after.EmailCC)
	c.add("phone", before.Phone, after.Phone)
	c.add("mobile", before.Mobile, after.Mobile)
	c.add("linkedin", before.LinkedIn, after.LinkedIn)
	c.add("address", strings.Join(before.Address.Lines(), ", "), strings.Join(after.Address.Lines(), ", "))
	c.add("category", before.Category, after.Category)
	c.add("language", before.Language, after.Language)
	c.add("scenario", strconv.FormatInt(before.ScenarioID, 10), strconv.FormatInt(after.ScenarioID, 10))
	c.add("penalty_policy", before.Penalty.Kind+" "+strconv.Itoa(before.Penalty.FixedBP),
		after.Penalty.Kind+" "+strconv.Itoa(after.Penalty.FixedBP))
	c.add("notes", before.Notes, after.Notes)
	return c
}
