package data

import (
	"context"
	"errors"
	"slices"
	"testing"
)

// seededStep is a step as 0002_dunning.sql writes it.
type seededStep struct {
	offset   int
	channel  Channel
	template string
}

var seededScenarios = []struct {
	key   string
	steps []seededStep
}{
	{"standard", []seededStep{{-7, ChannelEmail, "pre_due"}, {3, ChannelEmail, "reminder_1"},
		{10, ChannelPhoneCall, "call"}, {15, ChannelEmail, "reminder_2"}, {30, ChannelRegisteredLetter, "formal_notice"},
		{50, ChannelLegalFile, "court_file"}, {0, ChannelThankYou, "thank_you"}}},
	{"good_payer", []seededStep{{-7, ChannelEmail, "pre_due"}, {5, ChannelEmail, "reminder_1"},
		{20, ChannelEmail, "reminder_2"}, {45, ChannelRegisteredLetter, "formal_notice"},
		{65, ChannelLegalFile, "court_file"}, {0, ChannelThankYou, "thank_you"}}},
	{"risky", []seededStep{{-10, ChannelEmail, "pre_due"}, {1, ChannelEmail, "reminder_1"},
		{5, ChannelPhoneCall, "call"}, {10, ChannelEmail, "reminder_2"}, {21, ChannelRegisteredLetter, "formal_notice"},
		{40, ChannelLegalFile, "court_file"}, {0, ChannelThankYou, "thank_you"}}},
	{"key_account", []seededStep{{-5, ChannelPhoneCall, "call"}, {5, ChannelPhoneCall, "call"},
		{15, ChannelEmail, "reminder_1"}, {30, ChannelTask, "review"}, {0, ChannelThankYou, "thank_you"}}},
}

// scenarioByKey returns the scenario with that key as ListScenarios shows it.
func scenarioByKey(t *testing.T, s *Store, key string) Scenario {
	t.Helper()
	list, err := s.ListScenarios(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range list {
		if sc.Key == key {
			return sc
		}
	}
	t.Fatalf("no scenario %q in %+v", key, list)
	return Scenario{}
}

// stepAt returns the active step at a position (1-based) of a scenario.
func stepAt(t *testing.T, s *Store, key string, position int) Step {
	t.Helper()
	sc := scenarioByKey(t, s, key)
	for _, st := range sc.Steps {
		if st.Position == position {
			return st
		}
	}
	t.Fatalf("scenario %s has no step at position %d", key, position)
	return Step{}
}

// stepIDs lists the ids of steps in order.
func stepIDs(steps []Step) []int64 {
	out := make([]int64, len(steps))
	for i, st := range steps {
		out[i] = st.ID
	}
	return out
}

// positionsAreOneToN reports whether steps carry positions 1..n in order.
func positionsAreOneToN(steps []Step) bool {
	for i, st := range steps {
		if st.Position != i+1 {
			return false
		}
	}
	return true
}

// hasFieldError reports whether err carries a FieldError on field.
func hasFieldError(err error, field string) bool {
	for _, fe := range FieldErrorsOf(err) {
		if fe.Field == field {
			return true
		}
	}
	return false
}

// makeScenario creates a custom scenario with one step per channel given.
func makeScenario(t *testing.T, s *Store, name string, channels ...Channel) Scenario {
	t.Helper()
	ctx := context.Background()
	sc := Scenario{Name: name}
	if err := s.CreateScenario(ctx, &sc); err != nil {
		t.Fatal(err)
	}
	for i, ch := range channels {
		st := Step{ScenarioID: sc.ID, OffsetDays: 10 * i, Channel: ch, TemplateKey: "tpl"}
		if err := s.CreateStep(ctx, &st); err != nil {
			t.Fatal(err)
		}
		sc.Steps = append(sc.Steps, st)
	}
	return sc
}

func TestListScenariosSeeded(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	list, err := s.ListScenarios(ctx)
	if err != nil || len(list) != len(seededScenarios) {
		t.Fatalf("scenarios: %+v, %v", list, err)
	}
	for i, want := range seededScenarios {
		sc := list[i]
		if sc.ID != int64(i+1) || sc.Key != want.key || sc.Name != "" {
			t.Errorf("scenario %d: %+v, want key %s", i, sc, want.key)
		}
		if len(sc.Steps) != len(want.steps) {
			t.Errorf("%s: %d steps, want %d", want.key, len(sc.Steps), len(want.steps))
			continue
		}
		for j, ws := range want.steps {
			st := sc.Steps[j]
			if st.Position != j+1 || st.ScenarioID != sc.ID || st.OffsetDays != ws.offset ||
				st.Channel != ws.channel || st.TemplateKey != ws.template || st.Retired || st.AutoSend {
				t.Errorf("%s step %d: %+v, want %+v", want.key, j+1, st, ws)
			}
		}
	}
	notice := list[0].Steps[4]
	if !notice.AttachInvoice || !notice.IncludeStatement || notice.WithLetter || notice.DeadlineDays != 8 {
		t.Errorf("standard formal notice options: %+v", notice)
	}
	if second := list[0].Steps[3]; !second.AttachInvoice || !second.IncludeStatement || !second.WithLetter {
		t.Errorf("standard reminder_2 options: %+v", second)
	}
	got, err := s.GetScenario(ctx, 3)
	if err != nil || got.Key != "risky" || !slices.Equal(stepIDs(got.Steps), stepIDs(list[2].Steps)) {
		t.Fatalf("get scenario: %+v, %v", got, err)
	}
	if _, err := s.GetScenario(ctx, 99); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing scenario: %v", err)
	}
	if _, err := s.GetStep(ctx, 9999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing step: %v", err)
	}
}

