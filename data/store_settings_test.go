package data

import (
	"context"
	"slices"
	"testing"
)

func TestScenarioUsage(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	u, err := s.GetScenarioUsage(ctx, 1)
	if err != nil || !slices.Equal(u.Categories, []string{"standard"}) || u.Clients != 0 || u.Actions != 0 || !u.InUse() {
		t.Fatalf("seeded standard scenario: %+v, %v", u, err)
	}
	mine := makeScenario(t, s, "Export", ChannelEmail, ChannelPhoneCall)
	if u, _ := s.GetScenarioUsage(ctx, mine.ID); u.InUse() {
		t.Fatalf("a new scenario is in use: %+v", u)
	}
	if err := s.SetCategoryScenario(ctx, "export", mine.ID); err != nil {
		t.Fatal(err)
	}
	c := makeClient(t, s, "mairie")
	c.ScenarioID = mine.ID
	if err := s.UpdateClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	inv := makeInvoice(t, s, c.ID, "FA-1", 1000)
	for _, st := range mine.Steps {
		if err := s.RecordAction(ctx, &Action{InvoiceID: inv.ID, StepID: st.ID}); err != nil {
			t.Fatal(err)
		}
	}
	// A retired step still counts: its actions keep the scenario.
	if err := s.DeleteStep(ctx, mine.Steps[1].ID); err != nil {
		t.Fatal(err)
	}
	u, err = s.GetScenarioUsage(ctx, mine.ID)
	if err != nil || !slices.Equal(u.Categories, []string{"export"}) || u.Clients != 1 || u.Actions != 2 {
		t.Fatalf("usage: %+v, %v", u, err)
	}
}

func TestCountStepActions(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	counts, err := s.CountStepActions(ctx)
	if err != nil || len(counts) != 0 {
		t.Fatalf("fresh book: %v, %v", counts, err)
	}
	std := scenarioByKey(t, s, "standard")
	c := makeClient(t, s, "boulangerie")
	for _, number := range []string{"FA-1", "FA-2"} {
		inv := makeInvoice(t, s, c.ID, number, 1000)
		if err := s.RecordAction(ctx, &Action{InvoiceID: inv.ID, StepID: std.Steps[1].ID}); err != nil {
			t.Fatal(err)
		}
	}
	counts, err = s.CountStepActions(ctx)
	if err != nil || len(counts) != 1 || counts[std.Steps[1].ID] != 2 {
		t.Fatalf("counts: %v, %v", counts, err)
	}
}
