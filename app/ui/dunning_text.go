package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"relance/app/dunning"
	"relance/data"
)

// StepName names a dunning step for people: its template's name ("First
// reminder"), or its channel when the template is one of the user's own.
func StepName(st data.Step) string {
	key := "step." + st.TemplateKey
	if name := lang.L(key); name != key {
		return name
	}
	return ChannelName(st.Channel)
}

// ChannelName names a step's channel ("Email", "Registered letter").
func ChannelName(c data.Channel) string { return lang.L("channel." + string(c)) }

// WarningText says a statement warning in the user's language: the
// catalogue's sentence, with its dates and rates written the local way.
func WarningText(w dunning.Warning) string {
	args := map[string]any{}
	for k, v := range w.Args {
		args[k] = localArg(k, v)
	}
	key := "warning." + w.Key
	if text := lang.L(key, args); text != key {
		return text
	}
	return w.Text()
}

// localArg rewrites a warning argument for the reader: ISO dates as long
// dates, rates with the local decimal mark, half-years in words.
func localArg(name, value string) string {
	switch name {
	case "date":
		if d, err := data.ParseDate(value); err == nil {
			return longDate(d)
		}
	case "rate", "floor":
		if language() == "fr" {
			return strings.Replace(value, ".", ",", 1)
		}
	case "half", "from":
		return halfYearName(value)
	}
	return value
}

// halfYearName turns "H2 2026" into "2nd half of 2026" / "2e semestre 2026".
func halfYearName(h string) string {
	half, year, ok := strings.Cut(strings.TrimPrefix(h, "H"), " ")
	if !ok || (half != "1" && half != "2") {
		return h
	}
	return lang.L("half_year."+half, map[string]any{"Year": year})
}

// longDate writes a day in full: "1er juillet 2026", "1 July 2026".
func longDate(d data.Date) string {
	if language() == "en" {
		return d.LongEN()
	}
	return d.LongFR()
}

// RatePercent writes basis points as a percentage: 1315 -> "13,15 %".
func RatePercent(bp int) string {
	s := strconv.FormatFloat(float64(bp)/100, 'f', 2, 64)
	if language() == "fr" {
		return strings.Replace(s, ".", ",", 1) + "\u00a0%"
	}
	return s + " %"
}

// FormatMoney and FormatDate write amounts and days the user's way, for
// the command line as for the window.
func FormatMoney(m data.Money) string { return formatMoney(m) }

// FormatDate writes a day for lists: 01/03/2026 or 1 Mar 2026.
func FormatDate(d data.Date) string { return formatDate(d) }
