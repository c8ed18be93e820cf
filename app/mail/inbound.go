package mail

import (
	"bytes"
	"mime"
	"net/mail"
	"regexp"
	"strings"
)

// InboundKind is what a message found in the inbox is to Relance.
type InboundKind string

// The kinds of inbound messages.
const (
	InboundBounce    InboundKind = "bounce"     // a delivery failure of one of our emails
	InboundReply     InboundKind = "reply"      // the client answered one of our emails
	InboundAutoReply InboundKind = "auto_reply" // an out-of-office or other automatic answer: no pause
	InboundOther     InboundKind = "other"      // nothing of ours
)

// Inbound is a message of the inbox as Relance reads it.
type Inbound struct {
	Kind      InboundKind
	MessageID string // its own
	From      string // the sender's address
	Subject   string
	RefersTo  []string // the Message-IDs it answers (In-Reply-To, then References), without angle brackets
	Bounce    Bounce   // InboundBounce: what failed
}

// ClassifyInbound reads a message of the inbox: a bounce (ParseBounce), an
// automatic answer (RFC 3834's Auto-Submitted, the headers Exchange and
// others set, or an out-of-office subject), or a reply. Whether a reply
// answers one of our emails is the caller's to decide, from RefersTo (our
// Message-IDs) or an invoice number in the subject. ok is false when raw
// is no message.
func ClassifyInbound(raw []byte) (in Inbound, ok bool) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Inbound{}, false
	}
	h := msg.Header
	in = Inbound{MessageID: strings.Trim(strings.TrimSpace(h.Get("Message-Id")), "<>"), Subject: decodeHeader(h.Get("Subject"))}
	if a, err := mail.ParseAddress(h.Get("From")); err == nil {
		in.From = a.Address
	}
	in.RefersTo = messageIDs(h.Get("In-Reply-To") + " " + h.Get("References"))
	switch b, isBounce := ParseBounce(raw); {
	case isBounce:
		in.Kind, in.Bounce = InboundBounce, b
	case isAutoReply(h, in.Subject):
		in.Kind = InboundAutoReply
	case len(in.RefersTo) > 0 || replySubject.MatchString(in.Subject):
		in.Kind = InboundReply
	default:
		in.Kind = InboundOther
	}
	return in, true
}

var (
	idInBrackets = regexp.MustCompile(`<([^<>\s]+)>`)
	// "Re:", "RE :", "Réf :", "AW:", "Antw:", "TR:" (a forward is no reply, but is read as one: the client wrote).
	replySubject = regexp.MustCompile(`(?i)^\s*(re|ré|réf|aw|antw|sv|tr|fwd?)\s*:`)
	// Subjects of automatic answers, in French and English.
	autoSubject = regexp.MustCompile(`(?i)(out of (the )?office|automatic reply|auto(matic)?[- ]?reply|autoreply|` +
		`réponse automatique|absence|absent du bureau|message d'absence|congés)`)
)

// messageIDs lists the Message-IDs of In-Reply-To and References, in order,
// once each.
func messageIDs(fields string) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range idInBrackets.FindAllStringSubmatch(fields, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	return out
}

// isAutoReply recognises an automatic answer: Auto-Submitted other than
// "no" (RFC 3834), the headers Exchange (X-Auto-Response-Suppress is set
// on what it sends itself, X-MS-Exchange-Inbox-Rules-Loop) and other
// servers (X-Autoreply, X-Autorespond, Precedence: auto_reply) add, or an
// out-of-office subject.
func isAutoReply(h mail.Header, subject string) bool {
	if v := strings.ToLower(strings.TrimSpace(h.Get("Auto-Submitted"))); v != "" && v != "no" {
		return true
	}
	if h.Get("X-Autoreply") != "" || h.Get("X-Autorespond") != "" || h.Get("X-MS-Exchange-Inbox-Rules-Loop") != "" {
		return true
	}
	switch strings.ToLower(strings.TrimSpace(h.Get("Precedence"))) {
	case "auto_reply", "bulk", "junk":
		return true
	}
	return autoSubject.MatchString(subject)
}

// decodeHeader decodes an encoded-word header (=?UTF-8?Q?...?=), or gives
// it as it is.
func decodeHeader(v string) string {
	if d, err := new(mime.WordDecoder).DecodeHeader(v); err == nil {
		return d
	}
	return v
}
