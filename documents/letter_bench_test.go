package documents

import (
	"errors"
	"fmt"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"relance/data"
)

// Benchmarks of the letters' targets (DESIGN.md, issue 14): one reminder
// letter (embedded font, logo, signature and QR code) under 5 ms; 1,000
// letters in one process, on every core, under 5 s and 50 MB, and at least
// 4 times faster than LibreOffice converting the same letters. Run with
// `make bench` or
//
//	go test -tags migrated_fynedo -run '^$' -bench Letter -benchmem ./documents
//
// BenchmarkLibreOfficeRatio needs soffice on PATH (Debian:
// apt-get install --no-install-recommends libreoffice-writer-nogui) and
// is skipped without it.

// reminderLetter renders the first reminder of the test context.
func reminderLetter(b *testing.B) func(c *Context) {
	subject, body, err := DefaultTemplate("reminder_1", ChannelLetter, "fr")
	if err != nil {
		b.Fatal(err)
	}
	return func(c *Context) {
		r, err := Render(subject, body, c)
		if err == nil {
			_, err = Letter(c, r.Subject, r.Body, LetterOptions{Payment: true})
		}
		if err != nil {
			b.Error(err)
		}
	}
}

func BenchmarkReminderLetter(b *testing.B) {
	letter := reminderLetter(b)
	c := testContext("fr", data.Commercial)
	b.ReportAllocs()
	for b.Loop() {
		letter(c)
	}
}

// BenchmarkReminderLetterNewCharacters is a reminder whose recipient's
// name sets two characters no letter set before, so that the PDF writer
// cannot reuse a font subset it made for an earlier letter: the cost of a
// first letter, or of one to a client whose name is unlike the others'.
func BenchmarkReminderLetterNewCharacters(b *testing.B) {
	letter := reminderLetter(b)
	c := testContext("fr", data.Commercial)
	name := c.Client.Name
	var pairs []string // Latin Extended-A, which the font covers: 8,128 pairs
	for first := rune(0x100); first < 0x180; first++ {
		for second := first + 1; second < 0x180; second++ {
			pairs = append(pairs, string(first)+string(second))
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c.Client.Name = name + " " + pairs[i%len(pairs)]
		letter(c)
		i++
	}
}

// BenchmarkThousandLetters prints 1,000 different letters (each its own
// amount, hence its own QR code) with one worker per core, as a batch
// print does, and reports the heap in use and the memory taken from the
// system at their peak.
func BenchmarkThousandLetters(b *testing.B) {
	letter, contexts := reminderLetter(b), thousandContexts()
	var peak memoryPeak
	for b.Loop() {
		makeLetters(letter, contexts, runtime.NumCPU(), &peak)
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/1000-letters")
	peak.report(b)
}

// BenchmarkThousandLettersOneCore is the same run on one goroutine.
func BenchmarkThousandLettersOneCore(b *testing.B) {
	letter, contexts := reminderLetter(b), thousandContexts()
	var peak memoryPeak
	for b.Loop() {
		makeLetters(letter, contexts, 1, &peak)
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/1000-letters")
	peak.report(b)
}

// thousandContexts are 1,000 reminders' contexts, each its own amount.
func thousandContexts() []*Context {
	contexts := make([]*Context, 1000)
	for i := range contexts {
		c := testContext("fr", data.Commercial)
		c.Invoice.Amount += data.Money(i)
		c.Invoices[0].Amount, c.Invoices[0].Outstanding = c.Invoice.Amount, c.Invoice.Amount
		contexts[i] = c
	}
	return contexts
}

// memoryPeak is the most heap in use and memory taken from the system
// seen while letters are made.
type memoryPeak struct {
	mu        sync.Mutex
	heap, sys uint64
}

func (p *memoryPeak) sample() {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	p.mu.Lock()
	p.heap, p.sys = max(p.heap, m.HeapInuse), max(p.sys, m.Sys)
	p.mu.Unlock()
}

func (p *memoryPeak) report(b *testing.B) {
	b.ReportMetric(float64(p.heap)/(1<<20), "MB-heap-peak")
	b.ReportMetric(float64(p.sys)/(1<<20), "MB-sys-peak")
}

// makeLetters makes a letter for each context on workers goroutines,
// sampling the memory every 50 letters.
func makeLetters(letter func(*Context), contexts []*Context, workers int, peak *memoryPeak) {
	jobs := make(chan *Context)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for c := range jobs {
				letter(c)
			}
		})
	}
	for i, c := range contexts {
		jobs <- c
		if i%50 == 0 {
			peak.sample()
		}
	}
	close(jobs)
	wg.Wait()
	peak.sample()
}

