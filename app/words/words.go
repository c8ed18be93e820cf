package words

import (
	"strconv"
	"strings"

	"relance/app/dunning"
	"relance/data"
)

// Words says things in the language of its translator: the window's (Fyne's
// lang package, the language chosen in Settings) or the command line's
// (a Catalogue of the system's language).
type Words struct {
	T Translator
}

// Lang is the language of the translator ("fr", "en").
func (w Words) Lang() string { return w.T.L("lang.code") }

// Money writes an amount the language's way: "1 250,00 €", "€1,250.00".
func (w Words) Money(m data.Money) string {
	if w.Lang() == "en" {
		return m.FormatEN()
	}
	return m.FormatFR()
}

// Date writes a day for lists: 01/03/2026 in French, 1 Mar 2026 in English
// (so that no reader mistakes day and month); "" for no day.
func (w Words) Date(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	if w.Lang() == "en" {
		return d.Time().Format("2 Jan 2006")
	}
	return d.FormatFR()
}

// LongDate writes a day in full: "1er juillet 2026", "1 July 2026".
func (w Words) LongDate(d data.Date) string {
	if w.Lang() == "en" {
		return d.LongEN()
	}
	return d.LongFR()
}

// RatePercent writes basis points as a percentage: 1315 -> "13,15 %".
func (w Words) RatePercent(bp int) string {
	s := strconv.FormatFloat(float64(bp)/100, 'f', 2, 64)
	if w.Lang() == "fr" {
		return strings.Replace(s, ".", ",", 1) + "\u00a0%"
	}
	return s + " %"
}

// StepName names a dunning step for people: its template's name ("First
// reminder"), or its channel when the template is one of the user's own.
func (w Words) StepName(st data.Step) string {
	key := "step." + st.TemplateKey
	if name := w.T.L(key); name != key {
		return name
	}
	return w.ChannelName(st.Channel)
}

// ChannelName names a step's channel ("Email", "Registered letter").
func (w Words) ChannelName(c data.Channel) string { return w.T.L("channel." + string(c)) }

// Warning says a statement warning in the user's language: the
// catalogue's sentence, with its dates and rates written the local way.
func (w Words) Warning(wn dunning.Warning) string {
	args := map[string]any{}
	for k, v := range wn.Args {
		args[k] = w.localArg(k, v)
	}
	key := "warning." + wn.Key
	if text := w.T.L(key, args); text != key {
		return text
	}
	return wn.Text()
}

// localArg rewrites a warning argument for the reader: ISO dates as long
// dates, rates with the local decimal mark, half-years in words.
func (w Words) localArg(name, value string) string {
	switch name {
	case "date":
		if d, err := data.ParseDate(value); err == nil {
			return w.LongDate(d)
		}
	case "rate", "floor":
		if w.Lang() == "fr" {
			return strings.Replace(value, ".", ",", 1)
		}
	case "half", "from":
		return w.HalfYear(value)
	}
	return value
}

// HalfYear turns "H2 2026" into "2nd half of 2026" / "2e semestre 2026".
func (w Words) HalfYear(h string) string {
	half, year, ok := strings.Cut(strings.TrimPrefix(h, "H"), " ")
	if !ok || (half != "1" && half != "2") {
		return h
	}
	return w.T.L("half_year."+half, map[string]any{"Year": year})
}
