package mailui

import (
	"context"
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/net/html"

	"relance/app/mail"
	"relance/app/ui/kit"
	"relance/data"
)

// Deliver sends queued messages off the UI goroutine, then calls done
// on the UI goroutine. When no password is known (a computer without a
// keychain, a first send), it asks for it once and goes on.
func (m *Mailer) Deliver(ids []int64, done func([]mail.Result, error)) {
	m.DeliverCtx(context.Background(), ids, nil, done)
}

// DeliverCtx is mailDeliver with a context that cancels the rest of a
// batch and a progress callback (called off the UI goroutine).
func (m *Mailer) DeliverCtx(ctx context.Context, ids []int64, progress func(mail.Progress), done func([]mail.Result, error)) {
	svc := m.svc
	m.host.Async(func() {
		res, err := svc.Deliver(ctx, ids, progress)
		fyne.Do(func() {
			if errors.Is(err, mail.ErrNoSecret) {
				m.AskSecret(func(ok bool) {
					if !ok {
						done(nil, err)
						return
					}
					m.DeliverCtx(ctx, ids, progress, done)
				})
				return
			}
			done(res, err)
			m.host.Async(func() { m.ScheduleRetry(context.Background()) })
		})
	})
}

// Report tells the owner how a send went when it did not simply go:
// will be retried, refused, stopped.
func (m *Mailer) Report(res []mail.Result, err error) {
	if err != nil {
		m.Show("mail.report.title_failed", kit.MailCauseText(err))
		return
	}
	if i := slices.IndexFunc(res, func(r mail.Result) bool { return r.Held }); i >= 0 {
		m.Show("mail.report.title_held", kit.MailCauseText(res[i].Err)+"\n\n"+lang.L("mail.held.fix"))
		return
	}
	if len(res) != 1 {
		return
	}
	r := res[0]
	switch r.State {
	case data.OutboxSent:
		fyne.CurrentApp().SendNotification(fyne.NewNotification(lang.L("app.title"), lang.L("mail.report.sent", map[string]any{"To": r.To})))
	case data.OutboxQueued:
		m.Show("mail.report.title_later", kit.MailCauseText(r.Err)+"\n\n"+lang.L("mail.report.retry"))
	case data.OutboxFailed:
		m.Show("mail.report.title_failed", kit.MailCauseText(r.Err)+"\n\n"+lang.L("mail.report.see_failures"))
	default:
		m.Show("mail.report.title_stopped", kit.MailCauseText(r.Err))
	}
}

// Show is an information dialog with a title key and a sentence.
func (m *Mailer) Show(titleKey, text string) {
	l := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}
	d := dialog.NewCustom(lang.L(titleKey), lang.L("button.close"), container.NewGridWrap(fyne.NewSize(460, 150), l), m.host.Window())
	m.host.Track(d)
	d.Show()
}

// AskSecret asks for the account's password (or token) and keeps it:
// in the keychain when there is one, else in memory until Relance closes,
// saying why. ok is false when the owner cancelled.
func (m *Mailer) AskSecret(then func(ok bool)) {
	svc := m.svc
	m.host.Async(func() {
		a, err := m.host.Store().GetMailAccount(context.Background())
		fyne.Do(func() {
			if err != nil {
				m.host.ShowError(err)
				then(false)
				return
			}
			m.showSecretDialog(svc.Secrets(), a, then)
		})
	})
}

