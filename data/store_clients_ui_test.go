package data

import (
	"context"
	"errors"
	"testing"
)

func TestEditClientRecordsPauseAndResume(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "fleuriste")

	c.Phone = "04 78 00 00 00"
	if err := s.EditClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	c.RemindersPaused, c.PausedReason = true, "redressement judiciaire"
	if err := s.EditClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	c.RemindersPaused, c.PausedReason = false, ""
	if err := s.EditClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	events, err := s.ListEventsByClient(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []EventKind
	for _, e := range events {
		kinds = append(kinds, e.Kind)
	}
	// The phone's correction is on the timeline too, with both values.
	want := []EventKind{EventClientCreated, EventClientUpdated, EventClientPaused, EventClientResumed}
	if len(kinds) != len(want) || kinds[0] != want[0] || kinds[1] != want[1] || kinds[2] != want[2] || kinds[3] != want[3] {
		t.Fatalf("timeline kinds %v, want %v", kinds, want)
	}
	if p := events[1].Params; p[ChangedParam] != "phone" || p["phone.from"] != "" || p["phone.to"] != "04 78 00 00 00" {
		t.Errorf("edit event params %v", p)
	}
	if events[2].Params["reason"] != "redressement judiciaire" {
		t.Errorf("pause event params %v", events[2].Params)
	}
	got, _ := s.GetClient(ctx, c.ID)
	if got.Phone != "04 78 00 00 00" || got.RemindersPaused {
		t.Errorf("stored client %+v", got)
	}
}

func TestEditClientRefusesBadInputAndWritesNothing(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "primeur")

	bad := c
	bad.Email, bad.RemindersPaused = "not-an-address", true
	if err := s.EditClient(ctx, &bad); !errors.Is(err, ErrInvalid) {
		t.Fatalf("bad email: %v", err)
	}
	bad = c
	bad.ScenarioID, bad.RemindersPaused = 9999, true
	if fes := FieldErrorsOf(s.EditClient(ctx, &bad)); len(fes) != 1 || fes[0].Field != "scenario" {
		t.Fatalf("unknown scenario: %v", fes)
	}
	missing := c
	missing.ID = 9999
	if err := s.EditClient(ctx, &missing); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing client: %v", err)
	}
	got, _ := s.GetClient(ctx, c.ID)
	events, _ := s.ListEventsByClient(ctx, c.ID)
	if got.Email != c.Email || got.RemindersPaused || len(events) != 1 {
		t.Fatalf("a refused edit wrote: %+v, %d events", got, len(events))
	}
}
