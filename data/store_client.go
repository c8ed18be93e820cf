package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

const clientColumns = `id, name, debtor_type, debtor_type_migrated, siren, contact_civility, contact_name,
	email, email_cc, phone, street, postal_code, city, country, category, language, notes,
	reminders_paused, paused_reason, COALESCE(scenario_id, 0), penalty_policy, penalty_rate_bp,
	archived_at, created_at, updated_at, vat_number, category_by_hand, mobile, linkedin`

// scanClient reads clientColumns, then the extra columns into extra.
func scanClient(row interface{ Scan(...any) error }, extra ...any) (Client, error) {
	var c Client
	var created, updated string
	var archived sql.NullString // NULL while the client is not archived
	dest := append([]any{&c.ID, &c.Name, &c.Kind, &c.KindMigrated, &c.SIREN, &c.ContactCivility, &c.ContactName,
		&c.Email, &c.EmailCC, &c.Phone,
		&c.Address.Street, &c.Address.PostalCode, &c.Address.City, &c.Address.Country,
		&c.Category, &c.Language, &c.Notes, &c.RemindersPaused, &c.PausedReason,
		&c.ScenarioID, &c.Penalty.Kind, &c.Penalty.FixedBP, &archived, &created, &updated, &c.VATNumber,
		&c.CategoryByHand, &c.Mobile, &c.LinkedIn}, extra...)
	err := row.Scan(dest...)
	if err != nil {
		return Client{}, err
	}
	if c.ArchivedAt, err = parseTimeText(archived.String); err != nil {
		return Client{}, err
	}
	if c.CreatedAt, err = parseTimeText(created); err != nil {
		return Client{}, err
	}
	c.UpdatedAt, err = parseTimeText(updated)
	return c, err
}

// CreateClient validates c, inserts it, sets c.ID and records the event.
func (s *Store) CreateClient(ctx context.Context, c *Client) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Store) error {
		now := tx.Now()
		id, err := tx.insertID(ctx, `
			INSERT INTO clients (name, kind, debtor_type, debtor_type_migrated, siren, contact_civility,
			       contact_name, email, email_cc, phone,
			       street, postal_code, city, country, category, language, notes,
			       reminders_paused, paused_reason, scenario_id, penalty_policy, penalty_rate_bp,
			       created_at, updated_at, vat_number, category_by_hand, mobile, linkedin)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.Name, c.Kind.legacyKind(), c.Kind, c.KindMigrated, c.SIREN, c.ContactCivility,
			c.ContactName, c.Email, c.EmailCC, c.Phone,
			c.Address.Street, c.Address.PostalCode, c.Address.City, c.Address.Country,
			c.Category, c.Language, c.Notes, c.RemindersPaused, c.PausedReason,
			nullID(c.ScenarioID), c.Penalty.Kind, c.Penalty.FixedBP, timeText(now), timeText(now), c.VATNumber,
			c.CategoryByHand, c.Mobile, c.LinkedIn)
		if errors.Is(translate(err), errForeignKey) {
			return FieldErrors{invalid("scenario", ReasonUnknownChoice, "")}
		}
		if err != nil {
			return fmt.Errorf("create client %q: %w", c.Name, translate(err))
		}
		c.ID = id
		c.CreatedAt, c.UpdatedAt = now, now
		return tx.appendEvent(ctx, &Event{ClientID: c.ID, Kind: EventClientCreated,
			Params: map[string]string{"name": c.Name}})
	})
}

// GetClient returns the client with that id, or ErrNotFound.
func (s *Store) GetClient(ctx context.Context, id int64) (Client, error) {
	c, err := scanClient(s.reader().QueryRowContext(ctx,
		`SELECT `+clientColumns+` FROM clients WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Client{}, fmt.Errorf("client %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Client{}, fmt.Errorf("get client %d: %w", id, translate(err))
	}
	return c, nil
}

// ListClients returns all clients by name.
func (s *Store) ListClients(ctx context.Context) ([]Client, error) {
	scan := func(r rowScanner) (Client, error) { return scanClient(r) }
	return listOf(ctx, s, "list clients", scan, `SELECT `+clientColumns+` FROM clients ORDER BY name COLLATE NOCASE, id`)
}

// UpdateClient validates and saves c.
func (s *Store) UpdateClient(ctx context.Context, c *Client) error {
	if err := c.Validate(); err != nil {
		return err
	}
	now := s.Now()
	res, err := s.writer().ExecContext(ctx, `
		UPDATE clients SET name = ?, kind = ?, debtor_type = ?, debtor_type_migrated = ?, siren = ?,
		       contact_civility = ?, contact_name = ?, email = ?, email_cc = ?,
		       phone = ?, street = ?, postal_code = ?, city = ?, country = ?, category = ?,
		       language = ?, notes = ?, reminders_paused = ?, paused_reason = ?,
		       scenario_id = ?, penalty_policy = ?, penalty_rate_bp = ?, updated_at = ?, vat_number = ?,
		       category_by_hand = ?, mobile = ?, linkedin = ?
		WHERE id = ?`,
		c.Name, c.Kind.legacyKind(), c.Kind, c.KindMigrated, c.SIREN, c.ContactCivility, c.ContactName,
		c.Email, c.EmailCC, c.Phone, c.Address.Street, c.Address.PostalCode, c.Address.City, c.Address.Country,
		c.Category, c.Language, c.Notes, c.RemindersPaused, c.PausedReason,
		nullID(c.ScenarioID), c.Penalty.Kind, c.Penalty.FixedBP, timeText(now), c.VATNumber, c.CategoryByHand,
		c.Mobile, c.LinkedIn, c.ID)
	if errors.Is(translate(err), errForeignKey) {
		return FieldErrors{invalid("scenario", ReasonUnknownChoice, "")}
	}
	if err != nil {
		return fmt.Errorf("update client %d: %w", c.ID, translate(err))
	}
	if err := checkAffected(res, "client", c.ID); err != nil {
		return err
	}
	c.UpdatedAt = now
	return nil
}

// DeleteClient removes a client typed by mistake. A client with a history
// (ClientHasHistory) is refused with ErrHasHistory, which matches ErrInUse:
// it is archived instead.
func (s *Store) DeleteClient(ctx context.Context, id int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		history, err := tx.ClientHasHistory(ctx, id)
		if err != nil {
			return err
		}
		if history {
			return fmt.Errorf("delete client %d: %w", id, ErrHasHistory)
		}
		res, err := tx.writer().ExecContext(ctx, `DELETE FROM clients WHERE id = ?`, id)
		if errors.Is(translate(err), errForeignKey) {
			return fmt.Errorf("delete client %d: %w", id, ErrHasHistory)
		}
		if err != nil {
			return fmt.Errorf("delete client %d: %w", id, translate(err))
		}
		return checkAffected(res, "client", id)
	})
}
