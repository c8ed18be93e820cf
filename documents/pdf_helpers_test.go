package documents

import (
	"bytes"
	"compress/zlib"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"relance/data"
)

// The tests read the PDFs back with poppler's pdftotext, as a person's
// viewer would: text extraction proves that the words, accents and amounts
// are really in the file, in reading order.

// pdfText extracts the text of a PDF, pages separated by form feeds.
func pdfText(t testing.TB, pdf []byte, args ...string) string {
	t.Helper()
	return runPoppler(t, "pdftotext", pdf, append(args, "-enc", "UTF-8"), "-")
}

// runPoppler runs a poppler tool on pdf; it fails the test with what to
// install when the tool is missing (`make test` installs poppler-utils).
func runPoppler(t testing.TB, tool string, pdf []byte, args []string, out string) string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		t.Fatalf("%s not found: install poppler-utils (apt-get install poppler-utils; `make test` does it)", tool)
	}
	in := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(path, append(append(args, in), out)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v: %s", tool, err, stderr.String())
	}
	return stdout.String()
}

// pages splits pdftotext's output into pages.
func pages(text string) []string {
	return strings.Split(strings.TrimRight(text, "\f"), "\f")
}

// flat collapses every run of white space (pdftotext writes no-break
// spaces as plain ones, and breaks lines where the page does) into one
// plain space.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// pdfWord is one word of `pdftotext -bbox`, its box in points.
type pdfWord struct {
	text                   string
	xMin, yMin, xMax, yMax float64
}

var bboxWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// words lists the words of the first page with their boxes.
func words(t testing.TB, pdf []byte) []pdfWord {
	t.Helper()
	html := runPoppler(t, "pdftotext", pdf, []string{"-bbox", "-f", "1", "-l", "1"}, "-")
	var out []pdfWord
	for _, m := range bboxWord.FindAllStringSubmatch(html, -1) {
		w := pdfWord{text: m[5]}
		w.xMin, _ = strconv.ParseFloat(m[1], 64)
		w.yMin, _ = strconv.ParseFloat(m[2], 64)
		w.xMax, _ = strconv.ParseFloat(m[3], 64)
		w.yMax, _ = strconv.ParseFloat(m[4], 64)
		out = append(out, w)
	}
	return out
}

const pointsPerMM = 72 / 25.4

// streams returns the PDF's streams, inflated when they are compressed.
func streams(pdf []byte) [][]byte {
	var out [][]byte
	rest := pdf
	for {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			return out
		}
		rest = rest[i+len("stream\n"):]
		end := bytes.Index(rest, []byte("\nendstream"))
		if end < 0 {
			return out
		}
		raw := rest[:end]
		if r, err := zlib.NewReader(bytes.NewReader(raw)); err == nil {
			if inflated, err := io.ReadAll(r); err == nil {
				raw = inflated
			}
		}
		out = append(out, raw)
		rest = rest[end+len("\nendstream"):] // past "endstream", lest it be read as the next "stream"
	}
}

// containsUTF16 reports whether a page's text operators draw s (the PDF
// writer writes text as UTF-16BE).
func containsUTF16(pdf []byte, s string) bool {
	var enc []byte
	for _, r := range s {
		enc = append(enc, byte(r>>8), byte(r))
	}
	for _, st := range streams(pdf) {
		if bytes.Contains(st, enc) {
			return true
		}
	}
	return false
}

// savePages renders a PDF's pages as PNG files next to name, for a person
// to look at: RELANCE_PDF_PAGES=/tmp/dir go test ./documents.
func savePages(t *testing.T, name string, pdf []byte) {
	t.Helper()
	dir := os.Getenv("RELANCE_PDF_PAGES")
	if dir == "" {
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name+".pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	runPoppler(t, "pdftoppm", pdf, []string{"-png", "-r", "70"}, filepath.Join(dir, name))
}

// testPNG is a small image of w × h pixels (a logo, a signature).
func testPNG(w, h int, c color.Color) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			if (x/6+y/6)%2 == 0 || y > h/2 {
				img.Set(x, y, c)
			}
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return buf.Bytes()
}

