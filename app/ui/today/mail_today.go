package today

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"relance/app/dunning"
	"relance/app/mail"
	"relance/app/ui/kit"
	"relance/data"
)

// mailFacts is what the Today list shows of the outbox: the emails that
// need the owner (refused, interrupted, waiting for a retry), those the
// unattended run sent since the owner last looked, and the steps whose
// email is already in the outbox.
type mailFacts struct {
	// interrupted tells an email a process that died left sending.
	interrupted func(data.OutboxMessage) bool
	attention   []data.OutboxMessage
	held        []data.OutboxMessage // on hold until the account is fixed: one row for all
	unseen      []data.OutboxMessage
	bounces     []data.BouncedEmail // sent, came back, not handled yet
	replies     []data.ClientReply  // clients' replies that paused their invoices
	pending     map[data.OutboxStepKey]data.OutboxState
	names       map[int64]string // client names
}

// mailTodayFacts reads the outbox for the Today list (off the UI goroutine).
func mailTodayFacts(ctx context.Context, h Host) (mailFacts, error) {
	svc := h.Mailer().Service()
	f := mailFacts{interrupted: svc.Interrupted, names: map[int64]string{}}
	var err error
	if f.attention, err = svc.Attention(ctx); err != nil {
		return f, err
	}
	if f.held, err = svc.Held(ctx); err != nil {
		return f, err
	}
	if f.unseen, err = h.Store().ListOutboxUnseen(ctx); err != nil {
		return f, err
	}
	if f.pending, err = h.Store().ListOutboxPending(ctx); err != nil {
		return f, err
	}
	if f.bounces, err = h.Store().ListOpenBounces(ctx); err != nil {
		return f, err
	}
	if f.replies, err = h.Store().ListClientReplies(ctx); err != nil {
		return f, err
	}
	var ids []int64
	for _, list := range [][]data.OutboxMessage{f.attention, f.unseen} {
		for _, m := range list {
			ids = append(ids, m.ClientID)
		}
	}
	for _, b := range f.bounces {
		ids = append(ids, b.Message.ClientID)
	}
	for _, r := range f.replies {
		ids = append(ids, r.ClientID)
	}
	clients, err := h.Store().ListClientsByIDs(ctx, ids)
	for id, c := range clients {
		f.names[id] = c.Name
	}
	return f, err
}

// carries reports whether an email in the outbox already carries one of
// the group's steps.
func (f *mailFacts) carries(g *dunning.Group) bool {
	for _, d := range g.Items {
		if _, ok := f.pending[data.OutboxStepKey{InvoiceID: d.InvoiceID, StepID: d.Step.ID, InstalmentID: d.InstalmentID}]; ok {
			return true
		}
	}
	return false
}

// addMailRows files the outbox's emails in their sections.
func (in *todayFacts) addMailRows(sections *[todaySectionCount][]todayRow) {
	f := &in.mail
	if len(f.held) > 0 {
		sections[todayFailures] = append(sections[todayFailures], f.heldRow())
	}
	for _, m := range f.attention {
		sections[todayFailures] = append(sections[todayFailures], f.failureRow(m))
	}
	for _, m := range f.unseen {
		sections[todayAutoSent] = append(sections[todayAutoSent], f.autoSentRow(m))
	}
	for _, b := range f.bounces {
		sections[todayInbound] = append(sections[todayInbound], f.bounceRow(b))
	}
	for _, r := range f.replies {
		sections[todayInbound] = append(sections[todayInbound], f.replyRow(r))
	}
}

// bounceRow is an email that came back: why, in words, and the way on:
// fix the address and send it again.
func (f *mailFacts) bounceRow(b data.BouncedEmail) todayRow {
	r := f.mailRow(b.Message, todayBounce)
	r.icon, r.bounce = theme.ErrorIcon(), b
	r.step = lang.L("mail.today.bounced", map[string]any{"Subject": b.Message.Subject})
	r.invoices = lang.L("mail.today.bounced_when", map[string]any{"Reason": kit.BounceText(b.Reason, b.Recipient),
		"When": kit.MailWhen(b.BouncedAt)})
	r.warning = lang.L("mail.today.bounced_hint")
	if b.Recipient != "" {
		r.contact = b.Recipient
	}
	return r
}

// replyRow is a client's reply that paused its invoices until the owner
// has read it.
func (f *mailFacts) replyRow(reply data.ClientReply) todayRow {
	r := todayRow{title: f.names[reply.ClientID], icon: theme.MailReplyIcon(), action: todayReply, reply: reply,
		contact: reply.From, warning: lang.L("mail.today.replied_hint"),
		step: lang.L("mail.today.replied", map[string]any{"Subject": reply.Subject}),
		invoices: lang.L("mail.today.replied_when", map[string]any{"Invoices": strings.Join(reply.Numbers, ", "),
			"When": kit.MailWhen(reply.At)})}
	if len(reply.InvoiceIDs) > 0 {
		r.invoiceID = reply.InvoiceIDs[0]
	}
	if r.title == "" {
		r.title = reply.From
	}
	return r
}

// mailRow is the card of an email: its client, subject and recipients.
func (f *mailFacts) mailRow(m data.OutboxMessage, action todayAction) todayRow {
	r := todayRow{title: f.names[m.ClientID], step: m.Subject, contact: m.To, action: action, outbox: m,
		icon: theme.MailSendIcon()}
	if len(m.Items) > 0 {
		r.invoiceID = m.Items[0].InvoiceID
	}
	if r.title == "" {
		r.title = m.To
	}
	return r
}

