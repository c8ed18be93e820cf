package importer

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"relance/app/importing"
	"relance/app/ui/kit"
	"relance/data/imports"
)

// check runs the import as a trial, which writes nothing, and shows its
// summary.
func (w *Wizard) check() {
	w.busy("import.step.check", "import.checking")
	w.host.Async(func() {
		rep, err := w.host.Importer().Run(context.Background(), w.batch, importing.Options{DryRun: true})
		fyne.Do(func() {
			if err != nil {
				w.fail(err)
				return
			}
			w.report = rep
			w.showCheck()
		})
	})
}

// showCheck is the summary before the import: what comes in, per client,
// tomorrow's Today, and every line in error, which the owner may leave out.
func (w *Wizard) showCheck() {
	rep := w.report
	leaveOut := widget.NewCheck(lang.N("import.leave_out", len(rep.Problems), map[string]any{"Count": len(rep.Problems)}), nil)
	summary := container.NewVBox(
		&widget.Label{Text: kit.Say.ImportCounts(rep), Wrapping: fyne.TextWrapWord},
		&widget.Label{Text: kit.Say.ImportOwed(rep), Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}},
		&widget.Label{Text: kit.Say.ImportTomorrow(rep), Wrapping: fyne.TextWrapWord})
	if rep.BalanceKnown {
		summary.Add(&widget.Label{Text: lang.L("import.balance", map[string]any{"Balance": kit.Money(rep.Balance)})})
	}
	parts := []fyne.CanvasObject{clientsTable(rep.Clients)}
	if len(rep.Problems) > 0 {
		summary.Add(leaveOut)
		parts = append(parts, problemsList(rep.Problems))
	}
	back := w.showSource
	if w.kind == imports.KindCSV || w.kind == imports.KindXLSX {
		back = w.showColumns
	}
	body := container.NewBorder(summary, nil, nil, nil, container.NewGridWithRows(len(parts), parts...))
	w.page("import.step.check", body, back, func() { w.run(leaveOut.Checked) }, "import.do")
	if len(rep.Problems) > 0 {
		w.next.Disable()
		leaveOut.OnChanged = func(on bool) { kit.SetEnabled(w.next, on) }
	}
	if rep.Added+rep.Updated == 0 && len(rep.Problems) == 0 {
		w.next.Disable() // nothing to bring in
	}
}

// clientsTable lists the clients of the import: invoices, what they owe,
// and for a FEC how it stands against the file's balance.
func clientsTable(clients []importing.ClientTotal) fyne.CanvasObject {
	list := widget.NewList(func() int { return len(clients) },
		func() fyne.CanvasObject {
			// Fixed widths, so that the figures line up from row to row.
			cell := func(width float32, l *widget.Label) fyne.CanvasObject {
				return container.New(layout.NewGridWrapLayout(fyne.NewSize(width, l.MinSize().Height)), l)
			}
			right := container.NewHBox(cell(100, &widget.Label{Alignment: fyne.TextAlignTrailing}),
				cell(130, &widget.Label{Alignment: fyne.TextAlignTrailing}),
				cell(300, &widget.Label{Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis}))
			return container.NewBorder(nil, nil, nil, right, &widget.Label{Truncation: fyne.TextTruncateEllipsis})
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			c := clients[id]
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Label).SetText(c.Name)
			right := row.Objects[1].(*fyne.Container).Objects
			label := func(i int) *widget.Label { return right[i].(*fyne.Container).Objects[0].(*widget.Label) }
			label(0).SetText(lang.N("import.client_invoices", c.Invoices, map[string]any{"Count": c.Invoices}))
			label(1).SetText(kit.Money(c.Owed))
			label(2).SetText(kit.Say.ImportBalance(c))
		})
	title := &widget.Label{Text: lang.N("import.clients", len(clients), map[string]any{"Count": len(clients)}), TextStyle: fyne.TextStyle{Bold: true}}
	return container.NewBorder(title, nil, nil, nil, list)
}

// problemsList lists every line in error, each in one sentence.
func problemsList(problems []imports.Problem) fyne.CanvasObject {
	list := widget.NewList(func() int { return len(problems) },
		func() fyne.CanvasObject {
			return &widget.Label{Importance: widget.DangerImportance, Truncation: fyne.TextTruncateEllipsis}
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(kit.Say.Problem(problems[id]))
		})
	title := &widget.Label{Text: lang.N("import.problems", len(problems), map[string]any{"Count": len(problems)}),
		TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.DangerImportance}
	return container.NewBorder(title, nil, nil, nil, list)
}

// run imports for good, with a bar that follows the invoices written and
// a Cancel that stops it and writes nothing.
func (w *Wizard) run(leaveOut bool) {
	bar := widget.NewProgressBar()
	status := widget.NewLabel(lang.L("import.importing"))
	w.page("import.step.import", container.NewCenter(container.NewVBox(status, bar)), nil, nil, "import.next")
	w.close.SetText(lang.L("button.cancel"))
	ctx, cancel := context.WithCancel(context.Background())
	w.cancel = cancel
	opts := importing.Options{SkipProblems: leaveOut, Progress: func(done, total int) {
		fyne.Do(func() { bar.SetValue(float64(done) / float64(max(total, 1))) })
	}}
	w.host.Async(func() {
		rep, err := w.host.Importer().Run(ctx, w.batch, opts)
		fyne.Do(func() {
			cancel()
			w.cancel = nil
			w.close.SetText(lang.L("button.close"))
			switch {
			case errors.Is(err, context.Canceled):
				w.showCancelled()
			case err != nil:
				w.fail(err)
			default:
				w.report = rep
				w.host.Changed()
				w.showDone()
			}
		})
	})
}

// showCancelled says the import stopped and nothing was written.
func (w *Wizard) showCancelled() {
	w.page("import.step.cancelled", container.NewCenter(widget.NewLabel(lang.L("import.cancelled"))),
		w.showSource, nil, "import.next")
}

// showDone says what the import did, with its Undo.
func (w *Wizard) showDone() {
	rep := w.report
	undo := &widget.Button{Text: lang.L("import.undo"), OnTapped: func() {
		w.busy("import.step.undo", "import.undoing")
		w.host.Async(func() {
			err := w.host.Importer().Undo(context.Background(), rep.ImportID)
			fyne.Do(func() {
				if err != nil {
					w.fail(err)
					return
				}
				w.host.Changed()
				w.showSource()
			})
		})
	}}
	body := container.NewVBox(
		&widget.Label{Text: lang.L("import.done"), TextStyle: fyne.TextStyle{Bold: true}},
		&widget.Label{Text: kit.Say.ImportCounts(rep), Wrapping: fyne.TextWrapWord},
		&widget.Label{Text: kit.Say.ImportOwed(rep), Wrapping: fyne.TextWrapWord},
		&widget.Label{Text: kit.Say.ImportTomorrow(rep), Wrapping: fyne.TextWrapWord},
		container.NewHBox(undo))
	w.page("import.step.done", body, nil, nil, "import.next")
}
