package documents

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"relance/data"
)

// TestCourtFileFolder: the folder holds the summary, the bordereau and
// the exhibits numbered in order; the attached invoice PDF is copied as
// it is, letters without an archived PDF are rebuilt dated as sent, and
// what only the owner has (a missing invoice, the debtor's Kbis, the
// signed receipt) is listed as to add. The documents attached to prove
// the contract and the delivery are copied with their own extension.
func TestCourtFileFolder(t *testing.T) {
	c := testContext("fr", data.Commercial)
	dir := filepath.Join(t.TempDir(), "dossier")
	invoicePDF := filepath.Join(t.TempDir(), "FA-2026-0042.pdf")
	original := []byte("%PDF-1.4 the invoice as issued")
	if err := os.WriteFile(invoicePDF, original, 0o600); err != nil {
		t.Fatal(err)
	}
	quote, delivery := filepath.Join(t.TempDir(), "devis.pdf"), filepath.Join(t.TempDir(), "bl.JPG")
	for _, f := range []string{quote, delivery} {
		if err := os.WriteFile(f, []byte("scan"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	docs := []CourtDocument{
		{Kind: data.AttachDelivery, Title: "Bon de livraison", Date: data.MustDate("2025-12-02"), File: delivery},
		{Kind: data.AttachContract, Title: "Devis D-12 signé", Date: data.MustDate("2025-11-20"), File: quote},
	}
	sent := *c
	sent.EarlierReminders = append(sent.EarlierReminders, data.MustDate("2026-02-10")) // the notice itself
	exhibits, err := CourtFile(dir, CourtFileInput{Context: c, Source: Defaults(),
		Invoices: []CourtInvoice{{Number: "FA-2026-0042", IssueDate: data.MustDate("2025-12-01"), PDF: invoicePDF},
			{Number: "FA/2026/0051", IssueDate: data.MustDate("2026-01-05")}},
		Letters: []SentLetter{
			{Key: "reminder_1", Channel: data.ChannelEmail, SentOn: data.MustDate("2026-01-05"), Context: &sent},
			{Key: "formal_notice", Channel: data.ChannelRegisteredLetter, SentOn: data.MustDate("2026-02-10"), Context: &sent,
				Tracking: "1A 234 567 8901 2", ReceivedOn: data.MustDate("2026-02-12")}},
		Documents: docs})
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		files = append(files, e.Name())
	}
	want := []string{CourtBordereauFile, CourtSummaryFile, "02-contrat-Devis-D-12-signe.pdf", "03-facture-FA-2026-0042.pdf",
		"05-livraison-Bon-de-livraison.jpg", "06-relance-2026-01-05.pdf", "07-mise-en-demeure-2026-02-10.pdf",
		"09-decompte-2026-03-01.pdf"}
	slices.Sort(want)
	if !slices.Equal(files, want) {
		t.Fatalf("folder holds %q\nwant %q", files, want)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "03-facture-FA-2026-0042.pdf")); !bytes.Equal(got, original) {
		t.Error("the invoice PDF is not copied as it is")
	}
	for i, e := range exhibits {
		if e.Number != i+1 || (e.File == "") == (e.Missing == "") {
			t.Errorf("exhibit %+v: numbering or file broken", e)
		}
	}
	if exhibits[0].File != "" || !strings.Contains(exhibits[0].Title, "K-bis") || exhibits[3].File != "" ||
		exhibits[7].File != "" || !strings.Contains(exhibits[7].Title, "Avis de réception") {
		t.Errorf("the Kbis, the invoice without PDF and the receipt must be to add: %+v", exhibits)
	}
	checkCourtDocuments(t, dir)
}

// checkCourtDocuments reads the court file's PDFs back.
func checkCourtDocuments(t *testing.T, dir string) {
	t.Helper()
	reminder := flat(pdfText(t, readFile(t, dir, "06-relance-2026-01-05.pdf")))
	if !strings.Contains(reminder, "Lyon, le 5 janvier 2026") {
		t.Errorf("the rebuilt reminder is not dated as sent: %q", reminder[:200])
	}
	notice := flat(pdfText(t, readFile(t, dir, "07-mise-en-demeure-2026-02-10.pdf")))
	for _, want := range []string{"Lyon, le 10 février 2026", "Lettre recommandée avec accusé de réception n° 1A 234 567 8901 2", "MISE EN DEMEURE",
		"Malgré nos relances du 5 janvier 2026 et du 20 janvier 2026, les factures"} {
		if !strings.Contains(notice, want) {
			t.Errorf("notice: %q missing", want)
		}
	}
	bordereau := flat(pdfText(t, readFile(t, dir, CourtBordereauFile), "-layout"))
	for _, want := range []string{"Bordereau des pièces communiquées", "1 Extrait K-bis du débiteur", "(à ajouter)",
		"2 Preuve du contrat : Devis D-12 signé 20/11/2025", "3 Facture n° FA-2026-0042 du 1er décembre 2025 01/12/2025",
		"4 Facture n° FA/2026/0051", "5 Preuve de la livraison ou de l'exécution : Bon de livraison 02/12/2025",
		"6 Relance par courriel du 5 janvier 2026",
		"7 Mise en demeure du 10 février 2026, LRAR n° 1A 234 567 8901 2, reçue le 12 février 2026",
		"8 Avis de réception de la mise en demeure", "9 Décompte des sommes dues au 1er mars 2026"} {
		if !strings.Contains(bordereau, want) {
			t.Errorf("bordereau: %q missing", want)
		}
	}
	summary := flat(pdfText(t, readFile(t, dir, CourtSummaryFile), "-layout"))
	for _, want := range []string{"Cerfa n° 12946", "Président du tribunal des activités économiques de Lyon", "Atelier Dubois (SARL)",
		"123 456 789 RCS Lyon", "Boulangerie Martin & Fils", "987 654 321", "Principal (factures TTC restant dues) 1 630,50 €",
		"28,14 € arrêtés au 1er mars 2026, au taux de 12,15 %", "80,00 € (2 × 40 €)", "Total de la créance 1 738,64 €",
		"à joindre", "signifiée au débiteur par un commissaire de justice dans les six mois"} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary: %q missing", want)
		}
	}
}

