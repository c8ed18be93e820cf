package mail

import (
	"context"
	"log/slog"
	"time"

	"relance/data"
)

// SendNow sends an email that is no reminder (the open items mailed to
// the accountant) at once through the account, without the outbox: it
// pays no invoice step, so there is nothing to plan nor to send twice.
// The message is archived under the data folder first, as every email
// Relance sends is, and copied to the Sent folder when the account asks
// for it; the archive's path (relative to the data folder) is returned. A failure is an *Error that says why (ErrNotConfigured, a
// refused sign-in, a server that does not answer in time, ...), and the
// archive of an email not sent is removed.
func (s *Service) SendNow(ctx context.Context, m Message) (string, error) {
	if err := checkAddresses(&m); err != nil {
		return "", err
	}
	a, err := s.store.GetMailAccount(ctx)
	if err != nil {
		return "", err
	}
	if !a.Configured() {
		return "", ErrNotConfigured
	}
	creds, err := s.credentials(ctx, &a)
	if err != nil {
		return "", err
	}
	at := s.store.Now()
	id := newMessageID(a.FromAddress)
	raw, err := compose(&a, &m, id, at)
	if err != nil {
		return "", err
	}
	rel := archivePath(id, at)
	if err := s.files.Write(ctx, rel, raw); err != nil {
		return "", err
	}
	if err := s.sendRaw(ctx, &a, creds, recipients(&a, &m), raw); err != nil {
		if rmErr := s.files.Remove(ctx, rel); rmErr != nil {
			slog.Warn("remove the archive of an email not sent", "file", rel, "err", rmErr)
		}
		return "", err
	}
	slog.Info("email sent", "message_id", id, "to", m.To, "subject", m.Subject)
	s.copyToSentNow(ctx, &a, creds, raw, at)
	return rel, nil
}

// copyToSentNow puts the message sent in the Sent folder when the account
// asks for it, as the outbox does for reminders. A failure is logged: the
// email went, and its archive is kept.
func (s *Service) copyToSentNow(ctx context.Context, a *data.MailAccount, creds Credentials, raw []byte, at time.Time) {
	if !a.SentCopy {
		return
	}
	session, err := s.transport.dialIMAP(ctx, a, creds)
	if err == nil {
		err = session.appendSent(raw, at)
		session.close()
	}
	if err != nil {
		slog.Warn("copy to Sent folder", "err", imapError(err, a))
	}
}

// sendRaw hands one message to the account's SMTP server in a connection
// of its own.
func (s *Service) sendRaw(ctx context.Context, a *data.MailAccount, creds Credentials, to []string, raw []byte) error {
	session, err := s.transport.dialSMTP(ctx, a, creds)
	if err != nil {
		return classify(err, a.Security, a.Port)
	}
	defer session.close() //nolint:errcheck // the message is sent or the error said
	if err := session.send(a.FromAddress, to, raw); err != nil {
		return classify(err, a.Security, a.Port)
	}
	return nil
}
