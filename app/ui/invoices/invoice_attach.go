package invoices

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/drafting"
	"relance/app/ui/kit"
	"relance/data"
)

// invoiceAttachmentsDir is where invoice PDFs are kept, inside the data folder.
const invoiceAttachmentsDir = "attachments"

// errInvoiceNotPDF: the file chosen as an invoice is not a PDF.
var errInvoiceNotPDF = errors.New("not a PDF file")

// attachmentRow is the "Invoice PDF" line of the facts: the file's name,
// a button to open it, and one to attach (or replace) it.
func (a *invoiceActions) attachmentRow(inv *data.Invoice) fyne.CanvasObject {
	attach := &widget.Button{Text: lang.L("invoices.action.attach"), Icon: theme.FileIcon(), Importance: widget.LowImportance,
		OnTapped: a.onAttach}
	if inv.Attachment == "" {
		return container.NewHBox(&widget.Label{Text: lang.L("invoices.no_attachment"), Importance: widget.LowImportance}, attach)
	}
	attach.SetText(lang.L("invoices.action.replace"))
	file := inv.Attachment
	open := &widget.Button{Text: lang.L("invoices.action.open_pdf"), Icon: theme.DocumentIcon(), Importance: widget.MediumImportance,
		OnTapped: func() { kit.OpenDataFile(a.d.host, file) }}
	return container.NewHBox(open, attach)
}

// onAttach asks for the invoice's PDF and copies it into the data folder.
func (a *invoiceActions) onAttach() {
	h := a.d.host
	invoiceID := a.d.data.report.Invoice.ID
	dlg := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			h.ShowError(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		src := r.URI().Path()
		r.Close()
		h.Async(func() {
			err := attachInvoicePDF(context.Background(), h, invoiceID, src)
			fyne.Do(func() {
				if err != nil {
					showAttachError(h, err)
					return
				}
				if a.d.invoiceID == invoiceID {
					a.d.show(invoiceID)
				}
				h.Changed()
			})
		})
	}, h.Window())
	dlg.SetTitleText(lang.L("invoices.attach.title"))
	dlg.SetFilter(storage.NewExtensionFileFilter([]string{".pdf"}))
	dlg.Resize(fyne.NewSize(860, 560))
	h.Track(dlg)
	dlg.Show()
}

// showAttachError says in one sentence why a file was not attached.
func showAttachError(h Host, err error) {
	if errors.Is(err, errInvoiceNotPDF) {
		d := dialog.NewError(errors.New(lang.L("invoices.attach.not_pdf")), h.Window())
		h.Track(d)
		d.Show()
		return
	}
	h.ShowError(err)
}

// attachInvoicePDF archives the PDF at src as attachments/<number>.pdf
// (-2, -3… when the name is taken: a PDF replaced stays as it was) and
// records it on the invoice. A file that does not start like a PDF is
// refused and nothing is written.
func attachInvoicePDF(ctx context.Context, h Host, invoiceID int64, src string) error {
	inv, err := h.Store().GetInvoice(ctx, invoiceID)
	if err != nil {
		return err
	}
	pdf, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("attach invoice PDF: %w", err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF")) {
		return fmt.Errorf("attach %s: %w", src, errInvoiceNotPDF)
	}
	rel, err := h.Archive().Add(ctx, path.Join(invoiceAttachmentsDir, drafting.PDFFileName(inv.Number, inv.ID)), pdf)
	if err != nil {
		return fmt.Errorf("attach invoice PDF: %w", err)
	}
	inv.Attachment = rel
	if err := h.Store().UpdateInvoice(ctx, &inv); err != nil {
		// The invoice does not point at it: leave nothing behind.
		if rmErr := h.Archive().Remove(ctx, rel); rmErr != nil {
			slog.Warn("remove an invoice PDF not attached", "file", rel, "err", rmErr)
		}
		return err
	}
	return nil
}