func TestCreateScenarioAndSteps(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	unnamed := Scenario{Name: "   "}
	if err := s.CreateScenario(ctx, &unnamed); !errors.Is(err, ErrInvalid) || !hasFieldError(err, "name") {
		t.Fatalf("unnamed scenario: %v", err)
	}
	if list, _ := s.ListScenarios(ctx); len(list) != 4 {
		t.Fatalf("%d scenarios after a refused one", len(list))
	}
	sc := makeScenario(t, s, "Export", ChannelEmail, ChannelPhoneCall, ChannelRegisteredLetter)
	if sc.ID != 5 || sc.Key != "custom_5" {
		t.Fatalf("first custom scenario: id %d key %q", sc.ID, sc.Key)
	}
	if other := makeScenario(t, s, "Mairies"); other.Key != "custom_6" || other.ID == sc.ID {
		t.Fatalf("second custom scenario: %+v", other)
	}
	for i, st := range sc.Steps {
		if st.ID == 0 || st.Position != i+1 {
			t.Errorf("created step %d: %+v", i, st)
		}
	}
	got, err := s.GetScenario(ctx, sc.ID)
	if err != nil || got.Name != "Export" || !slices.Equal(stepIDs(got.Steps), stepIDs(sc.Steps)) {
		t.Fatalf("get: %+v, %v", got, err)
	}
	if got.Steps[2].Channel != ChannelRegisteredLetter || got.Steps[2].OffsetDays != 20 {
		t.Fatalf("third step: %+v", got.Steps[2])
	}
	bad := Step{ScenarioID: sc.ID, Channel: "fax"}
	if err := s.CreateStep(ctx, &bad); !hasFieldError(err, "channel") {
		t.Fatalf("unknown channel: %v", err)
	}
	orphan := Step{ScenarioID: 99, Channel: ChannelEmail}
	if err := s.CreateStep(ctx, &orphan); !errors.Is(err, ErrNotFound) {
		t.Fatalf("step of a missing scenario: %v", err)
	}
	if again, _ := s.GetScenario(ctx, sc.ID); len(again.Steps) != 3 {
		t.Fatalf("%d steps after refused ones", len(again.Steps))
	}
	extra := Step{ScenarioID: 1, OffsetDays: 70, Channel: ChannelTask, TemplateKey: "review"}
	if err := s.CreateStep(ctx, &extra); err != nil || extra.Position != 8 {
		t.Fatalf("appended to standard: %+v, %v", extra, err)
	}
	if std := scenarioByKey(t, s, "standard"); len(std.Steps) != 8 || std.Steps[7].ID != extra.ID {
		t.Fatalf("standard after append: %v", stepIDs(std.Steps))
	}
}

