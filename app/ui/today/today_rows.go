package today

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"relance/app/dunning"
	"relance/app/mail"
	"relance/app/ui/calls"
	"relance/app/ui/kit"
	"relance/data"
)

// todaySection is one heading of the Today list, in display order.
type todaySection int

const (
	todayFailures  todaySection = iota // emails refused, interrupted or waiting for a retry (mail_today.go)
	todayInbound                       // emails that came back, clients' replies (mail_today.go)
	todayAutoSent                      // emails the unattended run sent, to acknowledge
	todayBroken                        // the first step after a broken promise
	todaySend                          // emails and thank-yous
	todayCall                          // phone calls
	todayPrint                         // letters and registered letters
	todayTasks                         // court files, scenario tasks, the owner's open tasks
	todayReceipts                      // registered letters whose receipt date is awaited
	todayDeadlines                     // claims soon (or already) time-barred
	todayCatchUp                       // steps that fell due while the app was closed, to review
	todaySectionCount
)

var todaySectionKeys = [todaySectionCount]string{"mail.today.section.failures", "mail.today.section.inbound", "mail.today.section.auto_sent", "today.section.broken", "today.section.send", "today.section.call",
	"today.section.print", "today.section.tasks", "today.section.receipts", "today.section.deadlines", "today.section.catch_up"}

var todaySectionHints = [todaySectionCount]string{"mail.today.hint.failures", "mail.today.hint.inbound", "mail.today.hint.auto_sent", "today.hint.broken", "mail.today.hint.send", "today.hint.call",
	"today.hint.print", "today.hint.tasks", "today.hint.receipts", "today.hint.deadlines", "today.hint.catch_up"}

// todaySectionOf files a group: a broken promise or a catch-up is what the
// owner must notice first, whatever the channel; otherwise the channel says
// what there is to do.
func todaySectionOf(g *dunning.Group) todaySection {
	if slices.ContainsFunc(g.Items, func(d dunning.Due) bool { return d.Resumed }) {
		return todayBroken
	}
	if g.CatchUp {
		return todayCatchUp
	}
	switch g.Channel {
	case data.ChannelEmail, data.ChannelThankYou:
		return todaySend
	case data.ChannelPhoneCall:
		return todayCall
	case data.ChannelLetter, data.ChannelRegisteredLetter:
		return todayPrint
	}
	return todayTasks
}

// todayAction is the one-click action of a row.
type todayAction int

const (
	todayMarkSent     todayAction = iota // a message the owner sent outside Relance
	todayLogCall                         // opens the call dialog
	todayDone                            // a scenario task or court file
	todayTaskDone                        // one of the owner's open tasks
	todayReviewMail                      // an email that failed or was interrupted: opens its review
	todayMailSeen                        // an email sent unattended: acknowledge it
	todayEnterReceipt                    // a registered letter: enter its receipt or avis de passage
	todayOpenDeadline                    // a claim near its time limit: open the invoice
	todayMailHeld                        // the emails on hold after an account failure: fix it, send again (mail_today.go)
	todayBounce                          // an email that came back: fix the address, send again; or dismiss
	todayReply                           // a client's reply: read, resume the reminders; or keep them paused
)

// todayActionOf is the one-click action of a step's channel.
func todayActionOf(c data.Channel) todayAction {
	switch c {
	case data.ChannelPhoneCall:
		return todayLogCall
	case data.ChannelTask, data.ChannelLegalFile:
		return todayDone
	}
	return todayMarkSent
}

// todayRow is one line of the list, a section header or a card, formatted
// once when loaded.
type todayRow struct {
	header    bool
	count     int    // header: how many cards follow
	title     string // header: the section's name; card: the client's name
	hint      string // header: what to do with the section
	step      string // the step and its channel
	invoices  string // the invoices concerned and how late they are
	warning   string // a broken promise, a catch-up
	contact   string // where the message goes, whom to call
	why       string // why the action comes where it does (dunning.Priority)
	noContact bool   // the contact the channel needs is missing
	total     string
	icon      fyne.Resource
	action    todayAction
	invoiceID int64 // the invoice a click on the name opens; 0: none
	group     dunning.Group
	task      data.Task
	section   todaySection       // header: which section it heads
	sendable  bool               // an email Relance can send (Send button, selection box)
	selected  bool               // picked for "Send selected"
	outbox    data.OutboxMessage // todayReviewMail, todayMailSeen: the email
	letter    int64              // todayEnterReceipt: the registered letter's action
	bounce    data.BouncedEmail  // todayBounce: the email that came back
	reply     data.ClientReply   // todayReply: the reply and the invoices it paused
	// messageable: the client has a mobile or a LinkedIn profile, where
	// "Copy message" writes to (calls.CopyMessage).
	messageable bool
}

