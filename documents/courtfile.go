package documents

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"relance/data"
)

// The court file gathers what a request for a payment order (injonction
// de payer) needs, in one folder the owner files online or prints: a
// summary sheet with what the Cerfa form asks, the numbered list of
// exhibits (bordereau), and the exhibits as numbered PDFs. It is always in
// French: it goes to a French court.

// CourtFileInput is what the court file is made of. The caller reads it
// from the store; documents only writes.
type CourtFileInput struct {
	// Context is the debtor's file as of the day the file is made: the
	// invoices claimed (Invoices) and their statement.
	Context *Context
	Source  TemplateSource
	// Invoices are the invoices claimed, with the PDF attached to each.
	Invoices []CourtInvoice
	// Letters are the reminders and the formal notice sent, oldest first.
	Letters []SentLetter
	// Documents are what the owner attached to the invoices or the client
	// to prove the debt: the contract, the delivery, the debtor's Kbis.
	Documents []CourtDocument
}

// CourtDocument is a document attached to an invoice or its client (an
// absolute path), listed in the bordereau as its kind says.
type CourtDocument struct {
	Kind  data.AttachmentKind
	Title string
	Date  data.Date // the document's own date, when known
	File  string
}

// CourtInvoice is an invoice of the file and its PDF (an absolute path;
// "" when none is attached, the exhibit is then listed as to add).
type CourtInvoice struct {
	Number    string
	IssueDate data.Date
	PDF       string
}

// SentLetter is a reminder or a formal notice that went out.
type SentLetter struct {
	Key     string // the step's template key: reminder_1, formal_notice, ...
	Channel data.Channel
	SentOn  data.Date
	// Context is the letter's context as of SentOn: the letter is rebuilt
	// from it when File is not a PDF.
	Context *Context
	// File is the archived letter or email (absolute path), "" when none.
	File       string
	Tracking   string
	ReceivedOn data.Date
}

// Exhibit is one numbered document of the file.
type Exhibit struct {
	Number  int
	Title   string
	Date    data.Date
	File    string // its name in the folder; "" when the owner must add it
	Missing string // what to add, when File is ""
}

// Names of the court file's own documents.
const (
	CourtSummaryFile   = "00-recapitulatif-requete.pdf"
	CourtBordereauFile = "00-bordereau-des-pieces.pdf"
)

// CourtFile writes the court file into dir (created if needed): the
// numbered exhibits — the debtor's Kbis (a company), the proof of the
// contract, the invoices (their attached PDF copied), the proof of
// delivery, the other documents attached, the reminders (their archived
// PDF, or rebuilt as letters dated as sent), the formal notice with its
// registered-letter number and receipt date, its acknowledgment of
// receipt, the statement as of today — then the bordereau listing them
// and the summary sheet. What the owner has not attached is listed as to
// add. It returns the exhibits.
func CourtFile(dir string, in CourtFileInput) ([]Exhibit, error) {
	if in.Context == nil {
		return nil, errors.New("court file: no context")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("court file: %w", err)
	}
	c := frenchCopy(in.Context)
	w := &courtWriter{dir: dir, src: in.Source}
	if needsKbis(c.Client.Kind) {
		w.proofs(in.Documents, data.AttachKbis)
	}
	w.proofs(in.Documents, data.AttachContract)
	for _, inv := range in.Invoices {
		w.invoice(inv)
	}
	w.proofs(in.Documents, data.AttachDelivery)
	w.proofs(in.Documents, data.AttachOther)
	for _, l := range in.Letters {
		w.letter(l)
	}
	if c.Statement != nil {
		w.generated(fmt.Sprintf("Décompte des sommes dues au %s", c.Today.LongFR()), c.Today, "decompte-"+c.Today.String(),
			func() ([]byte, error) { return PenaltyStatement(c) })
	}
	if w.err != nil {
		return nil, w.err
	}
	bordereau, err := Bordereau(c, w.exhibits)
	if err != nil {
		return nil, err
	}
	if err := writeFile(filepath.Join(dir, CourtBordereauFile), bordereau); err != nil {
		return nil, err
	}
	summary, err := CourtSummary(c, in.Source, w.exhibits)
	if err != nil {
		return nil, err
	}
	return w.exhibits, writeFile(filepath.Join(dir, CourtSummaryFile), summary)
}

// frenchCopy is c in French (the court's language).
func frenchCopy(c *Context) *Context {
	fr := *c
	fr.Lang = "fr"
	return &fr
}

// courtWriter numbers and writes the exhibits; the first error stops it.
type courtWriter struct {
	dir      string
	src      TemplateSource
	exhibits []Exhibit
	err      error
}

// next is the next exhibit's number.
func (w *courtWriter) next() int { return len(w.exhibits) + 1 }

// fileName is "<NN>-<name><ext>" with name made safe for any file system.
func (w *courtWriter) fileName(name, ext string) string {
	return fmt.Sprintf("%02d-%s%s", w.next(), FileName(name), ext)
}

// needsKbis: a company debtor is identified before the court by its
// Kbis extract; a consumer and a public buyer have none.
func needsKbis(kind data.ClientKind) bool {
	return kind != data.Consumer && kind != data.PublicBuyer
}

