package payers

import (
	"context"
	"fmt"

	"relance/data"
)

// Book is what a grading reads and writes of the book (data.Store).
type Book interface {
	LoadPayerBook(ctx context.Context, clientID int64) (data.PayerBook, error)
	ListClientStandings(ctx context.Context) ([]data.ClientStanding, error)
	GetCategoryFromGrade(ctx context.Context) (bool, error)
	GetGradedOn(ctx context.Context) (data.Date, error)
	SaveGrades(ctx context.Context, day data.Date, grades []data.ClientGrade, moves []data.CategoryMove) ([]data.CategoryMove, error)
}

// Graded is what a grading did.
type Graded struct {
	Clients int                 // graded
	Moves   []data.CategoryMove // made, each with its event
	// AlreadyDone: Daily found the day graded and did nothing.
	AlreadyDone bool
}

// Regrade grades every client as of today and keeps the grades (for the
// lists), then, when the owner turned the option on, moves the clients
// whose grade confirmed another category (Decide), each move with its
// event on the client's timeline, all in one transaction. It reads the
// whole history (a second or two on a large book): an explicit write step,
// run off the window's goroutine.
func Regrade(ctx context.Context, b Book, today data.Date) (Graded, error) {
	auto, err := b.GetCategoryFromGrade(ctx)
	if err != nil {
		return Graded{}, fmt.Errorf("grading: %w", err)
	}
	standings, err := b.ListClientStandings(ctx)
	if err != nil {
		return Graded{}, fmt.Errorf("grading: %w", err)
	}
	book, err := b.LoadPayerBook(ctx, 0)
	if err != nil {
		return Graded{}, fmt.Errorf("grading: %w", err)
	}
	profiles := Make(book, today)
	grades := make([]data.ClientGrade, 0, len(standings))
	var moves []data.CategoryMove
	for _, st := range standings {
		p := Of(profiles, st.ClientID)
		d := Decide(st, p.Grade, today, auto)
		grades = append(grades, d.Kept)
		if d.MoveTo != "" {
			moves = append(moves, data.CategoryMove{ClientID: st.ClientID, From: st.Category, To: d.MoveTo,
				Grade: string(p.Grade), Reasons: EncodeReasons(p.Reasons)})
		}
	}
	made, err := b.SaveGrades(data.WithActor(ctx, "app"), today, grades, moves)
	if err != nil {
		return Graded{}, fmt.Errorf("grading: %w", err)
	}
	return Graded{Clients: len(grades), Moves: made}, nil
}

// Daily is the day's grading: Regrade, unless the book was graded today
// already (by the window or by send-due, whichever ran first).
func Daily(ctx context.Context, b Book, today data.Date) (Graded, error) {
	last, err := b.GetGradedOn(ctx)
	if err != nil {
		return Graded{}, fmt.Errorf("grading: %w", err)
	}
	if last == today {
		return Graded{AlreadyDone: true}, nil
	}
	return Regrade(ctx, b, today)
}
