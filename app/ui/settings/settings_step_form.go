package settings

import (
	"context"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"

	"relance/app/ui/kit"
	"relance/data"
)

// stepTemplates are the default templates a step can use, in the order of
// a scenario.
var stepTemplates = []string{"pre_due", "reminder_1", "call", "reminder_2", "formal_notice", "court_file", "review", "thank_you"}

// channelTemplate is the template a new step takes when its channel is
// chosen, until the user picks one.
var channelTemplate = map[data.Channel]string{
	data.ChannelEmail: "reminder_1", data.ChannelLetter: "reminder_2", data.ChannelRegisteredLetter: "formal_notice",
	data.ChannelPhoneCall: "call", data.ChannelTask: "review", data.ChannelLegalFile: "court_file",
	data.ChannelThankYou: "thank_you",
}

// stepForm is the dialog that adds or edits a step.
type stepForm struct {
	s         *scenarioSection
	base      data.Step
	form      *kit.Form
	offset    *kit.Entry
	channel   *kit.Select
	template  *kit.Select
	templates []string // the template keys, in the select's order
	deadline  *kit.Entry
	attach    *kit.Check
	statement *kit.Check
	letter    *kit.Check
	auto      *kit.Check
}

// openStepForm shows the dialog for st (a new step when st.ID is 0).
func (s *scenarioSection) openStepForm(sc data.Scenario, st data.Step) {
	f := &stepForm{s: s, base: st, form: kit.NewForm(), offset: kit.NewEntry(s.host.Window()), deadline: kit.NewEntry(s.host.Window())}
	f.offset.SetText(offsetText(st.OffsetDays))
	f.offset.PlaceHolder = offsetText(15)
	if st.DeadlineDays > 0 {
		f.deadline.SetText(strconv.Itoa(st.DeadlineDays))
	}
	f.buildChoices(st)
	f.attach = kit.NewCheck(s.host.Window(), lang.L("settings.step.attach"), nil)
	f.statement = kit.NewCheck(s.host.Window(), lang.L("settings.step.statement"), nil)
	f.letter = kit.NewCheck(s.host.Window(), lang.L("settings.step.letter"), nil)
	f.auto = kit.NewCheck(s.host.Window(), lang.L("settings.step.auto"), nil)
	f.attach.Checked, f.statement.Checked, f.letter.Checked, f.auto.Checked = st.AttachInvoice, st.IncludeStatement, st.WithLetter, st.AutoSend

	f.form.Add("offset_days", true, container.NewVBox(f.offset, settingsHint("settings.step.offset_hint")))
	f.form.Add("channel", true, f.channel)
	f.form.Add("template_key", true, f.template)
	f.form.Add("deadline_days", false, container.NewVBox(f.deadline, settingsHint("settings.step.deadline_hint")))
	f.form.Add("step_options", false, container.NewVBox(f.attach, f.statement, f.letter, f.auto))
	f.onChannel()

	title := "settings.step.edit_title"
	if st.ID == 0 {
		title = "settings.step.new_title"
	}
	fd := kit.NewFormDialog(s.host, title, f.form, fyne.NewSize(560, 520), f.submit, nil)
	fd.Show(f.offset)
}

// buildChoices makes the channel and template selects, on st's values.
func (f *stepForm) buildChoices(st data.Step) {
	channels := make([]string, len(data.Channels))
	for i, c := range data.Channels {
		channels[i] = kit.ChannelName(c)
	}
	f.templates = slices.Clone(stepTemplates)
	if st.TemplateKey != "" && !slices.Contains(f.templates, st.TemplateKey) {
		f.templates = append(f.templates, st.TemplateKey) // one of the user's own
	}
	names := make([]string, len(f.templates))
	for i, k := range f.templates {
		names[i] = kit.StepName(data.Step{TemplateKey: k})
		if names[i] == kit.ChannelName("") {
			names[i] = k
		}
	}
	f.template = kit.NewSelect(f.s.host.Window(), names, nil)
	f.template.SetSelectedIndex(slices.Index(f.templates, st.TemplateKey))
	f.channel = kit.NewSelect(f.s.host.Window(), channels, nil)
	f.channel.SetSelectedIndex(slices.Index(data.Channels, st.Channel))
	previous := st.Channel
	f.channel.OnChanged = func(string) {
		now := f.selectedChannel()
		// Follow the channel with its usual template, unless the user chose another.
		if f.selectedTemplate() == channelTemplate[previous] {
			f.template.SetSelectedIndex(slices.Index(f.templates, channelTemplate[now]))
		}
		previous = now
		f.onChannel()
	}
}

// selectedChannel is the channel chosen ("" when none).
func (f *stepForm) selectedChannel() data.Channel {
	if i := f.channel.SelectedIndex(); i >= 0 {
		return data.Channels[i]
	}
	return ""
}

// selectedTemplate is the template key chosen ("" when none).
func (f *stepForm) selectedTemplate() string {
	if i := f.template.SelectedIndex(); i >= 0 {
		return f.templates[i]
	}
	return ""
}

// onChannel enables what the channel uses: a thank-you runs on payment (no
// offset), only an email can also be printed as a letter.
func (f *stepForm) onChannel() {
	c := f.selectedChannel()
	if c == data.ChannelThankYou {
		f.offset.Disable()
	} else {
		f.offset.Enable()
	}
	if c == data.ChannelEmail {
		f.letter.Enable()
	} else {
		f.letter.SetChecked(false)
		f.letter.Disable()
	}
}

// read checks the fields and returns the step to save.
func (f *stepForm) read() (data.Step, error) {
	st := f.base
	var errs data.FieldErrors
	add := func(err error) { errs = append(errs, data.FieldErrorsOf(err)...) }
	st.Channel, st.TemplateKey = f.selectedChannel(), f.selectedTemplate()
	if st.Channel == "" {
		add(kit.RequiredError("channel"))
	}
	if st.TemplateKey == "" {
		add(kit.RequiredError("template_key"))
	}
	var err error
	if st.Channel == data.ChannelThankYou {
		st.OffsetDays = 0
	} else if st.OffsetDays, err = parseOffset("offset_days", f.offset.Text); err != nil {
		add(err)
	}
	if st.DeadlineDays, err = parseDays("deadline_days", f.deadline.Text, 0); err != nil {
		add(err)
	}
	st.AttachInvoice, st.IncludeStatement, st.WithLetter, st.AutoSend = f.attach.Checked, f.statement.Checked, f.letter.Checked, f.auto.Checked
	if len(errs) > 0 {
		return st, errs
	}
	return st, st.Validate()
}

// submit returns the write of the step: a new one placed by its date, or the update.
func (f *stepForm) submit() (func(context.Context) error, error) {
	st, err := f.read()
	if err != nil {
		return nil, err
	}
	store := f.s.host.Store()
	if st.ID == 0 {
		return func(ctx context.Context) error { return createStepInOrder(ctx, store, &st) }, nil
	}
	return func(ctx context.Context) error { return store.UpdateStep(ctx, &st) }, nil
}
