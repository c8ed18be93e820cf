package dunning

import (
	"slices"
	"strings"
	"testing"
)

func TestWarningText(t *testing.T) {
	tests := []struct {
		warning Warning
		want    string
	}{
		{
			Warning{Key: WarnECBRateAssumed, Args: map[string]string{"half": "H2 2026", "date": "2026-07-01", "rate": "2.15"}},
			"ECB rate in force on 1 July 2026 assumed to be 2.15 %, the last known; confirm it in Settings " +
				"(published by the ECB, the Banque de France and the Journal officiel).",
		},
		{
			Warning{Key: WarnLegalRateAssumed, Args: map[string]string{"half": "H2 2026", "rate": "2.62", "from": "H1 2026"}},
			"Legal interest rate for H2 2026 assumed to be 2.62 %, the rate of H1 2026; confirm it in Settings " +
				"(published in the Journal officiel and by the Banque de France).",
		},
		{
			Warning{Key: WarnFixedRateBelowFloor, Args: map[string]string{"half": "H1 2025", "rate": "8.00", "floor": "11.13"}},
			"The contractual penalty rate of 8.00 % is below the legal minimum for H1 2025, 11.13 % " +
				"(three times the legal interest rate); raise it in Settings.",
		},
		{
			Warning{Key: WarnNoRate, Args: map[string]string{"half": "H2 2022"}},
			"No rate is known for H2 2022, so no interest is computed for it; add the rate in Settings.",
		},
		{
			Warning{Key: WarnConsumerNoNotice},
			"A consumer owes interest only from the day after receiving a formal notice; " +
				"no receipt is recorded, so no interest is computed yet.",
		},
		{Warning{Key: "unknown_key"}, "unknown_key"},
		{Warning{Key: WarnECBRateAssumed}, "ECB rate in force on  assumed to be  %, the last known; confirm it in Settings " +
			"(published by the ECB, the Banque de France and the Journal officiel)."},
	}
	for _, tt := range tests {
		if got := tt.warning.Text(); got != tt.want {
			t.Errorf("Text(%s) =\n%q\nwant\n%q", tt.warning.Key, got, tt.want)
		}
	}
}

func TestEveryWarningKeyHasEnglishText(t *testing.T) {
	if len(WarningKeys) != len(englishWarnings) {
		t.Errorf("WarningKeys has %d keys, English texts %d", len(WarningKeys), len(englishWarnings))
	}
	for _, key := range WarningKeys {
		if text := (Warning{Key: key}).Text(); text == key || strings.Contains(text, "<no value>") {
			t.Errorf("key %q has no English text: %q", key, text)
		}
	}
}

func TestAddWarningDeduplicates(t *testing.T) {
	a := Warning{Key: WarnNoRate, Args: map[string]string{"half": "H1 2022"}}
	b := Warning{Key: WarnNoRate, Args: map[string]string{"half": "H2 2022"}}
	var list []Warning
	for _, w := range []Warning{a, b, a, {Key: WarnNoRate, Args: map[string]string{"half": "H2 2022"}}} {
		list = addWarning(list, w)
	}
	if !slices.EqualFunc(list, []Warning{a, b}, func(x, y Warning) bool { return x.Text() == y.Text() }) {
		t.Errorf("addWarning kept %v, want [%v %v]", list, a, b)
	}
}
