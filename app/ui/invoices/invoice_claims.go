package invoices

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/data"
	"relance/documents"
)

// invoiceClaims is the part of an invoice's page about what a formal
// notice and a court file claim: the penalties (which the owner may give
// up) and the documents that prove the debt (signed quote, delivery note,
// the debtor's Kbis), kept with the invoice or its client.
type invoiceClaims struct {
	d      *invoiceDetail
	box    *fyne.Container
	waiver *widget.Label
	waive  *widget.Button
	docs   *fyne.Container
	add    *widget.Button
}

// claimDocsDir is where the documents attached for a court file are
// kept, inside the data folder.
const claimDocsDir = "attachments/documents"

// errUnsupportedDocument: the chosen file is not a PDF nor an image.
var errUnsupportedDocument = errors.New("not a PDF, JPEG or PNG file")

// claimDocExtensions are the files a court accepts as exhibits, and a
// scanner or a phone produces.
var claimDocExtensions = []string{".pdf", ".jpg", ".jpeg", ".png"}

func newInvoiceClaims(d *invoiceDetail) *invoiceClaims {
	c := &invoiceClaims{d: d, waiver: &widget.Label{Wrapping: fyne.TextWrapWord}, docs: container.NewVBox()}
	c.waive = &widget.Button{Icon: theme.ContentClearIcon(), Importance: widget.LowImportance, OnTapped: c.onWaive}
	c.add = &widget.Button{Text: lang.L("claims.add_document"), Icon: theme.ContentAddIcon(), OnTapped: c.onAdd}
	c.box = container.NewVBox(
		invoiceSectionTitle("claims.penalties"), container.NewBorder(nil, nil, nil, container.NewCenter(c.waive), c.waiver),
		widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, c.add, invoiceSectionTitle("claims.documents")),
		&widget.Label{Text: lang.L("claims.documents_hint"), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance},
		c.docs)
	return c
}

// fill shows the waiver and the documents of the invoice on the page.
func (c *invoiceClaims) fill(dd detailData) {
	inv := &dd.report.Invoice
	business := dd.report.Client.Kind.IsBusiness()
	switch {
	case !business:
		c.waiver.SetText(lang.L("claims.consumer"))
		c.waive.Hide()
	case inv.PenaltiesWaived:
		c.waiver.SetText(lang.L("claims.waived"))
		c.waive.SetText(lang.L("claims.claim_again"))
		c.waive.Show()
	default:
		c.waiver.SetText(lang.L("claims.claimed"))
		c.waive.SetText(lang.L("claims.waive"))
		c.waive.Show()
	}
	c.docs.Objects = nil
	if len(dd.attachments) == 0 {
		c.docs.Add(&widget.Label{Text: lang.L("claims.no_document"), Importance: widget.LowImportance})
	}
	for _, a := range dd.attachments {
		c.docs.Add(c.docRow(a))
	}
	c.docs.Refresh()
}

// docRow is one attached document: what it proves, its title and date,
// and buttons to open and remove it.
func (c *invoiceClaims) docRow(a data.Attachment) fyne.CanvasObject {
	text := lang.L("attachment_kind." + string(a.Kind))
	if a.Title != "" {
		text = a.Title + " — " + text
	}
	if !a.DocDate.IsZero() {
		text += " (" + kit.Date(a.DocDate) + ")"
	}
	if a.InvoiceID == 0 {
		text += " · " + lang.L("claims.for_client")
	}
	rel := a.Path
	open := &widget.Button{Icon: theme.DocumentIcon(), Importance: widget.LowImportance, OnTapped: func() { kit.OpenDataFile(c.d.host, rel) }}
	remove := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { c.onRemove(a) }}
	return container.NewBorder(nil, nil, nil, container.NewHBox(open, remove), &widget.Label{Text: text, Wrapping: fyne.TextWrapWord})
}

// onWaive gives up the penalties and the 40 € of the invoice (asking why,
// for the timeline), or claims them again.
func (c *invoiceClaims) onWaive() {
	h, inv := c.d.host, c.d.data.report.Invoice
	reload := func(ctx context.Context, waived bool, reason string) error {
		if err := h.Store().WaivePenalties(ctx, inv.ID, waived, reason); err != nil {
			return err
		}
		fyne.Do(func() { c.d.show(inv.ID) })
		return nil
	}
	if inv.PenaltiesWaived {
		kit.Confirm(h, "claims.claim_again", "claims.claim_again_question", map[string]any{"Number": inv.Number},
			func(ctx context.Context) error { return reload(ctx, false, "") })
		return
	}
	kit.AskReason(h, "claims.waive", "claims.waive_reason", false, func(ctx context.Context, reason string) error {
		return reload(ctx, true, reason)
	})
}

// onRemove takes a document off the invoice (or its client), its file
// with it.
func (c *invoiceClaims) onRemove(a data.Attachment) {
	h, invoiceID := c.d.host, c.d.invoiceID
	title := cmpOr(a.Title, lang.L("attachment_kind."+string(a.Kind)))
	kit.Confirm(h, "claims.remove_title", "claims.remove_question", map[string]any{"Title": title}, func(ctx context.Context) error {
		if err := h.Store().DeleteAttachment(ctx, a.ID); err != nil {
			return err
		}
		// The book no longer points at the file: a leftover would only be clutter.
		if err := h.Archive().Remove(ctx, a.Path); err != nil {
			return err
		}
		fyne.Do(func() { c.d.show(invoiceID) })
		return nil
	})
}

