package payers

import (
	"context"
	"path/filepath"
	"testing"

	"relance/data"
)

// lateBook is a book file with one client who paid its 12 invoices 40
// days late, and one who has no invoice yet.
func lateBook(t *testing.T) (*data.Store, data.Client, data.Client) {
	t.Helper()
	ctx := context.Background()
	s, err := data.Open(filepath.Join(t.TempDir(), "relance.db"), data.WithClock(data.ClockOn(today)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	late, fresh := data.Client{Name: "Retard SARL"}, data.Client{Name: "Nouveau SAS"}
	for _, c := range []*data.Client{&late, &fresh} {
		if err := s.CreateClient(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	for i, inv := range history(late.ID, 100_000, repeat(12, 40)...) {
		in := data.Invoice{Number: "FA-" + string(rune('A'+i)), ClientID: late.ID, IssueDate: inv.IssueDate,
			DueDate: inv.DueDate, Amount: inv.Amount}
		if err := s.CreateInvoice(ctx, &in); err != nil {
			t.Fatal(err)
		}
		p := data.Payment{InvoiceID: in.ID, Date: inv.SettledOn, Amount: inv.Amount}
		if err := s.CreatePayment(ctx, &p); err != nil {
			t.Fatal(err)
		}
	}
	return s, late, fresh
}

// TestRegradeMovesAfterAWeek grades a real book day after day: the grades
// are kept from the first day, the late payer moves to Risky once its
// grade held a week, with the move's event by the app, and the new client
// stays Standard. Daily does nothing on a day already graded.
func TestRegradeMovesAfterAWeek(t *testing.T) {
	ctx := context.Background()
	s, late, fresh := lateBook(t)
	if err := s.SetCategoryFromGrade(ctx, true); err != nil {
		t.Fatal(err)
	}
	g, err := Daily(ctx, s, today)
	if err != nil || g.Clients != 2 || len(g.Moves) != 0 {
		t.Fatalf("first day: %+v, %v", g, err)
	}
	kept, err := s.GetClientGrade(ctx, late.ID)
	if err != nil || kept.Grade != "D" || kept.Pending != CategoryRisky {
		t.Fatalf("kept %+v, %v", kept, err)
	}
	if g, err := Daily(ctx, s, today); err != nil || !g.AlreadyDone {
		t.Errorf("same day again: %+v, %v", g, err)
	}
	g, err = Daily(ctx, s, today.AddDays(ConfirmDays))
	if err != nil || len(g.Moves) != 1 || g.Moves[0].ClientID != late.ID || g.Moves[0].To != CategoryRisky {
		t.Fatalf("a week later: %+v, %v", g, err)
	}
	if c, _ := s.GetClient(ctx, late.ID); c.Category != CategoryRisky {
		t.Errorf("late payer in %s", c.Category)
	}
	if c, _ := s.GetClient(ctx, fresh.ID); c.Category != CategoryStandard {
		t.Errorf("new client in %s", c.Category)
	}
	events, _ := s.ListEventsByClient(ctx, late.ID)
	found := false
	for _, e := range events {
		if e.Kind == data.EventCategoryMoved {
			found = e.Actor == "app" && e.Params["grade"] == "D" && len(DecodeReasons(e.Params["reasons"])) > 0
		}
	}
	if !found {
		t.Errorf("no move event by the app with its reasons: %+v", events)
	}
}
