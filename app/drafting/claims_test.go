package drafting

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"relance/app/archive"
	"relance/app/dunning"
	"relance/data"
	"relance/documents"
)

// The tests of what a formal notice and a court file claim run on a real
// book (a SQLite file) and read the PDFs back with poppler's pdftotext.

type fixedClock struct{ day data.Date }

func (c fixedClock) Now() time.Time   { return c.day.Time().Add(10 * time.Hour) }
func (c fixedClock) Today() data.Date { return c.day }

type book struct {
	t     *testing.T
	ctx   context.Context
	store *data.Store
	svc   *dunning.Service
	dir   string
}

func newBook(t *testing.T, today string) *book {
	t.Helper()
	dir := t.TempDir()
	clock := fixedClock{data.MustDate(today)}
	store, err := data.Open(filepath.Join(dir, "relance.db"), data.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	b := &book{t: t, ctx: context.Background(), store: store, svc: dunning.NewService(store, clock), dir: dir}
	co, err := store.GetCompany(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	co.LegalName, co.LegalForm = "Atelier Dubois", "SARL"
	co.Address = data.Address{Street: "12 rue de la République", PostalCode: "69002", City: "Lyon", Country: "FR"}
	co.IBAN, co.BIC, co.SignatoryName, co.SignatoryRole = "FR7630006000011234567890189", "AGRIFRPP", "Claire Dubois", "Gérante"
	if err := store.UpdateCompany(b.ctx, &co); err != nil {
		t.Fatal(err)
	}
	return b
}

func (b *book) client(name string, kind data.ClientKind) data.Client {
	b.t.Helper()
	c := data.Client{Name: name, Kind: kind, Email: "compta@example.fr", Language: "fr",
		Address: data.Address{Street: "4 avenue des Frères Lumière", PostalCode: "69008", City: "Lyon", Country: "FR"}}
	if err := b.store.CreateClient(b.ctx, &c); err != nil {
		b.t.Fatal(err)
	}
	return c
}

func (b *book) invoice(c data.Client, number, due string, amount data.Money) data.Invoice {
	b.t.Helper()
	d := data.MustDate(due)
	inv := data.Invoice{Number: number, ClientID: c.ID, IssueDate: d.AddDays(-30), DueDate: d, Amount: amount}
	if err := b.store.CreateInvoice(b.ctx, &inv); err != nil {
		b.t.Fatal(err)
	}
	return inv
}

func (b *book) pay(inv data.Invoice, on string, amount data.Money) {
	b.t.Helper()
	p := data.Payment{InvoiceID: inv.ID, Date: data.MustDate(on), Amount: amount}
	if err := b.store.CreatePayment(b.ctx, &p); err != nil {
		b.t.Fatal(err)
	}
}

func (b *book) letterContext(inv data.Invoice, key, asOf string) *documents.Context {
	b.t.Helper()
	c, err := LetterContext(b.ctx, b.store, b.svc, inv.ID, key, data.MustDate(asOf))
	if err != nil {
		b.t.Fatal(err)
	}
	return c
}

// made fails the test when a document could not be made.
func made(t *testing.T) func([]byte, error) []byte {
	return func(pdf []byte, err error) []byte {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return pdf
	}
}

// pdfText extracts a PDF's text, every run of white space made one space.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	tool, lookErr := exec.LookPath("pdftotext")
	if lookErr != nil {
		t.Fatal("pdftotext not found: install poppler-utils")
	}
	in := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	var out, stderr bytes.Buffer
	cmd := exec.Command(tool, "-layout", "-enc", "UTF-8", in, "-")
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("pdftotext: %v: %s", err, stderr.String())
	}
	return strings.Join(strings.Fields(out.String()), " ")
}

func wantIn(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s: %q missing in %q", what, w, text)
		}
	}
}

// Every basis the dunning package can give a statement has its sentence
// in both languages: a letter never prints a raw key such as
// "basis.public".
func TestEveryBasisHasASentence(t *testing.T) {
	for _, basis := range dunning.Bases {
		for _, lang := range []string{"fr", "en"} {
			got := documents.BasisSentence(basis, lang)
			switch {
			case basis == dunning.BasisNone && got != "":
				t.Errorf("%s/%s: %q, want nothing", basis, lang, got)
			case basis != dunning.BasisNone && (got == "" || strings.Contains(got, "basis.")):
				t.Errorf("%s/%s: no sentence, got %q", basis, lang, got)
			}
		}
	}
}

