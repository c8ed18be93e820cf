package answers

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"relance/app/ui/kit"
	"relance/data"
)

// ReasonName is a reason's name in the window's language ("" for none).
func ReasonName(r data.DelayReason) string { return kit.DelayReasonName(r) }

// NewReasonSelect is the list of the reasons for a delay, none chosen.
func NewReasonSelect(w fyne.Window) *kit.Select {
	options := make([]string, len(data.DelayReasons))
	for i, r := range data.DelayReasons {
		options[i] = ReasonName(r)
	}
	sel := kit.NewSelect(w, options, nil)
	sel.PlaceHolder = lang.L("delay.reason.none")
	return sel
}

// ReasonOf is the reason chosen in a list NewReasonSelect made.
func ReasonOf(sel *kit.Select) data.DelayReason {
	if i := sel.SelectedIndex(); i >= 0 && i < len(data.DelayReasons) {
		return data.DelayReasons[i]
	}
	return data.DelayNone
}

// Ask asks why the invoices are unpaid (a reply read, the invoice's
// page), records the reason with its effects on the book
// (dunning.Service.RecordDelayReason), then carries its answer out
// (Apply). done (may be nil) runs once the reason is recorded.
func Ask(h Host, invoiceIDs []int64, done func()) {
	reason := NewReasonSelect(h.Window())
	note := kit.NewMultiLineEntry(h.Window(), 2)
	note.SetPlaceHolder(lang.L("delay.note_hint"))
	f := kit.NewForm()
	f.Add("delay_reason", true, reason)
	f.Add("note", false, note)
	var chosen data.DelayReason
	fd := kit.NewFormDialog(h, "delay.title", f, fyne.NewSize(520, 260), func() (func(context.Context) error, error) {
		r := ReasonOf(reason)
		if r == data.DelayNone {
			return nil, kit.RequiredError("delay_reason")
		}
		chosen = r
		text := strings.TrimSpace(note.Text)
		return func(ctx context.Context) error {
			return h.Dunning().RecordDelayReason(ctx, invoiceIDs, r, text)
		}, nil
	}, func() {
		if done != nil {
			done()
		}
		Apply(h, invoiceIDs, chosen)
	})
	fd.Show(nil)
}
