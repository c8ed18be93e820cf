package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/banking"
	"relance/app/importing"
	"relance/app/ui/kit"
	"relance/data"
	"relance/data/imports"
	"relance/data/imports/sheet"
)

// showSource is the first page: what can be imported, the button that
// chooses a file, and the imports made before, each with its Undo.
func (w *Wizard) showSource() {
	choose := &widget.Button{Text: lang.L("import.choose"), Icon: theme.FolderOpenIcon(), Importance: widget.HighImportance,
		OnTapped: w.onChoose}
	model := &widget.Button{Text: lang.L("import.model"), Icon: theme.DocumentSaveIcon(), OnTapped: w.onSaveModel}
	intro := &widget.Label{Text: lang.L("import.intro"), Wrapping: fyne.TextWrapWord}
	kinds := widget.NewRichTextFromMarkdown(lang.L("import.kinds"))
	kinds.Wrapping = fyne.TextWrapWord
	history := container.NewVBox()
	top := container.NewVBox(intro, kinds, container.NewHBox(choose, model), widget.NewSeparator(),
		&widget.Label{Text: lang.L("import.history"), TextStyle: fyne.TextStyle{Bold: true}})
	w.page("import.step.source", container.NewBorder(top, nil, nil, nil, container.NewVScroll(history)), nil, nil, "import.next")
	w.loadHistory(history)
}

// onChoose opens the file dialog on the kinds of file Relance reads.
func (w *Wizard) onChoose() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		w.load([]string{path})
	}, w.host.Window())
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".txt", ".tsv", ".xlsx", ".pdf", ".xml"}))
	d.Resize(fyne.NewSize(860, 560))
	w.host.Track(d)
	d.Show()
}

// onSaveModel saves Relance's blank spreadsheet model (a CSV with its
// header, UTF-8 with a BOM so that Excel reads the accents) for an owner
// who keeps invoices by hand; the "Modèle Relance" preset reads it back.
func (w *Wizard) onSaveModel() {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		_, err = wc.Write([]byte(modelCSV()))
		if cerr := wc.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			w.host.ShowError(err)
		}
	}, w.host.Window())
	d.SetFileName(lang.L("import.model_file"))
	d.Resize(fyne.NewSize(860, 560))
	w.host.Track(d)
	d.Show()
}

// modelCSV is the blank model: its header, separated by semicolons as a
// French Excel expects.
func modelCSV() string {
	return "\uFEFF" + strings.Join(sheet.TemplateHeader(), ";") + "\r\n"
}

// load reads the files chosen: a table goes to its columns, a FEC or
// invoices to the check.
func (w *Wizard) load(paths []string) {
	if banking.AllStatements(paths) { // a statement chosen here goes where statements are dealt with
		w.dlg.Hide()
		w.host.ImportStatements(paths)
		return
	}
	w.paths = paths
	w.busy("import.step.reading", "import.reading")
	w.host.Async(func() {
		err := w.read(context.Background())
		fyne.Do(func() {
			switch {
			case err != nil:
				w.fail(err)
			case w.kind == imports.KindCSV || w.kind == imports.KindXLSX:
				w.showColumns()
			default:
				w.check()
			}
		})
	})
}

// read finds the files' kind and reads them (off the UI goroutine).
func (w *Wizard) read(ctx context.Context) error {
	head, err := importing.ReadHead(w.paths[0])
	if err != nil {
		return err
	}
	svc := w.host.Importer()
	w.kind = importing.KindOf(w.paths[0], head)
	if w.kind != imports.KindCSV && w.kind != imports.KindXLSX {
		w.batch, err = svc.ReadFiles(ctx, w.paths, w.kind, "")
		return err
	}
	if len(w.paths) != 1 {
		return importing.ErrOneFile
	}
	b, err := os.ReadFile(w.paths[0])
	if err != nil {
		return err
	}
	w.table, _ = sheet.Open(filepath.Base(w.paths[0]), b)
	w.mapping, err = svc.Mapping(ctx, w.table, "")
	return err
}

// loadHistory lists the imports made before, newest first.
func (w *Wizard) loadHistory(box *fyne.Container) {
	w.host.Async(func() {
		ctx := context.Background()
		list, err := bookImports(w.host.Store().ListImports(ctx))
		undoable := map[int64]bool{}
		for _, im := range list {
			if err == nil && !im.Undone() {
				undoable[im.ID], err = w.host.Store().ImportUndoable(ctx, im.ID)
			}
		}
		fyne.Do(func() {
			if err != nil {
				w.host.ShowError(err)
				return
			}
			box.Objects = nil
			if len(list) == 0 {
				box.Add(&widget.Label{Text: lang.L("import.history_none"), Importance: widget.LowImportance})
			}
			for _, im := range list {
				box.Add(w.historyRow(im, undoable[im.ID], box))
			}
			box.Refresh()
		})
	})
}

// bookImports leaves out the bank statements: the Bank screen lists them,
// with the words of bank lines rather than of invoices.
func bookImports(list []data.Import, err error) ([]data.Import, error) {
	out := list[:0]
	for _, im := range list {
		if im.Kind != data.ImportKindBank {
			out = append(out, im)
		}
	}
	return out, err
}

// historyRow is one import made before: when, which files, what it did,
// and its Undo while nothing was done on its invoices.
func (w *Wizard) historyRow(im data.Import, undoable bool, box *fyne.Container) fyne.CanvasObject {
	text := lang.L("import.history_row", map[string]any{"When": kit.MailWhen(im.At), "Files": strings.Join(im.Files, ", "),
		"Added": im.Added, "Updated": im.Updated})
	label := &widget.Label{Text: text, Truncation: fyne.TextTruncateEllipsis}
	var right fyne.CanvasObject
	switch {
	case im.Undone():
		right = &widget.Label{Text: lang.L("import.history_undone", map[string]any{"When": kit.MailWhen(im.UndoneAt)}),
			Importance: widget.LowImportance}
	case undoable:
		right = &widget.Button{Text: lang.L("import.undo"), Icon: theme.ContentUndoIcon(), OnTapped: func() { w.confirmUndo(im, box) }}
	default:
		right = &widget.Label{Text: lang.L("import.history_used"), Importance: widget.LowImportance}
	}
	return container.NewBorder(nil, nil, nil, right, label)
}

// confirmUndo asks, then undoes an import as a whole.
func (w *Wizard) confirmUndo(im data.Import, box *fyne.Container) {
	kit.Confirm(w.host, "import.undo_title", "import.undo_confirm", map[string]any{"Files": strings.Join(im.Files, ", "),
		"Added": im.Added, "Updated": im.Updated}, func(ctx context.Context) error {
		if err := w.host.Importer().Undo(ctx, im.ID); err != nil {
			return err
		}
		w.loadHistory(box)
		return nil
	})
}
