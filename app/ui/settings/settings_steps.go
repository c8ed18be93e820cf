package settings

import (
	"context"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/data"
)

// Widths of the step list's fixed columns: when, and the channel; the
// step's name, its options under it, take the rest.
var stepColumnWidths = [2]float32{100, 190}

// stepRow is one line of a scenario's steps, with its buttons.
type stepRow struct {
	step                data.Step
	up, down, edit, del *widget.Button
	content             fyne.CanvasObject
}

// stepHeader names the columns of the step list.
func stepHeader() fyne.CanvasObject {
	head := func(key string) *widget.Label {
		return &widget.Label{Text: lang.L(key), TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	}
	// The buttons' room, so that the channel heading sits over its column.
	buttons := canvas.NewRectangle(color.Transparent)
	buttons.SetMinSize(fyne.NewSize(stepButtonsWidth(), 1))
	return container.NewVBox(container.NewBorder(nil, nil, kit.FixedWidth(head("settings.step.when"), stepColumnWidths[0]),
		container.NewHBox(kit.FixedWidth(head("settings.step.channel"), stepColumnWidths[1]), buttons),
		head("settings.step.step")), widget.NewSeparator())
}

// stepButtonsWidth is the width of a row's four icon buttons.
func stepButtonsWidth() float32 {
	b := &widget.Button{Icon: theme.MoveUpIcon()}
	return 4*b.MinSize().Width + 3*theme.Padding()
}

// newStepRow draws step i of sc: when, name and options, channel, buttons.
func newStepRow(s *scenarioSection, sc *data.Scenario, i int) *stepRow {
	st := sc.Steps[i]
	r := &stepRow{step: st}
	icon := func(res fyne.Resource, tapped func()) *widget.Button {
		return &widget.Button{Icon: res, Importance: widget.LowImportance, OnTapped: tapped}
	}
	r.up = icon(theme.MoveUpIcon(), func() { s.move(sc, i, -1) })
	r.down = icon(theme.MoveDownIcon(), func() { s.move(sc, i, 1) })
	r.edit = icon(theme.DocumentCreateIcon(), func() { s.openStepForm(*sc, st) })
	r.del = icon(theme.DeleteIcon(), func() { s.onDeleteStep(st) })
	if i == 0 {
		r.up.Disable()
	}
	if i == len(sc.Steps)-1 {
		r.down.Disable()
	}
	when := &widget.Label{Text: stepWhen(st), TextStyle: fyne.TextStyle{Bold: true}}
	name := &widget.Label{Text: kit.StepName(st), Truncation: fyne.TextTruncateEllipsis}
	channel := &widget.Label{Text: stepChannelText(st), Truncation: fyne.TextTruncateEllipsis}
	lines := container.NewVBox(name)
	if text := stepOptionsText(st, s.stepUses[st.ID]); text != "" {
		lines.Add(stepNote(text, theme.ColorNamePlaceHolder))
	}
	if earlierThanPrevious(sc.Steps, i) {
		lines.Add(stepNote(lang.L("settings.step.earlier"), theme.ColorNameWarning))
	}
	buttons := container.NewVBox(container.NewHBox(r.up, r.down, r.edit, r.del))
	r.content = container.NewVBox(container.NewBorder(nil, nil, kit.FixedWidth(when, stepColumnWidths[0]),
		container.NewHBox(kit.FixedWidth(channel, stepColumnWidths[1]), buttons), lines), widget.NewSeparator())
	return r
}

// stepNote is a small line under a step's name (its options, a warning),
// tucked under the name's text rather than a full label's height below.
func stepNote(text string, colour fyne.ThemeColorName) fyne.CanvasObject {
	t := canvas.NewText(text, theme.Color(colour))
	t.TextSize = theme.CaptionTextSize()
	inner := theme.InnerPadding()
	return container.New(layout.NewCustomPaddedLayout(-inner, inner/2, inner, 0), t)
}

// stepWhen is when a step runs: "J-7", "J+15", or on payment.
func stepWhen(st data.Step) string {
	if st.Channel == data.ChannelThankYou {
		return lang.L("settings.step.on_payment")
	}
	return offsetText(st.OffsetDays)
}

// stepChannelText names the channel, with the letter printed beside an email.
func stepChannelText(st data.Step) string {
	if st.WithLetter && st.Channel == data.ChannelEmail {
		return lang.L("settings.step.email_and_letter")
	}
	return kit.ChannelName(st.Channel)
}

// stepOptionsText lists a step's options in a few words, and how often it
// was already done (deleting it then keeps it in the history).
func stepOptionsText(st data.Step, uses int) string {
	var parts []string
	if st.AttachInvoice {
		parts = append(parts, lang.L("settings.step.opt_attach"))
	}
	if st.IncludeStatement {
		parts = append(parts, lang.L("settings.step.opt_statement"))
	}
	if st.DeadlineDays > 0 {
		parts = append(parts, lang.N("settings.step.opt_deadline", st.DeadlineDays, map[string]any{"Days": st.DeadlineDays}))
	}
	if st.AutoSend {
		parts = append(parts, lang.L("settings.step.opt_auto"))
	}
	if uses > 0 {
		parts = append(parts, lang.N("settings.step.done_count", uses, map[string]any{"Count": uses}))
	}
	return strings.Join(parts, " · ")
}

// earlierThanPrevious reports a timed step placed after one that runs
// later: steps run in order, so it would wait for the previous one.
func earlierThanPrevious(steps []data.Step, i int) bool {
	if steps[i].Channel == data.ChannelThankYou {
		return false
	}
	for j := i - 1; j >= 0; j-- {
		if steps[j].Channel != data.ChannelThankYou {
			return steps[j].OffsetDays > steps[i].OffsetDays
		}
	}
	return false
}

// move swaps step i of sc with its neighbour (delta -1: up, +1: down).
func (s *scenarioSection) move(sc *data.Scenario, i, delta int) {
	j := i + delta
	if j < 0 || j >= len(sc.Steps) {
		return
	}
	ids := make([]int64, len(sc.Steps))
	for k, st := range sc.Steps {
		ids[k] = st.ID
	}
	ids[i], ids[j] = ids[j], ids[i]
	id := sc.ID
	s.run(func(ctx context.Context) error { return s.host.Store().ReorderSteps(ctx, id, ids) })
}

// onDeleteStep deletes a step after a confirmation that says whether it
// goes for good or stays in the history of the invoices it was done on.
func (s *scenarioSection) onDeleteStep(st data.Step) {
	args := map[string]any{"Step": kit.StepName(st), "When": stepWhen(st), "Count": s.stepUses[st.ID]}
	message := "settings.step.delete_confirm"
	if s.stepUses[st.ID] > 0 {
		message = "settings.step.delete_used"
	}
	id := st.ID
	kit.Confirm(s.host, "settings.step.delete_title", message, args,
		func(ctx context.Context) error { return s.host.Store().DeleteStep(ctx, id) })
}

// onAddStep opens the step dialog on a new step of the selected scenario.
func (s *scenarioSection) onAddStep() {
	sc := s.current()
	if sc == nil {
		return
	}
	s.openStepForm(*sc, newStepDefaults(*sc))
}

// newStepDefaults proposes a reminder by email a week after the scenario's
// last timed step, with the invoice attached.
func newStepDefaults(sc data.Scenario) data.Step {
	st := data.Step{ScenarioID: sc.ID, Channel: data.ChannelEmail, TemplateKey: "reminder_1", AttachInvoice: true, OffsetDays: 3}
	for _, prev := range sc.Steps {
		if prev.Channel != data.ChannelThankYou && prev.OffsetDays+7 > st.OffsetDays {
			st.OffsetDays = prev.OffsetDays + 7
		}
	}
	return st
}

// createStepInOrder adds a step and places it among the others by its
// offset, before the thank-you, in one transaction.
func createStepInOrder(ctx context.Context, store *data.Store, st *data.Step) error {
	return store.InTx(ctx, func(tx *data.Store) error {
		if err := tx.CreateStep(ctx, st); err != nil {
			return err
		}
		sc, err := tx.GetScenario(ctx, st.ScenarioID)
		if err != nil {
			return err
		}
		return tx.ReorderSteps(ctx, sc.ID, orderForNewStep(sc.Steps, *st))
	})
}

// orderForNewStep lists the step ids with the new one (appended last by
// the store) moved before the first step that runs later than it.
func orderForNewStep(steps []data.Step, added data.Step) []int64 {
	var others []int64
	at := -1
	for _, st := range steps {
		if st.ID == added.ID {
			continue
		}
		later := st.Channel == data.ChannelThankYou || st.OffsetDays > added.OffsetDays
		if at < 0 && later && added.Channel != data.ChannelThankYou {
			at = len(others)
		}
		others = append(others, st.ID)
	}
	if at < 0 {
		at = len(others)
	}
	ids := append([]int64{}, others[:at]...)
	ids = append(ids, added.ID)
	return append(ids, others[at:]...)
}