// proofKinds say, per kind of document, how the bordereau names it, the
// file's name, and what to add when none is attached ("" for the other
// documents, never required).
var proofKinds = map[data.AttachmentKind]struct{ title, name, missing string }{
	data.AttachKbis: {"Extrait K-bis du débiteur", "kbis",
		"extrait K-bis du débiteur de moins de trois mois (infogreffe.fr)"},
	data.AttachContract: {"Preuve du contrat", "contrat",
		"devis signé, bon de commande, contrat ou conditions générales de vente acceptées"},
	data.AttachDelivery: {"Preuve de la livraison ou de l'exécution", "livraison",
		"bon de livraison signé, procès-verbal de réception ou tout document prouvant la livraison ou l'exécution"},
	data.AttachOther: {"Pièce", "piece", ""},
}

// proofs adds the attached documents of a kind, or lists the kind as to
// add when none is attached and the file needs one.
func (w *courtWriter) proofs(docs []CourtDocument, kind data.AttachmentKind) {
	k := proofKinds[kind]
	found := false
	for _, d := range docs {
		if d.Kind != kind {
			continue
		}
		found = true
		title := k.title
		if d.Title != "" {
			title += " : " + d.Title
		}
		w.copied(title, d.Date, k.name+"-"+d.Title, d.File)
	}
	if !found && k.missing != "" {
		// The bordereau's cell stays short (a table cell is one line); the
		// summary says what would do and where to attach it.
		w.missing(k.title, data.Date{}, k.missing+", à attacher à la facture ou au client dans Relance")
	}
}

// invoice copies an invoice's PDF, or lists it as to add.
func (w *courtWriter) invoice(inv CourtInvoice) {
	title := fmt.Sprintf("Facture n° %s du %s", inv.Number, inv.IssueDate.LongFR())
	if inv.PDF == "" {
		w.missing(title, inv.IssueDate, "copie de la facture (aucun PDF attaché dans Relance)")
		return
	}
	w.copied(title, inv.IssueDate, "facture-"+inv.Number, inv.PDF)
}

// letter adds a reminder or a notice: its archived PDF, or the letter
// rebuilt as sent; a notice is followed by its acknowledgment of receipt.
func (w *courtWriter) letter(l SentLetter) {
	notice := strings.HasPrefix(l.Key, "formal_notice")
	title := fmt.Sprintf("Relance du %s", l.SentOn.LongFR())
	name := "relance-" + l.SentOn.String()
	if l.Channel == data.ChannelEmail {
		title = fmt.Sprintf("Relance par courriel du %s", l.SentOn.LongFR())
	}
	if notice {
		title = fmt.Sprintf("Mise en demeure du %s", l.SentOn.LongFR())
		if l.Tracking != "" {
			title += ", LRAR n° " + l.Tracking
		}
		if !l.ReceivedOn.IsZero() {
			title += ", reçue le " + l.ReceivedOn.LongFR()
		}
		name = "mise-en-demeure-" + l.SentOn.String()
	}
	switch {
	case strings.EqualFold(filepath.Ext(l.File), ".pdf"):
		w.copied(title, l.SentOn, name, l.File)
	case l.Context != nil:
		w.generated(title, l.SentOn, name, func() ([]byte, error) { return rebuildLetter(w.src, l) })
	default:
		w.missing(title, l.SentOn, "copie du courrier")
	}
	if notice {
		what := "scan de l'avis de réception signé, retourné par La Poste"
		w.missing("Avis de réception de la mise en demeure", l.ReceivedOn, what)
	}
}

// rebuildLetter prints a sent letter again, dated the day it went.
func rebuildLetter(src TemplateSource, l SentLetter) ([]byte, error) {
	c := *l.Context
	c.Today = l.SentOn
	// The reminders before this one: not itself, nor any later.
	c.EarlierReminders = nil
	for _, d := range l.Context.EarlierReminders {
		if d.Before(l.SentOn) {
			c.EarlierReminders = append(c.EarlierReminders, d)
		}
	}
	if strings.HasPrefix(l.Key, "formal_notice") {
		c.Registered, c.TrackingNumber = true, l.Tracking
	}
	return StepLetter(src, l.Key, &c)
}

// copied adds an exhibit copied from a file.
func (w *courtWriter) copied(title string, date data.Date, name, from string) {
	if w.err != nil {
		return
	}
	ext := strings.ToLower(filepath.Ext(from))
	if ext == "" {
		ext = ".pdf"
	}
	file := w.fileName(strings.TrimSuffix(name, "-"), ext)
	if err := copyFile(from, filepath.Join(w.dir, file)); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			w.missing(title, date, "fichier introuvable : "+from)
			return
		}
		w.err = err
		return
	}
	w.exhibits = append(w.exhibits, Exhibit{Number: w.next(), Title: title, Date: date, File: file})
}

// generated adds an exhibit printed now.
func (w *courtWriter) generated(title string, date data.Date, name string, make func() ([]byte, error)) {
	if w.err != nil {
		return
	}
	file := w.fileName(name, ".pdf")
	pdf, err := make()
	if err == nil {
		err = writeFile(filepath.Join(w.dir, file), pdf)
	}
	if err != nil {
		w.err = fmt.Errorf("court file, %s: %w", title, err)
		return
	}
	w.exhibits = append(w.exhibits, Exhibit{Number: w.next(), Title: title, Date: date, File: file})
}

// missing lists an exhibit the owner must add.
func (w *courtWriter) missing(title string, date data.Date, what string) {
	w.exhibits = append(w.exhibits, Exhibit{Number: w.next(), Title: title, Date: date, Missing: what})
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return fmt.Errorf("court file: %w", err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("court file: copy %s: %w", from, err)
	}
	return out.Close()
}

func writeFile(path string, b []byte) error {
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("court file: %w", err)
	}
	return nil
}

// courtDay is a document's date for the PDF metadata.
func courtDay(d data.Date) time.Time {
	if d.IsZero() {
		return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return d.Time()
}
