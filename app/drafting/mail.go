package drafting

import (
	"context"
	"errors"
	"html"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"relance/app/archive"
	"relance/app/dunning"
	"relance/app/mail"
	"relance/data"
	"relance/documents"
)

// mailComposer drafts a group's email from its lead step's template (the
// owner's edited version, else the default) in the client's language, for
// the client's addresses, with the files the step asks for.
type mailComposer struct {
	store   *data.Store
	dunning *dunning.Service
	files   *archive.Files // the invoices' PDFs to attach
	clock   data.Clock
}

// NewMailComposer returns the composer the window and `relance send-due`
// draft reminders with.
func NewMailComposer(store *data.Store, svc *dunning.Service, files *archive.Files, clock data.Clock) mail.Composer {
	return &mailComposer{store: store, dunning: svc, files: files, clock: clock}
}

// Compose writes the email of a group: the lead invoice's document
// context lists all of the client's overdue invoices, so a grouped
// reminder names each. It refuses (data.ErrCompanyIncomplete) while the
// company details every email needs are missing. The text says "ci-joint"
// only of the invoices whose PDF it attaches; Draft.Rewrite writes it
// again for the files the owner keeps.
func (c *mailComposer) Compose(ctx context.Context, g dunning.Group) (mail.Draft, error) {
	dc, err := DocumentContextFor(ctx, c.store, c.dunning, g.Lead.InvoiceID, g.Lead.Step.TemplateKey, c.clock.Today())
	if err != nil {
		return mail.Draft{}, err
	}
	if err := dc.Company.ReadyForLetters(); err != nil {
		return mail.Draft{}, err
	}
	key := documents.TemplateKeyFor(g.Lead.Step.TemplateKey, dc.Client.Kind)
	subject, body, _, err := documents.StoreSource(ctx, c.store).Template(key, documents.ChannelEmail, dc.Lang)
	if err != nil {
		return mail.Draft{}, err
	}
	d := mail.Draft{Lang: dc.Lang, To: data.SplitEmails(dc.Client.Email), Cc: data.SplitEmails(dc.Client.EmailCC)}
	if g.Lead.Step.AttachInvoice {
		if d.Attachments, err = c.invoiceFiles(ctx, g); err != nil {
			return d, err
		}
	}
	docs, err := c.documentFiles(ctx, g.Lead.Step, key, dc)
	if err != nil {
		return d, err
	}
	d.Attachments = append(d.Attachments, docs...)
	d.Rewrite = func(kept []mail.Attachment) (mail.Body, error) {
		return renderFor(subject, body, *dc, kept)
	}
	b, err := d.Rewrite(d.Attachments)
	d.Subject, d.Text, d.HTML = b.Subject, b.Text, b.HTML
	return d, err
}

// renderFor renders the email's template for the files it carries: the
// invoices among them are the ones the text says are attached.
func renderFor(subject, body string, dc documents.Context, files []mail.Attachment) (mail.Body, error) {
	dc.AttachedInvoices = nil
	for _, f := range files {
		if f.Kind == "invoice" && f.Invoice != "" {
			dc.AttachedInvoices = append(dc.AttachedInvoices, f.Invoice)
		}
	}
	r, err := documents.Render(subject, body, &dc)
	if err != nil {
		return mail.Body{}, err
	}
	return mail.Body{Subject: r.Subject, Text: r.Text, HTML: r.HTML}, nil
}

// documentFiles are the PDFs the step asks for besides the invoices: its
// letter (an email step "with letter") and the penalty statement.
func (c *mailComposer) documentFiles(ctx context.Context, st data.Step, key string, dc *documents.Context) ([]mail.Attachment, error) {
	var out []mail.Attachment
	src := documents.StoreSource(ctx, c.store)
	if st.WithLetter {
		pdf, err := documents.StepLetter(src, key, dc)
		switch {
		case errors.Is(err, documents.ErrNoLetter):
		case err != nil:
			return nil, err
		default:
			out = append(out, mail.Attachment{Name: mailFileName("letter", dc), Kind: "letter", Data: pdf})
		}
	}
	if st.IncludeStatement && dc.Statement != nil {
		pdf, err := documents.PenaltyStatement(dc)
		if err != nil {
			return nil, err
		}
		out = append(out, mail.Attachment{Name: mailFileName("statement", dc), Kind: "statement", Data: pdf})
	}
	return out, nil
}

// mailFileName names an attached document in the client's language.
func mailFileName(kind string, dc *documents.Context) string {
	names := map[string][2]string{"letter": {"lettre-de-relance", "reminder-letter"},
		"statement": {"decompte-des-penalites", "penalty-statement"}}
	i := 0
	if dc.Lang == "en" {
		i = 1
	}
	return names[kind][i] + "-" + PDFFileName(dc.Invoice.Number, dc.Invoice.ID)
}

// invoiceFiles are the PDFs attached to the group's invoices, those whose
// file is in the archive (fetched into the data folder from a shared
// book).
func (c *mailComposer) invoiceFiles(ctx context.Context, g dunning.Group) ([]mail.Attachment, error) {
	var out []mail.Attachment
	for _, d := range g.Items {
		inv, err := c.store.GetInvoice(ctx, d.InvoiceID)
		if err != nil {
			return nil, err
		}
		if inv.Attachment == "" {
			continue
		}
		full, err := c.files.Local(ctx, inv.Attachment)
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, archive.ErrBadPath) {
			continue // a file removed by hand: the dialog shows the invoice without it
		}
		if err != nil {
			return nil, err
		}
		out = append(out, mail.Attachment{Name: path.Base(inv.Attachment), Kind: "invoice", Invoice: inv.Number, Path: full})
	}
	return out, nil
}

// TextHTML turns a body the owner edited as plain text into the HTML
// alternative: each paragraph a <p>, line breaks kept, everything escaped.
func TextHTML(text string) string {
	var b strings.Builder
	b.WriteString(`<div style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#222">`)
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if strings.TrimSpace(para) == "" {
			continue
		}
		lines := strings.Split(para, "\n")
		for i, l := range lines {
			lines[i] = html.EscapeString(l)
		}
		b.WriteString("<p>" + strings.Join(lines, "<br>") + "</p>")
	}
	b.WriteString("</div>")
	return b.String()
}

// PDFFileName makes a PDF file name of an invoice number: letters, digits,
// dots, dashes and underscores kept, anything else (slashes, spaces,
// colons that Windows refuses) turned into an underscore.
func PDFFileName(number string, id int64) string {
	name := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			return r
		}
		return '_'
	}, number)
	name = strings.Trim(name, "._")
	if name == "" {
		name = "invoice-" + strconv.FormatInt(id, 10)
	}
	return name + ".pdf"
}