// A letter whose delay runs through a half-year without a known rate is
// refused, naming the half-year, rather than printed with those days
// left out.
func TestLetterWithoutARateIsRefused(t *testing.T) {
	b := newBook(t, "2016-09-01")
	c := b.client("Boulangerie Martin", data.Commercial)
	inv := b.invoice(c, "FA-2016-0001", "2016-02-15", data.Euros(1000, 0))
	for _, key := range []string{documents.DocFormalNotice, "reminder_2", documents.DocCourtSummary} {
		_, err := LetterContext(b.ctx, b.store, b.svc, inv.ID, key, data.MustDate("2016-09-01"))
		if !errors.Is(err, ErrNoRate) || !strings.Contains(err.Error(), "H1 2016") {
			t.Errorf("%s: %v, want a refusal naming H1 2016", key, err)
		}
		var noRate *NoRateError
		if !errors.As(err, &noRate) || noRate.Half != (dunning.HalfYear{Year: 2016, Half: 1}) || noRate.Invoice != inv.Number {
			t.Errorf("%s: %#v does not carry the half-year and the invoice", key, err)
		}
	}
	// From H2 2016 the table knows the rate (0.00 % from 16 March 2016).
	later := b.invoice(b.client("Garage Petit", data.Commercial), "FA-2016-0002", "2016-07-15", data.Euros(1000, 0))
	if _, err := LetterContext(b.ctx, b.store, b.svc, later.ID, documents.DocFormalNotice, data.MustDate("2016-09-01")); err != nil {
		t.Errorf("a delay with known rates is refused: %v", err)
	}
}

// 6,000 € paid 2,000 € then 1,500 €, interest first (Code civil 1343-1,
// the default): the principal left is 2,681.10 €, the interest accrued
// (181.10 €) was paid, and every statement says so; its lines add up to
// the total claimed, in the statement, in the notice's figures and in the
// court file's summary.
func TestStatementsStateTheImputationAndAddUp(t *testing.T) {
	b := newBook(t, "2024-04-25")
	c := b.client("Boulangerie Martin", data.Commercial)
	inv := b.invoice(c, "FA-2024-0001", "2024-01-31", data.Euros(6000, 0))
	b.pay(inv, "2024-03-27", data.Euros(2000, 0))
	b.pay(inv, "2024-04-25", data.Euros(1500, 0))
	dc := b.letterContext(inv, documents.DocFormalNotice, "2024-04-25")
	if dc.Statement.Outstanding != 268110 || dc.Statement.Total != 272110 {
		t.Fatalf("statement: %+v", dc.Statement)
	}
	statement := pdfText(t, made(t)(documents.PenaltyStatement(dc)))
	wantIn(t, "penalty statement", statement, "Principal restant dû 2 681,10 €", "Pénalités de retard 181,10 €",
		"Dont réglés par les paiements −181,10 €", "Indemnité forfaitaire pour frais de recouvrement 40,00 €",
		"Total réclamé 2 721,10 €", "sont imputés d'abord sur les intérêts échus, puis sur le principal (article 1343-1 du Code civil)")
	notice := pdfText(t, made(t)(documents.StepLetter(documents.Defaults(), documents.DocFormalNotice, dc)))
	wantIn(t, "notice", notice, "principal restant dû : 2 681,10 €", "jusqu'au parfait paiement : 0,00 €", "article 1343-1")
	summary := pdfText(t, made(t)(documents.CourtSummary(dc, documents.Defaults(), nil)))
	wantIn(t, "court summary", summary, "Principal (factures TTC restant dues) 2 681,10 €", "0,00 € arrêtés au 25 avril 2024",
		"181,10 € courus, dont 181,10 € réglés par les paiements", "Imputation des paiements", "Total de la créance 2 721,10 €")
}

