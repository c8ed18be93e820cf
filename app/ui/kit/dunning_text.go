package kit

import (
	"fyne.io/fyne/v2/lang"

	"relance/app/dunning"
	"relance/app/words"
	"relance/data"
)

// Say is the window's words: the shared sentences of package words in the
// Language the window speaks (Fyne's translator, which follows Settings).
var Say = words.Words{T: fyneTranslator{}}

// fyneTranslator is Fyne's lang package as a words.Translator.
type fyneTranslator struct{}

func (fyneTranslator) L(key string, data ...any) string { return lang.L(key, data...) }

func (fyneTranslator) N(key string, count int, data ...any) string {
	return lang.N(key, count, data...)
}

// StepName names a dunning step for people ("First reminder").
func StepName(st data.Step) string { return Say.StepName(st) }

// ChannelName names a step's channel ("Email", "Registered letter").
func ChannelName(c data.Channel) string { return Say.ChannelName(c) }

// WarningText says a statement warning in the user's language.
func WarningText(w dunning.Warning) string { return Say.Warning(w) }

// LongDate writes a day in full: "1er juillet 2026", "1 July 2026".
func LongDate(d data.Date) string { return Say.LongDate(d) }

// HalfYearName turns "H2 2026" into "2nd half of 2026" / "2e semestre 2026".
func HalfYearName(h string) string { return Say.HalfYear(h) }

// RatePercent writes basis points as a percentage: 1315 -> "13,15 %".
func RatePercent(bp int) string { return Say.RatePercent(bp) }