// BenchmarkLibreOfficeRatio times, in the same run, LibreOffice turning
// the 1,000 letters of BenchmarkThousandLetters, written as simple HTML
// pages (same words, tables, logo, signature and QR code), into PDFs in
// one soffice process, and this package making them on every core; it
// reports both times and how many times faster this package is.
func BenchmarkLibreOfficeRatio(b *testing.B) {
	lo, err := findLibreOffice()
	if err != nil {
		b.Skip("soffice not on PATH: LibreOffice is not installed " +
			"(apt-get install --no-install-recommends libreoffice-writer-nogui), nothing to compare with")
	}
	letter, contexts := reminderLetter(b), thousandContexts()
	dir := b.TempDir()
	pages, err := writeHTMLLetters(filepath.Join(dir, "html"), contexts)
	if err != nil {
		b.Fatal(err)
	}
	// A profile of its own, made by a first conversion left out of the
	// timing: a LibreOffice the user has open is not disturbed, and the
	// one-off setup of a new profile is not counted against it.
	lo.profile = "file://" + filepath.Join(dir, "profile")
	if err := lo.convert(filepath.Join(dir, "warm-up"), pages[:1]); err != nil {
		b.Fatal(err)
	}
	var loTime, ourTime time.Duration
	var peak memoryPeak
	for b.Loop() {
		start := time.Now()
		if err := lo.convert(filepath.Join(dir, "pdf"), pages); err != nil {
			b.Fatal(err)
		}
		loTime += time.Since(start)
		start = time.Now()
		makeLetters(letter, contexts, runtime.NumCPU(), &peak)
		ourTime += time.Since(start)
	}
	n := float64(b.N)
	b.ReportMetric(loTime.Seconds()/n, "s-libreoffice")
	b.ReportMetric(ourTime.Seconds()/n, "s-relance")
	b.ReportMetric(loTime.Seconds()/ourTime.Seconds(), "x-faster")
	peak.report(b)
}

// libreOffice converts documents to PDF with soffice.
type libreOffice struct {
	bin, profile string
	// batch is the most files one process is given.
	batch int
}

// findLibreOffice finds soffice. The soffice script starts oosplash, which
// hands soffice.bin about 250 arguments at most and silently drops the
// rest; soffice.bin beside the script takes any number, so that all the
// letters go to one process, as a user converting a folder would have them.
func findLibreOffice() (libreOffice, error) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		return libreOffice{}, err
	}
	if script, err := filepath.EvalSymlinks(soffice); err == nil {
		bin := filepath.Join(filepath.Dir(script), "soffice.bin")
		if st, err := os.Stat(bin); err == nil && st.Mode().IsRegular() {
			return libreOffice{bin: bin, batch: math.MaxInt}, nil
		}
	}
	return libreOffice{bin: soffice, batch: 200}, nil
}

// sofficeRestart is soffice.bin's exit status when it asks to be started
// again (after making a new profile), which oosplash does for the script.
const sofficeRestart = 81

// convert turns the HTML pages into PDFs in outDir and checks that each
// came out.
func (lo libreOffice) convert(outDir string, pages []string) error {
	for len(pages) > 0 {
		n := min(len(pages), lo.batch)
		args := append([]string{"-env:UserInstallation=" + lo.profile, "--headless",
			"--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export", "--outdir", outDir}, pages[:n]...)
		out, err := exec.Command(lo.bin, args...).CombinedOutput()
		if exitErr := (*exec.ExitError)(nil); errors.As(err, &exitErr) && exitErr.ExitCode() == sofficeRestart {
			out, err = exec.Command(lo.bin, args...).CombinedOutput()
		}
		if err != nil {
			return fmt.Errorf("soffice: %w: %s", err, out)
		}
		for _, p := range pages[:n] {
			pdf := filepath.Join(outDir, strings.TrimSuffix(filepath.Base(p), ".html")+".pdf")
			if _, err := os.Stat(pdf); err != nil {
				return fmt.Errorf("soffice made no %s: %w", filepath.Base(pdf), err)
			}
		}
		pages = pages[n:]
	}
	return nil
}

