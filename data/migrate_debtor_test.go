package data

import (
	"context"
	"path/filepath"
	"testing"
)

// A book written before debtor types: its professional clients become
// commercial debtors flagged for review, its consumers stay consumers, and
// the ECB history back to 2016 is added without touching a rate the user
// had entered for one of those days.
func TestMigrationToDebtorTypes(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v5.db")
	db := openRaw(t, path)
	if err := migrate(ctx, db, migrationsUpTo(t, 5)); err != nil {
		t.Fatal(err)
	}
	const now = "2026-01-10T09:00:00Z"
	for _, stmt := range []string{
		`INSERT INTO clients (id, name, kind, created_at, updated_at) VALUES (1, 'Mairie de Bron', 'professional', '` + now + `', '` + now + `')`,
		`INSERT INTO clients (id, name, kind, created_at, updated_at) VALUES (2, 'Julie Moreau', 'consumer', '` + now + `', '` + now + `')`,
		`INSERT INTO ecb_rates (effective_on, rate_bp) VALUES ('2022-07-27', 55)`,
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	s, err := Open(path, WithClock(ClockOn(testDay)))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mairie, err := s.GetClient(ctx, 1)
	if err != nil || mairie.Kind != Commercial || !mairie.KindMigrated {
		t.Fatalf("professional client after migration: %+v, %v; want commercial, flagged", mairie, err)
	}
	julie, err := s.GetClient(ctx, 2)
	if err != nil || julie.Kind != Consumer || julie.KindMigrated {
		t.Fatalf("consumer after migration: %+v, %v", julie, err)
	}
	// Confirming the type (the client form saves with KindMigrated false)
	// clears the flag; the legacy column follows the debtor type.
	mairie.Kind, mairie.KindMigrated = PublicBuyer, false
	if err := s.UpdateClient(ctx, &mairie); err != nil {
		t.Fatal(err)
	}
	again, _ := s.GetClient(ctx, 1)
	if again.Kind != PublicBuyer || again.KindMigrated {
		t.Fatalf("after confirming: %+v", again)
	}
	var legacy string
	if err := s.read.QueryRow(`SELECT kind FROM clients WHERE id = 2`).Scan(&legacy); err != nil || legacy != "consumer" {
		t.Fatalf("legacy kind of the consumer %q, %v", legacy, err)
	}
	rates, err := s.ListECBRates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, r := range rates {
		got[r.EffectiveOn.String()] = r.RateBP
	}
	want := map[string]int{"2016-03-16": 0, "2022-07-27": 55, "2022-09-14": 125, "2022-11-02": 200, "2022-12-21": 250}
	for day, bp := range want {
		if v, ok := got[day]; !ok || v != bp {
			t.Errorf("ECB rate of %s: %d (%v), want %d", day, v, ok, bp)
		}
	}
}

func TestClientKindsAndCivilityValidated(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	for _, k := range ClientKinds {
		c := Client{Name: "client " + string(k), Kind: k, ContactCivility: CivilityMadam}
		if err := s.CreateClient(ctx, &c); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		got, _ := s.GetClient(ctx, c.ID)
		if got.Kind != k || got.ContactCivility != CivilityMadam {
			t.Errorf("stored %s/%s, read back %s/%s", k, CivilityMadam, got.Kind, got.ContactCivility)
		}
	}
	bad := Client{Name: "x", Kind: "professional"}
	if err := s.CreateClient(ctx, &bad); !hasFieldError(err, "kind") {
		t.Errorf("the old kind accepted: %v", err)
	}
	bad = Client{Name: "x", ContactCivility: "dr"}
	if err := s.CreateClient(ctx, &bad); !hasFieldError(err, "contact_civility") {
		t.Errorf("an unknown civility accepted: %v", err)
	}
}