// cmpOr is the first non-empty string.
func cmpOr(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

// onAdd asks for a document: what it proves, its file, its title and date,
// and whether it is the client's (valid for all its invoices: a Kbis, the
// accepted terms of sale) or this invoice's.
func (c *invoiceClaims) onAdd() {
	h, inv := c.d.host, c.d.data.report.Invoice
	f := kit.NewForm()
	kind := kit.NewSelect(h.Window(), nil, nil)
	for _, k := range data.AttachmentKinds {
		kind.Options = append(kind.Options, kit.CapitalFirst(lang.L("attachment_kind."+string(k))))
	}
	kind.SetSelectedIndex(0)
	file := kit.NewEntry(h.Window())
	file.SetPlaceHolder(lang.L("claims.file_placeholder"))
	browse := &widget.Button{Text: lang.L("claims.browse"), Icon: theme.FolderOpenIcon(), OnTapped: func() { c.browse(file) }}
	title := kit.NewEntry(h.Window())
	date := kit.NewDateEntry(h.Window(), data.Date{})
	date.SetText("")
	forClient := kit.NewCheck(h.Window(), lang.L("claims.for_all_invoices"), nil)
	kind.OnChanged = func(string) { forClient.SetChecked(data.AttachmentKinds[kind.SelectedIndex()] == data.AttachKbis) }
	f.Add("attachment_kind", true, kind)
	f.Add("attachment_file", true, container.NewBorder(nil, nil, nil, browse, file))
	f.Add("attachment_title", false, title)
	f.Add("doc_date", false, date)
	f.AddLabelled("claims.scope", false, forClient)
	fd := kit.NewFormDialog(h, "claims.add_title", f, fyne.NewSize(620, 380), func() (func(context.Context) error, error) {
		var errs data.FieldErrors
		a := data.Attachment{InvoiceID: inv.ID, ClientID: inv.ClientID, Kind: data.AttachmentKinds[max(kind.SelectedIndex(), 0)],
			Title: title.Text}
		a.DocDate = kit.OptionalPastDate(date, "doc_date", h.Today(), &errs)
		src := strings.TrimSpace(file.Text)
		if src == "" {
			errs = append(errs, &data.FieldError{Field: "attachment_file", Reason: data.ReasonRequired})
		} else if !claimDocSupported(src) {
			errs = append(errs, &data.FieldError{Field: "attachment_file", Reason: data.ReasonUnknownChoice, Value: filepath.Ext(src)})
		}
		if forClient.Checked {
			a.InvoiceID = 0
		}
		if err := kit.FieldErrorsOrNil(errs); err != nil {
			return nil, err
		}
		return func(ctx context.Context) error {
			if err := attachClaimDocument(ctx, h, &a, inv.Number, src); err != nil {
				return err
			}
			fyne.Do(func() { c.d.show(inv.ID) })
			return nil
		}, nil
	}, nil)
	fd.Show(file)
}

// browse fills the file field from the system's file chooser.
func (c *invoiceClaims) browse(field *kit.Entry) {
	h := c.d.host
	dlg := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			h.ShowError(err)
			return
		}
		if r != nil {
			field.SetText(r.URI().Path())
			r.Close()
		}
	}, h.Window())
	dlg.SetFilter(storage.NewExtensionFileFilter(claimDocExtensions))
	dlg.Resize(fyne.NewSize(860, 560))
	h.Track(dlg)
	dlg.Show()
}

// claimDocSupported reports whether a file's name says PDF, JPEG or PNG.
func claimDocSupported(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, ok := range claimDocExtensions {
		if ext == ok {
			return true
		}
	}
	return false
}

// attachClaimDocument archives a copy of src and records it; the copy is
// removed again when the book refuses the record, so that nothing is left
// half-done. The copy is named after the invoice, the kind of document
// and the day it was attached (FA-12-kbis-2026-11-24.pdf), with "-2",
// "-3"… when that day already has one: the owner finds it by name in the
// folder, and two attachments never share a file.
func attachClaimDocument(ctx context.Context, h Host, a *data.Attachment, number, src string) error {
	if !claimDocSupported(src) {
		return fmt.Errorf("attach %s: %w", src, errUnsupportedDocument)
	}
	content, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("attach document: %w", err)
	}
	name := documents.FileName(number) + "-" + string(a.Kind) + "-" + h.Today().String() + strings.ToLower(filepath.Ext(src))
	if a.Path, err = h.Archive().Add(ctx, path.Join(claimDocsDir, name), content); err != nil {
		return fmt.Errorf("attach document: %w", err)
	}
	if err := h.Store().CreateAttachment(ctx, a); err != nil {
		if rmErr := h.Archive().Remove(ctx, a.Path); rmErr != nil {
			slog.Warn("remove a document not attached", "file", a.Path, "err", rmErr)
		}
		return err
	}
	return nil
}
