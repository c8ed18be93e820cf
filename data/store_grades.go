package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// EventCategoryMoved records that the payer grade moved a client to
// another category (and so to another scenario), with why: the parameters
// "from", "to", "grade" and "reasons" (the grade's reasons, coded by
// app/payers).
const EventCategoryMoved EventKind = "category_moved"

// ClientGrade is what the book keeps of a client's last grading: the grade
// the lists show without computing it again, and the category move it
// points to while that waits to be confirmed.
type ClientGrade struct {
	ClientID int64
	Grade    string // "A" to "E"; "" when the history is too short to say
	GradedOn Date
	// Pending is the category the grade points to when it is not the
	// client's own, since the day PendingSince; "" when none.
	Pending      string
	PendingSince Date
}

// ClientStanding is a client's category as a grading reads it: how it was
// set, and the last grading kept.
type ClientStanding struct {
	ClientID       int64
	Category       string
	CategoryByHand bool
	Archived       bool
	Kept           ClientGrade // zero when never graded
}

// CategoryMove is a client moved to another category by its grade.
type CategoryMove struct {
	ClientID int64
	From, To string
	Grade    string
	Reasons  string // the grade's reasons, coded (app/payers.EncodeReasons)
}

// gradedOnKey is the app_state key of the day the grades were last
// computed.
const gradedOnKey = "payers.graded_on"

// autoCategoriesKey is the app_state key of the CategoryFromGrade setting.
const autoCategoriesKey = "payers.auto_categories"

// GetCategoryFromGrade reports whether the payer grade moves clients
// between Good payer, Standard and Risky (off unless the owner turned it
// on: a category changing by itself must be the owner's choice).
func (s *Store) GetCategoryFromGrade(ctx context.Context) (bool, error) {
	v, err := s.GetState(ctx, autoCategoriesKey)
	return v == "1", err
}

// SetCategoryFromGrade turns the moves by grade on or off.
func (s *Store) SetCategoryFromGrade(ctx context.Context, on bool) error {
	v := "0"
	if on {
		v = "1"
	}
	return s.SetState(ctx, autoCategoriesKey, v)
}

// GetGradedOn is the day the grades were last computed (zero: never), so
// that the day's grading runs once whoever starts it (the window, send-due).
func (s *Store) GetGradedOn(ctx context.Context) (Date, error) {
	v, err := s.GetState(ctx, gradedOnKey)
	if err != nil || v == "" {
		return Date{}, err
	}
	d, err := ParseDate(v)
	if err != nil {
		return Date{}, fmt.Errorf("state %s = %q: %w", gradedOnKey, v, ErrInvalid)
	}
	return d, nil
}

// ListClientStandings returns every client's category, how it was set and
// its last grading, by client id.
func (s *Store) ListClientStandings(ctx context.Context) ([]ClientStanding, error) {
	var out []ClientStanding
	err := s.each(ctx, `
		SELECT c.id, c.category, c.category_by_hand, c.archived_at IS NOT NULL,
		       COALESCE(g.grade, ''), g.graded_on, COALESCE(g.pending, ''), g.pending_since
		FROM clients c LEFT JOIN client_grades g ON g.client_id = c.id ORDER BY c.id`, nil, func(rows *sql.Rows) error {
		var st ClientStanding
		err := rows.Scan(&st.ClientID, &st.Category, &st.CategoryByHand, &st.Archived,
			&st.Kept.Grade, &st.Kept.GradedOn, &st.Kept.Pending, &st.Kept.PendingSince)
		st.Kept.ClientID = st.ClientID
		out = append(out, st)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("client standings: %w", translate(err))
	}
	return out, nil
}

// GetClientGrade returns a client's last grading kept, or ErrNotFound when
// it was never graded.
func (s *Store) GetClientGrade(ctx context.Context, clientID int64) (ClientGrade, error) {
	g := ClientGrade{ClientID: clientID}
	err := s.reader().QueryRowContext(ctx, `
		SELECT grade, graded_on, pending, pending_since FROM client_grades WHERE client_id = ?`, clientID).
		Scan(&g.Grade, &g.GradedOn, &g.Pending, &g.PendingSince)
	if errors.Is(err, sql.ErrNoRows) {
		return g, fmt.Errorf("grade of client %d: %w", clientID, ErrNotFound)
	}
	if err != nil {
		return g, fmt.Errorf("grade of client %d: %w", clientID, translate(err))
	}
	return g, nil
}

// SaveGrades keeps a grading of the whole book in one transaction: every
// client's grade (day is the day computed), the category moves, each with
// its event on the client's timeline, and the day graded. A move whose
// client changed meanwhile (its category is no longer From, or the owner
// chose it by hand) is left out, without its event; the moves made are
// returned.
func (s *Store) SaveGrades(ctx context.Context, day Date, grades []ClientGrade, moves []CategoryMove) ([]CategoryMove, error) {
	var made []CategoryMove
	err := s.InTx(ctx, func(tx *Store) error {
		if err := tx.keepGrades(ctx, day, grades); err != nil {
			return err
		}
		for _, m := range moves {
			ok, err := tx.moveCategory(ctx, m)
			if err != nil {
				return err
			}
			if ok {
				made = append(made, m)
			}
		}
		return tx.SetState(ctx, gradedOnKey, day.String())
	})
	if err != nil {
		return nil, err
	}
	return made, nil
}

// keepGrades writes the grades through one prepared statement.
func (s *Store) keepGrades(ctx context.Context, day Date, grades []ClientGrade) error {
	stmt, err := s.prepare(ctx, `
		INSERT INTO client_grades (client_id, grade, graded_on, pending, pending_since) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (client_id) DO UPDATE SET grade = excluded.grade, graded_on = excluded.graded_on,
		       pending = excluded.pending, pending_since = excluded.pending_since`)
	if err != nil {
		return fmt.Errorf("keep grades: %w", translate(err))
	}
	defer stmt.Close()
	for _, g := range grades {
		if _, err := stmt.ExecContext(ctx, g.ClientID, g.Grade, day, g.Pending, g.PendingSince); err != nil {
			return fmt.Errorf("keep the grade of client %d: %w", g.ClientID, translate(err))
		}
	}
	return nil
}

// moveCategory moves one client, unless it changed since the grading read
// it, and records why.
func (s *Store) moveCategory(ctx context.Context, m CategoryMove) (bool, error) {
	res, err := s.writer().ExecContext(ctx, `
		UPDATE clients SET category = ?, updated_at = ?
		WHERE id = ? AND category = ? AND category_by_hand = 0`, m.To, timeText(s.Now()), m.ClientID, m.From)
	if err != nil {
		return false, fmt.Errorf("move client %d to %s: %w", m.ClientID, m.To, translate(err))
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	err = s.appendEvent(ctx, &Event{ClientID: m.ClientID, Kind: EventCategoryMoved, Params: map[string]string{
		"from": m.From, "to": m.To, "grade": m.Grade, "reasons": m.Reasons}})
	if err != nil {
		return false, fmt.Errorf("move client %d to %s: %w", m.ClientID, m.To, err)
	}
	return true, nil
}
