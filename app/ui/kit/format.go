package kit

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"

	"relance/data"
)

// Language is the code of the catalogue in use ("fr" or "en"); each
// catalogue names itself under the key lang.code.
func Language() string { return lang.L("lang.code") }

// Money formats an amount the way the user's language writes it.
func Money(m data.Money) string { return Say.Money(m) }

// Date formats a calendar day for lists: 01/03/2026, 1 Mar 2026.
func Date(d data.Date) string { return Say.Date(d) }

// InputDate is how a date is prefilled in a field: day first, which
// data.ParseDate reads back in either language.
func InputDate(d data.Date) string { return d.FormatFR() }

// StatusText describes a status in a few words: "12 days late", "Paid".
func StatusText(s data.Status) string {
	var text string
	switch s.Kind {
	case data.StatusOverdue:
		text = lang.N("status.overdue", s.DaysLate, map[string]any{"Days": s.DaysLate})
	case data.StatusDueSoon, data.StatusNotDue:
		text = lang.N("status.due_in", s.DaysToDue, map[string]any{"Days": s.DaysToDue})
	default:
		text = lang.L("status." + s.Kind.Key())
	}
	if s.PartiallyPaid() {
		text += " · " + lang.L("status.partial")
	}
	return text
}

// CategoryName names a client category in the user's language; a category
// the app does not know by name shows its key.
func CategoryName(key string) string {
	switch key {
	case "standard":
		return lang.L("category.standard")
	case "good_payer":
		return lang.L("category.good_payer")
	case "risky":
		return lang.L("category.risky")
	case "key_account":
		return lang.L("category.key_account")
	}
	return key
}

// CapitalFirst capitalises a phrase made for the middle of a sentence
// ("first half of 2026") to stand alone in a list.
func CapitalFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// Decimal says a number with at most one decimal, in the window's
// language: "1,5" in French, "1.5" in English, "2" for both.
func Decimal(x float64) string {
	s := strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64)
	if Language() == "fr" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
