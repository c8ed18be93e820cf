package sheet

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"relance/data"
	"relance/data/imports"
)

// parseDate reads a date cell: day first (01/03/2026, 1.3.26), ISO, either
// with a time after it (exports of timestamps), month first when the table
// says so, and in a workbook a serial day number left without a date
// format.
func parseDate(s string, t *Table) (data.Date, data.Reason) {
	s = cutTime(s)
	if t.Kind == imports.KindXLSX {
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			if d, ok := serialDate(v, t.Date1904); ok {
				return d, ""
			}
			return data.Date{}, data.ReasonDateOutOfRange
		}
	}
	if m := slashedDate.FindStringSubmatch(s); m != nil && len(m[0]) == len(s) {
		day, month, year := m[1], m[2], m[3]
		if t.MonthFirst {
			day, month = month, day
		}
		if len(year) == 2 {
			year = "20" + year // a two-digit year on an invoice of this century
		}
		s = day + "/" + month + "/" + year
	}
	d, err := data.ParseDate(s)
	if err != nil {
		return data.Date{}, reasonOf(err, data.ReasonDateFormat)
	}
	return d, ""
}

// timeSuffix is the time of day some exports write after a date.
var timeSuffix = regexp.MustCompile(`^[0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)?\s*(Z|[+-][0-9]{2}:?[0-9]{2})?$`)

// cutTime drops a time of day after a date: "2026-03-01 00:00:00",
// "2026-03-01T00:00:00Z".
func cutTime(s string) string {
	i := strings.IndexAny(s, " T")
	if i < 8 || !timeSuffix.MatchString(strings.TrimSpace(s[i+1:])) {
		return s
	}
	return strings.TrimSpace(s[:i])
}

// parseAmount reads an amount cell with the table's decimal convention: in
// a decimal-comma file "1.250" is 1 250 €. Accounting negatives, (12,50)
// and 12,50-, are read as negative; an amount in another currency than the
// euro is refused with ReasonCurrency.
func parseAmount(s string, decimalComma bool) (data.Money, data.Reason) {
	if foreignCurrency(s) {
		return 0, data.ReasonCurrency
	}
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(euroWords.Replace(s)), "TTC")) // "1 200 € TTC"
	neg := false
	switch {
	case strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")"):
		neg, s = true, s[1:len(s)-1]
	case strings.HasSuffix(s, "-") && !strings.HasPrefix(s, "-"):
		neg, s = true, s[:len(s)-1]
	}
	if decimalComma && dotGrouped.MatchString(s) {
		s = strings.ReplaceAll(s, ".", "")
	}
	m, err := data.ParseSignedMoney(s)
	if err != nil {
		return 0, reasonOf(err, data.ReasonMoneyFormat)
	}
	if neg {
		m = -m
	}
	return m, ""
}

// dotGrouped is an integer grouped by dots: 1.250 or 12.345.678.
var dotGrouped = regexp.MustCompile(`^[-+]?[0-9]{1,3}(\.[0-9]{3})+$`)

// foreignCurrency reports whether an amount names another currency than
// the euro: by its sign, or by the ISO code of one a French business may
// bill in.
func foreignCurrency(s string) bool {
	if strings.ContainsAny(s, "$£¥₣₤") {
		return true
	}
	for _, w := range strings.FieldsFunc(strings.ToUpper(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if foreignCodes[w] {
			return true
		}
	}
	return false
}

// foreignCodes are currencies other than the euro that invoices of French
// small businesses carry (neighbours, overseas francs, the Maghreb).
var foreignCodes = map[string]bool{
	"USD": true, "GBP": true, "CHF": true, "CAD": true, "JPY": true, "CNY": true, "AUD": true, "SEK": true,
	"NOK": true, "DKK": true, "PLN": true, "CZK": true, "HUF": true, "RON": true, "XOF": true, "XAF": true,
	"XPF": true, "MAD": true, "TND": true, "DZD": true, "MUR": true,
}

// euroWords are the ways a cell writes "euros" after an amount.
var euroWords = strings.NewReplacer("euros", "", "Euros", "", "EUROS", "", "euro", "", "Euro", "", "EURO", "")

// isEuro reports whether a currency cell says euros (or nothing).
func isEuro(s string) bool {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "", "EUR", "€", "EURO", "EUROS":
		return true
	}
	return false
}

// reasonOf is the Reason of a validation error, or def.
func reasonOf(err error, def data.Reason) data.Reason {
	if fes := data.FieldErrorsOf(err); len(fes) > 0 {
		return fes[0].Reason
	}
	return def
}

// collapse trims and collapses runs of spaces: how names and numbers are
// compared and kept.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || isSpace(r) }), " ")
}

// digitsOnly keeps the digits: a SIREN written "812 345 676" or
// "812.345.676", a phone number written with dots.
func digitsOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// allDigits reports whether s is made of digits (and the separators people
// write in identifiers).
func allDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789 .-\u00a0") == ""
}

// ParseDate reads a date cell as Read does, with the table's conventions
// (month first, a workbook's serial days): for readers of other tables
// than invoices, such as bank statements. t must not be nil.
func ParseDate(s string, t *Table) (data.Date, data.Reason) { return parseDate(s, t) }

// ParseAmount reads an amount cell as Read does, with the file's decimal
// convention; a negative amount stays negative.
func ParseAmount(s string, decimalComma bool) (data.Money, data.Reason) {
	return parseAmount(s, decimalComma)
}
