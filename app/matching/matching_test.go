package matching

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"relance/data"
	"relance/data/imports/bank"
)

const (
	ibanDurand = "FR7630006000011234567890189"
	ibanDubois = "FR7610107001011234567890129"
)

// testBook is a small book: Café Durand owes three invoices, Boulangerie
// Martin two, Atelier Dubois and Plomberie Petit the same 980 € each,
// Garage Lefèvre two.
func testBook() Book {
	inv := func(id int64, number string, client int64, euros, cents int64, due string) Invoice {
		d := data.MustDate(due)
		return Invoice{ID: id, Number: number, ClientID: client, Outstanding: data.Euros(euros, cents),
			Issued: d.AddDays(-30), Due: d}
	}
	return Book{
		Clients: []Client{
			{ID: 1, Name: "Café Durand", IBANs: []string{"FR76 3000 6000 0112 3456 7890 189"}},
			{ID: 2, Name: "Boulangerie Martin SARL"},
			{ID: 3, Name: "Atelier Dubois", PayerNames: []string{"M JEAN DUBOIS"}},
			{ID: 4, Name: "Plomberie Petit"},
			{ID: 5, Name: "Garage Lefèvre"},
		},
		Invoices: []Invoice{
			inv(10, "FA-2026-0110", 1, 450, 0, "2026-03-01"), // out of due order on purpose
			inv(11, "FA-2026-0103", 1, 1200, 0, "2026-02-01"),
			inv(12, "FA-2026-0120", 1, 300, 0, "2026-04-01"),
			inv(20, "FA-2026-0104", 2, 777, 77, "2026-02-10"),
			inv(21, "FA-2026-0107", 2, 222, 23, "2026-03-10"),
			inv(30, "FA-2026-0105", 3, 980, 0, "2026-02-15"),
			inv(40, "FA-2026-0106", 4, 980, 0, "2026-02-20"),
			inv(50, "FA-2026-0042", 5, 1250, 0, "2026-01-15"),
			inv(51, "20260555", 5, 60, 0, "2026-01-20"),
			inv(52, "FA-2026-0099", 5, 0, 0, "2026-01-20"), // paid: not open
		},
	}
}

func credit(amount data.Money, name, label string) bank.Line {
	return bank.Line{ID: "l", Booked: data.MustDate("2026-05-02"), Amount: amount, Currency: "EUR", Name: name, Label: label}
}

// describe writes a candidate as the tests expect it: client, score,
// allocations, evidence.
func describe(c Candidate) string {
	var b strings.Builder
	fmt.Fprintf(&b, "client %d score %d:", c.ClientID, c.Score)
	for _, a := range c.Allocations {
		fmt.Fprintf(&b, " %s=%s", a.Number, a.Amount.Plain())
	}
	b.WriteString(" [")
	for i, e := range c.Evidence {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString(string(e.Kind))
		if e.Number != "" {
			b.WriteString("(" + e.Number + ")")
		}
		if e.Amount != 0 {
			b.WriteString(":" + e.Amount.Plain())
		}
	}
	b.WriteString("]")
	return b.String()
}