func TestRenameScenario(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	if err := s.RenameScenario(ctx, 2, "Bons payeurs"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.GetScenario(ctx, 2); got.Name != "Bons payeurs" || got.Key != "good_payer" {
		t.Fatalf("renamed: %+v", got)
	}
	if err := s.RenameScenario(ctx, 99, "x"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("rename missing: %v", err)
	}
}

func TestUpdateStep(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	st := stepAt(t, s, "standard", 2)
	st.OffsetDays, st.TemplateKey, st.DeadlineDays = 4, "  relance_douce ", 5
	st.AttachInvoice, st.IncludeStatement, st.WithLetter, st.AutoSend = false, true, true, true
	st.Channel = ChannelLetter
	st.Position = 6 // not saved: UpdateStep leaves the order alone
	if err := s.UpdateStep(ctx, &st); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetStep(ctx, st.ID)
	if err != nil || got.OffsetDays != 4 || got.TemplateKey != "relance_douce" || got.DeadlineDays != 5 ||
		got.AttachInvoice || !got.IncludeStatement || !got.WithLetter || !got.AutoSend ||
		got.Channel != ChannelLetter || got.Position != 2 {
		t.Fatalf("updated step: %+v, %v", got, err)
	}
	for field, change := range map[string]func(*Step){
		"channel":       func(x *Step) { x.Channel = "fax" },
		"offset_days":   func(x *Step) { x.OffsetDays = 4000 },
		"deadline_days": func(x *Step) { x.DeadlineDays = -1 },
	} {
		bad := got
		change(&bad)
		err := s.UpdateStep(ctx, &bad)
		if !errors.Is(err, ErrInvalid) || !hasFieldError(err, field) {
			t.Errorf("%s: %v", field, err)
		}
	}
	if again, _ := s.GetStep(ctx, st.ID); again != got {
		t.Fatalf("a refused update was written: %+v", again)
	}
	missing := got
	missing.ID = 9999
	if err := s.UpdateStep(ctx, &missing); !errors.Is(err, ErrNotFound) {
		t.Fatalf("update missing: %v", err)
	}
}

func TestReorderSteps(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	sc := makeScenario(t, s, "Export", ChannelEmail, ChannelPhoneCall, ChannelRegisteredLetter)
	a, b, c := sc.Steps[0].ID, sc.Steps[1].ID, sc.Steps[2].ID
	if err := s.ReorderSteps(ctx, sc.ID, []int64{c, a, b}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.GetScenario(ctx, sc.ID)
	if !slices.Equal(stepIDs(got.Steps), []int64{c, a, b}) || !positionsAreOneToN(got.Steps) {
		t.Fatalf("reordered: %+v", got.Steps)
	}
	foreign := stepAt(t, s, "standard", 1).ID
	for name, ids := range map[string][]int64{
		"missing one": {c, a},
		"duplicate":   {c, a, a},
		"extra":       {c, a, b, foreign},
		"foreign":     {c, a, foreign},
		"empty":       {},
	} {
		if err := s.ReorderSteps(ctx, sc.ID, ids); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if again, _ := s.GetScenario(ctx, sc.ID); !slices.Equal(stepIDs(again.Steps), []int64{c, a, b}) ||
		!positionsAreOneToN(again.Steps) {
		t.Fatalf("a refused order was written: %+v", again.Steps)
	}
	if std := scenarioByKey(t, s, "standard"); !positionsAreOneToN(std.Steps) || std.Steps[0].ID != foreign {
		t.Fatalf("another scenario changed: %+v", std.Steps)
	}
	if err := s.ReorderSteps(ctx, 99, nil); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing scenario: %v", err)
	}
}

func TestDeleteStepHardOrRetired(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	std := scenarioByKey(t, s, "standard")
	unused, used, last := std.Steps[1], std.Steps[2], std.Steps[6]
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	for _, st := range []Step{used, last} {
		if err := s.RecordAction(ctx, &Action{InvoiceID: inv.ID, StepID: st.ID}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DeleteStep(ctx, unused.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetStep(ctx, unused.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unused step still there: %v", err)
	}
	if err := s.DeleteStep(ctx, used.ID); err != nil {
		t.Fatal(err)
	}
	kept, err := s.GetStep(ctx, used.ID)
	if err != nil || !kept.Retired || kept.Channel != ChannelPhoneCall || kept.ScenarioID != std.ID {
		t.Fatalf("used step: %+v, %v", kept, err)
	}
	after := scenarioByKey(t, s, "standard")
	want := []int64{std.Steps[0].ID, std.Steps[3].ID, std.Steps[4].ID, std.Steps[5].ID, std.Steps[6].ID}
	if !slices.Equal(stepIDs(after.Steps), want) || !positionsAreOneToN(after.Steps) {
		t.Fatalf("standard after deletes: %+v", after.Steps)
	}
	if one, _ := s.GetScenario(ctx, std.ID); !slices.Equal(stepIDs(one.Steps), want) {
		t.Fatalf("GetScenario shows a retired step: %v", stepIDs(one.Steps))
	}
	if actions, _ := s.ListActionsByInvoice(ctx, inv.ID); len(actions) != 2 || actions[0].StepID != used.ID {
		t.Fatalf("history lost: %+v", actions)
	}
	if err := s.UpdateStep(ctx, &kept); !errors.Is(err, ErrNotFound) {
		t.Fatalf("updating a retired step: %v", err)
	}
	// Retiring the last step too: a step added afterwards comes right after
	// the active ones, whatever position the retired ones kept.
	if err := s.DeleteStep(ctx, last.ID); err != nil {
		t.Fatal(err)
	}
	if after = scenarioByKey(t, s, "standard"); !slices.Equal(stepIDs(after.Steps), want[:4]) || !positionsAreOneToN(after.Steps) {
		t.Fatalf("standard after retiring the last step: %+v", after.Steps)
	}
	appended := Step{ScenarioID: std.ID, OffsetDays: 60, Channel: ChannelTask}
	if err := s.CreateStep(ctx, &appended); err != nil || appended.Position != 5 {
		t.Fatalf("append after deletes: %+v, %v", appended, err)
	}
	if err := s.DeleteStep(ctx, 9999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("delete missing: %v", err)
	}
}

func TestDeleteScenario(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	if err := s.DeleteScenario(ctx, 1); !errors.Is(err, ErrInUse) {
		t.Fatalf("seeded scenario used by its category: %v", err)
	}
	byCategory := makeScenario(t, s, "Export", ChannelEmail)
	if err := s.SetCategoryScenario(ctx, "export", byCategory.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteScenario(ctx, byCategory.ID); !errors.Is(err, ErrInUse) {
		t.Fatalf("scenario of a category: %v", err)
	}
	byClient := makeScenario(t, s, "Mairie", ChannelEmail)
	c := makeClient(t, s, "mairie")
	c.ScenarioID = byClient.ID
	if err := s.UpdateClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteScenario(ctx, byClient.ID); !errors.Is(err, ErrInUse) {
		t.Fatalf("scenario of a client: %v", err)
	}
	taken := makeScenario(t, s, "Ancien", ChannelEmail)
	inv := makeInvoice(t, s, c.ID, "FA-1", 1000)
	if err := s.RecordAction(ctx, &Action{InvoiceID: inv.ID, StepID: taken.Steps[0].ID}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteScenario(ctx, taken.ID); !errors.Is(err, ErrInUse) {
		t.Fatalf("scenario whose step was taken: %v", err)
	}
	for _, id := range []int64{1, byCategory.ID, byClient.ID, taken.ID} {
		if _, err := s.GetScenario(ctx, id); err != nil {
			t.Errorf("scenario %d gone after a refused delete: %v", id, err)
		}
	}
	unused := makeScenario(t, s, "Essai", ChannelEmail, ChannelPhoneCall)
	if err := s.DeleteScenario(ctx, unused.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetScenario(ctx, unused.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted scenario: %v", err)
	}
	if _, err := s.GetStep(ctx, unused.Steps[0].ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("steps of a deleted scenario remain: %v", err)
	}
	if err := s.DeleteScenario(ctx, unused.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("delete twice: %v", err)
	}
}

func TestCategories(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	list, err := s.ListCategories(ctx)
	want := []Category{{"good_payer", 2}, {"key_account", 4}, {"risky", 3}, {"standard", 1}}
	if err != nil || len(list) != len(want) {
		t.Fatalf("categories: %+v, %v", list, err)
	}
	for i := range want {
		if list[i] != want[i] {
			t.Errorf("category %d: %+v, want %+v", i, list[i], want[i])
		}
	}
	custom := makeScenario(t, s, "Export", ChannelEmail)
	if err := s.SetCategoryScenario(ctx, "risky", 1); err != nil {
		t.Fatal(err)
	}
	if err := s.SetCategoryScenario(ctx, "export", custom.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.SetCategoryScenario(ctx, "standard", 99); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown scenario: %v", err)
	}
	if err := s.SetCategoryScenario(ctx, " ", 1); !errors.Is(err, ErrInvalid) {
		t.Fatalf("empty key: %v", err)
	}
	got := map[string]int64{}
	list, _ = s.ListCategories(ctx)
	for _, c := range list {
		got[c.Key] = c.ScenarioID
	}
	if len(got) != 5 || got["risky"] != 1 || got["export"] != custom.ID || got["standard"] != 1 || got["good_payer"] != 2 {
		t.Fatalf("after changes: %v", got)
	}
}

func TestClientScenarioOverride(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	if c.ScenarioID != 0 {
		t.Fatalf("new client overrides: %d", c.ScenarioID)
	}
	c.ScenarioID = 3
	if err := s.UpdateClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.GetClient(ctx, c.ID); got.ScenarioID != 3 {
		t.Fatalf("override lost: %d", got.ScenarioID)
	}
	c.ScenarioID = 999
	err := s.UpdateClient(ctx, &c)
	if !errors.Is(err, ErrInvalid) || !hasFieldError(err, "scenario") {
		t.Fatalf("unknown scenario: %v", err)
	}
	if got, _ := s.GetClient(ctx, c.ID); got.ScenarioID != 3 {
		t.Fatalf("a refused override was written: %d", got.ScenarioID)
	}
	c.ScenarioID = 0
	if err := s.UpdateClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.GetClient(ctx, c.ID); got.ScenarioID != 0 {
		t.Fatalf("override not cleared: %d", got.ScenarioID)
	}
	keyAccount := Client{Name: "grand compte", ScenarioID: 4}
	if err := s.CreateClient(ctx, &keyAccount); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.GetClient(ctx, keyAccount.ID); got.ScenarioID != 4 {
		t.Fatalf("override on create: %d", got.ScenarioID)
	}
}

func TestCreateClientUnknownScenarioIsFieldError(t *testing.T) {
	s := newTestStore(t)
	c := Client{Name: "boulangerie", ScenarioID: 999}
	err := s.CreateClient(context.Background(), &c)
	if !errors.Is(err, ErrInvalid) || !hasFieldError(err, "scenario") {
		t.Fatalf("unknown scenario on create: %v", err)
	}
	if list, _ := s.ListClients(context.Background()); len(list) != 0 {
		t.Fatalf("%d clients after a refused create", len(list))
	}
}
