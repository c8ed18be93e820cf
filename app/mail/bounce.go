package mail

import (
	"bufio"
	"bytes"
	"cmp"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"net/textproto"
	"regexp"
	"strings"
)

// Bounce is a delivery failure a mail server sent back about one of our
// emails: which email (its Message-ID), to whom, and why.
type Bounce struct {
	MessageID  string // of the email that bounced, without the angle brackets
	Recipient  string // the address that failed, when the report names it
	Status     string // the enhanced status code (RFC 3463), "5.1.1"; "" when unknown
	Diagnostic string // the remote server's own words
	Reason     BounceReason
}

// BounceReason is why an email bounced, in a few kinds the window says in
// the owner's words (key "mail.bounce.<reason>").
type BounceReason string

// The reasons of a bounce, from the enhanced status code (RFC 3463) or,
// failing one, the server's words.
const (
	BounceNoSuchAddress BounceReason = "no_such_address" // 5.1.1, 5.1.0: the mailbox does not exist
	BounceNoSuchDomain  BounceReason = "no_such_domain"  // 5.1.2, 5.4.4: the domain does not exist or takes no mail
	BounceMailboxFull   BounceReason = "mailbox_full"    // 5.2.2 (or 4.2.2 given up)
	BounceMailboxOff    BounceReason = "mailbox_off"     // 5.2.1: disabled
	BounceRefused       BounceReason = "refused"         // 5.7.x: refused by policy (spam filter, sender not allowed)
	BounceTooLarge      BounceReason = "too_large"       // 5.3.4, 5.2.3
	BounceOther         BounceReason = "other"
)

// BounceReasons lists every reason, for the catalogue tests.
var BounceReasons = []BounceReason{BounceNoSuchAddress, BounceNoSuchDomain, BounceMailboxFull, BounceMailboxOff, BounceRefused,
	BounceTooLarge, BounceOther}

// reasonOf classifies an enhanced status code.
func reasonOf(status, diagnostic string) BounceReason {
	switch {
	case status == "5.1.1", status == "5.1.0", status == "5.1.10":
		return BounceNoSuchAddress
	case status == "5.1.2", status == "5.4.4", status == "5.4.310":
		return BounceNoSuchDomain
	case status == "5.2.2", status == "4.2.2":
		return BounceMailboxFull
	case status == "5.2.1":
		return BounceMailboxOff
	case status == "5.3.4", status == "5.2.3":
		return BounceTooLarge
	case strings.HasPrefix(status, "5.7."):
		return BounceRefused
	}
	d := strings.ToLower(diagnostic)
	switch {
	case containsAny(d, "user unknown", "no such user", "does not exist", "unknown user", "mailbox unavailable",
		"recipient address rejected", "n'existe pas", "adresse inconnue"):
		return BounceNoSuchAddress
	case containsAny(d, "host not found", "domain not found", "no mx", "name or service not known"):
		return BounceNoSuchDomain
	case containsAny(d, "mailbox full", "quota", "over quota", "boîte pleine", "boite pleine"):
		return BounceMailboxFull
	}
	return BounceOther
}

func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// ParseBounce reads a message from the inbox and, when it is a delivery
// failure report, returns what it says. It reads the standard form
// (multipart/report; report-type=delivery-status, RFC 3464) and the common
// others: an Exim or qmail text report with the original headers quoted,
// Exchange's "Undeliverable:" with the original message attached. A
// report of a delay ("Action: delayed"), not a failure, is no bounce.
// ok is false for any other message.
func ParseBounce(raw []byte) (b Bounce, ok bool) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Bounce{}, false
	}
	mediaType, params, _ := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	body, err := io.ReadAll(io.LimitReader(msg.Body, maxBounceBytes))
	if err != nil {
		return Bounce{}, false
	}
	if mediaType == "multipart/report" && strings.EqualFold(params["report-type"], "delivery-status") {
		b, ok = parseReport(body, params["boundary"])
	} else if looksLikeBounce(msg.Header) {
		b, ok = parseTextBounce(msg.Header, body, params["boundary"])
	}
	if !ok || b.MessageID == "" {
		return Bounce{}, false
	}
	b.Reason = reasonOf(b.Status, b.Diagnostic)
	return b, true
}

// maxBounceBytes bounds what is read of one message: a report with the
// whole original attached (a letter's PDF) needs only its first part and
// the original's headers.
const maxBounceBytes = 2 << 20

// looksLikeBounce: a failure notice without the standard structure, by its
// sender or subject (the forms of Exim, qmail, older Exchange and Gmail).
func looksLikeBounce(h mail.Header) bool {
	from := strings.ToLower(h.Get("From"))
	subject := strings.ToLower(h.Get("Subject"))
	return h.Get("X-Failed-Recipients") != "" || strings.Contains(from, "mailer-daemon") || strings.Contains(from, "postmaster") ||
		containsAny(subject, "undelivered mail", "delivery status notification (failure)", "mail delivery failed",
			"undeliverable:", "non remis", "failure notice", "returned mail", "delivery failure")
}