// The penalties and the 40 € of an invoice paid late are claimed by the
// formal notice and the court file (a line of their own, apart from the
// unpaid invoices), unless the owner waived them; not by a friendly
// reminder, and never from a consumer.
func TestNoticeClaimsInvoicesPaidLate(t *testing.T) {
	b := newBook(t, "2026-03-01")
	pro := b.client("Boulangerie Martin", data.Commercial)
	open := b.invoice(pro, "FA-2026-0010", "2026-01-15", data.Euros(1000, 0))
	late := b.invoice(pro, "FA-2025-0090", "2025-12-01", data.Euros(500, 0))
	b.pay(late, "2025-12-20", data.Euros(500, 0))
	onTime := b.invoice(pro, "FA-2025-0091", "2025-12-10", data.Euros(300, 0))
	b.pay(onTime, "2025-12-05", data.Euros(300, 0))
	waived := b.invoice(pro, "FA-2025-0092", "2025-11-10", data.Euros(200, 0))
	b.pay(waived, "2025-12-15", data.Euros(200, 0))
	if err := b.store.WaivePenalties(b.ctx, waived.ID, true, "geste commercial"); err != nil {
		t.Fatal(err)
	}
	numbers := func(c *documents.Context) []string {
		var out []string
		for _, l := range c.Invoices {
			out = append(out, l.Number)
		}
		return out
	}
	for _, key := range []string{documents.DocFormalNotice, documents.DocCourtSummary} {
		dc := b.letterContext(open, key, "2026-03-01")
		if got := numbers(dc); !slices.Equal(got, []string{open.Number, late.Number}) {
			t.Errorf("%s lists %q, want the open invoice and the one paid late", key, got)
		}
		if dc.Statement.Indemnity != data.Euros(80, 0) {
			t.Errorf("%s: indemnity %s, want 2 × 40 €", key, dc.Statement.Indemnity)
		}
	}
	dc := b.letterContext(open, documents.DocFormalNotice, "2026-03-01")
	notice := pdfText(t, made(t)(documents.StepLetter(documents.Defaults(), documents.DocFormalNotice, dc)))
	wantIn(t, "notice", notice, "Factures réglées en retard", "FA-2025-0090 01/11/2025 01/12/2025 500,00 € 20/12/2025 19",
		"80,00 €")
	if got := numbers(b.letterContext(late, documents.DocFormalNotice, "2026-03-01")); !slices.Equal(got, []string{late.Number}) {
		t.Errorf("a notice about the invoice paid late lists %q", got)
	}
	if reminder := b.letterContext(open, "reminder_2", "2026-03-01"); !slices.Equal(numbers(reminder), []string{open.Number}) ||
		reminder.Statement.Indemnity != data.Euros(40, 0) {
		t.Errorf("a reminder claims the invoices paid late: %q, indemnity %s", numbers(reminder), reminder.Statement.Indemnity)
	}

	consumer := b.client("Mme Élodie Lefèvre", data.Consumer)
	owed := b.invoice(consumer, "FA-2026-0020", "2026-01-15", data.Euros(1000, 0))
	paid := b.invoice(consumer, "FA-2025-0095", "2025-12-01", data.Euros(500, 0))
	b.pay(paid, "2025-12-20", data.Euros(500, 0))
	if got := numbers(b.letterContext(owed, documents.DocFormalNotice, "2026-03-01")); !slices.Equal(got, []string{owed.Number}) {
		t.Errorf("a consumer's notice lists %q: a consumer owes nothing on an invoice paid late", got)
	}
}

// The court file's bordereau lists the proof of the contract and of the
// delivery attached to the invoice or its client, each once, and the
// debtor's Kbis to add when none is attached.
func TestCourtFileListsTheAttachedProofs(t *testing.T) {
	b := newBook(t, "2026-03-01")
	c := b.client("Boulangerie Martin", data.Commercial)
	first := b.invoice(c, "FA-2026-0010", "2026-01-15", data.Euros(1000, 0))
	b.invoice(c, "FA-2026-0011", "2026-01-20", data.Euros(500, 0))
	rel := "attachments/documents/cgv.pdf"
	if err := os.MkdirAll(filepath.Join(b.dir, "attachments/documents"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(b.dir, filepath.FromSlash(rel)), []byte("%PDF-1.4 cgv"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, a := range []data.Attachment{
		{ClientID: c.ID, Kind: data.AttachContract, Title: "Conditions générales acceptées", Path: rel},
		{ClientID: c.ID, InvoiceID: first.ID, Kind: data.AttachDelivery, Title: "Bon de livraison 118", Path: rel,
			DocDate: data.MustDate("2025-12-10")},
	} {
		if err := b.store.CreateAttachment(b.ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	in, err := CourtFileInput(b.ctx, b.store, b.svc, first.ID, data.MustDate("2026-03-01"), &archive.Files{Dir: b.dir, Store: b.store})
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Documents) != 2 || in.Documents[0].File != filepath.Join(b.dir, filepath.FromSlash(rel)) {
		t.Fatalf("documents %+v: want the client's contract once and the invoice's delivery note", in.Documents)
	}
	dir := filepath.Join(t.TempDir(), "dossier")
	if _, err := documents.CourtFile(dir, in); err != nil {
		t.Fatal(err)
	}
	bordereau := pdfText(t, made(t)(os.ReadFile(filepath.Join(dir, documents.CourtBordereauFile))))
	wantIn(t, "bordereau", bordereau, "Extrait K-bis du débiteur", "(à ajouter)",
		"Preuve du contrat : Conditions générales acceptées", "Preuve de la livraison ou de l'exécution : Bon de livraison 118 10/12/2025")
}
