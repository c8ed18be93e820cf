package data

import (
	"errors"
	"testing"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in     string
		want   Money
		reason Reason // "" when the input is accepted
	}{
		{"1250", 125000, ""},
		{"1 250,5", 125050, ""},
		{"1.250,50", 125050, ""},
		{"1250.50", 125050, ""},
		{"1,250.50", 125050, ""},
		{"1 250,00 €", 125000, ""},
		{"1\u202f250,00\u00a0€", 125000, ""},
		{"€12", 1200, ""},
		{"EUR 12,3", 1230, ""},
		{"0,05", 5, ""},
		{",5", 50, ""},
		{"1.250.000", 125000000, ""},
		{"1 250 000,99", 125000099, ""},
		{"  42  ", 4200, ""},
		{"0", 0, ""},
		{"12,345,6", 0, ReasonMoneyFormat},
		{"", 0, ReasonRequired},
		{"   ", 0, ReasonRequired},
		{"€", 0, ReasonRequired},
		{"-12", 0, ReasonNegative},
		{"1.250", 0, ReasonMoneyDecimals},
		{"12,345", 0, ReasonMoneyDecimals},
		{"1,2,3", 0, ReasonMoneyFormat},
		{"12 34", 0, ReasonMoneyFormat},
		{"1 2345", 0, ReasonMoneyFormat},
		{"1.250 000", 0, ReasonMoneyFormat},
		{"abc", 0, ReasonMoneyFormat},
		{"12a", 0, ReasonMoneyFormat},
		{"1e5", 0, ReasonMoneyFormat},
		{"12,", 0, ReasonMoneyFormat},
		{"1..2", 0, ReasonMoneyFormat},
		{".", 0, ReasonMoneyFormat},
		{"--5", 0, ReasonMoneyFormat},
		{"1234567890123456", 0, ReasonMoneyTooLarge},
	}
	for _, tt := range tests {
		got, err := ParseMoney(tt.in)
		if tt.reason == "" {
			if err != nil || got != tt.want {
				t.Errorf("ParseMoney(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
			}
			continue
		}
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Reason != tt.reason || !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseMoney(%q) = %d, %v; want reason %s", tt.in, got, err, tt.reason)
		}
	}
}

func TestParseSignedMoney(t *testing.T) {
	got, err := ParseSignedMoney("-1 250,50 €")
	if err != nil || got != -125050 {
		t.Fatalf("got %d, %v", got, err)
	}
}

func TestMoneyFormat(t *testing.T) {
	tests := []struct {
		m      Money
		fr, en string
		plain  string
	}{
		{125000, "1\u202f250,00\u00a0€", "€1,250.00", "1250,00"},
		{5, "0,05\u00a0€", "€0.05", "0,05"},
		{0, "0,00\u00a0€", "€0.00", "0,00"},
		{99, "0,99\u00a0€", "€0.99", "0,99"},
		{123456789, "1\u202f234\u202f567,89\u00a0€", "€1,234,567.89", "1234567,89"},
		{-1250, "-12,50\u00a0€", "-€12.50", "-12,50"},
		{100000, "1\u202f000,00\u00a0€", "€1,000.00", "1000,00"},
		{10000, "100,00\u00a0€", "€100.00", "100,00"},
	}
	for _, tt := range tests {
		if got := tt.m.FormatFR(); got != tt.fr {
			t.Errorf("%d.FormatFR() = %q, want %q", tt.m, got, tt.fr)
		}
		if got := tt.m.FormatEN(); got != tt.en {
			t.Errorf("%d.FormatEN() = %q, want %q", tt.m, got, tt.en)
		}
		if got := tt.m.Plain(); got != tt.plain {
			t.Errorf("%d.Plain() = %q, want %q", tt.m, got, tt.plain)
		}
	}
	if got := Money(125050).Decimal(); got != "1250.50" {
		t.Errorf("Decimal = %q", got)
	}
}

// FuzzParseMoney: no input panics, and whatever parses formats back to the same amount.
func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"1250", "1 250,5", "1.250,50", "1250.50", "12,345,6", "", "-3", "1\u202f250,00\u00a0€", "9999999999999,99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseSignedMoney(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("ParseSignedMoney(%q): error %v is not ErrInvalid", s, err)
			}
			return
		}
		for _, text := range []string{m.FormatFR(), m.Plain(), m.Decimal(), m.FormatEN()} {
			back, err := ParseSignedMoney(text)
			if err != nil || back != m {
				t.Fatalf("round trip of %q via %q: got %d, %v; want %d", s, text, back, err, m)
			}
		}
	})
}
