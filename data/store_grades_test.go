package data

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

// standingOf finds a client's standing among standings.
func standingOf(t *testing.T, s *Store, clientID int64) ClientStanding {
	t.Helper()
	list, err := s.ListClientStandings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range list {
		if st.ClientID == clientID {
			return st
		}
	}
	t.Fatalf("client %d not among the standings", clientID)
	return ClientStanding{}
}

// summaryGrade is a client's grade as the client list reads it.
func summaryGrade(t *testing.T, s *Store, clientID int64) string {
	t.Helper()
	list, err := s.ListClientSummaries(context.Background(), testDay)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list {
		if c.ID == clientID {
			return c.Grade
		}
	}
	t.Fatalf("client %d not listed", clientID)
	return ""
}

// TestSaveGradesKeptAndRead keeps a grading and reads it back through the
// standings, the client list and the day graded; a second grading
// replaces the first.
func TestSaveGradesKeptAndRead(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	a, b := makeClient(t, s, "alpha"), makeClient(t, s, "beta")
	if st := standingOf(t, s, a.ID); st.Kept.Grade != "" || !st.Kept.GradedOn.IsZero() || st.Category != "standard" {
		t.Fatalf("never graded: %+v", st)
	}
	if _, err := s.GetClientGrade(ctx, a.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("grade never kept: %v", err)
	}
	day := MustDate("2026-03-02")
	grades := []ClientGrade{{ClientID: a.ID, Grade: "D", Pending: "risky", PendingSince: day}, {ClientID: b.ID, Grade: "A"}}
	if _, err := s.SaveGrades(ctx, day, grades, nil); err != nil {
		t.Fatal(err)
	}
	st := standingOf(t, s, a.ID)
	if st.Kept.Grade != "D" || st.Kept.GradedOn != day || st.Kept.Pending != "risky" || st.Kept.PendingSince != day {
		t.Errorf("alpha kept %+v", st.Kept)
	}
	if g := summaryGrade(t, s, b.ID); g != "A" {
		t.Errorf("beta listed with grade %q", g)
	}
	if on, err := s.GetGradedOn(ctx); err != nil || on != day {
		t.Errorf("graded on %v, %v", on, err)
	}
	next := day.AddDays(1)
	if _, err := s.SaveGrades(ctx, next, []ClientGrade{{ClientID: a.ID, Grade: "C"}}, nil); err != nil {
		t.Fatal(err)
	}
	g, err := s.GetClientGrade(ctx, a.ID)
	if err != nil || g.Grade != "C" || g.GradedOn != next || g.Pending != "" || !g.PendingSince.IsZero() {
		t.Errorf("alpha graded again: %+v, %v", g, err)
	}
}

