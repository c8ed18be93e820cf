package templates

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/data"
	"relance/documents"
)

// templateRef names one template: a step's key, a channel and a language.
type templateRef struct {
	key, channel, lang string
}

// Screen is where the owner reads and edits the texts Relance
// sends and prints: on the left the templates of one language and the
// fields to insert, in the middle the editor, under it a live preview on
// one of the book's invoices.
type Screen struct {
	host     kit.Host
	content  fyne.CanvasObject
	langPick *widget.Select
	list     *widget.List
	lang     string        // the language of the templates listed
	items    []templateRef // the templates listed
	edited   map[templateRef]data.TemplateText
	selected int  // index in items of the template in the editor, -1: none
	quiet    bool // the list's selection is being set by the code, not the user
	editor   *templateEditor
	fields   *templateFields
	preview  *templatePreview
}

func New(h kit.Host) *Screen {
	s := &Screen{host: h, lang: kit.Language(), selected: -1, edited: map[templateRef]data.TemplateText{}}
	s.editor = newTemplateEditor(s)
	s.fields = newTemplateFields(s.editor)
	s.preview = newTemplatePreview(s)
	s.list = &widget.List{
		Length:     func() int { return len(s.items) },
		CreateItem: newTemplatesListItem,
		UpdateItem: s.updateListItem,
		OnSelected: s.onSelected,
	}
	s.list.ExtendBaseWidget(s.list)
	names := []string{lang.L("language.fr"), lang.L("language.en")}
	s.langPick = widget.NewSelect(names, nil)
	s.langPick.SetSelectedIndex(slices.Index(kit.AppLanguages, s.lang))
	s.langPick.OnChanged = func(string) { s.onLanguage(kit.AppLanguages[s.langPick.SelectedIndex()]) }
	s.items = templateRefs(s.lang, nil)
	s.content = s.layout()
	return s
}

// layout: the list and the fields on the left, the editor over the
// preview on the right.
func (s *Screen) layout() fyne.CanvasObject {
	title := &widget.Label{Text: lang.L("templates.title"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	langRow := container.NewBorder(nil, nil, widget.NewLabel(lang.L("templates.language")), nil, s.langPick)
	listPane := container.NewBorder(container.NewVBox(title, langRow), nil, nil, nil, s.list)
	left := container.NewVSplit(listPane, s.fields.content)
	left.Offset = 0.5
	right := container.NewVSplit(s.editor.content, s.preview.content)
	right.Offset = 0.5
	split := container.NewHSplit(left, right)
	split.Offset = 0.24
	return split
}

// View is the screen's content.
func (s *Screen) View() fyne.CanvasObject { return s.content }

// templatesData is what the screen loads from the store.
type templatesData struct {
	edited   map[templateRef]data.TemplateText
	invoices []data.InvoiceSummary // open, most overdue first
}

// Update reloads the edited templates and the invoices the preview can
// use; the text in the editor is left alone (it may hold unsaved work).
func (s *Screen) Update(ctx context.Context) {
	d, err := loadTemplatesData(ctx, s.host.Store())
	fyne.Do(func() {
		if err != nil {
			slog.Error("load templates", "err", err)
			s.host.ShowError(err)
			return
		}
		s.edited = d.edited
		s.items = templateRefs(s.lang, s.edited)
		s.list.Refresh()
		if s.selected < 0 && len(s.items) > 0 {
			s.selectQuietly(0)
			s.open(0)
		}
		s.editor.refreshState()
		s.preview.setInvoices(d.invoices)
	})
}

func loadTemplatesData(ctx context.Context, store *data.Store) (templatesData, error) {
	d := templatesData{edited: map[templateRef]data.TemplateText{}}
	list, err := store.ListTemplates(ctx)
	if err != nil {
		return d, err
	}
	for _, t := range list {
		d.edited[templateRef{t.Key, t.Channel, t.Lang}] = t
	}
	d.invoices, err = previewInvoices(ctx, store)
	return d, err
}

// templateRefs lists the templates of one language: the defaults in
// scenario order, then any edited template the defaults do not have.
func templateRefs(code string, edited map[templateRef]data.TemplateText) []templateRef {
	var out []templateRef
	for _, id := range documents.DefaultTemplates() {
		out = append(out, templateRef{id.Key, id.Channel, code})
	}
	var extra []templateRef
	for ref := range edited {
		if ref.lang == code && !slices.Contains(out, ref) {
			extra = append(extra, ref)
		}
	}
	slices.SortFunc(extra, func(a, b templateRef) int {
		return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.channel, b.channel))
	})
	return append(out, extra...)
}

