package data

import (
	"context"
	"fmt"
	"strconv"
)

// ScenarioUsage says what keeps a scenario from being deleted: the
// categories that choose it, the clients that override their category with
// it, and the steps of it already taken on invoices.
type ScenarioUsage struct {
	Categories []string // category keys, in key order
	Clients    int
	Actions    int // actions recorded on its steps, retired ones included
}

// InUse reports whether anything refers to the scenario.
func (u ScenarioUsage) InUse() bool {
	return len(u.Categories) > 0 || u.Clients > 0 || u.Actions > 0
}

// GetScenarioUsage counts what refers to scenario id, so that the settings
// can say why it cannot be deleted.
func (s *Store) GetScenarioUsage(ctx context.Context, id int64) (ScenarioUsage, error) {
	var u ScenarioUsage
	rows, err := s.reader().QueryContext(ctx, `SELECT key FROM categories WHERE scenario_id = ? ORDER BY key`, id)
	if err != nil {
		return u, fmt.Errorf("scenario %d usage: %w", id, translate(err))
	}
	for rows.Next() {
		var key string
		if err := rows.Scan(&key); err != nil {
			rows.Close()
			return u, fmt.Errorf("scenario %d usage: %w", id, err)
		}
		u.Categories = append(u.Categories, key)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return u, fmt.Errorf("scenario %d usage: %w", id, err)
	}
	err = s.reader().QueryRowContext(ctx, `
		SELECT (SELECT COUNT(*) FROM clients WHERE scenario_id = ?),
		       (SELECT COUNT(*) FROM actions a JOIN steps st ON st.id = a.step_id WHERE st.scenario_id = ?)`,
		id, id).Scan(&u.Clients, &u.Actions)
	if err != nil {
		return u, fmt.Errorf("scenario %d usage: %w", id, translate(err))
	}
	return u, nil
}

// CountStepActions returns, for each step taken at least once, how many
// actions were recorded on it: deleting such a step retires it instead.
func (s *Store) CountStepActions(ctx context.Context) (map[int64]int, error) {
	rows, err := s.reader().QueryContext(ctx, `SELECT step_id, COUNT(*) FROM actions GROUP BY step_id`)
	if err != nil {
		return nil, fmt.Errorf("count step actions: %w", translate(err))
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("count step actions: %w", err)
		}
		out[id] = n
	}
	return out, rows.Err()
}

// DefaultMailCheckAfterDays is how old a waiting email may be: one queued more than two days ago and
// not sent yet is put to check instead of going out; the invoice, the
// client or the owner's mind may have changed meanwhile.
const DefaultMailCheckAfterDays = 2

// mailCheckAfterKey is the app_state key of the setting.
const mailCheckAfterKey = "mail.check_after_days"

// GetMailCheckAfterDays returns after how many days in the outbox an email
// not sent yet is put to check rather than sent (the default when never set).
func (s *Store) GetMailCheckAfterDays(ctx context.Context) (int, error) {
	v, err := s.GetState(ctx, mailCheckAfterKey)
	if err != nil || v == "" {
		return DefaultMailCheckAfterDays, err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return DefaultMailCheckAfterDays, fmt.Errorf("setting %s = %q: %w", mailCheckAfterKey, v, ErrInvalid)
	}
	return n, nil
}

// SetMailCheckAfterDays saves the setting: from 1 to 60 days.
func (s *Store) SetMailCheckAfterDays(ctx context.Context, days int) error {
	if days < 1 || days > 60 {
		return FieldErrors{invalid("mail_check_after", ReasonOutOfRange, strconv.Itoa(days))}
	}
	return s.SetState(ctx, mailCheckAfterKey, strconv.Itoa(days))
}
