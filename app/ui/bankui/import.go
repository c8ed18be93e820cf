package bankui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/banking"
	"relance/app/ui/kit"
	"relance/data"
)

// statementExtensions are the files the import button offers.
var statementExtensions = []string{".xml", ".053", ".054", ".ofx", ".qfx", ".qif", ".cfo", ".cfonb", ".txt", ".dat", ".csv", ".xlsx"}

// OnImport asks for a statement file and imports it (Ctrl+B).
func (s *Screen) OnImport() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		s.ImportFiles([]string{path})
	}, s.host.Window())
	d.SetFilter(storage.NewExtensionFileFilter(statementExtensions))
	d.Resize(fyne.NewSize(860, 560))
	s.host.Track(d)
	d.Show()
}

// ImportFiles imports statements (chosen, or dropped on the window) and
// says what each brought: new lines, lines already known, returns.
func (s *Screen) ImportFiles(paths []string) {
	wait := dialog.NewCustomWithoutButtons(lang.L("bank.importing"), widget.NewProgressBarInfinite(), s.host.Window())
	wait.Show()
	s.host.Async(func() {
		reports, err := s.importAll(context.Background(), paths)
		fyne.Do(func() {
			wait.Hide()
			if err != nil {
				s.host.ShowError(err)
			}
			if len(reports) > 0 {
				s.showReports(reports)
			}
			s.host.Changed()
		})
	})
}

func (s *Screen) importAll(ctx context.Context, paths []string) ([]banking.Report, error) {
	var reports []banking.Report
	for _, path := range paths {
		st, err := banking.ReadFile(path)
		if err != nil {
			return reports, err
		}
		rep, err := s.host.Banking().Import(ctx, st, banking.Options{SkipProblems: true})
		if err != nil {
			return reports, err
		}
		reports = append(reports, rep)
	}
	return reports, nil
}

// showReports says what the statements brought.
func (s *Screen) showReports(reports []banking.Report) {
	var lines []string
	for _, r := range reports {
		if r.New == 0 && r.Lines > 0 && len(r.Problems) == 0 {
			lines = append(lines, lang.N("bank.nothing_new", r.Lines, map[string]any{"File": r.File, "Count": r.Lines}))
		} else {
			lines = append(lines, kit.Say.StatementCounts(r))
		}
		for _, ret := range r.Returns {
			lines = append(lines, "• "+kit.Say.ReturnDone(ret))
		}
		for _, p := range r.Problems {
			lines = append(lines, "• "+kit.Say.Problem(p))
		}
	}
	text := &widget.Label{Text: strings.Join(lines, "\n"), Wrapping: fyne.TextWrapWord}
	d := dialog.NewCustom(lang.L("bank.imported"), lang.L("button.close"),
		container.NewGridWrap(fyne.NewSize(560, 220), container.NewVScroll(text)), s.host.Window())
	s.host.Track(d)
	d.Show()
}

// onHistory lists the statements imported, each with its undo while
// nothing happened since on the invoices it paid.
func (s *Screen) onHistory() {
	s.host.Async(func() {
		ctx := context.Background()
		rows, err := s.historyRows(ctx)
		fyne.Do(func() {
			if err != nil {
				s.host.ShowError(err)
				return
			}
			s.showHistory(rows)
		})
	})
}

// historyRow is a statement import as the history shows it.
type historyRow struct {
	im       data.Import
	undoable bool
}

func (s *Screen) historyRows(ctx context.Context) ([]historyRow, error) {
	list, err := s.host.Store().ListImports(ctx)
	if err != nil {
		return nil, err
	}
	var rows []historyRow
	for _, im := range list {
		if im.Kind != data.ImportKindBank {
			continue
		}
		ok, err := s.host.Store().ImportUndoable(ctx, im.ID)
		if err != nil {
			return nil, err
		}
		rows = append(rows, historyRow{im: im, undoable: ok})
	}
	return rows, nil
}

func (s *Screen) showHistory(rows []historyRow) {
	box := container.NewVBox()
	if len(rows) == 0 {
		box.Add(widget.NewLabel(lang.L("bank.history_none")))
	}
	var d dialog.Dialog
	for _, r := range rows {
		text := lang.L("bank.history_row", map[string]any{"When": kit.MailWhen(r.im.At), "Files": strings.Join(r.im.Files, ", "),
			"New": r.im.Added, "Known": r.im.Unchanged})
		var right fyne.CanvasObject
		switch {
		case r.im.Undone():
			right = &widget.Label{Text: lang.L("import.history_undone", map[string]any{"When": kit.MailWhen(r.im.UndoneAt)}), Importance: widget.LowImportance}
		case r.undoable:
			id, files := r.im.ID, strings.Join(r.im.Files, ", ")
			right = &widget.Button{Text: lang.L("bank.undo"), Icon: theme.ContentUndoIcon(), OnTapped: func() {
				d.Hide()
				kit.Confirm(s.host, "bank.undo_title", "bank.undo_confirm", map[string]any{"Files": files},
					func(ctx context.Context) error { return s.host.Banking().Undo(ctx, id) })
			}}
		default:
			right = &widget.Label{Text: lang.L("import.history_used"), Importance: widget.LowImportance}
		}
		box.Add(container.NewBorder(nil, nil, nil, right, &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}))
	}
	d = dialog.NewCustom(lang.L("bank.history"), lang.L("button.close"),
		container.NewGridWrap(fyne.NewSize(640, 320), container.NewVScroll(box)), s.host.Window())
	s.host.Track(d)
	d.Show()
}
