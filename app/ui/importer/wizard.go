// Package importer is the import wizard: the owner brings the book of
// another tool in — a CSV or XLSX export (its columns mapped, guessed from
// the headers or taken from a preset), a FEC, or Factur-X invoices chosen
// or dropped on the window — sees every line in error and a summary of
// what will come in and what tomorrow's Today will hold, imports it with
// a progress bar and a Cancel that writes nothing, and can undo an import
// afterwards. The work is app/importing's; this package shows it.
package importer

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/importing"
	"relance/app/ui/kit"
	"relance/data/imports"
	"relance/data/imports/sheet"
)

// Host is the window as the wizard sees it.
type Host interface {
	kit.Host
	// Importer is the import pipeline.
	Importer() *importing.Service
	// ImportStatements imports bank statements on the Bank screen: a
	// statement chosen in the wizard is not a book.
	ImportStatements(paths []string)
}

// wizardSize fits a 1024×700 screen with the window's frame around it.
var wizardSize = fyne.NewSize(940, 600)

// Wizard is one import, from the choice of the files to the result.
type Wizard struct {
	host  Host
	dlg   dialog.Dialog
	title *widget.Label
	body  *fyne.Container // the page on show
	back  *widget.Button
	next  *widget.Button
	close *widget.Button

	// What is being imported.
	paths   []string
	kind    imports.Kind
	table   sheet.Table   // a CSV or XLSX, as found
	mapping sheet.Mapping // its columns, as the owner left them
	batch   imports.Batch // read, ready for the pipeline
	report  importing.Report

	onBack, onNext func()
	cancel         context.CancelFunc // stops the import under way
}

// Open shows the wizard on its first page: the files to choose, and the
// imports made before.
func Open(h Host) *Wizard {
	w := newWizard(h)
	w.showSource()
	w.dlg.Show()
	return w
}

// OpenFiles shows the wizard on files chosen already (dropped on the
// window): straight to their columns, or to the check.
func OpenFiles(h Host, paths []string) *Wizard {
	w := newWizard(h)
	w.showSource()
	w.dlg.Show()
	w.load(paths)
	return w
}

func newWizard(h Host) *Wizard {
	w := &Wizard{host: h, title: &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText},
		body: container.NewStack()}
	w.back = &widget.Button{Text: lang.L("import.back"), Icon: theme.NavigateBackIcon(), OnTapped: func() { w.onBack() }}
	w.next = &widget.Button{Text: lang.L("import.next"), Icon: theme.NavigateNextIcon(), Importance: widget.HighImportance,
		IconPlacement: widget.ButtonIconTrailingText, OnTapped: func() { w.onNext() }}
	w.close = &widget.Button{Text: lang.L("button.close"), OnTapped: w.onClose}
	bar := container.NewBorder(nil, nil, w.back, container.NewHBox(w.close, w.next))
	content := container.NewBorder(w.title, container.NewVBox(widget.NewSeparator(), bar), nil, nil, w.body)
	w.dlg = dialog.NewCustomWithoutButtons(lang.L("import.title"), content, h.Window())
	w.dlg.Resize(wizardSize)
	h.Track(w.dlg)
	return w
}

// page puts a page on show with its title and what Back and Next do (nil:
// the button is hidden).
func (w *Wizard) page(titleKey string, content fyne.CanvasObject, back, next func(), nextKey string) {
	w.title.SetText(lang.L(titleKey))
	w.body.Objects = []fyne.CanvasObject{content}
	w.body.Refresh()
	w.onBack, w.onNext = back, next
	kit.SetVisible(w.back, back != nil)
	kit.SetVisible(w.next, next != nil)
	w.next.SetText(lang.L(nextKey))
	w.next.Enable()
	w.back.Enable()
	w.close.Enable()
}

// onClose closes the wizard; an import under way is cancelled first, and
// then writes nothing.
func (w *Wizard) onClose() {
	if w.cancel != nil {
		w.cancel()
		return // the import's end closes nothing: the owner sees it was cancelled
	}
	w.dlg.Hide()
}

// busy shows a page saying what runs, with an indefinite bar.
func (w *Wizard) busy(titleKey, whatKey string) {
	bar := widget.NewProgressBarInfinite()
	w.page(titleKey, container.NewCenter(container.NewVBox(widget.NewLabel(lang.L(whatKey)), bar)), nil, nil, "import.next")
	w.back.Disable()
}

// fail shows an error that stops the wizard where it is, with a way back
// to the choice of files.
func (w *Wizard) fail(err error) {
	w.host.ShowError(err)
	w.showSource()
}