// heldRow is the one card of the emails on hold: the account failed for
// all of them the same way, and one action fixes it and sends them again.
func (f *mailFacts) heldRow() todayRow {
	n := len(f.held)
	first := f.held[0]
	var to []string
	for _, m := range f.held {
		if !slices.Contains(to, m.To) {
			to = append(to, m.To)
		}
	}
	return todayRow{title: lang.N("mail.held.title", n, map[string]any{"Count": n}),
		step: lang.L("mail.held.what"), invoices: lang.L("mail.held.since", map[string]any{"When": kit.MailWhen(first.QueuedAt)}),
		warning: kit.MailFailureText(first), contact: strings.Join(to, ", "), action: todayMailHeld, outbox: first,
		icon: theme.WarningIcon()}
}

// failureRow says what went wrong with an email and what happens next.
func (f *mailFacts) failureRow(m data.OutboxMessage) todayRow {
	r := f.mailRow(m, todayReviewMail)
	r.icon = theme.ErrorIcon()
	switch {
	case f.interrupted(m):
		r.invoices = lang.L("mail.today.interrupted", map[string]any{"When": kit.MailWhen(m.SendingAt)})
	case m.State == data.OutboxQueued && m.Attempts == 0:
		r.icon = theme.HistoryIcon()
		r.invoices = lang.L("mail.today.waiting", map[string]any{"When": kit.MailWhen(m.QueuedAt)})
	case m.State == data.OutboxQueued:
		r.icon = theme.HistoryIcon()
		r.invoices = lang.L("mail.today.retrying", map[string]any{"When": kit.MailWhen(m.NextAttemptAt), "Count": m.Attempts})
	case m.ErrorCause == string(mail.CauseStale):
		r.icon = theme.HistoryIcon()
		r.invoices = lang.L("mail.today.stale", map[string]any{"When": kit.MailWhen(m.QueuedAt)})
	default:
		r.invoices = lang.L("mail.today.failed", map[string]any{"When": kit.MailWhen(m.SendingAt)})
	}
	if m.State != data.OutboxSending && m.ErrorCause != "" {
		r.warning = kit.MailFailureText(m)
	}
	return r
}

// autoSentRow reports an email the unattended run sent (or could not).
func (f *mailFacts) autoSentRow(m data.OutboxMessage) todayRow {
	r := f.mailRow(m, todayMailSeen)
	r.icon = theme.MailReplyAllIcon()
	r.invoices = lang.L("mail.today.auto_sent", map[string]any{"When": kit.MailWhen(m.SentAt)})
	return r
}

// onSendRow opens the Send dialog of a row's group.
func (s *Screen) onSendRow(row int) {
	if row < 0 || row >= len(s.rows) || s.busy[row] || !s.rows[row].sendable {
		return
	}
	s.host.Mailer().OpenSendDialog(s.rows[row].group)
}

// onPick marks a row for "Send selected" and updates the section's button.
func (s *Screen) onPick(row int, on bool) {
	if row < 0 || row >= len(s.rows) || s.rows[row].selected == on {
		return
	}
	s.rows[row].selected = on
	for i := range s.rows {
		if s.rows[i].header && s.rows[i].section == todaySend {
			s.list.RefreshItem(i)
		}
	}
}

// selectedGroups are the groups picked for "Send selected".
func (s *Screen) selectedGroups() []dunning.Group {
	var out []dunning.Group
	for _, r := range s.rows {
		if r.selected && r.sendable {
			out = append(out, r.group)
		}
	}
	return out
}

// onSendSelected sends the picked emails, each drafted from its template
// as it stands, with a progress bar and a Cancel button.
func (s *Screen) onSendSelected() {
	if groups := s.selectedGroups(); len(groups) > 0 {
		s.host.Mailer().SendBatch(groups)
	}
}

// onMailRow runs a mail card's button: review a failure, acknowledge an
// unattended send.
func (s *Screen) onMailRow(row int) {
	r := s.rows[row]
	switch r.action {
	case todayReviewMail:
		s.host.Mailer().Review(r.outbox)
	case todayMailSeen:
		id := r.outbox.ID
		s.record(row, func(ctx context.Context) error { return s.host.Store().MarkOutboxSeen(ctx, []int64{id}) })
	case todayMailHeld:
		s.host.Mailer().HeldDialog(r.outbox)
	case todayBounce:
		s.host.Mailer().FixBounce(r.bounce)
	case todayReply:
		invoices := r.reply.InvoiceIDs
		s.record(row, func(ctx context.Context) error {
			for _, id := range invoices {
				if err := s.host.Store().ResumeInvoice(ctx, id); err != nil {
					return err
				}
			}
			return nil
		})
	}
}

// onMailSecondary runs the second button of a bounce (dismiss it) or a
// reply (read, but keep the reminders paused: the pause then says so).
func (s *Screen) onMailSecondary(row int) {
	r := s.rows[row]
	switch r.action {
	case todayBounce:
		id := r.bounce.Message.ID
		s.record(row, func(ctx context.Context) error { return s.host.Store().DismissBounce(ctx, id) })
	case todayReply:
		invoices := r.reply.InvoiceIDs
		reason := lang.L("mail.today.reply_kept", map[string]any{"Date": kit.Date(s.host.Today())})
		s.record(row, func(ctx context.Context) error {
			for _, id := range invoices {
				if err := s.host.Store().PauseInvoice(ctx, id, data.Date{}, reason); err != nil {
					return err
				}
			}
			return nil
		})
	}
}
