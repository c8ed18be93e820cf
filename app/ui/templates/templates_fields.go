package templates

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/documents"
)

// templateFieldRow is a row of the field list: a group's heading, or a
// field.
type templateFieldRow struct {
	group string
	field *documents.Field
}

// templateFields lists the fields a template can use, grouped as
// documents.Fields groups them, each with its description; tapping one
// inserts it in the editor.
type templateFields struct {
	editor  *templateEditor
	content fyne.CanvasObject
	list    *widget.List
	rows    []templateFieldRow
}

func newTemplateFields(e *templateEditor) *templateFields {
	f := &templateFields{editor: e, rows: templateFieldRows()}
	f.list = &widget.List{
		Length:     func() int { return len(f.rows) },
		CreateItem: newTemplateFieldItem,
		UpdateItem: f.updateItem,
		OnSelected: f.onSelected,
	}
	f.list.ExtendBaseWidget(f.list)
	headerHeight := widget.NewLabel("").MinSize().Height
	for i, row := range f.rows {
		if row.field == nil {
			f.list.SetItemHeight(i, headerHeight)
		}
	}
	title := &widget.Label{Text: lang.L("templates.fields"), TextStyle: fyne.TextStyle{Bold: true}}
	hint := &widget.Label{Text: lang.L("templates.fields.hint", map[string]any{"Open": "{{", "Close": "}}"}), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance,
		SizeName: theme.SizeNameCaptionText}
	f.content = container.NewBorder(container.NewVBox(title, hint), nil, nil, nil, f.list)
	return f
}

// templateFieldRows flattens documents.Fields into headed groups.
func templateFieldRows() []templateFieldRow {
	var rows []templateFieldRow
	group := ""
	for i := range documents.Fields {
		f := &documents.Fields[i]
		if f.Group != group {
			group = f.Group
			rows = append(rows, templateFieldRow{group: group})
		}
		rows = append(rows, templateFieldRow{group: group, field: f})
	}
	return rows
}

func newTemplateFieldItem() fyne.CanvasObject {
	return newTemplatesTwoLines(false)
}

func (f *templateFields) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(f.rows) {
		return
	}
	row := f.rows[id]
	if row.field == nil {
		label, _ := setTemplatesTwoLines(o, lang.L("templates.group."+row.group), "", theme.ColorNamePlaceHolder)
		label.TextStyle = fyne.TextStyle{Bold: true}
		label.Importance = widget.HighImportance
		label.Refresh()
		return
	}
	label, _ := setTemplatesTwoLines(o, lang.L("templates.field."+row.field.Name), "{{"+row.field.Name+"}}",
		theme.ColorNamePlaceHolder)
	label.TextStyle = fyne.TextStyle{}
	label.Importance = widget.MediumImportance
	label.Refresh()
}

func (f *templateFields) onSelected(id widget.ListItemID) {
	f.list.Unselect(id)
	if id < len(f.rows) && f.rows[id].field != nil {
		f.editor.insertField(*f.rows[id].field)
	}
}

// insertField types a field at the cursor of the entry used last (the
// body when it was the subject and the field is a table, which stands
// alone on its line in the body). Typing it, rather than setting the
// text, keeps the cursor after it and replaces a selection.
func (e *templateEditor) insertField(f documents.Field) {
	if !e.open {
		return
	}
	target := e.target
	if f.Block || target == nil {
		target = e.body
	}
	text := "{{" + f.Name + "}}"
	if f.Block {
		text = aloneOnLine(target, text)
	}
	for _, r := range text {
		if r == '\n' {
			target.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		} else {
			target.TypedRune(r)
		}
	}
	e.s.host.Window().Canvas().Focus(target)
}

// aloneOnLine adds the line breaks that put text on a line of its own at
// the entry's cursor.
func aloneOnLine(e *templatesEntry, text string) string {
	runes := []rune(e.Text)
	at := min(max(e.CursorTextOffset(), 0), len(runes))
	if at > 0 && runes[at-1] != '\n' {
		text = "\n" + text
	}
	if at < len(runes) && runes[at] != '\n' {
		text += "\n"
	}
	return text
}
