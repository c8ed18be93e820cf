package words

import (
	"strings"
	"testing"
)

func TestCatalogueFillsAndPluralises(t *testing.T) {
	fr, err := Load("fr")
	if err != nil {
		t.Fatal(err)
	}
	en, err := Load("en")
	if err != nil {
		t.Fatal(err)
	}
	if got := fr.L("cli.locked", map[string]any{"Dir": "/d"}); got == "cli.locked" || !strings.Contains(got, "/d") {
		t.Errorf("fr cli.locked = %q", got)
	}
	if got := fr.L("no.such.key"); got != "no.such.key" {
		t.Errorf("a missing key gives %q, want the key", got)
	}
	// French says "0 jour" and "1 jour", English "0 days" and "1 day".
	for _, tc := range []struct {
		c     *Catalogue
		n     int
		wantS bool
	}{{fr, 0, false}, {fr, 1, false}, {fr, 2, true}, {en, 0, true}, {en, 1, false}, {en, 2, true}} {
		got := tc.c.N("status.overdue", tc.n, map[string]any{"Days": tc.n})
		if plural := strings.Contains(got, "jours") || strings.Contains(got, "days"); plural != tc.wantS {
			t.Errorf("%s N(status.overdue, %d) = %q", tc.c.Lang(), tc.n, got)
		}
	}
	if _, err := Load("de"); err == nil {
		t.Error("a language without catalogue loaded")
	}
}
