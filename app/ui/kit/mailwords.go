package kit

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"relance/app/drafting"
	"relance/app/mail"
	"relance/app/oauth"
	"relance/data"
	"relance/documents"
)

// MailCauseText explains a mail failure in one sentence of the user's
// language: what happened and what to do, then the server's own words
// when it gave some.
func MailCauseText(err error) string {
	var e *mail.Error
	if !errors.As(err, &e) {
		return MailErrorSentence(err)
	}
	text := lang.L("mail.cause." + string(e.Cause))
	if e.Server != "" && (e.Code != 0 || e.Cause == mail.CauseUnknown || e.Cause == mail.CauseSentCopy) {
		text += " " + lang.L("mail.server_said", map[string]any{"Words": mailServerWords(e.Code, e.Server)})
	}
	return text
}

// mailServerWords is the server's reply as it said it: "535 5.7.8 ...".
func mailServerWords(code int, words string) string {
	words = strings.TrimSpace(words)
	if code != 0 {
		return strings.TrimSpace(strconv.Itoa(code) + " " + words)
	}
	return words
}

// MailErrorSentence is the sentence of an error that is not a connection
// failure: the invoice cannot be reminded any more, the demo book, ...
func MailErrorSentence(err error) string {
	var ns *data.NotSendableError
	switch {
	case errors.As(err, &ns):
		return MailNotSendableText(ns)
	case errors.Is(err, mail.ErrDemoBook):
		return lang.L("mail.error.demo")
	case errors.Is(err, mail.ErrNoRecipient):
		return lang.L("mail.error.no_recipient")
	case errors.Is(err, mail.ErrContactToCheck):
		return lang.L("mail.contact.batch")
	case errors.Is(err, context.Canceled):
		return lang.L("mail.error.cancelled")
	}
	return ErrorSentence(err)
}

// MailNotSendableText says why an invoice's reminder was stopped.
func MailNotSendableText(ns *data.NotSendableError) string {
	args := map[string]any{"Number": ns.Number}
	switch ns.Reason {
	case data.NotSendablePaid:
		return lang.L("mail.stopped.paid", args)
	case data.NotSendablePaused:
		return lang.L("mail.stopped.paused", args)
	case data.NotSendableDone:
		return lang.L("mail.stopped.done", args)
	case data.NotSendableQueued:
		return lang.L("mail.stopped.queued", args)
	case data.NotSendableState:
		args["State"] = lang.L("state." + string(ns.State))
		return lang.L("mail.stopped.state", args)
	}
	return lang.L("mail.stopped.not_found", args)
}

// MailKeychainText says in the owner's words why the keychain could not
// be used; its own words (a D-Bus message on Linux) are in the log.
func MailKeychainText(err error) string {
	return lang.L("mail.keychain." + string(mail.TroubleOf(err)))
}

// letterRefusal is the sentence of a printing error: a template to fix
// (with where), a document that does not apply.
func letterRefusal(err error) (string, bool) {
	var pe *documents.PartError
	switch {
	case errors.As(err, &pe):
		return lang.L("letters.error.template", map[string]any{"Line": pe.Err.Line, "Col": pe.Err.Col, "Name": pe.Err.Name}), true
	case errors.Is(err, documents.ErrNoStatement):
		return lang.L("letters.error.not_late"), true
	case errors.Is(err, drafting.ErrNothingOwed):
		return lang.L("letters.error.nothing_owed"), true
	case errors.Is(err, documents.ErrNoLetter):
		return lang.L("letters.error.no_letter"), true
	case errors.Is(err, documents.ErrNoIBAN):
		return lang.L("letters.error.no_iban"), true
	}
	return "", false
}

// MailSecretKind is the kind of secret the account signs in with.
func MailSecretKind(a *data.MailAccount) string {
	if a.OAuthProvider != "" {
		return mail.SecretRefresh
	}
	if a.OAuth() {
		return mail.SecretToken
	}
	return mail.SecretPassword
}

// MailFailureText is a stored failure as the owner reads it.
func MailFailureText(m data.OutboxMessage) string {
	return MailCauseText(&mail.Error{Cause: mail.Cause(m.ErrorCause), Code: m.ErrorCode, Server: m.LastError,
		Err: errors.New(m.LastError)})
}

// MailWhen writes an instant for a card: the day and the time.
func MailWhen(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	local := t.Local()
	return Date(data.DateOf(local)) + " " + local.Format("15:04")
}

// SignInErrorText says why a sign-in with the mail provider did not end
// well, in the owner's words.
func SignInErrorText(err error) string {
	var pe *oauth.ProviderError
	switch {
	case errors.Is(err, oauth.ErrDenied):
		text := lang.L("mail.signin.denied")
		if errors.As(err, &pe) && pe.Description != "" {
			text += " " + lang.L("mail.server_said", map[string]any{"Words": pe.Description})
		}
		return text
	case errors.Is(err, oauth.ErrNoAnswer):
		return lang.L("mail.signin.no_answer")
	case errors.Is(err, oauth.ErrState):
		return lang.L("mail.signin.state")
	case errors.Is(err, oauth.ErrNoRefresh):
		return lang.L("mail.signin.no_refresh")
	case errors.Is(err, oauth.ErrNoClientID):
		return lang.L("mail.signin.no_client_id")
	case errors.Is(err, context.Canceled):
		return lang.L("mail.signin.cancelled")
	case errors.As(err, &pe):
		return lang.L("mail.signin.refused", map[string]any{"Words": pe.Error()})
	}
	return MailCauseText(err)
}

// BounceText says why an email came back, in the owner's words: "the
// address x@client.fr does not exist". A reason the window does not know
// reads as "could not be delivered".
func BounceText(reason, address string) string {
	key := "mail.bounce." + reason
	switch reason {
	case "no_such_address", "no_such_domain", "mailbox_full", "mailbox_off", "refused", "too_large":
	default:
		key = "mail.bounce.other"
	}
	return lang.L(key, map[string]any{"Address": address})
}
