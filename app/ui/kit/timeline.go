package kit

import (
	"slices"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/data"
)

// valuePrefixes name the catalogue entries of the event parameters that
// hold a code: an outcome, a state, a payment method.
var valuePrefixes = map[string]string{"outcome": "outcome.", "from": "state.", "to": "state.",
	"kind": "task.", "status": "promise_status.", "method": "method.", "document": "attachment_kind.",
	"how": "import.how.", "delay": "delay.reason."}

// EventText says what an event of the timeline records, in the user's
// Language: the catalogue's sentence "event.<kind>" filled with the
// event's facts written the local way.
func EventText(e data.Event) string {
	args := map[string]any{}
	for k, v := range e.Params {
		args[k] = v
	}
	for _, k := range []string{"amount"} {
		if m, err := data.ParseMoney(e.Params[k]); err == nil {
			args[k] = Money(m)
		}
	}
	for _, k := range []string{"date", "due_date", "until", "received_on", "returned_on"} {
		if d, err := data.ParseDate(e.Params[k]); err == nil {
			args[k] = Date(d)
		}
	}
	if e.Params["channel"] != "" || e.Params["template"] != "" {
		args["step"] = StepName(data.Step{TemplateKey: e.Params["template"], Channel: data.Channel(e.Params["channel"])})
	}
	for param, prefix := range valuePrefixes {
		if v := e.Params[param]; v != "" {
			if t := lang.L(prefix + v); t != prefix+v {
				args[param] = t
			}
		}
	}
	if e.Kind == data.EventCategoryMoved {
		categoryMoveArgs(e, args)
	}
	key := "event." + string(e.Kind)
	if e.Kind == data.EventCreditNote && e.Params["closed"] != "" {
		key = "event.credit_note_closing"
	}
	text := lang.L(key, args)
	if text == key {
		return lang.L("event.unknown")
	}
	if changed := changesText(e.Params); changed != "" {
		text += lang.L("punct.colon") + changed
	}
	// A call's outcome, when the sentence of its kind does not Say it.
	if outcome, ok := args["outcome"].(string); ok && outcome != "" && e.Kind == data.EventStepDone {
		text += " — " + outcome
	}
	if note := e.Params["note"]; note != "" && e.Kind != data.EventNote {
		text += " — " + noteText(note)
	}
	if reason := e.Params["reason"]; reason != "" {
		text += " — " + PauseReasonText(reason)
	}
	if bank := e.Params["bank"]; bank != "" { // a payment made of a bank statement's credit: whose
		text += " — " + bank
	}
	return text
}

// noteText is an event's note as the user reads it: the notes the app
// writes itself are codes with a sentence of their own ("catch_up": a step
// missed while Relance was closed and passed over); the user's are shown
// as typed.
func noteText(note string) string {
	if t := lang.L("note." + note); t != "note."+note {
		return t
	}
	return note
}

// changesText says what an edit changed (data.ChangedParam): "amount
// 1 000,00 € → 1 200,00 €, due date 03/03/2026 → 15/03/2026"; a field
// whose values mean nothing on their own (a client's id, a scenario, a
// note) is only named.
func changesText(params map[string]string) string {
	if params[data.ChangedParam] == "" {
		return ""
	}
	var parts []string
	for _, field := range strings.Split(params[data.ChangedParam], ",") {
		part := changeFieldName(field)
		if show, ok := changeValue[field]; ok || changeShown[field] {
			if !ok {
				show = changeAsTyped
			}
			part += " " + show(params[field+".from"]) + " → " + show(params[field+".to"])
		}
		parts = append(parts, part)
	}
	return strings.Join(parts, ", ")
}

// changeFieldName names a changed field with the label of its form field
// (every field an edit records has one: a test checks it).
func changeFieldName(field string) string {
	t := []rune(lang.L("field." + field))
	if len(t) > 1 && !unicode.IsUpper(t[1]) { // "Échéance" → "échéance", "SIREN" stays
		t[0] = unicode.ToLower(t[0])
	}
	return string(t)
}