// TestSaveGradesMovesWithEvent moves a client with its event on the
// timeline, by the app; a client chosen by hand meanwhile is not moved.
func TestSaveGradesMovesWithEvent(t *testing.T) {
	ctx := WithActor(context.Background(), "app")
	s := newTestStore(t)
	a := makeClient(t, s, "alpha")
	b := makeClient(t, s, "beta")
	b.Category, b.CategoryByHand = "good_payer", true
	if err := s.UpdateClient(ctx, &b); err != nil {
		t.Fatal(err)
	}
	day := MustDate("2026-03-09")
	moves := []CategoryMove{{ClientID: a.ID, From: "standard", To: "risky", Grade: "D", Reasons: "late:9:12:23"},
		{ClientID: b.ID, From: "good_payer", To: "risky", Grade: "E"}}
	made, err := s.SaveGrades(ctx, day, []ClientGrade{{ClientID: a.ID, Grade: "D"}, {ClientID: b.ID, Grade: "E"}}, moves)
	if err != nil {
		t.Fatal(err)
	}
	if len(made) != 1 || made[0].ClientID != a.ID {
		t.Fatalf("moves made %+v, want alpha's only", made)
	}
	if c, _ := s.GetClient(ctx, a.ID); c.Category != "risky" || c.CategoryByHand {
		t.Errorf("alpha: %s, by hand %v", c.Category, c.CategoryByHand)
	}
	if c, _ := s.GetClient(ctx, b.ID); c.Category != "good_payer" || !c.CategoryByHand {
		t.Errorf("beta, chosen by hand: %s", c.Category)
	}
	events, err := s.ListEventsByClient(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	var moved *Event
	for i := range events {
		if events[i].Kind == EventCategoryMoved {
			moved = &events[i]
		}
	}
	if moved == nil || moved.Params["from"] != "standard" || moved.Params["to"] != "risky" || moved.Params["grade"] != "D" ||
		moved.Params["reasons"] != "late:9:12:23" || moved.Actor != "app" {
		t.Errorf("event %+v", moved)
	}
	others, _ := s.ListEventsByClient(ctx, b.ID)
	for _, e := range others {
		if e.Kind == EventCategoryMoved {
			t.Errorf("beta not moved, yet %+v", e)
		}
	}
}

// TestSaveGradesAtomic: a grading that fails part way writes nothing, no
// grade, no move, no event, not the day.
func TestSaveGradesAtomic(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	a := makeClient(t, s, "alpha")
	first := MustDate("2026-03-01")
	if _, err := s.SaveGrades(ctx, first, []ClientGrade{{ClientID: a.ID, Grade: "B"}}, nil); err != nil {
		t.Fatal(err)
	}
	before, err := s.LastEventID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// alpha's new grade is written first; the grade of a client that does
	// not exist fails the grading after it, before the move.
	moves := []CategoryMove{{ClientID: a.ID, From: "standard", To: "risky", Grade: "E"}}
	_, err = s.SaveGrades(ctx, first.AddDays(1), []ClientGrade{{ClientID: a.ID, Grade: "E"}, {ClientID: a.ID + 99, Grade: "E"}}, moves)
	if err == nil {
		t.Fatal("a grade for no client was kept")
	}
	if g, _ := s.GetClientGrade(ctx, a.ID); g.Grade != "B" || g.GradedOn != first {
		t.Errorf("grade after the failure: %+v", g)
	}
	if c, _ := s.GetClient(ctx, a.ID); c.Category != "standard" {
		t.Errorf("moved to %s", c.Category)
	}
	if after, _ := s.LastEventID(ctx); after != before {
		t.Errorf("events written: %d -> %d", before, after)
	}
	if on, _ := s.GetGradedOn(ctx); on != first {
		t.Errorf("graded on %v", on)
	}
}

// TestCategoryFromGradeSetting is off by default and remembered.
func TestCategoryFromGradeSetting(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	if on, err := s.GetCategoryFromGrade(ctx); on || err != nil {
		t.Fatalf("default %v, %v", on, err)
	}
	if err := s.SetCategoryFromGrade(ctx, true); err != nil {
		t.Fatal(err)
	}
	if on, err := s.GetCategoryFromGrade(ctx); !on || err != nil {
		t.Fatalf("after on: %v, %v", on, err)
	}
}

// TestMigrationCategoryByHand: the upgrade takes every category but the
// default as the owner's choice, and keeps no grade yet.
func TestMigrationCategoryByHand(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v21.db")
	db := openRaw(t, path)
	defer db.Close()
	if err := migrate(ctx, db, migrationsUpTo(t, 21)); err != nil {
		t.Fatal(err)
	}
	const now = "2026-01-10T09:00:00Z"
	for _, stmt := range []string{
		`INSERT INTO clients (id, name, kind, category, created_at, updated_at) VALUES (1, 'a', 'professional', 'standard', '` + now + `', '` + now + `')`,
		`INSERT INTO clients (id, name, kind, category, created_at, updated_at) VALUES (2, 'b', 'professional', 'risky', '` + now + `', '` + now + `')`,
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	if err := migrate(ctx, db, migrationsUpTo(t, 22)); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int]bool{1: false, 2: true} {
		var byHand bool
		if err := db.QueryRow(`SELECT category_by_hand FROM clients WHERE id = ?`, id).Scan(&byHand); err != nil || byHand != want {
			t.Errorf("client %d: by hand %v (%v), want %v", id, byHand, err, want)
		}
	}
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM client_grades`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d grades, %v", n, err)
	}
}