// todayFacts are the plan and what the rows say besides it.
type todayFacts struct {
	plan     *dunning.Plan
	today    data.Date
	tasks    []data.Task // open and due
	clients  map[int64]data.Client
	promises map[int64]data.Promise // the last promise of invoices resumed after one broke
	mail     mailFacts              // the outbox: failures, unattended sends, steps already queued
}

// buildTodayRows lays the plan's groups and the open tasks out in
// sections, leaving empty sections out; it also returns the number of
// actions (cards).
func buildTodayRows(in todayFacts) ([]todayRow, int) {
	var sections [todaySectionCount][]todayRow
	for i := range in.plan.Groups {
		g := &in.plan.Groups[i]
		if in.mail.carries(g) {
			continue // its email is in the outbox: shown there, not as a step to do
		}
		sec := todaySectionOf(g)
		sections[sec] = append(sections[sec], in.groupRow(g))
	}
	for _, t := range in.tasks {
		sections[todayTasks] = append(sections[todayTasks], in.taskRow(t))
	}
	for _, r := range in.plan.Receipts {
		sections[todayReceipts] = append(sections[todayReceipts], in.receiptRow(r))
	}
	for _, a := range in.plan.Prescriptions {
		sections[todayDeadlines] = append(sections[todayDeadlines], in.deadlineRow(a))
	}
	in.addMailRows(&sections)
	actions := 0
	for _, list := range sections {
		actions += len(list)
	}
	rows := make([]todayRow, 0, actions+int(todaySectionCount))
	for sec, list := range sections {
		if len(list) == 0 {
			continue
		}
		rows = append(rows, todayRow{header: true, count: len(list), title: lang.L(todaySectionKeys[sec]),
			hint: lang.L(todaySectionHints[sec]), section: todaySection(sec)})
		rows = append(rows, list...)
	}
	return rows, actions
}

// groupRow formats one group of the plan as a card.
func (in *todayFacts) groupRow(g *dunning.Group) todayRow {
	c := in.clients[g.ClientID]
	r := todayRow{title: c.Name, step: todayStepText(g.Lead.Step), invoices: todayInvoices(g.Items),
		warning: in.warning(g), icon: todayChannelIcon(g.Channel), action: todayActionOf(g.Channel),
		invoiceID: g.Lead.InvoiceID, group: *g, sendable: mail.Sendable(*g)}
	r.contact, r.noContact = todayContact(c, g.Lead.Step)
	r.messageable = calls.CanMessage(c)
	if g.Total > 0 {
		r.total = kit.Money(g.Total)
		r.why = todayPriorityText(g)
	}
	return r
}

// todayPriorityText says why an action comes where it does, beside the
// amount the card shows: "priorité : montant × 2 (note D) · attend depuis
// 3 jours".
func todayPriorityText(g *dunning.Group) string {
	p := g.Priority
	risk := lang.L("today.priority.grade", map[string]any{"Grade": p.Grade})
	if p.Grade == "" {
		risk = lang.L("today.priority.no_grade")
	}
	why := lang.L("today.priority", map[string]any{"Weight": kit.Decimal(p.Risk), "Risk": risk})
	if p.Waited > 0 {
		why += lang.N("today.priority.waited", p.Waited, map[string]any{"Days": p.Waited})
	}
	return why
}

// todayStepText names a step and its channel: "First reminder · Email".
func todayStepText(st data.Step) string {
	channel := kit.ChannelName(st.Channel)
	if st.Channel == data.ChannelEmail && st.WithLetter {
		channel = lang.L("today.channel.email_letter")
	}
	if name := kit.StepName(st); name != channel {
		return name + " · " + channel
	}
	return channel
}