func TestMatch(t *testing.T) {
	withIBAN := func(l bank.Line, iban string) bank.Line { l.IBAN = iban; return l }
	withRef := func(l bank.Line, ref string) bank.Line { l.Reference = ref; return l }
	tests := []struct {
		name      string
		line      bank.Line
		best      string // the best candidate, described; "" when none
		second    string // the second, when it matters
		ambiguous bool
	}{
		{name: "one invoice by number",
			line: credit(data.Euros(777, 77), "", "VIR SEPA FACTURE FA-2026-0104"),
			best: "client 2 score 100: FA-2026-0104=777,77 [number(FA-2026-0104) amount(FA-2026-0104)]"},
		{name: "number without dashes",
			line: credit(data.Euros(1200, 0), "", "PAIEMENT FA20260103 MERCI"),
			best: "client 1 score 100: FA-2026-0103=1200,00 [number(FA-2026-0103) amount(FA-2026-0103)]"},
		{name: "number without leading zeros",
			line: credit(data.Euros(1200, 0), "", "REGLEMENT FA-2026-103"),
			best: "client 1 score 100: FA-2026-0103=1200,00 [number(FA-2026-0103) amount(FA-2026-0103)]"},
		{name: "number split by spaces",
			line: credit(data.Euros(1200, 0), "", "FACT FA 2026 0103"),
			best: "client 1 score 100: FA-2026-0103=1200,00 [number(FA-2026-0103) amount(FA-2026-0103)]"},
		{name: "number glued after a word",
			line: credit(data.Euros(60, 0), "", "FACT20260555"),
			best: "client 5 score 100: 20260555=60,00 [number(20260555) amount(20260555)]"},
		{name: "number in the reference",
			line: withRef(credit(data.Euros(1200, 0), "", "VIREMENT"), "FA-2026-0103"),
			best: "client 1 score 100: FA-2026-0103=1200,00 [number(FA-2026-0103) amount(FA-2026-0103)]"},
		{name: "RF reference valid, in the reference",
			line: withRef(credit(data.Euros(1250, 0), "", "VIREMENT"), "RF83FA20260042"),
			best: "client 5 score 100: FA-2026-0042=1250,00 [reference(FA-2026-0042) amount(FA-2026-0042)]"},
		{name: "RF reference valid, in groups of four in the label",
			line: credit(data.Euros(1250, 0), "", "VIR RF83 FA20 2600 42 MERCI"),
			best: "client 5 score 100: FA-2026-0042=1250,00 [reference(FA-2026-0042) amount(FA-2026-0042)]"},
		{name: "RF reference with wrong check digits: the amount alone",
			line: withRef(credit(data.Euros(1250, 0), "", "VIREMENT"), "RF84FA20260042"),
			best: "client 5 score 60: FA-2026-0042=1250,00 [amount(FA-2026-0042)]"},
		{name: "RF reference in groups with wrong check digits: the number it shows",
			line: credit(data.Euros(1250, 0), "", "RF84 FA20 2600 42"),
			best: "client 5 score 100: FA-2026-0042=1250,00 [number(FA-2026-0042) amount(FA-2026-0042)]"},
		{name: "two invoices of one client, numbers in the label",
			line: credit(data.Euros(1650, 0), "", "FA-2026-0110 ET FA-2026-0103"),
			best: "client 1 score 100: FA-2026-0103=1200,00 FA-2026-0110=450,00 [number(FA-2026-0103) number(FA-2026-0110) amount_sum]"},
		{name: "two invoices of one client, the name only",
			line: credit(data.Euros(1650, 0), "CAFE DURAND", "VIREMENT"),
			best: "client 1 score 85: FA-2026-0103=1200,00 FA-2026-0110=450,00 [amount_sum name]"},
		{name: "two invoices of one client, nothing but the amount",
			line: credit(data.Euros(1000, 0), "", "VIREMENT"),
			best: "client 2 score 45: FA-2026-0104=777,77 FA-2026-0107=222,23 [amount_sum]"},
		{name: "three invoices of one client by IBAN",
			line: withIBAN(credit(data.Euros(1950, 0), "", "VIREMENT"), ibanDurand),
			best: "client 1 score 85: FA-2026-0103=1200,00 FA-2026-0110=450,00 FA-2026-0120=300,00 [amount_sum iban]"},
		{name: "one number, the amount of two invoices",
			line: credit(data.Euros(1500, 0), "", "FACTURE FA-2026-0120"),
			best: "client 1 score 90: FA-2026-0103=1200,00 FA-2026-0120=300,00 [number(FA-2026-0120) amount_sum]"},
		{name: "numbers of two invoices, money runs out",
			line: credit(data.Euros(1400, 0), "", "FA-2026-0110 FA-2026-0103"),
			best: "client 1 score 75: FA-2026-0103=1200,00 FA-2026-0110=200,00 [number(FA-2026-0103) number(FA-2026-0110) partial(FA-2026-0110):250,00]"},
		{name: "fees deducted, the name",
			line: credit(data.Euros(1196, 50), "SARL CAFE DURAND", "VIREMENT"),
			best: "client 1 score 75: FA-2026-0103=1196,50 [fees(FA-2026-0103):3,50 name]"},
		{name: "fees deducted, the number",
			line: credit(data.Euros(1196, 50), "", "FA-2026-0103"),
			best: "client 1 score 95: FA-2026-0103=1196,50 [number(FA-2026-0103) fees(FA-2026-0103):3,50]"},
		{name: "short by more than the fees: the name only",
			line: credit(data.Euros(1190, 0), "CAFE DURAND", "VIREMENT"),
			best: "client 1 score 30: FA-2026-0103=1190,00 [name partial(FA-2026-0103):10,00]"},
		{name: "wrong amount with the number: part payment",
			line: credit(data.Euros(1000, 0), "", "FA-2026-0103"),
			best: "client 1 score 75: FA-2026-0103=1000,00 [number(FA-2026-0103) partial(FA-2026-0103):200,00]"},
		{name: "more than the balance with the number: overpaid, capped",
			line: credit(data.Euros(1300, 0), "CAFE DURAND", "FA-2026-0103"),
			best: "client 1 score 75: FA-2026-0103=1200,00 [number(FA-2026-0103) name overpaid:100,00]"},
		{name: "two clients with the same amount",
			line:      credit(data.Euros(980, 0), "", "VIREMENT"),
			best:      "client 3 score 50: FA-2026-0105=980,00 [amount(FA-2026-0105)]",
			second:    "client 4 score 50: FA-2026-0106=980,00 [amount(FA-2026-0106)]",
			ambiguous: true},
		{name: "a known IBAN decides between them",
			line: withIBAN(credit(data.Euros(980, 0), "", "VIREMENT"), ibanDubois),
			best: "client 3 score 95: FA-2026-0105=980,00 [amount(FA-2026-0105) iban]"},
		{name: "a known payer name decides between them",
			line: credit(data.Euros(980, 0), "M. Jean Dubois", "VIREMENT"),
			best: "client 3 score 90: FA-2026-0105=980,00 [amount(FA-2026-0105) name]"},
		{name: "name with accents and legal form",
			line: credit(data.Euros(450, 0), "SARL CAFÉ DURAND", "VIR SEPA"),
			best: "client 1 score 90: FA-2026-0110=450,00 [amount(FA-2026-0110) name]"},
		{name: "IBAN and name together",
			line: withIBAN(credit(data.Euros(450, 0), "Cafe Durand", "VIR SEPA"), ibanDurand),
			best: "client 1 score 98: FA-2026-0110=450,00 [amount(FA-2026-0110) iban name]"},
		{name: "a name near the client's",
			line: credit(data.Euros(450, 0), "CAFE DURAND ET FILS", "VIR SEPA"),
			best: "client 1 score 80: FA-2026-0110=450,00 [amount(FA-2026-0110) name_near]"},
		{name: "the client's name in the label",
			line: credit(data.Euros(450, 0), "", "VIR SEPA RECU DE CAFE DURAND"),
			best: "client 1 score 70: FA-2026-0110=450,00 [amount(FA-2026-0110) name_near]"},
		{name: "nothing points anywhere",
			line: credit(data.Euros(12, 34), "INCONNU", "VIREMENT"),
			best: ""},
	}
	ix := NewIndex(bookWithIBANs())
	opts := Options{FeeTolerance: data.Euros(5, 0)}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ix.Match(tt.line, opts)
			checkProposal(t, ix, p)
			var got []string
			for _, c := range p.Candidates {
				got = append(got, describe(c))
			}
			if tt.best == "" {
				if len(got) > 0 {
					t.Fatalf("candidates %q, want none", got)
				}
				return
			}
			if len(got) == 0 || got[0] != tt.best {
				t.Fatalf("candidates:\n%s\nwant first:\n%s", strings.Join(got, "\n"), tt.best)
			}
			if tt.second != "" && (len(got) < 2 || got[1] != tt.second) {
				t.Errorf("candidates:\n%s\nwant second:\n%s", strings.Join(got, "\n"), tt.second)
			}
			if p.Ambiguous != tt.ambiguous {
				t.Errorf("ambiguous = %v, want %v; candidates:\n%s", p.Ambiguous, tt.ambiguous, strings.Join(got, "\n"))
			}
			if _, ok := p.Best(); ok == tt.ambiguous {
				t.Errorf("Best() ok = %v with ambiguous %v", ok, tt.ambiguous)
			}
		})
	}
}

