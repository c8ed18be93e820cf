package data

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Money is an amount in euro cents. Money never goes through a float.
type Money int64

// Characters of French number formatting (CLDR "fr"): a narrow no-break space
// groups thousands and a no-break space separates the amount from the € sign,
// so that neither ever breaks across lines.
const (
	NarrowNoBreakSpace = '\u202f'
	NoBreakSpace       = '\u00a0'
)

// maxMoneyDigits bounds the integer part so that cents fit in int64 with room
// for sums of many invoices (10^15 € is far beyond any small business).
const maxMoneyDigits = 15

// Euros builds an amount from whole euros and cents: Euros(1250, 50) is 1 250,50 €.
func Euros(euros, cents int64) Money { return Money(euros*100 + cents) }

// String formats in French, as `1 250,00 €` (see FormatFR).
func (m Money) String() string { return m.FormatFR() }

// FormatFR formats the amount the French way: `1 250,00 €`, `-12,50 €`.
func (m Money) FormatFR() string {
	return m.format(string(NarrowNoBreakSpace), ",") + string(NoBreakSpace) + "€"
}

// FormatEN formats the amount for English readers: `€1,250.00`, `-€12.50`.
func (m Money) FormatEN() string {
	s := m.format(",", ".")
	if strings.HasPrefix(s, "-") {
		return "-€" + s[1:]
	}
	return "€" + s
}

// Plain formats without grouping nor symbol, French decimal comma: `1250,00`.
// It is the form an input field is prefilled with, and what ParseMoney reads back.
func (m Money) Plain() string { return m.format("", ",") }

// Decimal formats with a dot and no grouping, `1250.00`: the machine form used
// in payment QR codes and exports.
func (m Money) Decimal() string { return m.format("", ".") }

func (m Money) format(group, decimal string) string {
	neg := m < 0
	u := uint64(m)
	if neg {
		u = uint64(-m)
	}
	digits := strconv.FormatUint(u/100, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(r)
	}
	b.WriteString(decimal)
	cents := u % 100
	b.WriteByte(byte('0' + cents/10))
	b.WriteByte(byte('0' + cents%10))
	return b.String()
}

// ParseMoney reads an amount typed by a person. It accepts French and English
// habits: `1250`, `1 250,5`, `1.250,50`, `1250.50`, `1,250.50`, `1 250,00 €`,
// `EUR 12`. It refuses anything ambiguous rather than guess: groups of
// thousands must have three digits (`12,345,6` is refused) and more than two
// decimals is an error (`1.250` alone could be 1 250 € or 1,25 €, so it is
// refused with ReasonMoneyDecimals). Negative amounts are refused; use
// ParseSignedMoney where they make sense.
func ParseMoney(s string) (Money, error) {
	m, err := ParseSignedMoney(s)
	if err != nil {
		return 0, err
	}
	if m < 0 {
		return 0, invalid("amount", ReasonNegative, s)
	}
	return m, nil
}

// ParseSignedMoney is ParseMoney accepting a leading minus sign.
func ParseSignedMoney(input string) (Money, error) {
	s := strings.TrimSpace(stripCurrency(normaliseSpaces(input)))
	if s == "" {
		return 0, invalid("amount", ReasonRequired, "")
	}
	neg := false
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		s = stripCurrency(s[1:]) // "-€12.50"
	}
	intPart, frac, err := splitDecimal(s)
	if err != nil {
		return 0, invalid("amount", err.(reasonErr).reason, input)
	}
	if len(intPart) > maxMoneyDigits {
		return 0, invalid("amount", ReasonMoneyTooLarge, input)
	}
	units, _ := strconv.ParseInt(intPart, 10, 64)
	for len(frac) < 2 {
		frac += "0"
	}
	cents, _ := strconv.ParseInt(frac, 10, 64)
	total := Money(units*100 + cents)
	if neg {
		total = -total
	}
	return total, nil
}

type reasonErr struct{ reason Reason }

func (e reasonErr) Error() string { return string(e.reason) }

// splitDecimal separates the integer digits (grouping removed and checked)
// from the decimal digits (at most two).
func splitDecimal(s string) (intPart, frac string, err error) {
	decimalAt := decimalSeparatorIndex(s)
	intRaw := s
	if decimalAt >= 0 {
		intRaw, frac = s[:decimalAt], s[decimalAt+1:]
		if !allDigits(frac) || frac == "" {
			return "", "", reasonErr{ReasonMoneyFormat}
		}
		if len(frac) > 2 {
			return "", "", reasonErr{ReasonMoneyDecimals}
		}
	}
	intPart, ok := ungroup(intRaw)
	if !ok {
		return "", "", reasonErr{ReasonMoneyFormat}
	}
	if intPart == "" {
		if frac == "" {
			return "", "", reasonErr{ReasonMoneyFormat}
		}
		intPart = "0"
	}
	return intPart, frac, nil
}

// decimalSeparatorIndex finds the decimal separator: the last '.' or ','
// when it is the only one of its kind and no separator follows it. A lone
// kind repeated (`1.250.000`) is grouping, so there is no decimal part.
func decimalSeparatorIndex(s string) int {
	last := strings.LastIndexAny(s, ".,")
	if last < 0 {
		return -1
	}
	if strings.Count(s, s[last:last+1]) > 1 {
		return -1
	}
	return last
}

// ungroup removes thousands separators (space, '.', ','), checking that all
// groups after the first have exactly three digits and use one separator.
func ungroup(s string) (string, bool) {
	var sep rune
	groups := strings.FieldsFunc(s, func(r rune) bool {
		if r == ' ' || r == '.' || r == ',' {
			if sep == 0 {
				sep = r
			}
			return true
		}
		return false
	})
	if sep != 0 && strings.ContainsFunc(s, func(r rune) bool { return (r == ' ' || r == '.' || r == ',') && r != sep }) {
		return "", false
	}
	if sep != 0 && (strings.HasPrefix(s, string(sep)) || strings.HasSuffix(s, string(sep)) || strings.Contains(s, string(sep)+string(sep))) {
		return "", false
	}
	for i, g := range groups {
		if !allDigits(g) || g == "" {
			return "", false
		}
		if i > 0 && len(g) != 3 {
			return "", false
		}
		if i == 0 && len(groups) > 1 && len(g) > 3 {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}

// normaliseSpaces turns every kind of space people paste from spreadsheets and
// documents into a plain space, and collapses runs.
func normaliseSpaces(s string) string {
	if !utf8.ValidString(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case NoBreakSpace, NarrowNoBreakSpace, '\u2009', '\u2007', '\t', '\'', '’':
			return ' '
		}
		return r
	}, s)
}

func stripCurrency(s string) string {
	s = strings.TrimSpace(s)
	for _, sym := range []string{"€", "EUR", "eur", "Eur"} {
		s = strings.TrimSpace(strings.TrimPrefix(s, sym))
		s = strings.TrimSpace(strings.TrimSuffix(s, sym))
	}
	return s
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
