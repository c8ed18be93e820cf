package templates

import (
	"context"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/drafting"
	"relance/app/ui/kit"
	"relance/data"
	"relance/documents"
)

// previewInvoiceLimit bounds the invoices offered for the preview: the
// most overdue come first, and a list longer than this helps nobody.
const previewInvoiceLimit = 300

// templatePreview shows the template in the editor filled for one of the
// book's invoices (the most overdue by default), as it changes: the
// subject, the paragraphs, and the tables in a fixed-width font as in the
// plain-text email.
type templatePreview struct {
	s        *Screen
	content  fyne.CanvasObject
	pick     *widget.Select
	note     *widget.Label
	text     *widget.RichText
	invoices []data.InvoiceSummary
	chosen   int64                         // the invoice previewed
	docs     map[string]*documents.Context // its context, per template language
}

func newTemplatePreview(s *Screen) *templatePreview {
	p := &templatePreview{s: s, docs: map[string]*documents.Context{}}
	p.pick = widget.NewSelect(nil, nil)
	p.pick.PlaceHolder = lang.L("templates.preview.pick")
	p.pick.OnChanged = func(string) { p.onPick() }
	p.note = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	p.note.Hide()
	p.text = widget.NewRichText()
	p.text.Wrapping = fyne.TextWrapWord
	title := &widget.Label{Text: lang.L("templates.preview"), TextStyle: fyne.TextStyle{Bold: true}}
	top := container.NewVBox(container.NewBorder(nil, nil, title, nil,
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("templates.preview.on")), nil, p.pick)), p.note)
	p.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(p.text))
	return p
}

// previewInvoices are the open invoices with something left to pay, most
// overdue first.
func previewInvoices(ctx context.Context, store *data.Store) ([]data.InvoiceSummary, error) {
	return store.ListOpenInvoiceSummaries(ctx, previewInvoiceLimit)
}

// setInvoices offers the invoices, keeping the one chosen when it is still
// open, and reloads its context (payments may have changed it).
func (p *templatePreview) setInvoices(list []data.InvoiceSummary) {
	p.invoices = list
	options := make([]string, len(list))
	index := -1
	for i, inv := range list {
		options[i] = inv.Number + " · " + inv.ClientName + " · " + kit.Money(inv.Amount-inv.Paid)
		if inv.ID == p.chosen {
			index = i
		}
	}
	p.pick.Options = options
	if len(list) == 0 {
		p.chosen = 0
		p.pick.ClearSelected()
		p.pick.Disable()
		p.render()
		return
	}
	p.pick.Enable()
	if index < 0 {
		index = 0
	}
	p.chosen = 0 // reload even if the same invoice is picked again
	p.pick.SetSelectedIndex(index)
	p.onPick() // in case the selection did not change, so no OnChanged
}

// onPick loads the context of the invoice picked.
func (p *templatePreview) onPick() {
	i := p.pick.SelectedIndex()
	if i < 0 || i >= len(p.invoices) || p.invoices[i].ID == p.chosen {
		return
	}
	p.chosen = p.invoices[i].ID
	p.docs = map[string]*documents.Context{}
	p.load()
}

// load reads the chosen invoice's context in the language of the
// template open, off the UI goroutine, then renders.
func (p *templatePreview) load() {
	id, code, host := p.chosen, p.s.editor.ref.lang, p.s.host
	if id == 0 || !p.s.editor.open {
		p.render()
		return
	}
	host.Async(func() {
		c, err := drafting.DocumentContextIn(context.Background(), host.Store(), host.Dunning(), id, host.Today(), code)
		fyne.Do(func() {
			if err != nil {
				slog.Error("preview context", "err", err)
				host.ShowError(err)
				return
			}
			if id == p.chosen {
				p.docs[code] = c
				p.render()
			}
		})
	})
}

// render fills the template in the editor for the chosen invoice.
func (p *templatePreview) render() {
	e := p.s.editor
	switch {
	case !e.open:
		p.show(lang.L("templates.preview.none"), nil)
		return
	case len(p.invoices) == 0:
		p.show(lang.L("templates.preview.no_invoice"), nil)
		return
	}
	c, ok := p.docs[e.ref.lang]
	if !ok {
		p.load()
		return
	}
	r, err := documents.Render(e.subject.Text, e.body.Text, c)
	if err != nil {
		p.show(lang.L("templates.preview.broken"), p.text.Segments) // keep the last good rendering
		p.note.Importance = widget.WarningImportance
		p.note.Refresh()
		return
	}
	p.show("", previewSegments(r, subjectLabelKey(e.ref)))
}

// show sets the note (hidden when "") and the preview's content.
func (p *templatePreview) show(note string, segments []widget.RichTextSegment) {
	p.note.Importance = widget.LowImportance
	p.note.SetText(note)
	p.note.Hidden = note == ""
	p.note.Refresh()
	p.text.Segments = segments
	p.text.Refresh()
}

// previewSegments lays a rendered message out: its subject, the
// paragraphs, the tables in a fixed-width font.
func previewSegments(r documents.Rendered, subjectKey string) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	if r.Subject != "" {
		segs = append(segs, &widget.TextSegment{Style: widget.RichTextStyleStrong,
			Text: lang.L(subjectKey) + lang.L("punct.colon") + r.Subject},
			&widget.TextSegment{Style: widget.RichTextStyleParagraph})
	}
	for i, para := range r.Paragraphs {
		if i > 0 { // a blank line between paragraphs, as in the email
			gap := widget.RichTextStyleParagraph
			gap.SizeName = theme.SizeNameCaptionText
			segs = append(segs, &widget.TextSegment{Style: gap, Text: " "})
		}
		style := widget.RichTextStyleParagraph
		if para.Block != "" {
			style = widget.RichTextStyleCodeBlock
			style.SizeName = theme.SizeNameCaptionText
		}
		segs = append(segs, &widget.TextSegment{Style: style, Text: para.Text})
	}
	return segs
}