// todayInvoiceLimit: a card names this many invoices, then counts the rest.
const todayInvoiceLimit = 3

// todayInvoices lists a group's invoices with how late each is.
func todayInvoices(items []dunning.Due) string {
	parts := make([]string, 0, min(len(items), todayInvoiceLimit)+1)
	for i, d := range items {
		if i == todayInvoiceLimit {
			rest := len(items) - i
			parts = append(parts, lang.N("today.invoice.more", rest, map[string]any{"Count": rest}))
			break
		}
		parts = append(parts, d.Number+" · "+todayLateness(d))
	}
	return strings.Join(parts, ", ")
}

// todayLateness says where an invoice stands: days late, not yet due, paid.
func todayLateness(d dunning.Due) string {
	var text string
	switch {
	case d.Step.Channel == data.ChannelThankYou:
		text = lang.L("today.invoice.paid")
	case d.DaysLate > 0:
		text = lang.N("today.invoice.late", d.DaysLate, map[string]any{"Days": d.DaysLate})
	case d.Step.OffsetDays < 0:
		text = lang.L("today.invoice.not_due")
	default:
		text = lang.L("today.invoice.due_today")
	}
	if d.InstalmentID != 0 {
		text += " · " + lang.L("today.invoice.instalment")
	}
	return text
}

// warning says why a group needs a second look: the promise it follows
// was broken, or it stands for steps missed while the app was closed.
func (in *todayFacts) warning(g *dunning.Group) string {
	for _, d := range g.Items {
		if !d.Resumed {
			continue
		}
		// A resumed invoice follows its latest promise, broken: the plan
		// says so even before the day's start recorded it as broken.
		if p, ok := in.promises[d.InvoiceID]; ok && p.Status != data.PromiseKept {
			return lang.L("today.warning.broken", map[string]any{"Date": kit.Date(p.PromisedOn), "Amount": kit.Money(p.Amount)})
		}
		return lang.L("today.warning.broken_unknown")
	}
	if !g.CatchUp {
		return ""
	}
	var passed []string
	for _, d := range g.Items {
		for _, st := range d.Passed {
			if name := kit.StepName(st); !slices.Contains(passed, name) {
				passed = append(passed, name)
			}
		}
	}
	if len(passed) > 0 {
		return lang.L("today.warning.catch_up_passed", map[string]any{"Steps": strings.Join(passed, ", ")})
	}
	return lang.L("today.warning.catch_up_late", map[string]any{"Date": kit.Date(g.Lead.Planned)})
}

// todayContact is what the owner needs to act on a step: the address the
// email goes to, the number to call, the postal address; and whether it
// is missing from the client's record.
func todayContact(c data.Client, st data.Step) (string, bool) {
	var value, missing string
	switch st.Channel {
	case data.ChannelEmail, data.ChannelThankYou:
		value, missing = c.Email, "today.contact.no_email"
	case data.ChannelPhoneCall:
		value, missing = c.Phone, "today.contact.no_phone"
		if value == "" && c.Mobile != "" {
			value = c.Mobile // the mobile is a number to call too
		}
	case data.ChannelLetter, data.ChannelRegisteredLetter:
		value, missing = strings.Join(c.Address.Lines(), ", "), "today.contact.no_address"
	case data.ChannelLegalFile:
		if c.SIREN != "" {
			return lang.L("today.contact.siren", map[string]any{"SIREN": c.SIREN}), false
		}
		return "", false
	default:
		return "", false
	}
	if value == "" {
		return lang.L(missing), true
	}
	if c.ContactName != "" {
		value += " · " + c.ContactName
	}
	if st.Channel == data.ChannelPhoneCall {
		if value == c.Mobile {
			c.Mobile = "" // said already
		}
		if other := calls.OtherChannels(c); other != "" {
			value += " · " + other
		}
	}
	return value, false
}

