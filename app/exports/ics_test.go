package exports

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"relance/app/dunning"
	"relance/data"
)

// icsEvent is one VEVENT read back: its properties by name (parameters
// kept in the name: "DTSTART;VALUE=DATE"), values unescaped.
type icsEvent map[string]string

// parseICS reads an iCalendar file strictly: every physical line ends
// with CRLF and is at most 75 octets of valid UTF-8; folded lines are
// joined; the calendar opens and closes once, with VERSION and PRODID;
// each VEVENT has a UID, a DTSTAMP and an all-day DTSTART; a backslash
// only escapes a backslash, a semicolon, a comma or n.
func parseICS(t *testing.T, raw []byte) (head map[string]string, events []icsEvent) {
	t.Helper()
	if !bytes.HasSuffix(raw, []byte("\r\n")) {
		t.Fatal("the file does not end with CRLF")
	}
	var lines []string
	for i, phys := range strings.Split(strings.TrimSuffix(string(raw), "\r\n"), "\r\n") {
		if len(phys) > 75 || !utf8.ValidString(phys) || strings.ContainsAny(phys, "\r\n") {
			t.Fatalf("line %d: %d octets, or not UTF-8, or a bare line break: %q", i+1, len(phys), phys)
		}
		if strings.HasPrefix(phys, " ") {
			lines[len(lines)-1] += phys[1:]
			continue
		}
		lines = append(lines, phys)
	}
	head = map[string]string{}
	var cur icsEvent
	for _, l := range lines {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("no colon: %q", l)
		}
		switch {
		case l == "BEGIN:VEVENT":
			cur = icsEvent{}
		case l == "END:VEVENT":
			events = append(events, cur)
			cur = nil
		case cur != nil:
			cur[name] = unescapeICS(t, value)
		default:
			head[name] += value
		}
	}
	if lines[0] != "BEGIN:VCALENDAR" || lines[len(lines)-1] != "END:VCALENDAR" || head["VERSION"] != "2.0" || head["PRODID"] == "" {
		t.Fatalf("calendar head: %q", head)
	}
	for _, e := range events {
		if e["UID"] == "" || len(e["DTSTAMP"]) != 16 || len(e["DTSTART;VALUE=DATE"]) != 8 || e["SUMMARY"] == "" {
			t.Errorf("event: %q", e)
		}
	}
	return head, events
}

func unescapeICS(t *testing.T, v string) string {
	t.Helper()
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '\\' && i+1 < len(v):
			i++
			switch v[i] {
			case '\\', ';', ',':
				b.WriteByte(v[i])
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				t.Errorf("bad escape \\%c in %q", v[i], v)
			}
		case c == ';' || c == ',' || c == '\\':
			t.Errorf("unescaped %c in %q", c, v)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// TestICSEscapesAndFolds: names with commas, semicolons, backslashes and
// line breaks come back as they were; long accented lines are folded
// without cutting a character; one event per item, the paid invoice's
// due date left out.
func TestICSEscapesAndFolds(t *testing.T) {
	tricky := "Société Générale d'Électricité; Fils, Frères & Cie \\ Agence n°2\nBâtiment Œ — très, très longue raison sociale"
	step := data.Step{ID: 7, Channel: data.ChannelPhoneCall, TemplateKey: "call"}
	items := []dunning.FeedItem{
		{Date: data.MustDate("2026-12-20"), Kind: dunning.FeedDue, InvoiceID: 1, Number: "FA-1", Client: tricky, Amount: 125050,
			Status: data.StatusDueSoon},
		{Date: data.MustDate("2026-12-21"), Kind: dunning.FeedDue, InvoiceID: 2, Number: "FA-2", Client: "Payé SA",
			Status: data.StatusPaid},
		{Date: data.MustDate("2026-12-22"), Kind: dunning.FeedStep, InvoiceID: 1, Number: "FA-1", Client: tricky, Step: step},
		{Date: data.MustDate("2026-12-23"), Kind: dunning.FeedPromise, InvoiceID: 1, Number: "FA-1", Client: tricky, Amount: 50000},
	}
	var buf bytes.Buffer
	stamp := time.Date(2026, 12, 7, 9, 30, 0, 0, time.UTC)
	must(t, WriteICS(&buf, say(t, "fr"), items, stamp, "732 829 320"))
	_, events := parseICS(t, buf.Bytes())
	if len(events) != 3 {
		t.Fatalf("%d events, want 3 (the paid invoice left out)", len(events))
	}
	due := events[0]
	if want := "Échéance FA-1 · " + tricky + " · " + data.Money(125050).FormatFR(); due["SUMMARY"] != want {
		t.Errorf("summary %q", due["SUMMARY"])
	}
	if !strings.Contains(due["DESCRIPTION"], tricky) || due["DTSTART;VALUE=DATE"] != "20261220" ||
		due["DTEND;VALUE=DATE"] != "20261221" || due["DTSTAMP"] != "20261207T093000Z" {
		t.Errorf("due event: %q", due)
	}
	if due["UID"] != "due-1@732829320.relance" {
		t.Errorf("UID %q", due["UID"])
	}
	if call := events[1]; !strings.HasPrefix(call["SUMMARY"], "Appeler "+tricky) || call["UID"] != "step-1-7@732829320.relance" {
		t.Errorf("call event: %q", call)
	}
	if !bytes.Contains(buf.Bytes(), []byte("\r\n ")) {
		t.Error("no line was folded")
	}
}

// TestCalendarOfTheBook: the calendar of the test book through the
// dunning feed: each open invoice's due date in the span and the steps planned, the
// paid and written-off invoices' due dates left out; a second export a
// day later gives the same UIDs, so that a calendar updates its events.
func TestCalendarOfTheBook(t *testing.T) {
	b := newTestBook(t)
	first, last := DefaultCalendarSpan(testDay)
	export := func(stamp time.Time) map[string]icsEvent {
		var buf bytes.Buffer
		feed := dunning.NewService(b.store, data.ClockOn(testDay))
		must(t, Calendar(context.Background(), feed, &buf, say(t, "en"), first, last, stamp, b.company.SIREN))
		_, events := parseICS(t, buf.Bytes())
		byUID := map[string]icsEvent{}
		for _, e := range events {
			if byUID[e["UID"]] != nil {
				t.Errorf("UID %s twice", e["UID"])
			}
			byUID[e["UID"]] = e
		}
		return byUID
	}
	one := export(time.Date(2026, 12, 7, 8, 0, 0, 0, time.UTC))
	two := export(time.Date(2026, 12, 8, 8, 0, 0, 0, time.UTC))
	if len(one) != len(two) {
		t.Fatalf("%d events, then %d", len(one), len(two))
	}
	for uid := range one {
		if two[uid] == nil {
			t.Errorf("UID %s not in the second export", uid)
		}
	}
	uid := fmt.Sprintf("due-%d@732829320.relance", b.byNum["FA-2026-0002"].ID)
	if e := one[uid]; e == nil || !strings.Contains(e["SUMMARY"], "FA-2026-0002") || e["DTSTART;VALUE=DATE"] != "20261220" {
		t.Errorf("FA-2026-0002: no due event %s: %q", uid, e)
	}
	for _, number := range []string{"FA-2026-0004", "FA-2026-0005"} {
		if one[fmt.Sprintf("due-%d@732829320.relance", b.byNum[number].ID)] != nil {
			t.Errorf("%s is settled, yet its due date is exported", number)
		}
	}
	steps := 0
	for uid := range one {
		if strings.HasPrefix(uid, "step-") {
			steps++
		}
	}
	if steps == 0 {
		t.Errorf("no step planned in %d events", len(one))
	}
}
