// Package calls is the dialog in which the owner says what came of a call
// about a group's invoices (a promise, no answer, a dispute, a wrong
// contact) and why the client has not paid, recorded with its
// consequences by dunning.Service.LogCall; a promise's confirmation email
// then shows in the same dialog, and the reason's answer follows
// (answers.Apply). Today and the invoice page open it; it imports no
// screen.
package calls

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relance/app/dunning"
	"relance/app/ui/answers"
	"relance/app/ui/kit"
	"relance/data"
)

// Reasons of the call dialog's own field errors; their sentences are
// "error.<reason>" in the today catalogue.
const (
	callReasonPromisePast  data.Reason = "today_promise_past"
	callReasonAboveBalance data.Reason = "today_promise_above_total"
)

// callOutcomes are the outcomes of a call, in the order the dialog offers
// them, with their labels.
var callOutcomes = []struct{ kind, key string }{
	{data.OutcomePromise, "today.call.promise"},
	{data.OutcomeNoAnswer, "today.call.no_answer"},
	{data.OutcomeDispute, "today.call.dispute"},
	{data.OutcomeWrongContact, "today.call.wrong_contact"},
}

// callDialog is the form in which the owner says what came of a call
// about a group's invoices.
type callDialog struct {
	host    answers.Host
	group   dunning.Group
	outcome *widget.RadioGroup
	reason  *kit.Select // why the client has not paid, when it said
	date    *kit.Entry
	amount  *kit.Entry
	note    *kit.Entry
	noteRow *kit.FormField
	done    func()
}

// Open asks what came of a call about g's invoices and records
// it with its consequences (a promise pauses the reminders, a dispute
// suspends them, a wrong contact opens a task). A group of the plan
// fulfils its call step; a group built by hand around one invoice (no
// step: the owner called on their own) records the call on that invoice.
//
// done (may be nil) runs on the UI goroutine once the call is recorded.
func Open(h answers.Host, g dunning.Group, done func()) {
	h.Async(func() {
		client, err := h.Store().GetClient(context.Background(), g.ClientID)
		fyne.Do(func() {
			if err != nil {
				h.ShowError(err)
				return
			}
			c := newCallDialog(h, g)
			c.done = done
			c.show(client)
		})
	})
}

// newCallDialog builds the inputs of a call dialog, the promised amount
// prefilled with what the invoices still owe.
func newCallDialog(h answers.Host, g dunning.Group) *callDialog {
	c := &callDialog{host: h, group: g, date: kit.NewDateEntry(h.Window(), data.Date{}), amount: kit.NewMoneyEntry(h.Window()),
		note: kit.NewEntry(h.Window()), reason: answers.NewReasonSelect(h.Window())}
	options := make([]string, len(callOutcomes))
	for i, o := range callOutcomes {
		options[i] = lang.L(o.key)
	}
	c.outcome = kit.NewRadio(h.Window(), options, false, c.onOutcome)
	c.note.MultiLine = true
	c.note.SetMinRowsVisible(2)
	c.note.Wrapping = fyne.TextWrapWord
	if g.Total > 0 {
		c.amount.SetText(kit.InputMoney(g.Total))
	}
	return c
}

// show lays the form out around the client called and opens it.
func (c *callDialog) show(client data.Client) {
	f := kit.NewForm()
	phone := client.Phone
	if phone == "" {
		phone = lang.L("today.contact.no_phone")
	}
	if client.ContactName != "" {
		phone += " · " + client.ContactName
	}
	f.Add("client", false, &widget.Label{Text: client.Name, TextStyle: fyne.TextStyle{Bold: true}})
	f.Add("phone", false, widget.NewLabel(phone))
	if other := OtherChannels(client); other != "" {
		f.Add("other_channels", false, &widget.Label{Text: other, Wrapping: fyne.TextWrapBreak})
	}
	f.Add("invoice", false, &widget.Label{Text: c.invoicesText(), Wrapping: fyne.TextWrapWord})
	f.Add("outcome", true, c.outcome)
	f.Add("promised_on", true, c.date)
	f.Add("promise_amount", true, c.amount)
	f.Add("delay_reason", false, c.reason)
	c.noteRow = f.Add("note", false, c.note)
	c.onOutcome("")
	fd := kit.NewFormDialog(c.host, "today.call.title", f, fyne.NewSize(600, 540), c.submit, c.done)
	fd.Next = func() { c.next(fd) }
	fd.Show(nil)
}

// next follows a call once recorded: a promise's confirmation email shows
// in the same dialog, then the answer to the reason given (answers.Apply)
// once it closes; without a promise the dialog closes on the answer.
func (c *callDialog) next(fd *kit.FormDialog) {
	reason, ids := answers.ReasonOf(c.reason), c.invoiceIDs()
	answer := func() {
		if reason != data.DelayNone {
			answers.Apply(c.host, ids, reason)
		}
	}
	if c.kind() != data.OutcomePromise {
		fd.Hide()
		answer()
		return
	}
	fd.OnClosed(answer)
	c.host.Mailer().ConfirmPromise(fd, c.promised())
}

