package mail

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"os"
	"strings"
	"syscall"

	gosmtp "github.com/wneessen/go-mail/smtp"

	"relance/data"
)

// Cause is what went wrong with a connection or a send, in a few kinds the
// window can explain in plain words (key "mail.cause.<cause>").
type Cause string

// The causes of a failure.
const (
	CauseAuth          Cause = "auth"           // the server refused the user name or the password (535)
	CauseAuthMechanism Cause = "auth_mechanism" // no sign-in method in common with the server
	CauseTLSMismatch   Cause = "tls_mismatch"   // SSL/TLS against a STARTTLS port, or the reverse
	CauseCertificate   Cause = "certificate"    // the server's certificate is not trusted or not its own
	CauseRefused       Cause = "refused"        // nothing listens on that port (closed, or blocked)
	CauseTimeout       Cause = "timeout"        // no answer in time: port blocked by a firewall, wrong host
	CauseHost          Cause = "host"           // the server name does not exist
	CauseNetwork       Cause = "network"        // the connection broke
	CauseTemporary     Cause = "temporary"      // the server said try later (4xx)
	CauseRejected      Cause = "rejected"       // the server refused the message for good (5xx)
	CausePlaintext     Cause = "plaintext"      // would send the password unencrypted without consent
	CauseNotConfigured Cause = "not_configured" // no account set up
	CauseNoSecret      Cause = "no_secret"      // no password known for the account
	CauseSignIn        Cause = "sign_in"        // the provider's sign-in (OAuth) is missing, revoked or expired
	CauseSentCopy      Cause = "sent_copy"      // the IMAP copy to the Sent folder failed
	CauseUncertain     Cause = "uncertain"      // the connection broke after the message was written: sent or not?
	CauseStale         Cause = "stale"          // queued too long ago to be sent without the owner reading it again
	CauseUnknown       Cause = "unknown"
)

// Causes lists every cause, so that a test can check each is explained in
// every language.
var Causes = []Cause{CauseAuth, CauseAuthMechanism, CauseTLSMismatch, CauseCertificate, CauseRefused, CauseTimeout,
	CauseHost, CauseNetwork, CauseTemporary, CauseRejected, CausePlaintext, CauseNotConfigured, CauseNoSecret, CauseSignIn,
	CauseSentCopy, CauseUncertain, CauseStale, CauseUnknown}

// Error is a classified failure: its cause, the server's reply code and
// words when it answered, and the underlying error.
type Error struct {
	Cause  Cause
	Code   int    // SMTP reply code (421, 535, ...), 0 when the server did not answer
	Server string // the server's own words, or the network error
	Err    error
}

func (e *Error) Error() string {
	if e.Code != 0 {
		return fmt.Sprintf("mail: %s: %d %s", e.Cause, e.Code, e.Server)
	}
	return fmt.Sprintf("mail: %s: %v", e.Cause, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Temporary reports whether trying again later may work: the server said
// so (4xx), or the network failed on the way.
func (e *Error) Temporary() bool {
	switch e.Cause {
	case CauseTemporary, CauseTimeout, CauseNetwork, CauseRefused:
		return true
	}
	return false
}

// OnHold reports whether the account itself failed (the sign-in, the
// certificate, the TLS setting, the server's name): every email would
// fail the same way until the owner fixes it, so they wait on hold
// rather than each being marked failed.
func (e *Error) OnHold() bool {
	return e.Cause.OnHold()
}

// OnHold reports whether a failure of this cause puts the emails on hold.
func (c Cause) OnHold() bool {
	switch c {
	case CauseAuth, CauseAuthMechanism, CauseTLSMismatch, CauseCertificate, CausePlaintext, CauseHost, CauseSignIn:
		return true
	}
	return false
}

// endsBatch reports whether the rest of a batch would fail the same way:
// the account is wrong, or the server cannot be reached or stopped
// answering. Trying each email would cost a timeout apiece.
func (e *Error) endsBatch() bool {
	switch e.Cause {
	case CauseTimeout, CauseNetwork, CauseRefused:
		return true
	}
	return e.OnHold()
}

// Failure is the error as the outbox records it.
func (e *Error) Failure() data.OutboxFailure {
	return data.OutboxFailure{Cause: string(e.Cause), Code: e.Code, Text: e.Server}
}

// CauseOf returns the cause of err when it is (or wraps) an *Error.
func CauseOf(err error) Cause {
	var e *Error
	if errors.As(err, &e) {
		return e.Cause
	}
	return ""
}

// ErrNotConfigured is returned when the mail account is not set up.
var ErrNotConfigured = &Error{Cause: CauseNotConfigured, Err: errors.New("no mail account")}

// classify turns an error from a connection to acct into an *Error.
func classify(err error, security data.Security, port int) *Error {
	if err == nil {
		return nil
	}
	var already *Error
	if errors.As(err, &already) {
		return already
	}
	e := &Error{Cause: CauseUnknown, Server: err.Error(), Err: err}
	var tp *textproto.Error
	if errors.As(err, &tp) {
		e.Code, e.Server = tp.Code, tp.Msg
		e.Cause = replyCause(tp.Code)
		return e
	}
	e.Cause = networkCause(err)
	if e.Cause == CauseTimeout && security == data.SecurityStartTLS && port == 465 {
		// A plain greeting awaited on a port that speaks TLS first: the
		// server waits for a handshake that never comes.
		e.Cause = CauseTLSMismatch
	}
	return e
}

// replyCause classifies a server's reply code.
func replyCause(code int) Cause {
	switch {
	case code == 535 || code == 534 || code == 530:
		return CauseAuth
	case code == 504:
		return CauseAuthMechanism
	case code >= 400 && code < 500:
		return CauseTemporary
	case code >= 500:
		return CauseRejected
	}
	return CauseUnknown
}

// networkCause classifies an error that is not a server's reply.
func networkCause(err error) Cause {
	var rh tls.RecordHeaderError
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	var verify *tls.CertificateVerificationError
	var dns *net.DNSError
	var netErr net.Error
	text := err.Error()
	switch {
	case errors.As(err, &rh), strings.Contains(text, "does not support STARTTLS"),
		strings.Contains(text, "first record does not look like a TLS handshake"):
		return CauseTLSMismatch
	case errors.As(err, &unknownCA), errors.As(err, &hostErr), errors.As(err, &invalid), errors.As(err, &verify):
		return CauseCertificate
	case errors.Is(err, gosmtp.ErrUnencrypted):
		return CausePlaintext
	case errors.As(err, &dns):
		return CauseHost
	case errors.Is(err, syscall.ECONNREFUSED):
		return CauseRefused
	case errors.Is(err, os.ErrDeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return CauseTimeout
	case strings.Contains(text, "does not support SMTP AUTH"), strings.Contains(text, "no supported auth"),
		strings.Contains(text, "not supported by the server"):
		return CauseAuthMechanism
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.EPIPE), errors.As(err, &netErr):
		return CauseNetwork
	}
	return CauseUnknown
}
