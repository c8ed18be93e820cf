package bankui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/banking"
	"relance/app/ui/kit"
)

// row is one bank line in the list: what came in, from whom, with which
// label; under it what the app proposes and why; the owner's buttons.
type row struct {
	widget.BaseWidget
	date, amount, payer, label *widget.Label
	proposal                   *canvas.Text
	because                    *widget.Label
	confirm, choose, ignore    *widget.Button
	content                    fyne.CanvasObject
}

func (s *Screen) newRow() fyne.CanvasObject {
	r := &row{
		date:     widget.NewLabel(""),
		amount:   &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Alignment: fyne.TextAlignTrailing},
		payer:    &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis},
		label:    &widget.Label{Truncation: fyne.TextTruncateEllipsis},
		proposal: canvas.NewText("", theme.Color(theme.ColorNameForeground)),
		because:  &widget.Label{Truncation: fyne.TextTruncateEllipsis, Importance: widget.LowImportance},
		confirm:  &widget.Button{Text: lang.L("bank.confirm"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance},
		choose:   &widget.Button{Text: lang.L("bank.choose"), Icon: theme.SearchIcon()},
		ignore:   &widget.Button{Text: lang.L("bank.ignore"), Icon: theme.ContentClearIcon(), Importance: widget.LowImportance},
	}
	r.proposal.TextStyle = fyne.TextStyle{Bold: true}
	head := container.NewBorder(nil, nil, container.NewHBox(r.date, r.amount), nil,
		container.NewBorder(nil, nil, r.payer, nil, r.label))
	proposal := container.NewBorder(nil, nil, container.NewPadded(r.proposal), nil, r.because)
	buttons := container.NewHBox(r.confirm, r.choose, r.ignore)
	r.content = container.NewBorder(nil, nil, nil, container.NewCenter(buttons), container.NewVBox(head, proposal))
	r.ExtendBaseWidget(r)
	return r
}

func (r *row) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.content) }

func (s *Screen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(s.items) {
		return
	}
	r := o.(*row)
	it := s.items[id]
	l := it.Line
	r.date.SetText(kit.Date(l.Booked))
	r.amount.SetText(kit.Money(l.Amount))
	r.payer.SetText(l.Name)
	r.label.SetText(l.Label)
	headline, because, color := proposalTexts(it)
	r.proposal.Text, r.proposal.Color = headline, theme.Color(color)
	r.proposal.Refresh()
	r.because.SetText(because)
	_, ok := it.Proposal.Best()
	kit.SetVisible(r.confirm, ok)
	kit.SetVisible(r.choose, !l.Return)
	r.confirm.OnTapped = func() { s.onConfirm(it) }
	r.choose.OnTapped = func() { s.onChoose(it) }
	r.ignore.OnTapped = func() { s.onIgnore(it) }
}

// proposalTexts are the line's proposal in two parts, the invoices with
// the score then the evidence, and the colour that says how sure it is.
func proposalTexts(it banking.Item) (headline, because string, color fyne.ThemeColorName) {
	p := it.Proposal
	switch {
	case it.Line.Return:
		return lang.L("bank.return_unplaced"), kit.Say.ReturnDone(banking.Return{Line: it.Line}), theme.ColorNameError
	case len(p.Candidates) == 0:
		return lang.L("bank.none"), "", theme.ColorNameDisabled
	case p.Ambiguous:
		return lang.L("bank.ambiguous"), kit.Say.Proposal(p), theme.ColorNameWarning
	}
	best := p.Candidates[0]
	color = theme.ColorNameSuccess
	if best.Score < defaultThreshold {
		color = theme.ColorNameWarning
	}
	return lang.L("bank.pays", map[string]any{"Invoices": kit.Say.Allocations(best), "Score": scoreText(best.Score)}),
		kit.Say.Because(best), color
}
