package templates

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/data"
	"relance/documents"
)

// templatesEntry is an entry that tells the editor when it gets the focus,
// so that a field goes where the owner was typing.
type templatesEntry struct {
	widget.Entry
	onFocus func(*templatesEntry)
}

func newTemplatesEntry(multiLine bool, onFocus func(*templatesEntry)) *templatesEntry {
	e := &templatesEntry{onFocus: onFocus}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

// FocusGained remembers the entry as where fields go.
func (e *templatesEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.onFocus != nil {
		e.onFocus(e)
	}
}

// templateEditor edits one template: its subject (email subject or letter
// object) and body. Every change is checked at once; Save stays off while
// the text does not parse, and the problem is shown with its position.
type templateEditor struct {
	s            *Screen
	content      fyne.CanvasObject
	title        *widget.Label
	detail       *widget.Label
	subjectLabel *widget.Label
	subject      *templatesEntry
	body         *templatesEntry
	problem      *widget.Label
	save         *widget.Button
	reset        *widget.Button
	revert       *widget.Button

	ref         templateRef
	open        bool // a template is loaded
	origSubject string
	origBody    string
	edited      bool // the owner's version is stored
	valid       bool
	loading     bool            // SetText calls from load, not the owner
	target      *templatesEntry // where a field goes: the entry focused last
}

func newTemplateEditor(s *Screen) *templateEditor {
	e := &templateEditor{s: s, problem: kit.NewErrorLabel()}
	focus := func(en *templatesEntry) { e.target = en }
	e.subject = newTemplatesEntry(false, focus)
	e.body = newTemplatesEntry(true, focus)
	e.target = e.body
	e.subject.OnChanged = func(string) { e.onChanged() }
	e.body.OnChanged = func(string) { e.onChanged() }
	e.title = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	e.detail = &widget.Label{Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis}
	e.subjectLabel = widget.NewLabel(lang.L("templates.subject.email"))
	e.save = &widget.Button{Text: lang.L("button.save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: e.onSave}
	e.reset = &widget.Button{Text: lang.L("templates.reset"), Icon: theme.HistoryIcon(), OnTapped: e.onReset}
	e.revert = &widget.Button{Text: lang.L("templates.revert"), Icon: theme.ContentUndoIcon(), OnTapped: e.onRevert}
	header := container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), e.title, e.detail)
	subjectRow := container.NewBorder(nil, nil, e.subjectLabel, nil, e.subject)
	bodyLabel := widget.NewLabel(lang.L("templates.body"))
	buttons := container.NewBorder(nil, nil, container.NewHBox(e.revert, e.reset), e.save)
	e.content = container.NewBorder(container.NewVBox(header, subjectRow, bodyLabel), container.NewVBox(e.problem, buttons),
		nil, nil, e.body)
	e.refreshState()
	return e
}

// load puts a template in the editor.
func (e *templateEditor) load(ref templateRef, subject, body string, edited bool) {
	e.ref, e.open, e.edited = ref, true, edited
	e.origSubject, e.origBody = subject, body
	e.subjectLabel.SetText(lang.L(subjectLabelKey(ref)))
	e.loading = true
	e.subject.SetText(subject)
	e.body.SetText(body)
	e.loading = false
	e.target = e.body
	e.onChanged()
}

// subjectLabelKey: an email has a subject, a letter an object, a call
// script a title.
func subjectLabelKey(ref templateRef) string {
	switch {
	case ref.key == "call":
		return "templates.subject.script"
	case ref.channel == documents.ChannelEmail:
		return "templates.subject.email"
	}
	return "templates.subject.letter"
}

// dirty reports changes not saved yet.
func (e *templateEditor) dirty() bool {
	return e.open && (e.subject.Text != e.origSubject || e.body.Text != e.origBody)
}

// onChanged checks the text, shows the problem if any and renders the
// preview.
func (e *templateEditor) onChanged() {
	if e.loading || !e.open {
		return
	}
	_, err := documents.Check(e.subject.Text, e.body.Text)
	e.valid = err == nil
	if err != nil {
		kit.SetError(e.problem, templateProblem(err))
	} else {
		kit.SetError(e.problem, "")
	}
	e.refreshState()
	e.s.preview.render()
}

// refreshState sets the title and which buttons apply.
func (e *templateEditor) refreshState() {
	if !e.open {
		e.title.SetText(lang.L("templates.none"))
		e.detail.SetText("")
		for _, b := range []*widget.Button{e.save, e.reset, e.revert} {
			b.Disable()
		}
		return
	}
	e.title.SetText(templateName(e.ref.key))
	detail := templateKind(e.ref) + " · " + lang.L("language."+e.ref.lang) + " · "
	if e.edited {
		detail += lang.L("templates.state.edited")
	} else {
		detail += lang.L("templates.state.default")
	}
	if e.dirty() {
		detail += " · " + lang.L("templates.state.unsaved")
	}
	e.detail.SetText(detail)
	enable(e.save, e.valid && e.dirty() && e.body.Text != "")
	enable(e.revert, e.dirty())
	enable(e.reset, e.edited)
}

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// templateErrorKeys are the sentences of the template errors, by reason.
var templateErrorKeys = map[string]string{
	documents.ErrUnknownField: "templates.error.unknown",
	documents.ErrUnclosed:     "templates.error.unclosed",
	documents.ErrStrayClose:   "templates.error.stray_close",
	documents.ErrBadName:      "templates.error.bad_name",
	documents.ErrBlockInline:  "templates.error.block_inline",
	documents.ErrSectionOpen:  "templates.error.section_open",
	documents.ErrSectionClose: "templates.error.section_close",
}

// templateProblem says what is wrong in a template and where: "Ligne 3,
// colonne 12 : le champ {{nom_du_chat}} n'existe pas".
func templateProblem(err error) string {
	var te *documents.TemplateError
	if !errors.As(err, &te) {
		return kit.ErrorSentence(err)
	}
	args := map[string]any{"Line": te.Line, "Col": te.Col, "Field": "{{" + te.Name + "}}", "Name": te.Name, "Open": "{{", "Close": "}}"}
	where := "templates.where.body"
	var pe *documents.PartError
	if errors.As(err, &pe) && pe.Part == documents.PartSubject {
		where = "templates.where.subject"
	}
	key, ok := templateErrorKeys[te.Reason]
	if !ok {
		key = "templates.error.unknown"
	}
	if te.Reason == documents.ErrBlockInline && where == "templates.where.subject" {
		key = "templates.error.block_subject"
	}
	return lang.L(where, args) + lang.L("punct.colon") + lang.L(key, args)
}

// onSave stores the owner's version, unless it does not parse.
func (e *templateEditor) onSave() {
	subject, body := e.subject.Text, e.body.Text
	if _, err := documents.Check(subject, body); err != nil {
		kit.SetError(e.problem, templateProblem(err))
		return
	}
	t := &data.TemplateText{Key: e.ref.key, Channel: e.ref.channel, Lang: e.ref.lang, Subject: subject, Body: body}
	ref := e.ref
	e.save.Disable()
	e.s.host.Async(func() {
		err := e.s.host.Store().PutTemplate(context.Background(), t)
		fyne.Do(func() {
			if err != nil {
				kit.SetError(e.problem, kit.ErrorSentence(err))
				e.refreshState()
				return
			}
			e.s.edited[ref] = *t
			if e.ref == ref {
				e.origSubject, e.origBody, e.edited = subject, body, true
			}
			e.refreshState()
			e.s.host.Changed()
		})
	})
}

// onReset forgets the owner's version, after asking.
func (e *templateEditor) onReset() {
	ref := e.ref
	kit.Confirm(e.s.host, "templates.reset.title", "templates.reset.message", map[string]any{"Name": templateName(ref.key)},
		func(ctx context.Context) error {
			if err := e.s.host.Store().ResetTemplate(ctx, ref.key, ref.channel, ref.lang); err != nil {
				return err
			}
			fyne.Do(func() {
				delete(e.s.edited, ref)
				if e.ref == ref {
					subject, body, _ := documents.DefaultTemplate(ref.key, ref.channel, ref.lang)
					e.load(ref, subject, body, false)
				}
			})
			return nil
		})
}

// onRevert drops the changes not saved.
func (e *templateEditor) onRevert() {
	e.load(e.ref, e.origSubject, e.origBody, e.edited)
}
