package matching

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"relance/data"
	"relance/data/imports/bank"
)

// BenchmarkMatch5000Against100k matches a statement of 5,000 credits
// against a book of 100,000 open invoices over 10,000 clients, indexing
// included: what importing a year of statements costs.
func BenchmarkMatch5000Against100k(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 11))
	book := bigBook(rng, 10000, 100000)
	lines := bigStatement(rng, book, 5000)
	opts := Options{FeeTolerance: data.Euros(5, 0)}
	b.ReportAllocs()
	b.ResetTimer()
	var proposed, sure int
	for b.Loop() {
		proposed, sure = 0, 0
		for _, p := range Match(lines, book, opts) {
			if len(p.Candidates) > 0 {
				proposed++
			}
			if c, ok := p.Best(); ok && c.Score >= sureScore {
				sure++
			}
		}
	}
	b.ReportMetric(float64(proposed), "proposed")
	b.ReportMetric(float64(sure), "sure")
}

// BenchmarkIndexMatch5000 is the matching alone, the index built once.
func BenchmarkIndexMatch5000(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 11))
	book := bigBook(rng, 10000, 100000)
	lines := bigStatement(rng, book, 5000)
	ix := NewIndex(book)
	opts := Options{FeeTolerance: data.Euros(5, 0)}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, l := range lines {
			ix.Match(l, opts)
		}
	}
}

// bigBook makes a book like a large user's: invoices "FA-2024-00123",
// amounts drawn from a few hundred prices (so many repeat), clients
// named from common words, a third of them with a known IBAN, a few
// owing hundreds of invoices.
func bigBook(rng *rand.Rand, clients, invoices int) Book {
	trades := []string{"Boulangerie", "Garage", "Café", "Plomberie", "Atelier", "Cabinet", "Pharmacie", "Menuiserie",
		"Transports", "Hôtel", "Restaurant", "Librairie", "Fleurs", "Coiffure", "Électricité"}
	surnames := []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
		"Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "García", "David", "Bertrand", "Roux", "Vincent", "Fournier"}
	towns := []string{"Lyon", "Nantes", "Lille", "Rennes", "Brest", "Dijon", "Nancy", "Metz", "Caen", "Tours",
		"Angers", "Nîmes", "Pau", "Vannes", "Laval", "Niort", "Agen", "Albi", "Rodez", "Annecy", "Chambéry", "Valence",
		"Arles", "Sète", "Dax", "Blois", "Troyes", "Reims", "Amiens", "Rouen"}
	forms := []string{"", "SARL ", "SAS ", "EURL ", "Ets "}
	var b Book
	for i := range clients {
		c := Client{ID: int64(i + 1), Name: fmt.Sprintf("%s%s %s %s", forms[rng.IntN(len(forms))],
			trades[rng.IntN(len(trades))], surnames[rng.IntN(len(surnames))], towns[rng.IntN(len(towns))])}
		if i%3 == 0 {
			c.IBANs = []string{fmt.Sprintf("FR76%023d", i)}
		}
		b.Clients = append(b.Clients, c)
	}
	prices := make([]data.Money, 400)
	for i := range prices {
		prices[i] = data.Money(rng.IntN(3000)*500 + rng.IntN(4)*25)
	}
	for i := range invoices {
		client := rng.IntN(clients)
		if i%25 == 0 {
			client = i % 20 // twenty clients owe two hundred each
		}
		due := data.MustDate("2024-01-01").AddDays(rng.IntN(700))
		amount := prices[rng.IntN(len(prices))]
		if rng.IntN(4) == 0 {
			amount = data.Money(rng.IntN(500000) + 1) // and some are odd
		}
		b.Invoices = append(b.Invoices, Invoice{ID: int64(i + 1), Number: fmt.Sprintf("FA-2024-%05d", i+1),
			ClientID: int64(client + 1), Outstanding: max(amount, 1), Issued: due.AddDays(-30), Due: due})
	}
	return b
}

// bigStatement makes n credits about the book: numbers in the label in
// the ways payers write them, amounts alone, payer names and IBANs with
// an exact, fee-deducted or summed amount, and noise.
func bigStatement(rng *rand.Rand, b Book, n int) []bank.Line {
	lines := make([]bank.Line, 0, n)
	for i := range n {
		inv := b.Invoices[rng.IntN(len(b.Invoices))]
		c := b.Clients[inv.ClientID-1]
		l := bank.Line{ID: fmt.Sprint(i), Amount: inv.Outstanding, Label: "VIR SEPA RECU"}
		switch i % 6 {
		case 0:
			l.Label = "VIR SEPA FACTURE " + inv.Number + " MERCI"
		case 1:
			l.Label = "REGLEMENT FACT " + strings.ReplaceAll(inv.Number, "-", " ")
			if i%12 == 1 {
				l.Label = fmt.Sprintf("REGLT FA-2024-%d ET AUTRES", inv.ID)
			}
			l.Name = strings.ToUpper(c.Name)
		case 2: // the amount alone
		case 3:
			l.Name = strings.ToUpper(c.Name)
			l.Amount -= data.Money(rng.IntN(400))
		case 4:
			if len(c.IBANs) > 0 {
				l.IBAN = c.IBANs[0]
			}
			l.Amount += b.Invoices[rng.IntN(len(b.Invoices))].Outstanding
		case 5:
			l.Label = "VIR " + strings.ToUpper(c.Name) + " REF " + fmt.Sprint(rng.IntN(1e6))
			l.Amount = data.Money(rng.IntN(1000000) + 1)
		}
		lines = append(lines, l)
	}
	return lines
}
