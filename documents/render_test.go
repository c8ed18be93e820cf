package documents

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"relance/data"
)

func TestRenderFillsSubjectBodyAndBlocks(t *testing.T) {
	c := sampleContext("fr")
	r, err := Render("Relance {{invoice_number}}", "Madame, Monsieur,\n\nNotre facture échue le {{due_date}} :\n\n{{overdue_table}}\n\nReste {{total_outstanding}}.", c)
	if err != nil {
		t.Fatal(err)
	}
	if r.Subject != "Relance FA-2026-014" {
		t.Errorf("subject %q", r.Subject)
	}
	for _, want := range []string{"échue le 1er mars 2026", "FA-2026-020", "1\u202f480,50\u00a0€", "Reste dû"} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, r.Text)
		}
	}
	if len(r.Paragraphs) != 4 || r.Paragraphs[2].Block != "overdue_table" || r.Body == nil || r.Values["due_date"] != "1er mars 2026" {
		t.Errorf("paragraphs %+v", r.Paragraphs)
	}
	if !strings.Contains(r.HTML, "<table") || !strings.Contains(r.HTML, "<td") || strings.Count(r.HTML, "<tr>") != 4 {
		t.Errorf("HTML has no table of 4 rows (header, 2 invoices, total):\n%s", r.HTML)
	}
}

func TestRenderRefusesUnknownFieldWithPosition(t *testing.T) {
	c := sampleContext("fr")
	tests := []struct {
		subject, body string
		part          string
		line, col     int
		name, reason  string
	}{
		{"Objet", "Madame,\n\nLigne deux\nBonjour {{nom_du_chat}}", PartBody, 4, 9, "nom_du_chat", ErrUnknownField},
		{"Facture {{numero}}", "ok", PartSubject, 1, 9, "numero", ErrUnknownField},
		{"{{overdue_table}}", "ok", PartSubject, 1, 1, "overdue_table", ErrBlockInline},
		{"ok", "voir {{overdue_table}} ici", PartBody, 1, 6, "overdue_table", ErrBlockInline},
	}
	for _, tt := range tests {
		_, err := Render(tt.subject, tt.body, c)
		var te *TemplateError
		var pe *PartError
		if !errors.As(err, &te) || !errors.As(err, &pe) {
			t.Errorf("Render(%q, %q) = %v, want a template error", tt.subject, tt.body, err)
			continue
		}
		if pe.Part != tt.part || te.Line != tt.line || te.Col != tt.col || te.Name != tt.name || te.Reason != tt.reason {
			t.Errorf("Render(%q, %q): %s line %d col %d %s %s", tt.subject, tt.body, pe.Part, te.Line, te.Col, te.Name, te.Reason)
		}
		if _, err := Check(tt.subject, tt.body); !errors.As(err, &te) {
			t.Errorf("Check(%q, %q) accepted it", tt.subject, tt.body)
		}
	}
}