// taskRow formats one of the owner's open tasks as a card; a task to fix
// a client's contact details shows the details as they stand.
func (in *todayFacts) taskRow(t data.Task) todayRow {
	c := in.clients[t.ClientID]
	r := todayRow{title: c.Name, step: todayTaskName(t.Kind), invoices: t.Note, icon: theme.ListIcon(),
		action: todayTaskDone, invoiceID: t.InvoiceID, task: t}
	if r.title == "" {
		r.title = lang.L("today.task.title")
	}
	if r.invoices == "" {
		r.invoices = lang.L("today.task.since", map[string]any{"Date": kit.Date(t.DueOn)})
	}
	if t.Kind == "fix_contact" {
		r.icon = theme.AccountIcon()
		r.contact = strings.Join(slices.DeleteFunc([]string{c.Phone, c.Email}, func(s string) bool { return s == "" }), " · ")
		if r.contact == "" {
			r.contact, r.noContact = lang.L("today.contact.none"), true
		}
	}
	return r
}

// receiptRow asks for the receipt date of a registered letter: until it
// is entered, its deadline (and the court file) waits for the 15 days La
// Poste holds a letter.
func (in *todayFacts) receiptRow(r dunning.AwaitingReceipt) todayRow {
	return todayRow{title: in.clients[r.ClientID].Name, icon: theme.MailComposeIcon(), action: todayEnterReceipt,
		invoiceID: r.InvoiceID, letter: r.ActionID,
		step:     lang.L("today.receipt.step", map[string]any{"Date": kit.Date(r.SentOn)}),
		invoices: lang.L("today.receipt.invoice", map[string]any{"Number": r.Number})}
}

// deadlineRow warns that an unpaid invoice's claim is soon time-barred
// (60 days ahead, urgently from 15), or already is.
func (in *todayFacts) deadlineRow(a dunning.PrescriptionAlert) todayRow {
	r := todayRow{title: in.clients[a.ClientID].Name, icon: theme.WarningIcon(), action: todayOpenDeadline,
		invoiceID: a.InvoiceID, total: kit.Money(a.Outstanding), invoices: a.Number}
	switch {
	case a.Expired:
		r.step = lang.L("today.deadline.expired", map[string]any{"Date": kit.Date(a.Deadline)})
		r.warning = lang.L("today.deadline.expired_hint")
	case a.DaysLeft <= dunning.PrescriptionUrgentDays:
		r.step = lang.N("today.deadline.soon", a.DaysLeft, map[string]any{"Date": kit.Date(a.Deadline), "Days": a.DaysLeft})
		r.warning = lang.L("today.deadline.urgent")
	default:
		r.step = lang.N("today.deadline.soon", a.DaysLeft, map[string]any{"Date": kit.Date(a.Deadline), "Days": a.DaysLeft})
	}
	return r
}

// todayTaskName says what an open task asks for.
func todayTaskName(kind string) string {
	switch kind {
	case "fix_contact":
		return lang.L("today.task.fix_contact")
	case "review":
		return lang.L("today.task.review")
	case data.TaskObtainPO:
		return lang.L("today.task.obtain_po")
	}
	return kit.ChannelName(data.ChannelTask)
}

// todayChannelIcon pictures a step's channel.
func todayChannelIcon(c data.Channel) fyne.Resource {
	switch c {
	case data.ChannelEmail:
		return theme.MailSendIcon()
	case data.ChannelThankYou:
		return theme.MailReplyIcon()
	case data.ChannelLetter, data.ChannelRegisteredLetter:
		return theme.DocumentPrintIcon()
	case data.ChannelPhoneCall:
		return todayPhoneIcon
	case data.ChannelLegalFile:
		return theme.FolderIcon()
	}
	return theme.ListIcon()
}

// todayPhoneIcon is a handset (Material Design "call", Apache 2.0): Fyne's
// theme has no phone icon. Themed, it takes the theme's foreground colour.
var todayPhoneIcon = theme.NewThemedResource(fyne.NewStaticResource("phone.svg", []byte(
	`<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24"><path fill="#000000" d="M20.01 15.38c-1.23 0-2.42-.2-3.53-.56-.35-.12-.74-.03-1.01.24l-1.57 1.97c-2.83-1.35-5.48-3.9-6.89-6.83l1.95-1.66c.27-.28.35-.67.24-1.02-.37-1.11-.56-2.3-.56-3.53 0-.54-.45-.99-.99-.99H4.19C3.65 3 3 3.24 3 3.99 3 13.28 10.73 21 20.01 21c.71 0 .99-.63.99-1.18v-3.45c0-.54-.45-.99-.99-.99z"/></svg>`)))
