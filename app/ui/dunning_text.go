package ui

import (
	"fyne.io/fyne/v2/lang"

	"relance/app/dunning"
	"relance/app/words"
	"relance/data"
)

// say is the window's words: the shared sentences of package words in the
// language the window speaks (Fyne's translator, which follows Settings).
var say = words.Words{T: fyneTranslator{}}

// fyneTranslator is Fyne's lang package as a words.Translator.
type fyneTranslator struct{}

func (fyneTranslator) L(key string, data ...any) string { return lang.L(key, data...) }

func (fyneTranslator) N(key string, count int, data ...any) string {
	return lang.N(key, count, data...)
}

// stepName names a dunning step for people ("First reminder").
func stepName(st data.Step) string { return say.StepName(st) }

// channelName names a step's channel ("Email", "Registered letter").
func channelName(c data.Channel) string { return say.ChannelName(c) }

// warningText says a statement warning in the user's language.
func warningText(w dunning.Warning) string { return say.Warning(w) }

// longDate writes a day in full: "1er juillet 2026", "1 July 2026".
func longDate(d data.Date) string { return say.LongDate(d) }

// halfYearName turns "H2 2026" into "2nd half of 2026" / "2e semestre 2026".
func halfYearName(h string) string { return say.HalfYear(h) }

// ratePercent writes basis points as a percentage: 1315 -> "13,15 %".
func ratePercent(bp int) string { return say.RatePercent(bp) }
