package facturx

import (
	"encoding/xml"
	"testing"

	"relance/data"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in     string
		want   data.Money
		reason data.Reason
	}{
		{"1234.56", data.Euros(1234, 56), ""},
		{"1234.5", data.Euros(1234, 50), ""},
		{"1234", data.Euros(1234, 0), ""},
		{"1234.", data.Euros(1234, 0), ""},
		{".5", data.Euros(0, 50), ""},
		{"-12.50", -data.Euros(12, 50), ""},
		{"+12.50", data.Euros(12, 50), ""},
		{"0012.500000", data.Euros(12, 50), ""},
		{"0", 0, ""},
		{"999999999999999.99", data.Euros(999999999999999, 99), ""},
		{"1000000000000000", 0, data.ReasonMoneyTooLarge},
		{"1.234", 0, data.ReasonMoneyDecimals},
		{"1,50", 0, data.ReasonMoneyFormat},
		{"1 234.50", 0, data.ReasonMoneyFormat},
		{"1.234.50", 0, data.ReasonMoneyFormat},
		{"€12", 0, data.ReasonMoneyFormat},
		{"12e3", 0, data.ReasonMoneyFormat},
		{"--1", 0, data.ReasonMoneyFormat},
		{"-", 0, data.ReasonMoneyFormat},
		{".", 0, data.ReasonMoneyFormat},
		{"", 0, data.ReasonMoneyFormat},
	}
	for _, tt := range tests {
		got, reason := parseAmount(tt.in)
		if got != tt.want || reason != tt.reason {
			t.Errorf("parseAmount(%q) = %d, %q; want %d, %q", tt.in, got, reason, tt.want, tt.reason)
		}
	}
}

func TestParseDates(t *testing.T) {
	format := func(f string) *node {
		if f == "" {
			return nil
		}
		return &node{attrs: []xml.Attr{{Name: xml.Name{Local: "format"}, Value: f}}}
	}
	tests := []struct {
		style  dateStyle
		value  string
		format string
		want   string
		reason data.Reason
	}{
		{compactDates, "20260305", "102", "2026-03-05", ""},
		{compactDates, "20260305", "", "2026-03-05", ""},
		{compactDates, "20240229", "102", "2024-02-29", ""},
		{compactDates, "20250229", "102", "", data.ReasonDateInvalid},
		{compactDates, "202603", "610", "", data.ReasonDateFormat},
		{compactDates, "2026-03-05", "102", "", data.ReasonDateFormat},
		{compactDates, "18000101", "102", "", data.ReasonDateOutOfRange},
		{isoDates, "2026-03-05", "", "2026-03-05", ""},
		{isoDates, "2026-03-05Z", "", "2026-03-05", ""},
		{isoDates, "2026-03-05+01:00", "", "2026-03-05", ""},
		{isoDates, "2026-03-05T10:00:00", "", "", data.ReasonDateFormat},
		{isoDates, "05/03/2026", "", "", data.ReasonDateFormat},
		{isoDates, "2026-3-5", "", "", data.ReasonDateFormat},
		{isoDates, "2026-02-30", "", "", data.ReasonDateInvalid},
	}
	for _, tt := range tests {
		got, reason := tt.style.parse(field{n: format(tt.format), value: tt.value})
		if reason != tt.reason || (tt.want != "" && got.String() != tt.want) {
			t.Errorf("parse(%q, format %q) = %v, %q; want %s, %q", tt.value, tt.format, got, reason, tt.want, tt.reason)
		}
	}
}
