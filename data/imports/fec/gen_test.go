package fec

import (
	"io"
	"math/rand/v2"
	"strconv"

	"relance/data"
)

// generator writes, as it is read, the FEC of a small business's year:
// à-nouveaux first, then sales (411 debit, 706 and 44571 credits), bank
// receipts (512 debit, 411 credit) and purchases (401, 607, 44566), in
// ISO-8859-15 and TAB-separated. About a third of the lines are on 411.
// Of the invoices, most are paid in full and lettered, some partly paid
// under a lettrage code (partial lettrage), some paid but left unlettered
// and some never paid; the last ones of the year wait for their payment.
// Nothing is held but the écriture being written: a million lines cost
// no memory of the reader's.
type generator struct {
	rng      *rand.Rand
	lines    int // to write, the header included
	written  int
	buf      []byte
	off      int
	clients  int
	letters  []int // per client, the lettrage codes used
	queue    []pending
	numbers  map[string]int // per journal, the last EcritureNum
	invoices int
	start    data.Date // 1 January
}

// pending is an invoice waiting for its payment.
type pending struct {
	client int
	ref    []byte
	amount int64 // cents
	paid   int64 // what the payment will be
	letter []byte
}

const genHeader = "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise\r\n"

func newGenerator(lines int, seed uint64) *generator {
	clients := max(20, lines/200)
	return &generator{rng: rand.New(rand.NewPCG(seed, seed^0x5eed)), lines: lines, clients: clients,
		letters: make([]int, clients), numbers: map[string]int{},
		start: data.MustDate("2026-01-01")}
}

func (g *generator) Read(p []byte) (int, error) {
	for g.off == len(g.buf) {
		if g.written >= g.lines {
			return 0, io.EOF
		}
		g.buf, g.off = g.buf[:0], 0
		g.next()
	}
	n := copy(p, g.buf[g.off:])
	g.off += n
	return n, nil
}

// next writes one écriture (or the header).
func (g *generator) next() {
	r := g.rng.Float64()
	switch {
	case g.written == 0:
		g.buf = append(g.buf, genHeader...)
		g.written++
	case g.written < g.lines/100:
		g.opening()
	case r < 0.45 || (r < 0.85 && len(g.queue) < 40):
		g.invoice()
	case r < 0.85:
		g.payment()
	default:
		g.purchase()
	}
}

// today spreads the écritures over 2026 as the file goes.
func (g *generator) today() data.Date {
	return g.start.AddDays(g.written * 364 / g.lines)
}

func (g *generator) opening() {
	c := g.rng.IntN(g.clients)
	ref := []byte("FA-2025-" + strconv.Itoa(10000+g.written))
	amount := 1000 + g.rng.Int64N(500000)
	num := g.number("AN")
	issued := g.start.AddDays(-1 - g.rng.IntN(31))
	g.row(row{"AN", "A-nouveaux", num, g.today(), "411000", "Clients", c, ref, issued, "Facture", amount, 0, nil})
	g.row(row{"AN", "A-nouveaux", num, g.today(), "890000", "Bilan d'ouverture", -1, ref, issued, "Reprise", 0, amount, nil})
	if g.rng.IntN(10) < 7 { // most of last year's invoices are paid in the new one
		g.queue = append(g.queue, pending{client: c, ref: ref, amount: amount, paid: amount})
	}
}

func (g *generator) invoice() {
	c := g.rng.IntN(g.clients)
	g.invoices++
	ref := []byte("FA-2026-" + strconv.Itoa(100000+g.invoices))
	net := 1000 + g.rng.Int64N(400000)
	vat := net / 5
	p := pending{client: c, ref: ref, amount: net + vat, paid: net + vat}
	switch fate := g.rng.IntN(100); {
	case fate < 80: // paid and lettered
		p.letter = g.letter(c)
	case fate < 86: // partly paid, partial lettrage
		p.letter, p.paid = g.letter(c), (net+vat)*6/10
	case fate < 91: // paid, not lettered
	default: // never paid
		p.paid = 0
	}
	num := g.number("VT")
	g.row(row{"VT", "Ventes", num, g.today(), "411000", "Clients", c, ref, g.today(), "Facture", p.amount, 0, p.letter})
	g.row(row{"VT", "Ventes", num, g.today(), "706000", "Prestations de services", -1, ref, g.today(), "Facture", 0, net, nil})
	g.row(row{"VT", "Ventes", num, g.today(), "445710", "TVA collect\xe9e", -1, ref, g.today(), "Facture", 0, vat, nil})
	if p.paid > 0 {
		g.queue = append(g.queue, p)
	}
}

