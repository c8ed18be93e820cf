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

func TestSectionsShowOnlyWhatHasSomethingToSay(t *testing.T) {
	src := "Payez par virement :\nIBAN : {{iban}}\n{{#bic}}BIC : {{bic}}{{/bic}}\n\n" +
		"{{^client_siren}}Pas de SIREN.{{/client_siren}}{{#client_siren}}SIREN : {{client_siren}}{{/client_siren}}\n\n" +
		"{{#company_phone}}Appelez le {{company_phone}}\nde 9 h à 18 h.{{/company_phone}}"
	tpl, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	empty := map[string]string{"iban": "FR76 1"}
	r := fillParagraphsForTest(tpl, empty)
	if want := "Payez par virement :\nIBAN : FR76 1\n\nPas de SIREN."; r != want {
		t.Fatalf("empty fields:\n%q\nwant\n%q", r, want)
	}
	full := map[string]string{"iban": "FR76 1", "bic": "AGRIFRPP", "client_siren": "123456789", "company_phone": "04 78"}
	r = fillParagraphsForTest(tpl, full)
	if want := "Payez par virement :\nIBAN : FR76 1\nBIC : AGRIFRPP\n\nSIREN : 123456789\n\nAppelez le 04 78\nde 9 h à 18 h."; r != want {
		t.Fatalf("full fields:\n%q\nwant\n%q", r, want)
	}
	if f := strings.Join(tpl.Fields(), ","); !strings.Contains(f, "bic") || !strings.Contains(f, "company_phone") {
		t.Fatalf("fields %s lack the sections", f)
	}
}

func fillParagraphsForTest(tpl *Template, values map[string]string) string {
	var out []string
	for _, p := range fillParagraphs(tpl, values, &Context{}) {
		out = append(out, p.Text)
	}
	return strings.Join(out, "\n\n")
}

func TestSectionErrorsCarryPosition(t *testing.T) {
	tests := []struct {
		src       string
		line, col int
		reason    string
		name      string
	}{
		{"{{#bic}}BIC : {{bic}}", 1, 1, ErrSectionOpen, "bic"},
		{"a {{#bic}}b\n\nc{{/bic}}", 1, 3, ErrSectionOpen, "bic"},
		{"BIC : {{bic}}{{/bic}}", 1, 14, ErrSectionClose, "bic"},
		{"{{#bic}}{{#iban}}x{{/bic}}{{/iban}}", 1, 19, ErrSectionClose, "bic"},
		{"{{#chat}}x{{/chat}}", 1, 1, ErrUnknownField, "chat"},
		{"{{#overdue_table}}x{{/overdue_table}}", 1, 1, ErrBlockInline, "overdue_table"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.src)
		var te *TemplateError
		if !errors.As(err, &te) || te.Line != tt.line || te.Col != tt.col || te.Reason != tt.reason || te.Name != tt.name {
			t.Errorf("Parse(%q) = %v; want line %d col %d %s %q", tt.src, err, tt.line, tt.col, tt.reason, tt.name)
		}
	}
}
