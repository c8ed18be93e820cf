package data

import (
	"context"
	"database/sql"
	"fmt"
)

// CreateTask adds a task to the owner's list and to the timeline.
func (s *Store) CreateTask(ctx context.Context, t *Task) error {
	if t.Kind == "" {
		return FieldErrors{invalid("kind", ReasonRequired, "")}
	}
	if t.DueOn.IsZero() {
		t.DueOn = s.Today()
	}
	return s.InTx(ctx, func(tx *Store) error {
		id, err := tx.insertID(ctx, `
			INSERT INTO tasks (client_id, invoice_id, kind, note, due_on, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			nullID(t.ClientID), nullID(t.InvoiceID), t.Kind, t.Note, t.DueOn, timeText(tx.Now()))
		if err != nil {
			return fmt.Errorf("create task: %w", translate(err))
		}
		t.ID = id
		return tx.appendEvent(ctx, &Event{ClientID: t.ClientID, InvoiceID: t.InvoiceID, Kind: EventTaskCreated,
			Params: map[string]string{"kind": t.Kind, "note": t.Note, "task": fmt.Sprint(t.ID)}})
	})
}

// CompleteTask marks a task done.
func (s *Store) CompleteTask(ctx context.Context, id int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		var t Task
		var clientID, invoiceID sql.NullInt64
		err := tx.reader().QueryRowContext(ctx, `SELECT kind, client_id, invoice_id FROM tasks WHERE id = ?`, id).
			Scan(&t.Kind, &clientID, &invoiceID)
		if err != nil {
			return fmt.Errorf("task %d: %w", id, ErrNotFound)
		}
		res, err := tx.writer().ExecContext(ctx, `UPDATE tasks SET done_at = ? WHERE id = ? AND done_at IS NULL`,
			timeText(tx.Now()), id)
		if err != nil {
			return fmt.Errorf("complete task %d: %w", id, translate(err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // done already: the timeline has it
		}
		return tx.appendEvent(ctx, &Event{ClientID: clientID.Int64, InvoiceID: invoiceID.Int64, Kind: EventTaskDone,
			Params: map[string]string{"kind": t.Kind, "task": fmt.Sprint(id)}})
	})
}

// TaskFixContact is the task a call with the outcome "wrong contact"
// opens: the client's contact has left, or the number or address is not
// theirs. While it is open, nothing is written to that client without the
// owner checking the contact first.
const TaskFixContact = "fix_contact"

// ListOpenTasksByClient returns the open tasks of kind for each client
// that has one, earliest first.
func (s *Store) ListOpenTasksByClient(ctx context.Context, kind string) (map[int64][]Task, error) {
	list, err := s.ListOpenTasks(ctx)
	if err != nil {
		return nil, err
	}
	out := map[int64][]Task{}
	for _, t := range list {
		if t.Kind == kind && t.ClientID != 0 {
			out[t.ClientID] = append(out[t.ClientID], t)
		}
	}
	return out, nil
}

// ListOpenTasks returns the tasks not done yet, earliest first.
func (s *Store) ListOpenTasks(ctx context.Context) ([]Task, error) {
	rows, err := s.reader().QueryContext(ctx, `
		SELECT id, COALESCE(client_id, 0), COALESCE(invoice_id, 0), kind, note, due_on
		FROM tasks WHERE done_at IS NULL ORDER BY due_on, id`)
	if err != nil {
		return nil, fmt.Errorf("list tasks: %w", translate(err))
	}
	defer rows.Close()
	var out []Task
	for rows.Next() {
		var t Task
		if err := rows.Scan(&t.ID, &t.ClientID, &t.InvoiceID, &t.Kind, &t.Note, &t.DueOn); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
