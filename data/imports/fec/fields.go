package fec

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"relance/data"
	"relance/data/imports"
)

// trimField is a field without the spaces some tools pad it with, nor
// the quotes a spreadsheet may have put around it.
func trimField(b []byte) []byte {
	b = bytes.TrimSpace(b)
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' {
		b = bytes.TrimSpace(b[1 : len(b)-1])
	}
	return b
}

// parseDate reads a date of the norm, YYYYMMDD, and says why it cannot.
func parseDate(raw []byte) (data.Date, data.Reason) {
	if len(raw) == 0 {
		return data.Date{}, data.ReasonRequired
	}
	if d, ok := imports.ParseYYYYMMDD(string(raw)); ok {
		return d, ""
	}
	if len(raw) != 8 || !allDigits(raw) {
		return data.Date{}, data.ReasonDateFormat
	}
	if year := atoi(raw[:4]); year < 1900 || year > 2999 {
		return data.Date{}, data.ReasonDateOutOfRange
	}
	return data.Date{}, data.ReasonDateInvalid
}

// parseLenientDate reads the extra due-date column, which is no part of
// the norm: tools write it YYYYMMDD, but also 31/01/2026 or 2026-01-31.
func parseLenientDate(text string) (data.Date, data.Reason) {
	d, err := data.ParseDate(text)
	if err != nil {
		return data.Date{}, reasonOf(err, data.ReasonDateFormat)
	}
	return d, ""
}

// parseAmount reads the norm's amounts: an optional sign, digits and a
// decimal comma (a point is accepted too), with no thousands separator.
// More than two decimals pass when the extra ones are zeros (125,500).
// It is the fast path of a million lines; false sends the field to
// data.ParseSignedMoney, which knows the other habits and the reasons.
func parseAmount(b []byte) (data.Money, bool) {
	neg := b[0] == '-'
	if b[0] == '-' || b[0] == '+' {
		b = b[1:]
	}
	var units, cents int64
	i := 0
	for ; i < len(b) && isDigit(b[i]); i++ {
		units = units*10 + int64(b[i]-'0')
	}
	if i > maxUnitDigits || (i == 0 && len(b) < 2) {
		return 0, false
	}
	if i < len(b) {
		var ok bool
		if cents, ok = parseCents(b[i:]); !ok {
			return 0, false
		}
	}
	m := data.Money(units*100 + cents)
	if neg {
		m = -m
	}
	return m, true
}

// maxUnitDigits bounds an amount's euros as data.ParseSignedMoney does:
// sums of many lines still fit in cents.
const maxUnitDigits = 15

// parseCents reads a decimal part: the separator, then one or more
// digits of which only the first two may be other than zero.
func parseCents(b []byte) (int64, bool) {
	if (b[0] != ',' && b[0] != '.') || len(b) < 2 {
		return 0, false
	}
	var cents int64
	for k, c := range b[1:] {
		switch {
		case !isDigit(c), k >= 2 && c != '0':
			return 0, false
		case k < 2:
			cents = cents*10 + int64(c-'0')
		}
	}
	if len(b) == 2 {
		cents *= 10
	}
	return cents, true
}

// reasonOf is the reason a data error gives, or fallback.
func reasonOf(err error, fallback data.Reason) data.Reason {
	if fes := data.FieldErrorsOf(err); len(fes) > 0 {
		return fes[0].Reason
	}
	return fallback
}

// containsFold tells whether b holds word (lower-case ASCII), in any case.
func containsFold(b []byte, word string) bool {
	for i := 0; i+len(word) <= len(b); i++ {
		match := true
		for k := 0; k < len(word) && match; k++ {
			match = b[i+k]|0x20 == word[k]
		}
		if match {
			return true
		}
	}
	return false
}

// pieceKey identifies an écriture (JournalCode and EcritureNum) in a few
// bytes: only the lines of one client are ever compared with it, so a
// collision is as good as impossible. Zero: the line has no number.
func pieceKey(journal, number []byte) uint64 {
	if len(number) == 0 {
		return 0
	}
	const offset, prime = 14695981039346656037, 1099511628211 // FNV-1a
	h := uint64(offset)
	for _, part := range [2][]byte{journal, number} {
		for _, c := range part {
			h = (h ^ uint64(c)) * prime
		}
		h = (h ^ 0xff) * prime // between the parts: ("AB", "C") is not ("A", "BC")
	}
	return h
}

// isOpening tells an opening journal, which carries last year's open
// items as à-nouveaux: by its usual codes, or its label.
func isOpening(code, label string) bool {
	switch fold(code) {
	case "an", "ran", "ano", "an0", "anx", "ann", "ouv", "rn":
		return true
	}
	l := fold(label)
	return strings.Contains(l, "nouveau") || strings.Contains(l, "ouverture")
}

// clip shortens a value quoted in a problem: enough to recognise it.
func clip(s string) string {
	const most = 60
	if len(s) <= most {
		return s
	}
	cut := most
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func allDigits(b []byte) bool {
	for _, c := range b {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

func atoi(b []byte) int {
	n := 0
	for _, c := range b {
		n = n*10 + int(c-'0')
	}
	return n
}