// changeValue writes the stored values of the fields whose form is not
// the one shown (amounts, ISO dates, codes).
var changeValue = map[string]func(string) string{
	"amount":        changeMoney,
	"issue_date":    changeDate,
	"due_date":      changeDate,
	"delivery_date": changeDate,
	"date":          changeDate,
	"method":        func(v string) string { return changeCode("method.", v) },
	"kind":          func(v string) string { return changeCode("kind.", v) },
	"language":      func(v string) string { return changeCode("language.", v) },
	"category":      func(v string) string { return changeAsTyped(CategoryName(v)) },
}

// changeShown are the fields whose values are shown as typed.
var changeShown = map[string]bool{"number": true, "po_ref": true, "bank_ref": true, "name": true, "siren": true,
	"contact_name": true, "email": true, "email_cc": true, "phone": true, "address": true}

func changeAsTyped(v string) string {
	if v == "" {
		return "—"
	}
	return lang.L("punct.quoted", map[string]any{"Text": v})
}

func changeMoney(v string) string {
	if m, err := data.ParseMoney(v); err == nil {
		return Money(m)
	}
	return changeAsTyped(v)
}

func changeDate(v string) string {
	if d, err := data.ParseDate(v); err == nil {
		return Date(d)
	}
	return "—"
}

func changeCode(prefix, v string) string {
	if t := lang.L(prefix + v); t != prefix+v {
		return t
	}
	return changeAsTyped(v)
}

// List is the timeline's list, to lay out on a screen.
func (t *Timeline) List() *widget.List { return t.list }

// Timeline is a list of events, newest first: the proof file of an invoice
// or a client.
type Timeline struct {
	list   *widget.List
	events []data.Event
	open   func(file string) // opens an archived file (relative to the data folder)
}

// NewTimeline builds the list; a row whose event archived a file (the
// .eml of a reminder, a letter's PDF) has a button that opens it with open.
func NewTimeline(open func(file string)) *Timeline {
	t := &Timeline{open: open}
	dateWidth := dateColumnWidth()
	t.list = &widget.List{
		Length: func() int { return len(t.events) },
		CreateItem: func() fyne.CanvasObject {
			when := &widget.Label{Importance: widget.LowImportance}
			// The date sits in a column of fixed width, so that the
			// sentences line up whatever the length of the date.
			cell := fyne.NewSize(dateWidth, when.MinSize().Height)
			whenCell := container.New(layout.NewGridWrapLayout(cell), when)
			file := &widget.Button{Icon: theme.FileIcon(), Importance: widget.LowImportance}
			return container.NewBorder(nil, nil, whenCell, file, &widget.Label{Truncation: fyne.TextTruncateEllipsis})
		},
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			e := t.events[id]
			text := EventText(e)
			if e.Person != "" { // a shared book: who did it, first, where truncation spares it
				text = lang.L("timeline.by", map[string]any{"Person": e.Person}) + " " + text
			}
			c.Objects[0].(*widget.Label).SetText(text)
			c.Objects[1].(*fyne.Container).Objects[0].(*widget.Label).SetText(Date(data.DateOf(e.At.Local())))
			file := c.Objects[2].(*widget.Button)
			file.OnTapped = func() { t.open(e.File) }
			if e.File == "" || t.open == nil {
				file.Hide()
			} else {
				file.Show()
			}
		},
	}
	t.list.ExtendBaseWidget(t.list)
	return t
}

// Set shows events (given oldest first, as the store returns them).
func (t *Timeline) Set(events []data.Event) {
	t.events = slices.Clone(events)
	slices.Reverse(t.events)
	t.list.Refresh()
}

// dateColumnWidth is the width of the widest date the timeline may show in
// the current language (a two-digit day of the longest month name), with
// the label's padding.
func dateColumnWidth() float32 {
	var w float32
	for m := time.January; m <= time.December; m++ {
		text := Date(data.NewDate(2026, m, 28))
		w = max(w, fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	return w + 2*theme.InnerPadding()
}

// Events are the events on show, newest first.
func (t *Timeline) Events() []data.Event { return t.events }
