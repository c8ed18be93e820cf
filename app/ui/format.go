package ui

import (
	"fyne.io/fyne/v2/lang"

	"relance/data"
)

// language is the code of the catalogue in use ("fr" or "en"); each
// catalogue names itself under the key lang.code.
func language() string { return lang.L("lang.code") }

// formatMoney formats an amount the way the user's language writes it.
func formatMoney(m data.Money) string { return say.Money(m) }

// formatDate formats a calendar day for lists: 01/03/2026, 1 Mar 2026.
func formatDate(d data.Date) string { return say.Date(d) }

// inputDate is how a date is prefilled in a field: day first, which
// data.ParseDate reads back in either language.
func inputDate(d data.Date) string { return d.FormatFR() }

// statusText describes a status in a few words: "12 days late", "Paid".
func statusText(s data.Status) string {
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
