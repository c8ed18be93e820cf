package data

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		reason Reason
	}{
		{"2026-03-01", "2026-03-01", ""},
		{"01/03/2026", "2026-03-01", ""},
		{"1/3/2026", "2026-03-01", ""},
		{"01.03.2026", "2026-03-01", ""},
		{"01-03-2026", "2026-03-01", ""},
		{" 29/02/2028 ", "2028-02-29", ""},
		{"31/12/1999", "1999-12-31", ""},
		{"29/02/2026", "", ReasonDateInvalid},
		{"31/04/2026", "", ReasonDateInvalid},
		{"2026-13-01", "", ReasonDateInvalid},
		{"00/01/2026", "", ReasonDateInvalid},
		{"01/03/26", "", ReasonDateFormat},
		{"2026/03/01", "", ReasonDateFormat},
		{"01/03-2026", "", ReasonDateFormat},
		{"1 mars 2026", "", ReasonDateFormat},
		{"", "", ReasonRequired},
		{"01/03/1800", "", ReasonDateOutOfRange},
		{"2026-3-1", "2026-03-01", ""},
		{"a/b/c", "", ReasonDateFormat},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if tt.reason == "" {
			if err != nil || got.String() != tt.want {
				t.Errorf("ParseDate(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
			}
			continue
		}
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Reason != tt.reason {
			t.Errorf("ParseDate(%q) = %v, %v; want reason %s", tt.in, got, err, tt.reason)
		}
	}
}

func TestDateArithmeticAndFormat(t *testing.T) {
	d := MustDate("2026-03-01")
	if got := d.LongFR(); got != "1er mars 2026" {
		t.Errorf("LongFR = %q", got)
	}
	if got := MustDate("2026-08-15").LongFR(); got != "15 août 2026" {
		t.Errorf("LongFR = %q", got)
	}
	if got := d.FormatFR(); got != "01/03/2026" {
		t.Errorf("FormatFR = %q", got)
	}
	if got := d.LongEN(); got != "1 March 2026" {
		t.Errorf("LongEN = %q", got)
	}
	if got := d.AddDays(-1).String(); got != "2026-02-28" {
		t.Errorf("AddDays(-1) = %s", got)
	}
	if got := MustDate("2026-12-31").AddDays(1).String(); got != "2027-01-01" {
		t.Errorf("year roll = %s", got)
	}
	if got := MustDate("2026-03-01").DaysSince(MustDate("2025-03-01")); got != 365 {
		t.Errorf("DaysSince = %d", got)
	}
	if d.Weekday() != time.Sunday {
		t.Errorf("weekday = %v", d.Weekday())
	}
	if got := MustDate("2026-01-31").AddMonths(1).String(); got != "2026-03-03" {
		t.Errorf("AddMonths = %s", got)
	}
	if !(Date{}).IsZero() || d.IsZero() || (Date{}).String() != "" {
		t.Error("zero date")
	}
	if DateOf(time.Date(2026, 3, 1, 23, 59, 0, 0, time.FixedZone("CET", 3600))) != d {
		t.Error("DateOf keeps the local day")
	}
	if MustDate("1900-01-01").String() != "1900-01-01" || MustDate("2999-12-31").String() != "2999-12-31" {
		t.Error("range ends")
	}
}

func TestDateScanValue(t *testing.T) {
	var d Date
	if err := d.Scan("2026-03-01"); err != nil || d != MustDate("2026-03-01") {
		t.Fatalf("scan: %v %v", d, err)
	}
	if err := d.Scan(nil); err != nil || !d.IsZero() {
		t.Fatalf("scan nil: %v %v", d, err)
	}
	if err := d.Scan("01/03/2026"); err == nil {
		t.Fatal("a stored date must be ISO")
	}
	if v, _ := MustDate("2026-03-01").Value(); v != "2026-03-01" {
		t.Fatalf("value = %v", v)
	}
	if v, _ := (Date{}).Value(); v != nil {
		t.Fatalf("zero value = %v", v)
	}
}

// A stored date that is no calendar day is an error naming the value, not
// another day: 2026-13-45 is not 14 February 2027.
func TestDateScanRefusesImpossibleDays(t *testing.T) {
	for _, bad := range []string{"2026-13-45", "2026-02-29", "2026-04-31", "2026-00-10", "2026-01-00", "2100-02-29"} {
		var d Date
		err := d.Scan(bad)
		if !errors.Is(err, ErrStoredDate) || !strings.Contains(err.Error(), bad) {
			t.Errorf("Scan(%q) = %v, %v; want ErrStoredDate naming the value", bad, d, err)
		}
	}
	for _, good := range []string{"2028-02-29", "2000-02-29", "2026-12-31", "2026-04-30"} {
		var d Date
		if err := d.Scan([]byte(good)); err != nil || d.String() != good {
			t.Errorf("Scan(%q) = %v, %v", good, d, err)
		}
	}
}

// A damaged date in the book fails the read of its record with the value
// named, instead of planning on a day nobody chose.
func TestStoredImpossibleDueDateIsAnError(t *testing.T) {
	ctx := context.Background()
	s := newFileTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	if _, err := s.write.ExecContext(ctx, `UPDATE invoices SET due_date = '2026-13-45' WHERE id = ?`, inv.ID); err != nil {
		t.Fatal(err)
	}
	_, err := s.GetInvoice(ctx, inv.ID)
	if !errors.Is(err, ErrStoredDate) || !strings.Contains(err.Error(), "2026-13-45") {
		t.Fatalf("reading a stored 2026-13-45: %v", err)
	}
}

// FuzzParseDate: no panic; whatever parses prints back as a date that parses to itself.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-03-01", "01/03/2026", "29/02/2026", "", "1/1/1", "9999-99-99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("ParseDate(%q): %v is not ErrInvalid", s, err)
			}
			return
		}
		for _, text := range []string{d.String(), d.FormatFR()} {
			back, err := ParseDate(text)
			if err != nil || back != d {
				t.Fatalf("round trip %q via %q: %v %v", s, text, back, err)
			}
		}
		var scanned Date
		if err := scanned.Scan(d.String()); err != nil || scanned != d {
			t.Fatalf("scan round trip %q: %v %v", s, scanned, err)
		}
	})
}

func TestNewDateAgreesWithTimePackage(t *testing.T) {
	for tm := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC); tm.Year() < 2101; tm = tm.AddDate(0, 0, 1) {
		d := NewDate(tm.Date())
		if !d.Time().Equal(tm) {
			t.Fatalf("NewDate(%s) = %s", tm.Format("2006-01-02"), d)
		}
	}
	if got := NewDate(2026, 2, 31).String(); got != "2026-03-03" {
		t.Fatalf("normalisation: %s", got)
	}
	if got := NewDate(2026, 14, 1).String(); got != "2027-02-01" {
		t.Fatalf("normalisation: %s", got)
	}
}

func TestDateJSON(t *testing.T) {
	type rec struct {
		Due, None Date
	}
	b, err := json.Marshal(rec{Due: MustDate("2026-03-01")})
	if err != nil || string(b) != `{"Due":"2026-03-01","None":""}` {
		t.Fatalf("marshal: %s %v", b, err)
	}
	var back rec
	if err := json.Unmarshal(b, &back); err != nil || back.Due != MustDate("2026-03-01") || !back.None.IsZero() {
		t.Fatalf("unmarshal: %+v %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"Due":"2026-02-30"}`), &back); err == nil {
		t.Fatal("30 February read back")
	}
}
