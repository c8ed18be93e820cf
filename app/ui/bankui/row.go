package bankui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/banking"
	"relance/app/matching"
	"relance/app/ui/kit"
)

// row is one bank line in the list: what came in, from whom, with which
// label; under it what the app proposes and why; the owner's buttons.
type row struct {
	widget.BaseWidget
	date, amount, payer, label *widget.Label
	proposal, because          *widget.Label
	confirm, choose, ignore    *widget.Button
	content                    fyne.CanvasObject
}

// Column widths of a row, so that the lines align.
const (
	dateWidth   = 96
	amountWidth = 116
	payerWidth  = 250
)

func (s *Screen) newRow() fyne.CanvasObject {
	r := &row{
		date:     widget.NewLabel(""),
		amount:   &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Alignment: fyne.TextAlignTrailing},
		payer:    &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis},
		label:    &widget.Label{Truncation: fyne.TextTruncateEllipsis},
		proposal: &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis},
		because:  &widget.Label{Truncation: fyne.TextTruncateEllipsis},
		confirm:  &widget.Button{Text: lang.L("bank.confirm"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance},
		choose:   &widget.Button{Text: lang.L("bank.choose"), Icon: theme.SearchIcon()},
		ignore:   &widget.Button{Text: lang.L("bank.ignore"), Icon: theme.ContentClearIcon(), Importance: widget.LowImportance},
	}
	head := container.NewBorder(nil, nil,
		container.NewHBox(kit.FixedWidth(r.date, dateWidth), kit.FixedWidth(r.amount, amountWidth), kit.FixedWidth(r.payer, payerWidth)), nil, r.label)
	buttons := container.NewHBox(r.confirm, r.choose, r.ignore)
	r.content = container.NewBorder(nil, nil, nil, container.NewCenter(buttons), container.NewVBox(head, r.proposal, r.because))
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
	headline, because, importance := s.proposalTexts(it)
	r.proposal.Importance = importance
	r.proposal.SetText(headline)
	r.because.SetText(because)
	_, ok := it.Proposal.Best()
	kit.SetVisible(r.confirm, ok)
	r.confirm.OnTapped = func() { s.onConfirm(it) }
	r.choose.OnTapped = func() { s.onChoose(it) }
	if l.Return {
		r.choose.OnTapped = func() { s.onChooseReturned(it) }
	}
	r.ignore.OnTapped = func() { s.onIgnore(it) }
}

// proposalTexts are the line's proposal in two parts, the invoices with
// the score then the evidence, and the importance that says how sure it
// is: green at the bulk confirmation's default score, orange below, red
// for a return still to place.
func (s *Screen) proposalTexts(it banking.Item) (headline, because string, importance widget.Importance) {
	p := it.Proposal
	switch {
	case it.Line.Return:
		return lang.L("bank.return_unplaced"), kit.Say.ReturnDone(banking.Return{Line: it.Line}), widget.DangerImportance
	case len(p.Candidates) == 0:
		return lang.L("bank.none"), lang.L("bank.none_hint"), widget.LowImportance
	case p.Ambiguous:
		return lang.L("bank.ambiguous"), s.choices(p), widget.WarningImportance
	}
	best := p.Candidates[0]
	importance = widget.SuccessImportance
	if best.Score < defaultThreshold {
		importance = widget.WarningImportance
	}
	numbers := make([]string, 0, len(best.Allocations))
	for _, a := range best.Allocations {
		numbers = append(numbers, a.Number)
	}
	because = kit.Say.Because(best)
	if len(best.Allocations) > 1 {
		because = kit.Say.Allocations(best) + lang.L("punct.colon") + because
	}
	return lang.L("bank.pays", map[string]any{"Invoices": strings.Join(numbers, " + "), "Score": scoreText(best.Score)}),
		because, importance
}

// choices names the invoices an ambiguous credit may pay, each with its
// client, and why: "FA-2026-0080 (Coiffure Atelier Sept) or FA-2026-0114
// (Le Comptoir des Pentes): amount equals its balance".
func (s *Screen) choices(p matching.Proposal) string {
	names := make([]string, 0, len(p.Candidates))
	for _, c := range p.Candidates {
		name := kit.Say.Allocations(c)
		if len(c.Allocations) > 0 {
			if inv, ok := s.openInvoice(c.Allocations[0].InvoiceID); ok {
				name += " (" + inv.ClientName + ")"
			}
		}
		names = append(names, name)
	}
	return strings.Join(names, lang.L("bank.or")) + lang.L("punct.colon") + kit.Say.Because(p.Candidates[0])
}