// writeHTMLLetters writes each context's reminder as an HTML page, with
// its images beside it, and returns the pages' paths.
func writeHTMLLetters(dir string, contexts []*Context) ([]string, error) {
	subject, body, err := DefaultTemplate("reminder_1", ChannelLetter, "fr")
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	co := contexts[0].Company
	for name, img := range map[string][]byte{"logo.png": co.Logo, "signature.png": co.Signature} {
		if err := os.WriteFile(filepath.Join(dir, name), img, 0o644); err != nil {
			return nil, err
		}
	}
	pages := make([]string, len(contexts))
	for i, c := range contexts {
		r, err := Render(subject, body, c)
		if err != nil {
			return nil, err
		}
		payload, err := EPCPayload(EPCTransfer{BIC: c.Company.BIC, Name: c.Company.LegalName, IBAN: c.Company.IBAN,
			Amount: c.Invoice.Amount, Text: "Facture " + c.Invoice.Number})
		if err != nil {
			return nil, err
		}
		qr, err := qrPNG(payload)
		if err != nil {
			return nil, err
		}
		qrName := fmt.Sprintf("qr-%04d.png", i)
		pages[i] = filepath.Join(dir, fmt.Sprintf("letter-%04d.html", i))
		if err := os.WriteFile(filepath.Join(dir, qrName), qr, 0o644); err != nil {
			return nil, err
		}
		if err := os.WriteFile(pages[i], []byte(letterHTML(c, r, qrName)), 0o644); err != nil {
			return nil, err
		}
	}
	return pages, nil
}

// letterHTML is a reminder as a plain HTML page: letterhead, address,
// place and date, subject, the body (tables included), payment details
// with the QR code, signature and legal mentions.
func letterHTML(c *Context, r Rendered, qrName string) string {
	co := c.Company
	esc := html.EscapeString
	lines := func(ls ...string) string {
		for i, l := range ls {
			ls[i] = esc(l)
		}
		return strings.Join(ls, "<br>")
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>%s</title>`+
		`<style>body{font-family:'Liberation Sans',Arial,sans-serif;font-size:10pt}</style></head><body>`, esc(r.Subject))
	fmt.Fprintf(&b, `<p><img src="logo.png" width="180" alt=""><br>%s</p>`, lines(co.LegalName+" "+co.LegalForm,
		co.Address.Street, co.Address.PostalCode+" "+co.Address.City, co.Phone, co.Email))
	fmt.Fprintf(&b, `<p style="margin-left:90mm">%s</p>`, lines(PostalAddress(c.Client)...))
	fmt.Fprintf(&b, `<p style="text-align:right">%s</p>`, esc(DateLine(co.Address.City, c.Today)))
	fmt.Fprintf(&b, `<p><b>Objet&nbsp;: %s</b></p>`, esc(r.Subject))
	b.WriteString(r.HTML)
	fmt.Fprintf(&b, `<table border="1"><tr><td><img src="%s" width="110" alt=""></td><td>%s</td></tr></table>`, qrName,
		lines("Paiement par virement", "IBAN : "+data.GroupIBAN(co.IBAN), "BIC : "+co.BIC,
			"Montant : "+c.Invoice.Amount.FormatFR(), "Référence : "+c.PaymentReference))
	fmt.Fprintf(&b, `<p><img src="signature.png" width="150" alt=""><br>%s</p>`, lines(co.SignatoryName, co.SignatoryRole))
	fmt.Fprintf(&b, `<p style="font-size:7pt;text-align:center">%s</p></body></html>`,
		lines(co.LegalName+" "+co.LegalForm+" au capital de "+co.Capital.FormatFR(), "SIREN "+co.SIREN+" RCS "+co.RCSCity,
			"TVA intracommunautaire : "+co.VATNumber))
	return b.String()
}
