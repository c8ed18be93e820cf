package exports

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"relance/app/dunning"
	"relance/app/words"
	"relance/data"
)

// CalendarFeed is what the calendar export reads: the dunning service's
// feed (dunning.Service.Feed), the same items the Calendar screen draws.
type CalendarFeed interface {
	Feed(ctx context.Context, first, last data.Date) ([]dunning.FeedItem, error)
}

// DefaultCalendarSpan is the days a calendar export covers unless told
// otherwise: the last 30 days (what is late and the steps missed) and the
// next 180.
func DefaultCalendarSpan(today data.Date) (first, last data.Date) {
	return today.AddDays(-30), today.AddDays(180)
}

// Calendar writes the calendar items from first to last (inclusive) as an
// iCalendar file; stamp is the moment of the export (DTSTAMP) and book
// names the book in the events' UIDs (the company's SIREN, or "").
func Calendar(ctx context.Context, feed CalendarFeed, out io.Writer, w words.Words, first, last data.Date,
	stamp time.Time, book string) error {
	items, err := feed.Feed(ctx, first, last)
	if err == nil {
		err = WriteICS(out, w, items, stamp, book)
	}
	if err != nil {
		return fmt.Errorf("export calendar: %w", err)
	}
	return nil
}

// WriteICS writes feed items as an iCalendar file (RFC 5545): one all-day
// event per item whose UID stays the same from one export to the next,
// so that importing a newer file updates the owner's calendar instead of
// doubling it. The due dates of invoices already settled are left out.
func WriteICS(out io.Writer, w words.Words, items []dunning.FeedItem, stamp time.Time, book string) error {
	bw := bufio.NewWriter(out)
	ic := icsWriter{w: bw}
	ic.line("BEGIN:VCALENDAR")
	ic.line("VERSION:2.0")
	ic.line("PRODID:-//Relance//Relance//" + strings.ToUpper(w.Lang()))
	ic.line("CALSCALE:GREGORIAN")
	ic.line("METHOD:PUBLISH")
	ic.prop("X-WR-CALNAME", w.T.L("export.ics.name"))
	dtstamp := stamp.UTC().Format("20060102T150405Z")
	domain := uidDomain(book)
	for _, it := range items {
		if !inCalendar(it) {
			continue
		}
		ic.line("BEGIN:VEVENT")
		ic.line("UID:" + eventUID(it, domain))
		ic.line("DTSTAMP:" + dtstamp)
		ic.line("DTSTART;VALUE=DATE:" + icsDate(it.Date))
		ic.line("DTEND;VALUE=DATE:" + icsDate(it.Date.AddDays(1)))
		ic.prop("SUMMARY", eventSummary(w, it))
		ic.prop("DESCRIPTION", eventDescription(w, it))
		ic.line("TRANSP:TRANSPARENT") // a reminder, not a meeting: the owner is not busy
		ic.line("END:VEVENT")
	}
	ic.line("END:VCALENDAR")
	if ic.err == nil {
		ic.err = bw.Flush()
	}
	if ic.err != nil {
		return fmt.Errorf("write iCalendar: %w", ic.err)
	}
	return nil
}

// inCalendar says whether an item goes to the owner's calendar: every one
// but the due dates of invoices no longer expected (paid, cancelled,
// written off).
func inCalendar(it dunning.FeedItem) bool {
	if it.Kind != dunning.FeedDue {
		return true
	}
	return (data.Status{Kind: it.Status}).Open()
}

// eventUID names an item for good: by its kind, its invoice, and what
// tells it from the invoice's other items of that kind (the step, or the
// day of a promise, an instalment or a limitation warning). A step's day
// may move (a promise postpones it): its UID does not, and the calendar
// moves the event.
func eventUID(it dunning.FeedItem, domain string) string {
	uid := string(it.Kind) + "-" + strconv.FormatInt(it.InvoiceID, 10)
	switch it.Kind {
	case dunning.FeedStep, dunning.FeedNoticeDeadline:
		uid += "-" + strconv.FormatInt(it.Step.ID, 10)
	case dunning.FeedPromise, dunning.FeedInstalment, dunning.FeedPrescriptionWarning:
		uid += "-" + icsDate(it.Date)
	}
	return uid + "@" + domain
}

// uidDomain is the UIDs' right-hand side: the book's SIREN (two books
// never share UIDs), else relance.
func uidDomain(book string) string {
	var b strings.Builder
	for _, r := range book {
		if r < utf8.RuneSelf && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "relance"
	}
	return b.String() + ".relance"
}

func icsDate(d data.Date) string {
	y, m, day := d.YMD()
	return fmt.Sprintf("%04d%02d%02d", y, int(m), day)
}

// eventSummary is the event's title: what happens, then the client and
// the invoice ("Call ACME · FA-2026-0042").
func eventSummary(w words.Words, it dunning.FeedItem) string {
	args := map[string]any{"Client": it.Client, "Number": it.Number, "Amount": w.Money(it.Amount)}
	key := "export.ics." + string(it.Kind)
	if it.Kind == dunning.FeedStep {
		args["Step"] = w.StepName(it.Step)
		if it.Step.Channel == data.ChannelPhoneCall {
			key = "export.ics.call"
		}
	}
	return w.T.L(key, args)
}

// eventDescription says the invoice, its client and the amount at stake.
func eventDescription(w words.Words, it dunning.FeedItem) string {
	return w.T.L("export.ics.description", map[string]any{"Client": it.Client, "Number": it.Number,
		"Amount": w.Money(it.Amount)})
}

// icsWriter writes content lines: CRLF-terminated, folded at 75 octets.
type icsWriter struct {
	w   *bufio.Writer
	err error
}

// prop writes a text property, escaped.
func (ic *icsWriter) prop(name, text string) { ic.line(name + ":" + escapeText(text)) }

// line writes one content line, folded so that no physical line exceeds
// 75 octets (a UTF-8 character is never cut): the next ones start with a
// space.
func (ic *icsWriter) line(s string) {
	if ic.err != nil {
		return
	}
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		if _, ic.err = ic.w.WriteString(s[:cut] + "\r\n "); ic.err != nil {
			return
		}
		s, limit = s[cut:], 74 // the leading space counts
	}
	_, ic.err = ic.w.WriteString(s + "\r\n")
}

// escapeText escapes a TEXT value (RFC 5545, 3.3.11): backslashes,
// semicolons, commas and line breaks.
func escapeText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(s)
}
