package dunning

import (
	"maps"
	"slices"
	"strings"
	"text/template"

	"relance/data"
)

// Warning keys. The UI translates a warning with the catalogue entry
// "warning.<Key>", passing Args as template data:
//
//   - "ecb_rate_assumed" (half, date, rate): the ECB rate of a half-year after
//     the last confirmed one was assumed equal to the last known. date is the
//     ISO first day of the half-year ("2026-07-01"), rate the ECB rate ("2.15").
//   - "legal_rate_assumed" (half, rate, from): the table has no legal rate for
//     half; the rate of the half-year from was used.
//   - "fixed_rate_below_floor" (half, rate, floor): the contractual fixed rate
//     is below three times the legal rate of half.
//   - "no_rate" (half): no rate at all is known for half; it is left out.
//   - "consumer_no_notice" (no args): a consumer owes interest only from the
//     day after receiving a formal notice, and none is recorded.
//
// Rates in Args are percentages with two decimals and a dot ("2.15").
const (
	WarnECBRateAssumed      = "ecb_rate_assumed"
	WarnLegalRateAssumed    = "legal_rate_assumed"
	WarnFixedRateBelowFloor = "fixed_rate_below_floor"
	WarnNoRate              = "no_rate"
	WarnConsumerNoNotice    = "consumer_no_notice"
)

// WarningKeys lists every Warning.Key this package produces, so that the UI's
// catalogue test can check each has a translation.
var WarningKeys = []string{
	WarnECBRateAssumed,
	WarnLegalRateAssumed,
	WarnFixedRateBelowFloor,
	WarnNoRate,
	WarnConsumerNoNotice,
}

// Warning is something the user must check before trusting a computation. It
// carries a key and arguments rather than a sentence so that the UI can say
// it in the user's language.
type Warning struct {
	Key  string
	Args map[string]string
}

// englishWarnings are the English sentences, in the template syntax the UI
// catalogue uses, so that they double as the reference wording.
var englishWarnings = map[string]*template.Template{
	WarnECBRateAssumed: warningTemplate("ECB rate in force on {{longDate .date}} assumed to be {{.rate}} %, " +
		"the last known; confirm it in Settings (published by the ECB, the Banque de France and the Journal officiel)."),
	WarnLegalRateAssumed: warningTemplate("Legal interest rate for {{.half}} assumed to be {{.rate}} %, " +
		"the rate of {{.from}}; confirm it in Settings (published in the Journal officiel and by the Banque de France)."),
	WarnFixedRateBelowFloor: warningTemplate("The contractual penalty rate of {{.rate}} % is below the legal minimum " +
		"for {{.half}}, {{.floor}} % (three times the legal interest rate); raise it in Settings."),
	WarnNoRate: warningTemplate("No rate is known for {{.half}}, so no interest is computed for it; " +
		"add the rate in Settings."),
	WarnConsumerNoNotice: warningTemplate("A consumer owes interest only from the day after receiving a formal notice; " +
		"no receipt is recorded, so no interest is computed yet."),
}

func warningTemplate(text string) *template.Template {
	funcs := template.FuncMap{"longDate": longEnglishDate}
	return template.Must(template.New("").Funcs(funcs).Option("missingkey=zero").Parse(text))
}

// longEnglishDate turns "2026-07-01" into "1 July 2026"; anything else is
// shown as given rather than hidden.
func longEnglishDate(iso string) string {
	d, err := data.ParseDate(iso)
	if err != nil {
		return iso
	}
	return d.LongEN()
}

// Text returns the warning as an English sentence; an unknown key is
// returned as is, so that a missing sentence shows rather than vanishes.
func (w Warning) Text() string {
	tmpl, ok := englishWarnings[w.Key]
	if !ok {
		return w.Key
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, w.Args); err != nil {
		return w.Key
	}
	return b.String()
}

// addWarning appends w unless an equal warning is already listed: a statement
// spanning many slices of one half-year warns about that half-year once.
func addWarning(list []Warning, w Warning) []Warning {
	equal := func(x Warning) bool { return x.Key == w.Key && maps.Equal(x.Args, w.Args) }
	if slices.ContainsFunc(list, equal) {
		return list
	}
	return append(list, w)
}
