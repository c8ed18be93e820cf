package data

import (
	"net/url"
	"strings"
)

// PaymentOptions are the ways a client may pay besides the bank transfer
// to the company's IBAN (issue 19): a letter or an email lists every one
// configured. An empty field is an option not offered.
type PaymentOptions struct {
	// LinkPattern makes one card or online payment link per invoice at the
	// owner's own payment provider: {{numero}} is replaced by the invoice
	// number and {{montant_du}} by the amount due, written 1250.00
	// (PaymentLink).
	LinkPattern string
	// ChequePayee is the name a cheque is made out to; ChequeAddress where
	// to post it (lines separated by "\n").
	ChequePayee   string
	ChequeAddress string
	// DirectDebit is what the letters say of SEPA direct debit, e.g. that
	// the client may ask for a mandate.
	DirectDebit string
}

// Placeholders of a payment-link pattern.
const (
	LinkNumber    = "numero"
	LinkAmountDue = "montant_du"
)

// PaymentLink fills pattern for one invoice: the number and the amount due
// (as 1250.00: a point, two decimals, no grouping, which any provider's
// page reads) are percent-escaped, so that a number with a space, a slash
// or an ampersand keeps the address valid wherever the pattern puts it (a
// path or a query). An empty pattern gives "" (no link offered); a pattern
// that is not an https address with only the known placeholders gives a
// FieldError on "payment_link_pattern" (ReasonLinkPattern).
func PaymentLink(pattern, number string, due Money) (string, error) {
	pattern = strings.TrimSpace(pattern)
	if pattern == "" {
		return "", nil
	}
	if err := checkLinkPattern("payment_link_pattern", pattern); err != nil {
		return "", err
	}
	return fillLink(pattern, map[string]string{LinkNumber: escapeLinkValue(number), LinkAmountDue: due.Decimal()}), nil
}

// escapeLinkValue percent-escapes everything but letters, digits and
// "-_.~" (RFC 3986's unreserved characters), a space as %20 rather than
// "+", which a path would keep as a plus.
func escapeLinkValue(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// fillLink replaces each {{name}} of pattern by values[name].
func fillLink(pattern string, values map[string]string) string {
	var b strings.Builder
	rest := pattern
	for {
		open := strings.Index(rest, "{{")
		if open < 0 {
			break
		}
		end := strings.Index(rest[open:], "}}")
		if end < 0 {
			break
		}
		b.WriteString(rest[:open])
		b.WriteString(values[strings.TrimSpace(rest[open+2:open+end])])
		rest = rest[open+end+2:]
	}
	b.WriteString(rest)
	return b.String()
}

// linkPlaceholders lists the names between {{ and }} of pattern; ok is
// false when a brace pair is left open or closed without being opened.
func linkPlaceholders(pattern string) (names []string, ok bool) {
	rest := pattern
	for {
		open := strings.Index(rest, "{{")
		if open < 0 {
			return names, !strings.Contains(rest, "}}")
		}
		if strings.Contains(rest[:open], "}}") {
			return names, false
		}
		end := strings.Index(rest[open:], "}}")
		if end < 0 {
			return names, false
		}
		names = append(names, strings.TrimSpace(rest[open+2:open+end]))
		rest = rest[open+end+2:]
	}
}

// checkLinkPattern accepts "" or an https address whose only placeholders
// are {{numero}} and {{montant_du}}, filled with sample values.
func checkLinkPattern(field, pattern string) error {
	if pattern == "" {
		return nil
	}
	bad := &FieldError{Field: field, Reason: ReasonLinkPattern, Value: pattern}
	names, ok := linkPlaceholders(pattern)
	if !ok || len(pattern) > 500 {
		return bad
	}
	for _, n := range names {
		if n != LinkNumber && n != LinkAmountDue {
			bad.Value = "{{" + n + "}}"
			return bad
		}
	}
	sample := fillLink(pattern, map[string]string{LinkNumber: "FA-1", LinkAmountDue: "1.00"})
	u, err := url.Parse(sample)
	if err != nil || strings.ContainsAny(sample, " \t\r\n") || u.Scheme != "https" || u.Host == "" || u.User != nil {
		return bad
	}
	return nil
}

func (o *PaymentOptions) validate() []error {
	o.LinkPattern = strings.TrimSpace(o.LinkPattern)
	o.ChequePayee = strings.TrimSpace(o.ChequePayee)
	o.ChequeAddress = strings.TrimSpace(o.ChequeAddress)
	o.DirectDebit = strings.TrimSpace(o.DirectDebit)
	return []error{
		checkLinkPattern("payment_link_pattern", o.LinkPattern),
		maxLen("cheque_payee", o.ChequePayee, 200),
		maxLen("cheque_address", o.ChequeAddress, 300),
		maxLen("direct_debit_text", o.DirectDebit, 500),
	}
}

// EarlyDiscount is an escompte: Rate basis points off the invoice's amount
// when it is paid at least Days days before its due date. A zero Rate is
// no discount.
//
// French law wants the conditions d'escompte stated on the invoice (Code
// de commerce L441-9); a rule changed after an invoice was issued cannot
// have been on it. So the company's rule carries the day it took effect
// (Since), and an invoice recorded with an issue date from that day on
// keeps a copy of it (Invoice.Discount): a later change never alters what
// an invoice already granted, and an older invoice never gets a discount
// its terms did not state.
type EarlyDiscount struct {
	Rate  int  // basis points: 2 % = 200
	Days  int  // paid at least so many days before the due date
	Since Date // the company's rule: the first issue date it covers
}

// On reports whether the rule grants anything.
func (d EarlyDiscount) On() bool { return d.Rate > 0 }

// Deadline is the last day a payment earns the discount on an invoice due
// on due: Days days before it.
func (d EarlyDiscount) Deadline(due Date) Date { return due.AddDays(-d.Days) }

// Of is the discount on amount, rounded to the nearest cent.
func (d EarlyDiscount) Of(amount Money) Money {
	if !d.On() {
		return 0
	}
	return Money((int64(amount)*int64(d.Rate) + 5000) / 10000)
}

func (d EarlyDiscount) validate() []error {
	if d.Rate == 0 && d.Days == 0 {
		return nil
	}
	var es []error
	if d.Rate <= 0 || d.Rate > 5000 {
		es = append(es, invalid("early_discount_rate", ReasonOutOfRange, ""))
	}
	if d.Days <= 0 || d.Days > 365 {
		es = append(es, invalid("early_discount_days", ReasonOutOfRange, ""))
	}
	return es
}

// Same reports whether two rules grant the same discount (Since aside).
func (d EarlyDiscount) Same(o EarlyDiscount) bool { return d.Rate == o.Rate && d.Days == o.Days }

// CoversIssue reports whether an invoice issued on day issue falls under
// the company's rule.
func (d EarlyDiscount) CoversIssue(issue Date) bool {
	return d.On() && (d.Since.IsZero() || !issue.Before(d.Since))
}

// DiscountDeadline is the last day a payment earns the invoice's early
// discount (zero when its terms grant none).
func (inv *Invoice) DiscountDeadline() Date {
	if !inv.Discount.On() {
		return Date{}
	}
	return inv.Discount.Deadline(inv.DueDate)
}

// DiscountAmount is what the invoice's early discount takes off its amount.
func (inv *Invoice) DiscountAmount() Money { return inv.Discount.Of(inv.Amount) }