func TestRenderEscapesHTML(t *testing.T) {
	c := sampleContext("fr")
	c.Client.Name = "<script>alert(1)</script> & Fils"
	c.Invoices[1].Number = `<img src="http://evil.example/x.png" onerror="alert(2)">`
	r, err := Render("Pour {{client_name}}", "Bonjour <b>{{client_name}}</b>,\n\n{{overdue_table}}", c)
	if err != nil {
		t.Fatal(err)
	}
	lower := strings.ToLower(r.HTML)
	for _, bad := range []string{"<script", "<img", "<b>", "onerror=\"", "src=\""} {
		if strings.Contains(lower, bad) {
			t.Errorf("HTML contains %q:\n%s", bad, r.HTML)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt; &amp; Fils", "&lt;b&gt;", "&lt;img src=&#34;http"} {
		if !strings.Contains(r.HTML, want) {
			t.Errorf("HTML lacks the escaped %q:\n%s", want, r.HTML)
		}
	}
	if !strings.Contains(r.Text, "<script>alert(1)</script> & Fils") {
		t.Error("plain text must keep the name as typed")
	}
}

func TestRenderSubjectIsOneLine(t *testing.T) {
	c := sampleContext("fr")
	c.Client.Name = "Martin\r\nBcc: victim@example.com"
	r, err := Render("Relance\n{{client_name}}\t!", "x", c)
	if err != nil {
		t.Fatal(err)
	}
	if r.Subject != "Relance Martin Bcc: victim@example.com !" {
		t.Errorf("subject %q", r.Subject)
	}
}

func TestRenderDropsEmptyLinesAndParagraphs(t *testing.T) {
	c := sampleContext("fr")
	c.Company.SignatoryRole = ""
	c.Client.Kind = data.Consumer
	r, err := Render("", "Bonjour,\n\n{{penalty_terms}}\n\n{{signatory_name}}\n{{signatory_role}}\n{{company_name}}\nRôle : {{signatory_role}}", c)
	if err != nil {
		t.Fatal(err)
	}
	want := "Bonjour,\n\nClaire Dupont\nAtelier Dupont\nRôle : "
	if r.Text != want {
		t.Errorf("text %q, want %q", r.Text, want)
	}
}

func TestBlocksAreAlignedTables(t *testing.T) {
	c := sampleContext("fr")
	text := BlockText("overdue_table", c)
	lines := strings.Split(text, "\n")
	if len(lines) != 6 { // header, rule, 2 invoices, rule, total
		t.Fatalf("table of %d lines:\n%s", len(lines), text)
	}
	// Amounts are right-aligned: the balances column ends at the same place.
	end := func(line, cell string) int {
		i := strings.LastIndex(line, cell)
		if i < 0 {
			t.Fatalf("%q not in %q", cell, line)
		}
		return utf8.RuneCountInString(line[:i]) + utf8.RuneCountInString(cell)
	}
	if a, b := end(lines[2], "1\u202f000,00\u00a0€"), end(lines[3], "480,50\u00a0€"); a != b {
		t.Errorf("balances end at %d and %d:\n%s", a, b, text)
	}
	st := BlockText("penalty_statement", c)
	for _, want := range []string{"Décompte arrêté au 10 avril 2026", "13,15\u00a0%", "10,81\u00a0€", "Indemnité forfaitaire", "80,00\u00a0€", "Total réclamé"} {
		if !strings.Contains(st, want) {
			t.Errorf("statement lacks %q:\n%s", want, st)
		}
	}
	plan := BlockText("instalments_table", c)
	if !strings.Contains(plan, "1er mai 2026") || !strings.Contains(plan, "774,64\u00a0€") {
		t.Errorf("instalments:\n%s", plan)
	}
	c.Plan, c.Statement = nil, nil
	if BlockText("instalments_table", c) != "" || BlockText("penalty_statement", c) != "" || BlockHTML("penalty_statement", c) != "" {
		t.Error("blocks with nothing to show must be empty")
	}
	if BlockText("client_name", c) != "" || BlockText("overdue_table", nil) != "" {
		t.Error("a non-block or no context must give nothing")
	}
}

func TestConsumerStatementNeverShowsIndemnity(t *testing.T) {
	c := sampleContext("fr")
	c.Client.Kind = data.Consumer
	c.Statement = &Statement{AsOf: c.Today, Outstanding: data.Euros(1480, 50), Total: data.Euros(1480, 50),
		BasisCode: BasisLegalRate, Basis: BasisSentence(BasisLegalRate, "fr")}
	st := BlockText("penalty_statement", c)
	if strings.Contains(st, "Indemnité") || strings.Contains(st, "40") {
		t.Errorf("consumer statement:\n%s", st)
	}
}

// A consumer owes interest at the legal rate, not commercial penalties:
// the statement must name it so.
func TestConsumerStatementSpeaksOfInterest(t *testing.T) {
	c := testContext("fr", data.Commercial)
	c.Statement.BasisCode = BasisLegalRate
	st := BlockText("penalty_statement", c)
	if !strings.Contains(st, "Intérêts") || strings.Contains(st, "Pénalités") {
		t.Errorf("legal-rate statement must speak of interest:\n%s", st)
	}
	c.Statement.BasisCode = BasisECBPlus10
	if st := BlockText("penalty_statement", c); !strings.Contains(st, "Pénalités") {
		t.Errorf("professional statement must speak of penalties:\n%s", st)
	}
}

// A statement summing two invoices says which invoice each slice is of;
// one of a single invoice needs no such column.
func TestStatementOfSeveralInvoicesNamesThem(t *testing.T) {
	c := testContext("fr", data.Commercial)
	st := BlockText("penalty_statement", c)
	if !strings.Contains(st, "FA-2026-0042") || !strings.Contains(st, "FA-2026-0051") {
		t.Errorf("each slice must name its invoice:\n%s", st)
	}
	c.Statement.Rows[1].Invoice = c.Statement.Rows[0].Invoice
	if st := BlockText("penalty_statement", c); strings.Contains(st, "FA-2026-0042") {
		t.Errorf("a single invoice's statement needs no invoice column:\n%s", st)
	}
}

func TestTemplateKeyFor(t *testing.T) {
	if TemplateKeyFor("formal_notice", data.Consumer) != "formal_notice_consumer" ||
		TemplateKeyFor("formal_notice", data.Commercial) != "formal_notice" ||
		TemplateKeyFor("reminder_2", data.Consumer) != "reminder_2" {
		t.Error("wrong template key for the client's kind")
	}
}