// invoiceIDs are the invoices of the call.
func (c *callDialog) invoiceIDs() []int64 {
	ids := make([]int64, len(c.group.Items))
	for i, d := range c.group.Items {
		ids[i] = d.InvoiceID
	}
	return ids
}

// promised is the invoice a promise of the call is confirmed for: the
// first one the promised amount went to (dunning.Service.LogCall spreads
// it oldest first).
func (c *callDialog) promised() int64 {
	items := slices.Clone(c.group.Items)
	slices.SortFunc(items, func(a, b dunning.Due) int { return a.Planned.Compare(b.Planned) })
	return items[0].InvoiceID
}

// OtherChannels names a client's mobile number and LinkedIn profile, the
// other ways to reach it ("" when it has neither).
func OtherChannels(c data.Client) string {
	var parts []string
	if c.Mobile != "" {
		parts = append(parts, lang.L("contact.mobile", map[string]any{"Mobile": c.Mobile}))
	}
	if c.LinkedIn != "" {
		profile := strings.TrimPrefix(strings.TrimPrefix(c.LinkedIn, "https://"), "www.") // the host and the name say it all
		parts = append(parts, lang.L("contact.linkedin", map[string]any{"Profile": profile}))
	}
	return strings.Join(parts, " · ")
}

// invoicesText lists the invoices of the call and what they total.
func (c *callDialog) invoicesText() string {
	numbers := make([]string, len(c.group.Items))
	for i, d := range c.group.Items {
		numbers[i] = d.Number
	}
	return lang.L("today.call.invoices", map[string]any{"Numbers": strings.Join(numbers, ", "),
		"Total": kit.Money(c.group.Total)})
}

// kind is the outcome chosen, "" when none is.
func (c *callDialog) kind() string {
	for _, o := range callOutcomes {
		if c.outcome.Selected == lang.L(o.key) {
			return o.kind
		}
	}
	return ""
}

// onOutcome enables the fields the chosen outcome needs: a promise has a
// date and an amount; a dispute needs its reason in the note.
func (c *callDialog) onOutcome(string) {
	kind := c.kind()
	if kind == data.OutcomePromise {
		c.date.Enable()
		c.amount.Enable()
	} else {
		c.date.Disable()
		c.amount.Disable()
	}
	label, hint := lang.L("field.note"), lang.L("today.call.note_hint")
	switch kind {
	case data.OutcomeDispute:
		label, hint = label+" *", lang.L("today.call.dispute_hint")
	case data.OutcomeWrongContact:
		hint = lang.L("today.call.wrong_contact_hint")
	}
	if c.noteRow != nil {
		c.noteRow.Label.SetText(label)
	}
	c.note.SetPlaceHolder(hint)
}

// submit reads the form; the write records the call.
func (c *callDialog) submit() (func(context.Context) error, error) {
	out, err := c.read()
	if err != nil {
		return nil, err
	}
	g := c.group
	return func(ctx context.Context) error {
		if g.Lead.Step.ID == 0 && len(g.Items) == 1 {
			return c.host.Dunning().LogCallOn(ctx, g.Items[0].InvoiceID, out)
		}
		return c.host.Dunning().LogCall(ctx, g, out)
	}, nil
}

// read checks the fields against the chosen outcome.
func (c *callDialog) read() (dunning.CallOutcome, error) {
	out := dunning.CallOutcome{Kind: c.kind(), Note: strings.TrimSpace(c.note.Text), Reason: answers.ReasonOf(c.reason)}
	var errs data.FieldErrors
	switch out.Kind {
	case "":
		return out, kit.RequiredError("outcome")
	case data.OutcomePromise:
		out.PromiseDate, out.Amount, errs = c.readPromise()
	case data.OutcomeDispute:
		if out.Note == "" {
			errs = append(errs, &data.FieldError{Field: "note", Reason: data.ReasonRequired})
		}
		if out.Reason == data.DelayNone {
			out.Reason = data.DelayDispute // the client said so: the payer profile counts it
		}
	}
	if len(errs) > 0 {
		return out, errs
	}
	return out, nil
}

// readPromise reads a promise: a day from today on, an amount above zero
// and no more than what the invoices still owe.
func (c *callDialog) readPromise() (data.Date, data.Money, data.FieldErrors) {
	var errs data.FieldErrors
	date, err := data.ParseDate(c.date.Text)
	switch {
	case err != nil:
		errs = append(errs, data.FieldErrorsOf(kit.AsField(err, "promised_on"))...)
	case date.Before(c.host.Today()):
		errs = append(errs, &data.FieldError{Field: "promised_on", Reason: callReasonPromisePast, Value: date.String()})
	}
	amount, err := data.ParseMoney(c.amount.Text)
	switch {
	case err != nil:
		errs = append(errs, data.FieldErrorsOf(kit.AsField(err, "promise_amount"))...)
	case amount <= 0:
		errs = append(errs, &data.FieldError{Field: "promise_amount", Reason: data.ReasonNotPositive})
	case c.group.Total > 0 && amount > c.group.Total:
		errs = append(errs, &data.FieldError{Field: "promise_amount", Reason: callReasonAboveBalance})
	}
	return date, amount, errs
}
