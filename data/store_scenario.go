package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

const stepColumns = `id, scenario_id, position, offset_days, channel, template_key, attach_invoice,
	include_statement, with_letter, deadline_days, auto_send, retired`

func scanStep(row interface{ Scan(...any) error }) (Step, error) {
	var st Step
	err := row.Scan(&st.ID, &st.ScenarioID, &st.Position, &st.OffsetDays, &st.Channel, &st.TemplateKey,
		&st.AttachInvoice, &st.IncludeStatement, &st.WithLetter, &st.DeadlineDays, &st.AutoSend, &st.Retired)
	return st, err
}

// ListScenarios returns every scenario with its active steps in order.
func (s *Store) ListScenarios(ctx context.Context) ([]Scenario, error) {
	rows, err := s.reader().QueryContext(ctx, `SELECT id, key, name FROM scenarios ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list scenarios: %w", translate(err))
	}
	var out []Scenario
	index := map[int64]int{}
	for rows.Next() {
		var sc Scenario
		if err := rows.Scan(&sc.ID, &sc.Key, &sc.Name); err != nil {
			rows.Close()
			return nil, err
		}
		index[sc.ID] = len(out)
		out = append(out, sc)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	steps, err := s.listSteps(ctx, `WHERE retired = 0 ORDER BY scenario_id, position, id`)
	if err != nil {
		return nil, err
	}
	for _, st := range steps {
		if i, ok := index[st.ScenarioID]; ok {
			out[i].Steps = append(out[i].Steps, st)
		}
	}
	return out, nil
}

func (s *Store) listSteps(ctx context.Context, tail string, args ...any) ([]Step, error) {
	return listOf(ctx, s, "list steps", scanStep, `SELECT `+stepColumns+` FROM steps `+tail, args...)
}

// GetScenario returns one scenario with its active steps.
func (s *Store) GetScenario(ctx context.Context, id int64) (Scenario, error) {
	var sc Scenario
	err := s.reader().QueryRowContext(ctx, `SELECT id, key, name FROM scenarios WHERE id = ?`, id).
		Scan(&sc.ID, &sc.Key, &sc.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return Scenario{}, fmt.Errorf("scenario %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Scenario{}, fmt.Errorf("get scenario %d: %w", id, translate(err))
	}
	sc.Steps, err = s.listSteps(ctx, `WHERE scenario_id = ? AND retired = 0 ORDER BY position, id`, id)
	return sc, err
}

// GetStep returns a step, retired or not.
func (s *Store) GetStep(ctx context.Context, id int64) (Step, error) {
	st, err := scanStep(s.reader().QueryRowContext(ctx, `SELECT `+stepColumns+` FROM steps WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Step{}, fmt.Errorf("step %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Step{}, fmt.Errorf("get step %d: %w", id, translate(err))
	}
	return st, nil
}

// CreateScenario adds an empty scenario named name and sets its ID and key.
func (s *Store) CreateScenario(ctx context.Context, sc *Scenario) error {
	if err := required("name", sc.Name); err != nil {
		return FieldErrors{err.(*FieldError)}
	}
	return s.InTx(ctx, func(tx *Store) error {
		var next int64
		if err := tx.reader().QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM scenarios`).Scan(&next); err != nil {
			return err
		}
		sc.Key = fmt.Sprintf("custom_%d", next)
		id, err := tx.insertID(ctx, `INSERT INTO scenarios (key, name, created_at) VALUES (?, ?, ?)`,
			sc.Key, sc.Name, timeText(tx.Now()))
		if err != nil {
			return fmt.Errorf("create scenario: %w", translate(err))
		}
		sc.ID = id
		return nil
	})
}

// RenameScenario sets the name the user sees.
func (s *Store) RenameScenario(ctx context.Context, id int64, name string) error {
	res, err := s.writer().ExecContext(ctx, `UPDATE scenarios SET name = ? WHERE id = ?`, name, id)
	if err != nil {
		return fmt.Errorf("rename scenario %d: %w", id, translate(err))
	}
	return checkAffected(res, "scenario", id)
}

// DeleteScenario removes a scenario no category or client uses and whose
// steps were never taken; ErrInUse otherwise.
func (s *Store) DeleteScenario(ctx context.Context, id int64) error {
	res, err := s.writer().ExecContext(ctx, `DELETE FROM scenarios WHERE id = ?`, id)
	if errors.Is(translate(err), errForeignKey) {
		return fmt.Errorf("delete scenario %d: %w", id, ErrInUse)
	}
	if err != nil {
		return fmt.Errorf("delete scenario %d: %w", id, translate(err))
	}
	return checkAffected(res, "scenario", id)
}

// CreateStep appends st to its scenario (at the end) and sets its ID and position.
func (s *Store) CreateStep(ctx context.Context, st *Step) error {
	if err := st.Validate(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Store) error {
		if err := tx.reader().QueryRowContext(ctx,
			`SELECT COALESCE(MAX(position), 0) + 1 FROM steps WHERE scenario_id = ? AND retired = 0`,
			st.ScenarioID).Scan(&st.Position); err != nil {
			return err
		}
		id, err := tx.insertID(ctx, `
			INSERT INTO steps (scenario_id, position, offset_days, channel, template_key, attach_invoice,
			       include_statement, with_letter, deadline_days, auto_send)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			st.ScenarioID, st.Position, st.OffsetDays, st.Channel, st.TemplateKey, st.AttachInvoice,
			st.IncludeStatement, st.WithLetter, st.DeadlineDays, st.AutoSend)
		if errors.Is(translate(err), errForeignKey) {
			return fmt.Errorf("create step: scenario %d: %w", st.ScenarioID, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("create step: %w", translate(err))
		}
		st.ID = id
		return nil
	})
}

// UpdateStep saves a step's timing, channel and options (not its position).
func (s *Store) UpdateStep(ctx context.Context, st *Step) error {
	if err := st.Validate(); err != nil {
		return err
	}
	res, err := s.writer().ExecContext(ctx, `
		UPDATE steps SET offset_days = ?, channel = ?, template_key = ?, attach_invoice = ?,
		       include_statement = ?, with_letter = ?, deadline_days = ?, auto_send = ?
		WHERE id = ? AND retired = 0`,
		st.OffsetDays, st.Channel, st.TemplateKey, st.AttachInvoice, st.IncludeStatement,
		st.WithLetter, st.DeadlineDays, st.AutoSend, st.ID)
	if err != nil {
		return fmt.Errorf("update step %d: %w", st.ID, translate(err))
	}
	return checkAffected(res, "step", st.ID)
}

// DeleteStep removes a step from its scenario. A step already taken on some
// invoice is retired instead, so the invoice's history keeps it.
func (s *Store) DeleteStep(ctx context.Context, id int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		st, err := tx.GetStep(ctx, id)
		if err != nil {
			return err
		}
		var used int
		if err := tx.reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM actions WHERE step_id = ?`, id).Scan(&used); err != nil {
			return err
		}
		if used > 0 {
			_, err = tx.writer().ExecContext(ctx, `UPDATE steps SET retired = 1 WHERE id = ?`, id)
		} else {
			_, err = tx.writer().ExecContext(ctx, `DELETE FROM steps WHERE id = ?`, id)
		}
		if err != nil {
			return fmt.Errorf("delete step %d: %w", id, translate(err))
		}
		return tx.renumberSteps(ctx, st.ScenarioID, nil)
	})
}

// ReorderSteps puts a scenario's active steps in the order of ids (which must
// list each of them once).
func (s *Store) ReorderSteps(ctx context.Context, scenarioID int64, ids []int64) error {
	return s.InTx(ctx, func(tx *Store) error { return tx.renumberSteps(ctx, scenarioID, ids) })
}

// renumberSteps sets positions 1..n in the order of ids, or in the current
// order when ids is nil.
func (s *Store) renumberSteps(ctx context.Context, scenarioID int64, ids []int64) error {
	sc, err := s.GetScenario(ctx, scenarioID)
	if err != nil {
		return err
	}
	if ids == nil {
		for _, st := range sc.Steps {
			ids = append(ids, st.ID)
		}
	}
	if len(ids) != len(sc.Steps) || !sameIDs(ids, sc.Steps) {
		return invalid("steps", ReasonOutOfRange, "")
	}
	for i, id := range ids {
		if _, err := s.writer().ExecContext(ctx, `UPDATE steps SET position = ? WHERE id = ?`, i+1, id); err != nil {
			return fmt.Errorf("reorder steps: %w", translate(err))
		}
	}
	return nil
}

func sameIDs(ids []int64, steps []Step) bool {
	want := map[int64]bool{}
	for _, st := range steps {
		want[st.ID] = true
	}
	for _, id := range ids {
		if !want[id] {
			return false
		}
		delete(want, id)
	}
	return len(want) == 0
}

// ListCategories returns the client categories and the scenario each uses.
func (s *Store) ListCategories(ctx context.Context) ([]Category, error) {
	rows, err := s.reader().QueryContext(ctx, `SELECT key, scenario_id FROM categories ORDER BY key`)
	if err != nil {
		return nil, fmt.Errorf("list categories: %w", translate(err))
	}
	defer rows.Close()
	var out []Category
	for rows.Next() {
		var c Category
		if err := rows.Scan(&c.Key, &c.ScenarioID); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SetCategoryScenario makes a category use a scenario (creating the category
// when new).
func (s *Store) SetCategoryScenario(ctx context.Context, key string, scenarioID int64) error {
	if err := required("category", key); err != nil {
		return err
	}
	_, err := s.writer().ExecContext(ctx, `
		INSERT INTO categories (key, scenario_id) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET scenario_id = excluded.scenario_id`, key, scenarioID)
	if errors.Is(translate(err), errForeignKey) {
		return fmt.Errorf("category %s: scenario %d: %w", key, scenarioID, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("set category %s: %w", key, translate(err))
	}
	return nil
}