func (g *generator) payment() {
	p := g.queue[0]
	g.queue = g.queue[1:]
	num := g.number("BQ")
	ref := []byte("VIR-" + strconv.Itoa(g.written))
	g.row(row{"BQ", "Banque", num, g.today(), "512000", "Banque", -1, ref, g.today(), "Virement re\xe7u", p.paid, 0, nil})
	g.row(row{"BQ", "Banque", num, g.today(), "411000", "Clients", p.client, ref, g.today(), "Virement re\xe7u", 0, p.paid, p.letter})
}

func (g *generator) purchase() {
	net := 500 + g.rng.Int64N(200000)
	vat := net / 5
	num := g.number("AC")
	ref := []byte("FF-" + strconv.Itoa(g.written))
	g.row(row{"AC", "Achats", num, g.today(), "401000", "Fournisseurs", -1, ref, g.today(), "Facture fournisseur", 0, net + vat, nil})
	g.row(row{"AC", "Achats", num, g.today(), "607000", "Achats de marchandises", -1, ref, g.today(), "Facture fournisseur", net, 0, nil})
	g.row(row{"AC", "Achats", num, g.today(), "445660", "TVA d\xe9ductible", -1, ref, g.today(), "Facture fournisseur", vat, 0, nil})
}

// letter is a new lettrage code of a client: A, B, ... Z, AA, AB...
func (g *generator) letter(c int) []byte {
	g.letters[c]++
	var out []byte
	for n := g.letters[c]; n > 0; n = (n - 1) / 26 {
		out = append([]byte{byte('A' + (n-1)%26)}, out...)
	}
	return out
}

func (g *generator) number(journal string) string {
	g.numbers[journal]++
	return journal + strconv.Itoa(1000000+g.numbers[journal])
}

// row is a line of the file; client -1: no auxiliary account.
type row struct {
	journal, journalLib, num string
	date                     data.Date
	account, accountLib      string
	client                   int
	ref                      []byte
	pieceDate                data.Date
	label                    string
	debit, credit            int64
	letter                   []byte
}

func (g *generator) row(r row) {
	b := g.buf
	b = append(append(append(append(b, r.journal...), '\t'), r.journalLib...), '\t')
	b = append(append(b, r.num...), '\t')
	b = appendDate(b, r.date)
	b = append(append(append(append(b, r.account...), '\t'), r.accountLib...), '\t')
	if r.client >= 0 {
		b = append(strconv.AppendInt(append(b, 'C'), int64(100000+r.client), 10), '\t')
		b = append(strconv.AppendInt(append(b, "Soci\xe9t\xe9 G\xe9n\xe9rale \xc9lectricit\xe9 n\xb0"...), int64(r.client), 10), '\t')
	} else {
		b = append(b, '\t', '\t')
	}
	b = append(append(b, r.ref...), '\t')
	b = appendDate(b, r.pieceDate)
	b = append(append(b, r.label...), '\t')
	b = appendMoney(appendMoney(b, r.debit), r.credit)
	b = append(append(b, r.letter...), '\t')
	if len(r.letter) > 0 {
		b = appendDate(b, r.date)
	} else {
		b = append(b, '\t')
	}
	b = append(appendDate(b, r.date), '\t', '\r', '\n')
	g.buf = b
	g.written++
}

// appendDate writes YYYYMMDD and a TAB.
func appendDate(b []byte, d data.Date) []byte {
	y, m, day := d.YMD()
	n := y*10000 + int(m)*100 + day
	return append(strconv.AppendInt(b, int64(n), 10), '\t')
}

// appendMoney writes cents with a decimal comma, and a TAB.
func appendMoney(b []byte, cents int64) []byte {
	b = strconv.AppendInt(b, cents/100, 10)
	b = append(b, ',', byte('0'+cents%100/10), byte('0'+cents%10))
	return append(b, '\t')
}