func (m *Mailer) showSecretDialog(secrets *mail.Secrets, a data.MailAccount, then func(bool)) {
	user := a.Username
	why := lang.L("mail.password.first", map[string]any{"User": user, "Host": a.Host})
	if reason := secrets.Unavailable(); reason != nil {
		why = lang.L("mail.password.no_keychain", map[string]any{"User": user, "Host": a.Host, "Reason": kit.MailKeychainText(reason)})
	}
	secret := kit.NewEntry(m.host.Window())
	secret.Password = true
	f := kit.NewForm()
	labelKey := "field.smtp_password"
	if a.OAuth() {
		labelKey = "field.smtp_token"
	}
	f.AddLabelled(labelKey, true, secret)
	intro := &widget.Label{Text: why, Wrapping: fyne.TextWrapWord}
	content := container.NewVBox(intro, f.Content())
	kind := kit.MailSecretKind(&a)
	d := dialog.NewCustomConfirm(lang.L("mail.password.title"), lang.L("mail.password.ok"), lang.L("button.cancel"),
		container.NewGridWrap(fyne.NewSize(480, 200), content), func(ok bool) {
			if !ok || secret.Text == "" {
				then(false)
				return
			}
			text := secret.Text
			m.host.Async(func() {
				if secrets.Unavailable() != nil {
					secrets.Remember(kind, &a, text)
				} else {
					secrets.Set(kind, &a, text)
				}
				fyne.Do(func() { then(true) })
			})
		}, m.host.Window())
	secret.OnSubmitted = func(string) { d.Confirm() } // Enter continues, as in any password prompt
	m.host.Track(d)
	d.Show()
	m.host.Window().Canvas().Focus(secret)
}

// mailPreviewSegments draws an HTML email body as rich text: paragraphs
// with a blank line between them, bold, line breaks, and table rows as
// lines of cells. It is a preview, not a browser: what matters is the
// words, their order and where lines break.
func mailPreviewSegments(body string) []widget.RichTextSegment {
	root, err := html.Parse(strings.NewReader(body))
	if err != nil {
		return []widget.RichTextSegment{&widget.TextSegment{Text: body}}
	}
	p := &mailPreview{}
	p.walk(root, false)
	p.endLine()
	if p.gapLast {
		p.out = p.out[:len(p.out)-1]
	}
	return p.out
}

type mailPreview struct {
	out  []widget.RichTextSegment
	line []*widget.TextSegment
	// gapLast: out ends with a blank line, which a new paragraph does not
	// repeat. Each blank line is a segment of its own: the rich text draws
	// every segment once.
	gapLast bool
}

func (p *mailPreview) walk(n *html.Node, bold bool) {
	switch {
	case n.Type == html.TextNode:
		if text := strings.Join(strings.Fields(n.Data), " "); text != "" {
			style := widget.RichTextStyleInline
			if bold {
				style = widget.RichTextStyleStrong
			}
			p.line = append(p.line, &widget.TextSegment{Text: text + " ", Style: style})
		}
		return
	case n.Type == html.ElementNode && n.Data == "br":
		p.endLine()
		return
	}
	if n.Type == html.ElementNode && (n.Data == "strong" || n.Data == "b" || n.Data == "th") {
		bold = true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		p.walk(c, bold)
		if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") && c.NextSibling != nil {
			p.line = append(p.line, &widget.TextSegment{Text: "·  ", Style: widget.RichTextStyleInline})
		}
	}
	if n.Type == html.ElementNode {
		switch n.Data {
		case "tr", "li":
			p.endLine()
		case "p", "div", "h1", "h2", "h3", "table":
			p.endParagraph()
		}
	}
}

// endLine ends the line in progress: Fyne breaks a rich text's line after
// a segment that is not inline, so the line's last segment becomes one.
func (p *mailPreview) endLine() {
	if len(p.line) == 0 {
		return
	}
	last := p.line[len(p.line)-1]
	last.Text = strings.TrimRight(last.Text, " ")
	last.Style.Inline = false
	for _, seg := range p.line {
		p.out = append(p.out, seg)
	}
	p.line = nil
	p.gapLast = false
}

// endParagraph ends the line in progress and leaves a blank line after it,
// once.
func (p *mailPreview) endParagraph() {
	p.endLine()
	if len(p.out) > 0 && !p.gapLast {
		p.out = append(p.out, &widget.TextSegment{Style: widget.RichTextStyleParagraph})
		p.gapLast = true
	}
}
