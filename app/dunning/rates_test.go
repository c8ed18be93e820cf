package dunning

import (
	"testing"

	"relance/data"
)

func TestHalfYear(t *testing.T) {
	tests := []struct {
		date       string
		want       HalfYear
		start, end string
		next       HalfYear
		text       string
	}{
		{"2026-01-01", HalfYear{2026, 1}, "2026-01-01", "2026-06-30", HalfYear{2026, 2}, "H1 2026"},
		{"2026-06-30", HalfYear{2026, 1}, "2026-01-01", "2026-06-30", HalfYear{2026, 2}, "H1 2026"},
		{"2026-07-01", HalfYear{2026, 2}, "2026-07-01", "2026-12-31", HalfYear{2027, 1}, "H2 2026"},
		{"2024-12-31", HalfYear{2024, 2}, "2024-07-01", "2024-12-31", HalfYear{2025, 1}, "H2 2024"},
	}
	for _, tt := range tests {
		h := HalfYearOf(data.MustDate(tt.date))
		if h != tt.want {
			t.Fatalf("HalfYearOf(%s) = %v, want %v", tt.date, h, tt.want)
		}
		if h.Start().String() != tt.start || h.End().String() != tt.end {
			t.Errorf("%v: Start, End = %s, %s; want %s, %s", h, h.Start(), h.End(), tt.start, tt.end)
		}
		if h.Next() != tt.next || h.String() != tt.text {
			t.Errorf("%v: Next, String = %v, %q; want %v, %q", h, h.Next(), h.String(), tt.next, tt.text)
		}
		if !h.Before(h.Next()) || h.Next().Before(h) || h.Before(h) {
			t.Errorf("%v: Before is not a strict order with Next", h)
		}
	}
}

func TestDefaultECBRates(t *testing.T) {
	tests := []struct {
		half      HalfYear
		wantBP    int
		wantKnown bool
	}{
		{HalfYear{2023, 1}, 250, true},
		{HalfYear{2023, 2}, 400, true},
		{HalfYear{2024, 1}, 450, true},
		{HalfYear{2024, 2}, 425, true},
		{HalfYear{2025, 1}, 315, true},
		{HalfYear{2025, 2}, 215, true},
		{HalfYear{2026, 1}, 215, true},
		{HalfYear{2026, 2}, 215, false}, // past the confirmed half-year: last known
		{HalfYear{2030, 1}, 215, false},
	}
	rates := DefaultRates()
	for _, tt := range tests {
		bp, known, ok := rates.ECBRate(tt.half)
		if bp != tt.wantBP || known != tt.wantKnown || !ok {
			t.Errorf("ECBRate(%v) = %d, %v, %v; want %d, %v, true", tt.half, bp, known, ok, tt.wantBP, tt.wantKnown)
		}
	}
	if bp, _, ok := rates.ECBRate(HalfYear{2022, 2}); !ok || bp != 0 {
		t.Errorf("ECBRate(H2 2022) = %d, %v; want 0.00 %% (in force since 2016-03-16)", bp, ok)
	}
	if bp, _, ok := rates.ECBRate(HalfYear{2023, 1}); !ok || bp != 250 {
		t.Errorf("ECBRate(H1 2023) = %d, %v; want 2.50 %% (2022-12-21)", bp, ok)
	}
	if _, _, ok := rates.ECBRate(HalfYear{2016, 1}); ok {
		t.Error("ECBRate(H1 2016) ok, want no rate: the table starts on 2016-03-16")
	}
}

func TestECBRateIgnoresOrderAndPrefersLaterEntryOnSameDay(t *testing.T) {
	table := RateTable{
		ECB: []ECBChange{
			{From: data.MustDate("2025-06-11"), RateBP: 215},
			{From: data.MustDate("2024-12-18"), RateBP: 315},
			{From: data.MustDate("2025-06-11"), RateBP: 200}, // a correction typed later
			{From: data.MustDate("2026-01-01"), RateBP: 190}, // effective on the first day itself
		},
		ECBConfirmed: HalfYear{2026, 1},
	}
	tests := []struct {
		half   HalfYear
		wantBP int
	}{
		{HalfYear{2025, 1}, 315},
		{HalfYear{2025, 2}, 200},
		{HalfYear{2026, 1}, 190},
	}
	for _, tt := range tests {
		if bp, _, _ := table.ECBRate(tt.half); bp != tt.wantBP {
			t.Errorf("ECBRate(%v) = %d, want %d", tt.half, bp, tt.wantBP)
		}
	}
}

func TestDefaultLegalRates(t *testing.T) {
	tests := []struct {
		half      HalfYear
		wantBP    int
		wantFrom  HalfYear
		wantKnown bool
		wantOK    bool
	}{
		{HalfYear{2022, 2}, 0, HalfYear{}, false, false},
		{HalfYear{2023, 1}, 206, HalfYear{2023, 1}, true, true},
		{HalfYear{2023, 2}, 422, HalfYear{2023, 2}, true, true},
		{HalfYear{2024, 1}, 507, HalfYear{2024, 1}, true, true},
		{HalfYear{2024, 2}, 492, HalfYear{2024, 2}, true, true},
		{HalfYear{2025, 1}, 371, HalfYear{2025, 1}, true, true},
		{HalfYear{2025, 2}, 276, HalfYear{2025, 2}, true, true},
		{HalfYear{2026, 1}, 262, HalfYear{2026, 1}, true, true},
		{HalfYear{2026, 2}, 262, HalfYear{2026, 1}, false, true},
		{HalfYear{2031, 2}, 262, HalfYear{2026, 1}, false, true},
	}
	rates := DefaultRates()
	for _, tt := range tests {
		bp, from, known, ok := rates.LegalRate(tt.half)
		if bp != tt.wantBP || from != tt.wantFrom || known != tt.wantKnown || ok != tt.wantOK {
			t.Errorf("LegalRate(%v) = %d, %v, %v, %v; want %d, %v, %v, %v",
				tt.half, bp, from, known, ok, tt.wantBP, tt.wantFrom, tt.wantKnown, tt.wantOK)
		}
	}
}

func TestDefaultRatesConsumerColumnAndFreshCopies(t *testing.T) {
	rates := DefaultRates()
	for _, r := range rates.Legal {
		want := 0
		if r.Half == (HalfYear{2026, 1}) {
			want = 667
		}
		if r.ConsumerBP != want {
			t.Errorf("%v: ConsumerBP = %d, want %d", r.Half, r.ConsumerBP, want)
		}
	}
	rates.ECB[0].RateBP = 9999
	rates.Legal[0].ProfessionalBP = 9999
	if again := DefaultRates(); again.ECB[0].RateBP == 9999 || again.Legal[0].ProfessionalBP == 9999 {
		t.Error("editing one DefaultRates() result changed the next one")
	}
}

func TestFormatBP(t *testing.T) {
	tests := map[int]string{0: "0.00", 5: "0.05", 215: "2.15", 1215: "12.15", -50: "-0.50"}
	for bp, want := range tests {
		if got := formatBP(bp); got != want {
			t.Errorf("formatBP(%d) = %q, want %q", bp, got, want)
		}
	}
}
