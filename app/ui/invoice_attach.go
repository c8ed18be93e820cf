package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/drafting"
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
		OnTapped: func() { a.d.ui.openAttachment(file) }}
	return container.NewHBox(open, attach)
}

// onAttach asks for the invoice's PDF and copies it into the data folder.
func (a *invoiceActions) onAttach() {
	u := a.d.ui
	invoiceID := a.d.data.report.Invoice.ID
	dlg := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		src := r.URI().Path()
		r.Close()
		u.async(func() {
			err := u.attachInvoicePDF(context.Background(), invoiceID, src)
			fyne.Do(func() {
				if err != nil {
					u.showAttachError(err)
					return
				}
				if a.d.invoiceID == invoiceID {
					a.d.show(invoiceID)
				}
				u.changed()
			})
		})
	}, u.win)
	dlg.SetTitleText(lang.L("invoices.attach.title"))
	dlg.SetFilter(storage.NewExtensionFileFilter([]string{".pdf"}))
	dlg.Resize(fyne.NewSize(860, 560))
	u.track(dlg)
	dlg.Show()
}

// showAttachError says in one sentence why a file was not attached.
func (u *UI) showAttachError(err error) {
	if errors.Is(err, errInvoiceNotPDF) {
		d := dialog.NewError(errors.New(lang.L("invoices.attach.not_pdf")), u.win)
		u.track(d)
		d.Show()
		return
	}
	u.showError(err)
}

// attachInvoicePDF copies the PDF at src to the data folder as
// attachments/<number>.pdf and records it on the invoice. A file that does
// not start like a PDF is refused and nothing is written.
func (u *UI) attachInvoicePDF(ctx context.Context, invoiceID int64, src string) error {
	inv, err := u.store.GetInvoice(ctx, invoiceID)
	if err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("attach invoice PDF: %w", err)
	}
	defer in.Close()
	head := make([]byte, 4)
	if _, err := io.ReadFull(in, head); err != nil || !bytes.Equal(head, []byte("%PDF")) {
		return fmt.Errorf("attach %s: %w", src, errInvoiceNotPDF)
	}
	if _, err := in.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("attach invoice PDF: %w", err)
	}
	rel := path.Join(invoiceAttachmentsDir, drafting.PDFFileName(inv.Number, inv.ID))
	dst := filepath.Join(u.opts.DataDir, filepath.FromSlash(rel))
	_, statErr := os.Stat(dst)
	if err := invoiceCopyFile(in, dst); err != nil {
		return fmt.Errorf("attach invoice PDF: %w", err)
	}
	inv.Attachment = rel
	if err := u.store.UpdateInvoice(ctx, &inv); err != nil {
		if os.IsNotExist(statErr) {
			os.Remove(dst) // the invoice does not point at it: leave nothing behind
		}
		return err
	}
	return nil
}

// invoiceCopyFile writes r to dst through a temporary file in the same
// folder, so that dst is either the old file or the whole new one.
func invoiceCopyFile(r io.Reader, dst string) error {
	dir := filepath.Dir(dst)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".attach-*.pdf")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := io.Copy(tmp, r); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}

// openAttachment opens a file of the data folder (an attached or printed
// PDF, an archived .eml), named relative to it, in the system's viewer.
func (u *UI) openAttachment(rel string) {
	u.openFile(filepath.Join(u.opts.DataDir, filepath.FromSlash(rel)))
}

// openFile opens a file in the system's application for it, or says it
// cannot be found.
func (u *UI) openFile(abs string) {
	if _, err := os.Stat(abs); err != nil {
		d := dialog.NewError(errors.New(lang.L("invoices.attach.missing", map[string]any{"Path": abs})), u.win)
		u.track(d)
		d.Show()
		return
	}
	link, err := url.Parse(storage.NewFileURI(abs).String())
	if err == nil {
		err = u.app.OpenURL(link)
	}
	if err != nil {
		u.showError(err)
	}
}