func readFile(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestConsumerCourtFile: a consumer's file goes to the tribunal judiciaire
// with Cerfa 12948 and claims interest, not penalties nor indemnity.
func TestConsumerCourtFile(t *testing.T) {
	c := testContext("fr", data.Consumer)
	dir := t.TempDir()
	if _, err := CourtFile(dir, CourtFileInput{Context: c, Source: Defaults()}); err != nil {
		t.Fatal(err)
	}
	summary := flat(pdfText(t, readFile(t, dir, CourtSummaryFile), "-layout"))
	for _, want := range []string{"Cerfa n° 12948", "Tribunal judiciaire dont relève Lyon", "Intérêts au taux légal"} {
		if !strings.Contains(summary, want) {
			t.Errorf("%q missing", want)
		}
	}
	if strings.Contains(summary, "40 €") || strings.Contains(summary, "Indemnité") {
		t.Error("a consumer's court file claims the 40 € indemnity")
	}
}

func TestCompetentCourt(t *testing.T) {
	tests := []struct {
		city string
		kind data.ClientKind
		want string
	}{
		{"Lyon", data.Commercial, "Président du tribunal des activités économiques de Lyon"},
		{"LYON 03", data.Commercial, "Président du tribunal des activités économiques de Lyon"},
		{"Paris Cedex 08", data.Commercial, "Président du tribunal des activités économiques de Paris"},
		{"St-Brieuc", data.Commercial, "Président du tribunal des activités économiques de Saint-Brieuc"},
		{"Le Havre", data.Commercial, "Président du tribunal des activités économiques de Le Havre"},
		{"Villeurbanne", data.Commercial, "Président du tribunal de commerce dont relève Villeurbanne"},
		{"Lyon", data.Consumer, "Tribunal judiciaire dont relève Lyon"},
	}
	for _, tt := range tests {
		got := CompetentCourt(data.Client{Kind: tt.kind, Address: data.Address{City: tt.city}})
		if got.Name != tt.want {
			t.Errorf("%s (%s): %q, want %q", tt.city, tt.kind, got.Name, tt.want)
		}
		if (tt.kind == data.Consumer) != (got.Form == "Cerfa n° 12948") {
			t.Errorf("%s (%s): form %s", tt.city, tt.kind, got.Form)
		}
	}
}

// TestCourtSummaryAlone: `relance letter --step court_file` prints the
// summary sheet, without the exhibits it has not gathered.
func TestCourtSummaryAlone(t *testing.T) {
	pdf := must[[]byte](t)(Document(DocCourtSummary, Defaults(), testContext("fr", data.Commercial)))
	got := flat(pdfText(t, pdf))
	if !strings.Contains(got, "fiche récapitulative") || strings.Contains(got, "bordereau)") || !strings.Contains(got, "6. Après l'ordonnance") {
		t.Errorf("summary reads %q", got)
	}
}