// testCompany is a French SARL with everything a letterhead shows.
func testCompany() data.Company {
	co := data.DefaultCompany()
	co.LegalName = "Atelier Dubois"
	co.LegalForm = "SARL"
	co.Capital = data.Euros(10000, 0)
	co.SIREN = "123456789"
	co.RCSCity = "Lyon"
	co.VATNumber = "FR32123456789"
	co.Address = data.Address{Street: "12 rue de la République", PostalCode: "69002", City: "Lyon", Country: "FR"}
	co.Email = "compta@atelier-dubois.fr"
	co.Phone = "04 78 00 00 00"
	co.IBAN = "FR7630006000011234567890189"
	co.BIC = "AGRIFRPP"
	co.SignatoryName = "Claire Dubois"
	co.SignatoryRole = "Gérante"
	co.Logo = testPNG(240, 80, color.RGBA{R: 30, G: 80, B: 160, A: 255})
	co.Signature = testPNG(200, 70, color.RGBA{R: 20, G: 20, B: 90, A: 255})
	return co
}

// testContext is a formal notice's context: two overdue invoices of a
// client of kind, with their statement, as of 1 March 2026.
func testContext(lang string, kind data.ClientKind) *Context {
	today := data.MustDate("2026-03-01")
	client := data.Client{ID: 7, Name: "Boulangerie Martin & Fils", Kind: kind, SIREN: "987654321", ContactName: "M. Paul Martin",
		Language: lang, Address: data.Address{Street: "4 avenue des Frères Lumière\nBâtiment B", PostalCode: "69008", City: "Lyon", Country: "FR"}}
	if kind == data.Consumer {
		client.Name, client.SIREN, client.ContactName = "Mme Élodie Lefèvre", "", ""
	}
	inv := data.Invoice{ID: 42, Number: "FA-2026-0042", ClientID: 7, IssueDate: data.MustDate("2025-12-01"),
		DueDate: data.MustDate("2025-12-31"), Amount: data.Euros(1250, 0), PORef: "BC-778"}
	c := &Context{Lang: lang, Today: today, Company: testCompany(), Client: client, Invoice: inv,
		Invoices: []InvoiceLine{
			{Number: "FA-2026-0042", IssueDate: inv.IssueDate, DueDate: inv.DueDate, Amount: inv.Amount, Outstanding: inv.Amount, DaysLate: 60},
			{Number: "FA-2026-0051", IssueDate: data.MustDate("2026-01-05"), DueDate: data.MustDate("2026-02-04"),
				Amount: data.Euros(480, 50), Paid: data.Euros(100, 0), Outstanding: data.Euros(380, 50), DaysLate: 25},
		},
		Deadline: today.AddDays(8), DeadlineDays: 8, PaymentReference: "FA-2026-0042",
		EarlierReminders: []data.Date{data.MustDate("2026-01-05"), data.MustDate("2026-01-20")},
	}
	c.Statement = &Statement{AsOf: today, Outstanding: data.Euros(1630, 50),
		Rows: []StatementRow{
			{Invoice: "FA-2026-0042", From: data.MustDate("2026-01-01"), To: today, Days: 60, Base: data.Euros(1250, 0), RateBP: 1215, Amount: data.Euros(24, 97)},
			{Invoice: "FA-2026-0051", From: data.MustDate("2026-02-05"), To: today, Days: 25, Base: data.Euros(380, 50), RateBP: 1215, Amount: data.Euros(3, 17)},
		},
		Penalties: data.Euros(28, 14), Indemnity: data.Euros(80, 0),
		BasisCode: BasisECBPlus10, Basis: BasisSentence(BasisECBPlus10, lang)}
	if kind == data.Consumer {
		c.Statement.Rows, c.Statement.Penalties, c.Statement.Indemnity = nil, 0, 0
		c.Statement.BasisCode, c.Statement.Basis = BasisLegalRate, BasisSentence(BasisLegalRate, lang)
	}
	c.Statement.Total = c.Statement.Outstanding + c.Statement.Penalties + c.Statement.Indemnity
	return c
}

// must fails the test on an error.
func must[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}