// parseReport reads the parts of a multipart/report: the machine-readable
// message/delivery-status, and the original's headers.
func parseReport(body []byte, boundary string) (Bounce, bool) {
	var b Bounce
	failed := false
	r := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		part, err := r.NextPart()
		if err != nil {
			break
		}
		data, err := io.ReadAll(io.LimitReader(part, maxBounceBytes))
		if err != nil {
			break
		}
		switch mt, _, _ := mime.ParseMediaType(part.Header.Get("Content-Type")); mt {
		case "message/delivery-status", "message/global-delivery-status":
			failed = readDeliveryStatus(data, &b)
		case "message/rfc822", "text/rfc822-headers", "message/rfc822-headers", "message/global", "message/global-headers":
			if id := headerMessageID(data); id != "" {
				b.MessageID = id
			}
		}
	}
	return b, failed
}

// readDeliveryStatus reads the per-message and per-recipient fields of a
// delivery status (RFC 3464): blocks of header fields separated by blank
// lines. It reports whether a recipient failed (a delay is not a failure);
// the first that failed is kept.
func readDeliveryStatus(data []byte, b *Bounce) (failed bool) {
	tp := textproto.NewReader(bufio.NewReader(bytes.NewReader(data)))
	for {
		fields, err := tp.ReadMIMEHeader()
		if len(fields) > 0 && strings.EqualFold(strings.TrimSpace(fields.Get("Action")), "failed") && !failed {
			failed = true
			b.Recipient = addressOf(cmp.Or(strings.TrimSpace(fields.Get("Final-Recipient")), fields.Get("Original-Recipient")))
			b.Status = strings.TrimSpace(fields.Get("Status"))
			b.Diagnostic = afterType(fields.Get("Diagnostic-Code"))
		}
		if err != nil {
			return failed
		}
	}
}

// parseTextBounce reads a report in prose: the failed address from
// X-Failed-Recipients or the text, the status and the words from the
// text, the original's Message-ID from the quoted headers (or an attached
// original).
func parseTextBounce(h mail.Header, body []byte, boundary string) (Bounce, bool) {
	text := body
	if boundary != "" { // the prose and the original, as parts
		var all []byte
		r := multipart.NewReader(bytes.NewReader(body), boundary)
		for {
			part, err := r.NextPart()
			if err != nil {
				break
			}
			data, _ := io.ReadAll(io.LimitReader(part, maxBounceBytes))
			all = append(append(all, data...), '\n')
		}
		text = all
	}
	b := Bounce{MessageID: quotedMessageID(text)}
	b.Recipient = addressOf(h.Get("X-Failed-Recipients"))
	if b.Recipient == "" {
		if m := angleAddress.FindSubmatch(text); m != nil {
			b.Recipient = string(m[1])
		}
	}
	if m := enhancedStatus.FindSubmatch(text); m != nil {
		b.Status = string(m[1])
	}
	if m := smtpReply.FindSubmatch(text); m != nil {
		b.Diagnostic = strings.TrimSpace(string(m[0]))
	}
	return b, b.MessageID != ""
}

var (
	// The original's Message-ID, in quoted headers ("Message-ID: <...>").
	quotedID = regexp.MustCompile(`(?im)^\s*message-id:\s*<([^>\s]+)>`)
	// An enhanced status code after a 4xx/5xx reply, or alone.
	enhancedStatus = regexp.MustCompile(`\b([45]\.\d{1,3}\.\d{1,3})\b`)
	// A remote server's reply line: "550 5.1.1 <x@y>: Recipient address rejected".
	smtpReply = regexp.MustCompile(`(?m)\b[45]\d\d[ -][45]\.\d{1,3}\.\d{1,3}[^\r\n]*`)
	// The first address in angle brackets.
	angleAddress = regexp.MustCompile(`<([^<>@\s]+@[^<>\s]+)>`)
)

func quotedMessageID(text []byte) string {
	if m := quotedID.FindSubmatch(text); m != nil {
		return string(m[1])
	}
	return ""
}

// headerMessageID is the Message-ID of a message or of its headers alone.
func headerMessageID(data []byte) string {
	tp := textproto.NewReader(bufio.NewReader(bytes.NewReader(data)))
	h, _ := tp.ReadMIMEHeader()
	id := strings.TrimSpace(h.Get("Message-Id"))
	return strings.Trim(id, "<>")
}

// addressOf reads "rfc822; x@client.fr" (a DSN's address field) or a bare
// address list's first address.
func addressOf(field string) string {
	field = afterType(field)
	if a, err := mail.ParseAddress(field); err == nil {
		return a.Address
	}
	return strings.Trim(strings.TrimSpace(strings.Split(field, ",")[0]), "<>")
}

// afterType drops a DSN field's type ("smtp; ", "rfc822; ").
func afterType(field string) string {
	if i := strings.IndexByte(field, ';'); i >= 0 {
		return strings.TrimSpace(field[i+1:])
	}
	return strings.TrimSpace(field)
}
