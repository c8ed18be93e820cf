package documents

import (
	"errors"
	"strings"
	"testing"
)

func TestParseAndRender(t *testing.T) {
	src := "Madame, Monsieur,\n\nNotre facture {{invoice_number}} du {{invoice_date}}\nreste impayée : {{ outstanding }}.\n\n{{overdue_table}}\n\nVeuillez agréer..."
	tpl, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(tpl.Paragraphs) != 4 || tpl.Paragraphs[2].Block != "overdue_table" {
		t.Fatalf("paragraphs %+v", tpl.Paragraphs)
	}
	got := tpl.Text(map[string]string{"invoice_number": "FA-1", "invoice_date": "1er mars 2026", "outstanding": "1 250,00 €"},
		func(name string) string { return "[" + name + "]" })
	want := "Madame, Monsieur,\n\nNotre facture FA-1 du 1er mars 2026\nreste impayée : 1 250,00 €.\n\n[overdue_table]\n\nVeuillez agréer..."
	if got != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	if f := strings.Join(tpl.Fields(), ","); f != "invoice_number,invoice_date,outstanding,overdue_table" {
		t.Fatalf("fields %s", f)
	}
}

func TestParseErrorsCarryPosition(t *testing.T) {
	tests := []struct {
		src       string
		line, col int
		reason    string
		name      string
	}{
		{"Bonjour {{nom_du_chat}} !", 1, 9, ErrUnknownField, "nom_du_chat"},
		{"Ligne 1\nLigne {{client_name", 2, 7, ErrUnclosed, ""},
		{"a }} b", 1, 3, ErrStrayClose, ""},
		{"é {{Client Name}}", 1, 3, ErrBadName, "Client Name"},
		{"voir {{overdue_table}} ci-dessous", 1, 6, ErrBlockInline, "overdue_table"},
		{"{{}}", 1, 1, ErrBadName, ""},
		{"x\n\n  {{penalty_rate}} {{oops}}", 3, 20, ErrUnknownField, "oops"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.src)
		var te *TemplateError
		if !errors.As(err, &te) || te.Line != tt.line || te.Col != tt.col || te.Reason != tt.reason || te.Name != tt.name {
			t.Errorf("Parse(%q) = %v; want line %d col %d %s %q", tt.src, err, tt.line, tt.col, tt.reason, tt.name)
		}
	}
}

// FuzzParse: no input panics; what parses renders without losing its text.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"a {{client_name}} b", "{{", "}}", "{{overdue_table}}", "\n\n{{ due_date }}\n", "{{{{x}}}}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tpl, err := Parse(s)
		if err != nil {
			var te *TemplateError
			if !errors.As(err, &te) || te.Line < 1 || te.Col < 1 {
				t.Fatalf("Parse(%q): %v has no position", s, err)
			}
			return
		}
		_ = tpl.Text(map[string]string{}, func(string) string { return "" })
	})
}