// newTemplatesListItem is a list row: the template's name over its kind.
func newTemplatesListItem() fyne.CanvasObject {
	return newTemplatesTwoLines(false)
}

// newTemplatesTwoLines is a list row of the screen: a label over a line of
// small text set close under it (a second Label would double the row's
// padding).
func newTemplatesTwoLines(monospace bool) *fyne.Container {
	name := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	detail := canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder))
	detail.TextSize = theme.CaptionTextSize()
	detail.TextStyle.Monospace = monospace
	pad := theme.InnerPadding()
	under := container.New(layout.NewCustomPaddedLayout(0, pad, pad, 0), detail)
	return container.New(layout.NewCustomPaddedVBoxLayout(-pad), name, under)
}

// setTemplatesTwoLines fills a row made by newTemplatesTwoLines.
func setTemplatesTwoLines(o fyne.CanvasObject, name, detail string, detailColor fyne.ThemeColorName) (*widget.Label, *canvas.Text) {
	box := o.(*fyne.Container)
	label := box.Objects[0].(*widget.Label)
	text := box.Objects[1].(*fyne.Container).Objects[0].(*canvas.Text)
	label.SetText(name)
	text.Text = detail
	text.Color = theme.Color(detailColor)
	text.Refresh()
	return label, text
}

func (s *Screen) updateListItem(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(s.items) {
		return
	}
	ref := s.items[id]
	detail, colour := templateKind(ref), theme.ColorNamePlaceHolder
	if _, ok := s.edited[ref]; ok {
		detail += " · " + lang.L("templates.edited")
		colour = theme.ColorNamePrimary
	}
	setTemplatesTwoLines(o, templateName(ref.key), detail, colour)
}

// templateName names a template for people: the step's name, or the
// document's.
func templateName(key string) string {
	for _, k := range []string{"templates.name." + key, "step." + key} {
		if name := lang.L(k); name != k {
			return name
		}
	}
	return key
}

// templateKind says what a template is: an email, a letter, a call script.
func templateKind(ref templateRef) string {
	switch {
	case ref.key == "call":
		return lang.L("templates.kind.script")
	case ref.channel == documents.ChannelEmail:
		return lang.L("templates.kind.email")
	}
	return lang.L("templates.kind.letter")
}

// onSelected opens the template tapped in the list, after asking whether
// to drop the changes not saved in the one open.
func (s *Screen) onSelected(id widget.ListItemID) {
	if s.quiet || id == s.selected || id >= len(s.items) {
		return
	}
	if !s.editor.dirty() {
		s.open(id)
		return
	}
	previous := s.selected
	d := dialog.NewConfirm(lang.L("templates.discard.title"), lang.L("templates.discard.message"), func(ok bool) {
		if ok {
			s.open(id)
			return
		}
		s.selectQuietly(previous)
	}, s.host.Window())
	s.host.Track(d)
	d.Show()
}

// open puts template items[id] in the editor: the owner's version if
// there is one, else the default.
func (s *Screen) open(id widget.ListItemID) {
	s.selected = id
	ref := s.items[id]
	if t, ok := s.edited[ref]; ok {
		s.editor.load(ref, t.Subject, t.Body, true)
		return
	}
	subject, body, err := documents.DefaultTemplate(ref.key, ref.channel, ref.lang)
	if err != nil && !errors.Is(err, documents.ErrNoTemplate) {
		s.host.ShowError(err)
	}
	s.editor.load(ref, subject, body, false)
}

// onLanguage lists the templates of another language, keeping the same
// template open in it.
func (s *Screen) onLanguage(code string) {
	if code == s.lang {
		return
	}
	if s.editor.dirty() {
		d := dialog.NewConfirm(lang.L("templates.discard.title"), lang.L("templates.discard.message"), func(ok bool) {
			if !ok {
				s.langPick.SetSelectedIndex(slices.Index(kit.AppLanguages, s.lang))
				return
			}
			s.switchLanguage(code)
		}, s.host.Window())
		s.host.Track(d)
		d.Show()
		return
	}
	s.switchLanguage(code)
}

func (s *Screen) switchLanguage(code string) {
	var current templateRef
	if s.selected >= 0 {
		current = s.items[s.selected]
	}
	s.lang = code
	s.items = templateRefs(code, s.edited)
	s.list.Refresh()
	index := max(slices.Index(s.items, templateRef{current.key, current.channel, code}), 0)
	s.selectQuietly(index)
	s.open(index)
}

// selectQuietly moves the list's selection without opening anything.
func (s *Screen) selectQuietly(id widget.ListItemID) {
	s.quiet = true
	s.list.Select(id)
	s.quiet = false
	s.selected = id
}
