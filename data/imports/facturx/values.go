package facturx

import (
	"strconv"
	"strings"

	"relance/data"
)

// maxAmountDigits bounds the euros of an amount as data.ParseMoney does,
// so that cents fit in an int64 with room for sums.
const maxAmountDigits = 15

// parseAmount reads an XML decimal, the form CII and UBL write amounts in:
// "1234.56", "-12.5", "100". A comma, a space or a currency sign is
// refused rather than guessed at: a file that writes them does not follow
// the standard, and "1.234" could be read a thousand times wrong. Zeros
// past the cents are allowed ("100.000" is 100 €); other digits there are
// not (the reason is then ReasonMoneyDecimals). The reason is "" when the
// amount is read.
func parseAmount(s string) (data.Money, data.Reason) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	whole, frac, _ := strings.Cut(s, ".")
	if !allDigits(whole) || !allDigits(frac) || whole+frac == "" {
		return 0, data.ReasonMoneyFormat
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > 2 {
		return 0, data.ReasonMoneyDecimals
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > maxAmountDigits {
		return 0, data.ReasonMoneyTooLarge
	}
	euros, _ := strconv.ParseInt("0"+whole, 10, 64)
	cents, _ := strconv.ParseInt((frac + "00")[:2], 10, 64)
	m := data.Money(euros*100 + cents)
	if neg {
		m = -m
	}
	return m, ""
}

func allDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// dateStyle is how a syntax writes its dates.
type dateStyle int

const (
	// compactDates: CII's udt:DateTimeString, "20260305" with format="102",
	// the only format EN 16931 allows for a date.
	compactDates dateStyle = iota
	// isoDates: UBL's xs:date, "2026-03-05", possibly with a time zone.
	isoDates
)

// parse reads a date of the style. The reason is "" when the date is read;
// ReasonDateInvalid for a day that does not exist (20260230).
func (st dateStyle) parse(f field) (data.Date, data.Reason) {
	s := withoutTimeZone(f.value)
	if st == compactDates {
		format := f.n.attr("format")
		if format != "" && format != "102" || len(s) != len("20060102") || !allDigits(s) {
			return data.Date{}, data.ReasonDateFormat
		}
		s = s[0:4] + "-" + s[4:6] + "-" + s[6:8]
	}
	if len(s) != len("2006-01-02") || s[4] != '-' || s[7] != '-' {
		return data.Date{}, data.ReasonDateFormat
	}
	d, err := data.ParseDate(s)
	if errs := data.FieldErrorsOf(err); len(errs) > 0 {
		return data.Date{}, errs[0].Reason
	}
	return d, ""
}

// withoutTimeZone drops the time zone an xs:date may carry ("Z",
// "+01:00"): the day the invoice names is the same.
func withoutTimeZone(s string) string {
	if len(s) <= 10 {
		return s
	}
	switch zone := s[10:]; {
	case zone == "Z":
		return s[:10]
	case len(zone) == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':':
		return s[:10]
	}
	return s
}

// compactSpaces removes the spaces people write identifiers with ("552
// 100 554", "FR 40 303 265 045"): the registries compare them without.
func compactSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', data.NoBreakSpace, data.NarrowNoBreakSpace:
			return -1
		}
		return r
	}, s)
}