// bookWithIBANs is testBook with Atelier Dubois's IBAN known.
func bookWithIBANs() Book {
	b := testBook()
	b.Clients[2].IBANs = []string{ibanDubois}
	return b
}

func TestMatchSkipsDebitsAndKeepsOrder(t *testing.T) {
	lines := []bank.Line{
		credit(data.Euros(1200, 0), "", "FA-2026-0103"),
		{ID: "debit", Amount: -data.Euros(1200, 0), Label: "FA-2026-0103"},
		credit(data.Euros(1250, 0), "", "FA-2026-0042"),
		{ID: "zero", Amount: 0, Label: "FA-2026-0103"},
	}
	lines[2].ID = "second"
	got := Match(lines, testBook(), Options{})
	if len(got) != 2 || got[0].Line.ID != "l" || got[1].Line.ID != "second" {
		t.Fatalf("proposals for %v, want the two credits in order", got)
	}
	if p := NewIndex(testBook()).Match(lines[1], Options{}); len(p.Candidates) != 0 {
		t.Errorf("a debit got candidates: %v", p.Candidates)
	}
}

// TestSubsetSum checks that the search for invoices adding up to a credit
// prefers the oldest, and stays bounded for a client owing hundreds.
func TestSubsetSum(t *testing.T) {
	var b Book
	b.Clients = []Client{{ID: 1, Name: "Gros Client"}}
	due := data.MustDate("2025-01-01")
	add := func(amount data.Money) {
		n := len(b.Invoices)
		b.Invoices = append(b.Invoices, Invoice{ID: int64(n + 1), Number: fmt.Sprintf("F-%04d", n+1), ClientID: 1,
			Outstanding: amount, Due: due.AddDays(n)})
	}
	for _, euros := range []int64{100, 200, 100, 200} {
		add(data.Euros(euros, 0))
	}
	for i := range 200 { // odd cents and even euros: no sum of them ends in 00,50
		add(data.Euros(int64(1000+2*i), 7))
	}
	ix := NewIndex(b)
	if got := ix.subsetFor(0, data.Euros(300, 0), nil, 2, maxSubset); len(got) != 2 || ix.invoices[got[0]].Number != "F-0001" ||
		ix.invoices[got[1]].Number != "F-0002" {
		t.Errorf("subset for 300 = %v, want the two oldest", got)
	}
	if got := ix.subsetFor(0, data.Euros(600, 0), nil, 2, maxSubset); len(got) != 4 {
		t.Errorf("subset for 600 = %v, want the four small invoices", got)
	}
	if got := ix.subsetFor(0, data.Euros(3000, 50), nil, 2, maxSubset); got != nil {
		t.Errorf("subset for an impossible sum = %v", got)
	}
	s := subsetSearch{bal: make([]data.Money, subsetWindow), suffixMax: make([]data.Money, subsetWindow+1), minSize: 2,
		maxSize: maxSubset}
	for i := range s.bal {
		s.bal[i] = data.Euros(int64(1000+2*i), 7)
		s.suffixMax[i] = data.Euros(int64(1000+2*(subsetWindow-1)), 7)
	}
	if s.find(0, data.Euros(3000, 0)) || s.nodes > maxNodes {
		t.Errorf("impossible search found %v after %d nodes (cap %d)", s.pick, s.nodes, maxNodes)
	}
}

