package kit

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/data"
)

// InputMoney is how an amount is prefilled in a field: without grouping,
// with the decimal mark of the user's language (data.ParseMoney reads both).
func InputMoney(m data.Money) string {
	if Language() == "en" {
		return m.Decimal()
	}
	return m.Plain()
}

// ParseDate reads a date field, its errors named after key.
func ParseDate(e *Entry, key string, errs *data.FieldErrors) data.Date {
	d, err := data.ParseDate(e.Text)
	*errs = append(*errs, data.FieldErrorsOf(AsField(err, key))...)
	return d
}

// ParseMoney reads an amount field, its errors named after key.
func ParseMoney(e *Entry, key string, errs *data.FieldErrors) data.Money {
	m, err := data.ParseMoney(e.Text)
	*errs = append(*errs, data.FieldErrorsOf(AsField(err, key))...)
	return m
}

// NotBeforeToday refuses a day in the past for a field about the future
// (a promised payment, the end of a pause).
func NotBeforeToday(d, today data.Date, key string, errs *data.FieldErrors) {
	if !d.IsZero() && d.Before(today) {
		*errs = append(*errs, &data.FieldError{Field: key, Reason: ReasonDatePast, Value: d.String()})
	}
}

// ReasonDatePast refuses a day in the past where today or later is needed.
const ReasonDatePast data.Reason = "invoices_date_past"

// FieldErrorsOrNil returns errs as an error, nil when empty.
func FieldErrorsOrNil(errs data.FieldErrors) error {
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// StatusColorName maps a status to a theme colour: red when late, amber
// when due soon, green when paid.
func StatusColorName(k data.StatusKind) fyne.ThemeColorName {
	switch k {
	case data.StatusOverdue, data.StatusInLitigation:
		return theme.ColorNameError
	case data.StatusDueToday, data.StatusDueSoon:
		return theme.ColorNameWarning
	case data.StatusPaid:
		return theme.ColorNameSuccess
	case data.StatusDisputed:
		return theme.ColorNamePrimary
	}
	return theme.ColorNameDisabled
}

// StatusImportance colours a status text like its dot.
func StatusImportance(k data.StatusKind) widget.Importance {
	switch k {
	case data.StatusOverdue, data.StatusInLitigation:
		return widget.DangerImportance
	case data.StatusDueToday, data.StatusDueSoon:
		return widget.WarningImportance
	case data.StatusPaid:
		return widget.SuccessImportance
	case data.StatusWrittenOff:
		return widget.LowImportance
	}
	return widget.MediumImportance
}

// Fold is text as the client search compares it: lower case, no
// accents.
func Fold(s string) string { return foldReplacer.Replace(strings.ToLower(s)) }

// foldReplacer strips the accents French and its neighbours use, so
// that "helene" finds "Hélène".
var foldReplacer = strings.NewReplacer(
	"à", "a", "â", "a", "ä", "a", "á", "a", "ã", "a", "å", "a", "ç", "c",
	"é", "e", "è", "e", "ê", "e", "ë", "e", "î", "i", "ï", "i", "í", "i", "ì", "i",
	"ô", "o", "ö", "o", "ó", "o", "ò", "o", "õ", "o", "ø", "o", "ù", "u", "û", "u", "ü", "u", "ú", "u",
	"ÿ", "y", "ñ", "n", "œ", "oe", "æ", "ae", "ß", "ss", "’", "'")

// OptionalPastDate reads a date field that may stay empty but not hold a
// day after today (La Poste cannot have delivered tomorrow).
func OptionalPastDate(e *Entry, field string, today data.Date, errs *data.FieldErrors) data.Date {
	if strings.TrimSpace(e.Text) == "" {
		return data.Date{}
	}
	d := ParseDate(e, field, errs)
	if !d.IsZero() && d.After(today) {
		*errs = append(*errs, &data.FieldError{Field: field, Reason: data.ReasonOutOfRange, Value: d.String()})
	}
	return d
}
