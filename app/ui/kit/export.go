package kit

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/exports"
)

// Export is a file the window saves for the owner (a spreadsheet, a
// calendar): the name the save dialog offers, and how to write it (off
// the UI goroutine: it reads the book).
type Export struct {
	Name  string
	Write func(ctx context.Context, w io.Writer) error
}

// SaveExport asks where to save an export, on its default name, then
// writes it there (WriteExport).
func SaveExport(h Host, e Export) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			h.ShowError(err)
			return
		}
		if wc == nil {
			return // cancelled
		}
		WriteExport(h, wc, wc.URI().Path(), e)
	}, h.Window())
	d.SetFileName(e.Name)
	d.Resize(fyne.NewSize(860, 560))
	h.Track(d)
	d.Show()
}

// WriteExport writes an export into out, the file at path, off the UI
// goroutine while a dialog says it is under way; then it offers to open
// the file, or says in one sentence why it could not be written and
// removes what was half-written.
func WriteExport(h Host, out io.WriteCloser, path string, e Export) {
	bar := widget.NewProgressBarInfinite()
	progress := dialog.NewCustomWithoutButtons(lang.L("export.writing.title"),
		container.NewVBox(&widget.Label{Text: filepath.Base(path)}, bar), h.Window())
	progress.Show()
	h.Async(func() {
		err := e.Write(context.Background(), out)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			slog.Error("export", "file", path, "err", err)
			_ = os.Remove(path)
		}
		fyne.Do(func() {
			bar.Stop()
			progress.Hide()
			exportDone(h, path, err)
		})
	})
}

// exportDone says how an export went: where the file is, with a button
// that opens it, or why it failed.
func exportDone(h Host, path string, err error) {
	if err != nil {
		d := dialog.NewInformation(lang.L("export.failed.title"),
			lang.L("export.failed", map[string]any{"File": filepath.Base(path), "Detail": err.Error()}), h.Window())
		h.Track(d)
		d.Show()
		return
	}
	d := dialog.NewConfirm(lang.L("export.done.title"), lang.L("export.done", map[string]any{"Path": path}),
		func(open bool) {
			if open {
				h.OpenFile(path)
			}
		}, h.Window())
	d.SetConfirmText(lang.L("export.open"))
	d.SetDismissText(lang.L("button.close"))
	h.Track(d)
	d.Show()
}

// ReportExport is a table export of the book (exports.Write) on today, as
// the screens offer it, under its dated name ("factures-2026-12-07.xlsx").
func ReportExport(h Host, report exports.Report, format exports.Format) Export {
	today := h.Today()
	return Export{Name: exports.FileName(Say, report, today, format.Ext()),
		Write: func(ctx context.Context, w io.Writer) error {
			return exports.Write(ctx, h.Store(), report, w, format, Say, today)
		}}
}

// CalendarExport is the calendar as an iCalendar file, over
// exports.DefaultCalendarSpan: what the owner's usual calendar imports.
func CalendarExport(h Host) Export {
	today := h.Today()
	return Export{Name: exports.CalendarFileName(Say, today),
		Write: func(ctx context.Context, w io.Writer) error {
			company, err := h.Store().GetCompany(ctx)
			if err != nil {
				return err
			}
			first, last := exports.DefaultCalendarSpan(today)
			return exports.Calendar(ctx, h.Dunning(), w, Say, first, last, h.Store().Now(), company.SIREN)
		}}
}

// ExportItem is a menu line that saves an export.
func ExportItem(h Host, label string, e func() Export) *fyne.MenuItem {
	return fyne.NewMenuItem(label, func() { SaveExport(h, e()) })
}

// PopUnder shows a menu just under the button that opened it.
func PopUnder(b fyne.CanvasObject, win fyne.Window, items ...*fyne.MenuItem) {
	widget.ShowPopUpMenuAtRelativePosition(fyne.NewMenu("", items...), win.Canvas(), fyne.NewPos(0, b.Size().Height), b)
}

// ExportButton is a screen's "Export…": a button that opens the menu of
// items just under it.
func ExportButton(h Host, items func() []*fyne.MenuItem) *widget.Button {
	b := &widget.Button{Text: lang.L("export.button"), Icon: theme.DocumentSaveIcon()}
	b.OnTapped = func() { PopUnder(b, h.Window(), items()...) }
	return b
}

// ReportItem is a menu line, lang.L(key), that saves a table export of
// the book (ReportExport).
func ReportItem(h Host, key string, report exports.Report, format exports.Format) *fyne.MenuItem {
	return ExportItem(h, lang.L(key), func() Export { return ReportExport(h, report, format) })
}