func TestNumberKeys(t *testing.T) {
	tests := []struct{ in, strict, loose string }{
		{"FA-2026-0103", "FA20260103", "FA2026103"},
		{"fa 2026/00103", "FA202600103", "FA2026103"},
		{"FA20260103", "FA20260103", "FA20260103"},
		{"F-000-12", "F00012", "F012"},
		{"N°0042", "N0042", "N42"},
	}
	for _, tt := range tests {
		if s, l := numberKeys(tt.in); s != tt.strict || l != tt.loose {
			t.Errorf("numberKeys(%q) = %q, %q; want %q, %q", tt.in, s, l, tt.strict, tt.loose)
		}
	}
}

func TestRFValid(t *testing.T) {
	for _, ref := range []string{"RF18539007547034", "RF19AB2G59X56V543", "RF83FA20260042"} {
		if !rfValid(ref) {
			t.Errorf("rfValid(%q) = false", ref)
		}
	}
	for _, ref := range []string{"RF17539007547034", "RF84FA20260042", "RF18", "RF1A539007547034", "XX18539007547034",
		"RF18" + strings.Repeat("1", 22)} {
		if rfValid(ref) {
			t.Errorf("rfValid(%q) = true", ref)
		}
	}
	if got := rfReferences(tokenize("rf18 5390 0754 7034 FACTURE")); len(got) != 1 || got[0] != "RF18539007547034" {
		t.Errorf("rfReferences = %q", got)
	}
}

