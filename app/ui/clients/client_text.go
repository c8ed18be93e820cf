package clients

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"relance/app/ui/kit"
	"relance/data"
)

// clientsCategoryOrder is the order categories are offered in: from the default to
// the special cases; categories added later follow, by key.
var clientsCategoryOrder = []string{"standard", "good_payer", "risky", "key_account"}

// clientsSortCategories orders categories as clientsCategoryOrder says.
func clientsSortCategories(list []data.Category) {
	rank := func(key string) int {
		if i := slices.Index(clientsCategoryOrder, key); i >= 0 {
			return i
		}
		return len(clientsCategoryOrder)
	}
	slices.SortStableFunc(list, func(a, b data.Category) int {
		if d := rank(a.Key) - rank(b.Key); d != 0 {
			return d
		}
		return strings.Compare(a.Key, b.Key)
	})
}

// clientsScenarioName is the name the user gave a scenario, else the translated
// name of the seeded scenario it is (keys scenario.<key>, kept with the
// scenario editor in the settings catalogue).
func clientsScenarioName(sc data.Scenario) string {
	if sc.Name != "" {
		return sc.Name
	}
	switch sc.Key {
	case "standard":
		return lang.L("scenario.standard")
	case "good_payer":
		return lang.L("scenario.good_payer")
	case "risky":
		return lang.L("scenario.risky")
	case "key_account":
		return lang.L("scenario.key_account")
	}
	return sc.Key
}

// clientsKindName names a debtor type ("Commerçant ou société").
func clientsKindName(k data.ClientKind) string { return lang.L(kindKeys[k]) }

// clientsKindHint says in one line what the debtor type changes: rate,
// indemnity, court.
func clientsKindHint(k data.ClientKind) string {
	if !k.Known() {
		k = data.Commercial
	}
	return lang.L("clients.kind_hint." + string(k))
}

// clientsCivilityName names a contact civility ("Madame"; "—" for none).
func clientsCivilityName(civility string) string {
	if civility == data.CivilityNone {
		return lang.L("civility.none")
	}
	return lang.L("civility." + civility)
}

// clientsLanguageName names the language letters are written in.
func clientsLanguageName(code string) string {
	if key, ok := languageKeys[code]; ok {
		return lang.L(key)
	}
	return code
}

// clientsPolicyText describes a penalty policy: "ECB rate + 10 points",
// "Fixed rate of 12.00 %".
func clientsPolicyText(p data.PenaltyPolicy) string {
	if p.Kind == data.PenaltyFixed {
		return lang.L("clients.penalty.fixed_rate", map[string]any{"Rate": kit.RatePercent(p.FixedBP)})
	}
	return lang.L("clients.penalty.ecb_plus_10")
}

// clientsPenaltyText says which penalties apply to a client: none for a
// consumer (legal interest only), else its own policy or the company's.
func clientsPenaltyText(c data.Client, company data.PenaltyPolicy) string {
	switch {
	case c.Kind == data.Consumer:
		return lang.L("clients.penalty.consumer")
	case c.Penalty.Kind == "":
		return lang.L("clients.penalty.company", map[string]any{"Policy": clientsPolicyText(company)})
	}
	return clientsPolicyText(c.Penalty)
}

// clientsScenarioSteps sums a scenario up in one line: "D-7 Pre-due notice ·
// D+3 First reminder · ...".
func clientsScenarioSteps(sc data.Scenario) string {
	var parts []string
	for _, st := range sc.Steps {
		if st.Channel == data.ChannelThankYou {
			continue
		}
		parts = append(parts, clientsDayOffset(st.OffsetDays)+" "+kit.StepName(st))
	}
	return strings.Join(parts, " · ")
}

// clientsDayOffset writes a step's offset from the due date: "D-7", "D+30" ("J-7"
// in French).
func clientsDayOffset(days int) string {
	sign := "+"
	if days < 0 {
		sign = "-"
	}
	return lang.L("clients.day_letter") + sign + strconv.Itoa(max(days, -days))
}

// clientsParseRatePercent reads a rate typed in percent ("12", "10,5", "10.5 %")
// as basis points; a field error for field otherwise.
func clientsParseRatePercent(text, field string) (int, error) {
	s := strings.NewReplacer("%", "", " ", "", "\u00a0", "", ",", ".").Replace(text)
	if s == "" {
		return 0, data.FieldErrors{&data.FieldError{Field: field, Reason: data.ReasonRequired}}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, data.FieldErrors{&data.FieldError{Field: field, Reason: clientsReasonRateFormat, Value: text}}
	}
	return int(math.Round(f * 100)), nil
}

// clientsReasonRateFormat refuses a rate that is not a number; its sentence is
// the catalogue's "error.rate_format".
const clientsReasonRateFormat data.Reason = "rate_format"