func TestNameTokens(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SARL CAFÉ DURAND", "CAFE DURAND"},
		{"Café Durand", "CAFE DURAND"},
		{"VIR SEPA RECU DE: Sté L'Œuvre & Cie", "OEUVRE"},
		{"M. ou Mme Dupont-Lefèvre", "DUPONT LEFEVRE"},
	}
	for _, tt := range tests {
		if got := strings.Join(nameTokens(tt.in), " "); got != tt.want {
			t.Errorf("nameTokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestMatchInvariants matches random lines against random books: every
// proposal must hold whatever the book.
func TestMatchInvariants(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 50 {
		book := randomBook(rng, 40+rng.IntN(60), 300)
		ix := NewIndex(book)
		opts := Options{FeeTolerance: data.Money(rng.IntN(1000))}
		for range 100 {
			line := randomLine(rng, book)
			p := ix.Match(line, opts)
			if line.Amount > 0 {
				checkProposal(t, ix, p)
			} else if len(p.Candidates) > 0 {
				t.Fatalf("round %d: a debit got candidates", round)
			}
		}
	}
}

// checkProposal checks what holds of every proposal: at most
// maxCandidates candidates, best first, each allocating no more than the
// credit, to invoices of its client, none more than its balance, with
// evidence strongest first.
func checkProposal(t testing.TB, ix *Index, p Proposal) {
	t.Helper()
	if len(p.Candidates) > maxCandidates {
		t.Fatalf("%d candidates", len(p.Candidates))
	}
	if p.Ambiguous && len(p.Candidates) < 2 {
		t.Fatalf("ambiguous with %d candidates", len(p.Candidates))
	}
	for i, c := range p.Candidates {
		if c.Score < 0 || c.Score > 100 || i > 0 && c.Score > p.Candidates[i-1].Score {
			t.Fatalf("scores out of order or range: %v", p.Candidates)
		}
		checkCandidate(t, ix, p.Line.Amount, c)
	}
}

func checkCandidate(t testing.TB, ix *Index, amount data.Money, c Candidate) {
	t.Helper()
	byID := map[int64]Invoice{}
	for _, inv := range ix.invoices {
		byID[inv.ID] = inv
	}
	var total data.Money
	seen := map[int64]bool{}
	for _, a := range c.Allocations {
		inv, ok := byID[a.InvoiceID]
		switch {
		case !ok || seen[a.InvoiceID]:
			t.Fatalf("allocation to unknown or repeated invoice %d: %s", a.InvoiceID, describe(c))
		case inv.ClientID != c.ClientID:
			t.Fatalf("invoice %s of client %d in a candidate for %d", inv.Number, inv.ClientID, c.ClientID)
		case a.Amount <= 0 || a.Amount > inv.Outstanding:
			t.Fatalf("allocation %s of %s for a balance of %s", a.Number, a.Amount, inv.Outstanding)
		}
		seen[a.InvoiceID] = true
		total += a.Amount
	}
	if len(c.Allocations) == 0 || total > amount {
		t.Fatalf("allocations of %s for a credit of %s: %s", total, amount, describe(c))
	}
	if len(c.Evidence) == 0 {
		t.Fatalf("no evidence: %s", describe(c))
	}
	sorted := append([]Evidence(nil), c.Evidence...)
	sortEvidence(sorted)
	for i := range sorted {
		if sorted[i].Kind != c.Evidence[i].Kind {
			t.Fatalf("evidence not strongest first: %s", describe(c))
		}
	}
}

// randomBook makes a book of n clients and up to invoices invoices with
// few distinct amounts, so that amounts, sums and names collide.
func randomBook(rng *rand.Rand, n, invoices int) Book {
	var b Book
	words := []string{"Café", "Durand", "Martin", "Boulangerie", "Garage", "SARL", "Petit", "Dubois", "Atelier"}
	for i := range n {
		c := Client{ID: int64(i + 1), Name: words[rng.IntN(len(words))] + " " + words[rng.IntN(len(words))]}
		if rng.IntN(3) == 0 {
			c.IBANs = []string{fmt.Sprintf("FR76%023d", rng.IntN(n/2+1))}
		}
		b.Clients = append(b.Clients, c)
	}
	for i := range rng.IntN(invoices) + 1 {
		due := data.MustDate("2026-01-01").AddDays(rng.IntN(120))
		b.Invoices = append(b.Invoices, Invoice{
			ID: int64(i + 1), Number: fmt.Sprintf("FA-%d-%03d", 2025+rng.IntN(2), rng.IntN(200)),
			ClientID: int64(rng.IntN(n+3) + 1), Outstanding: data.Money(rng.IntN(20)*5000 + rng.IntN(2)*99),
			Issued: due.AddDays(-30), Due: due,
		})
	}
	return b
}

// randomLine makes a line about the book: a number, an amount, a sum, a
// name, an IBAN, or noise; now and then a debit.
func randomLine(rng *rand.Rand, b Book) bank.Line {
	inv := b.Invoices[rng.IntN(len(b.Invoices))]
	other := b.Invoices[rng.IntN(len(b.Invoices))]
	c := b.Clients[rng.IntN(len(b.Clients))]
	l := bank.Line{ID: "r", Amount: inv.Outstanding + data.Money(rng.IntN(3)-1)*data.Money(rng.IntN(2000))}
	switch rng.IntN(6) {
	case 0:
		l.Label = "FACTURE " + inv.Number + " " + other.Number
	case 1:
		l.Amount = inv.Outstanding + other.Outstanding
	case 2:
		l.Name = c.Name
	case 3:
		if len(c.IBANs) > 0 {
			l.IBAN = c.IBANs[0]
		}
	case 4:
		l.Label = "VIR " + c.Name + " " + strings.ReplaceAll(inv.Number, "-", " ")
	}
	if rng.IntN(10) == 0 {
		l.Amount = -l.Amount
	}
	return l
}
