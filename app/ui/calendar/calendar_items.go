package calendar

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"relance/app/dunning"
	"relance/app/ui/kit"
	"relance/data"
)

// calendarEntry is one feed item as the calendar lists it, its texts
// written once when loaded.
type calendarEntry struct {
	item   dunning.FeedItem
	colour fyne.ThemeColorName
	square bool   // a dated event (step, promise, deadline) rather than a due date
	title  string // the client: what the user recognises first
	detail string // the invoice and what happens: "FA-2026-0042 · Due · 1 day late"
	amount string
}

// calendarLine is one line of a day cell: a coloured marker and a count,
// with a total where money is expected.
type calendarLine struct {
	colour fyne.ThemeColorName
	square bool
	text   string
	count  int
}

// calendarStatusColour is the colour of an invoice falling due: red when
// late and unpaid, amber before the due date, green once paid, grey when
// it is out of the dunning (disputed, written off).
func calendarStatusColour(k data.StatusKind) fyne.ThemeColorName {
	switch k {
	case data.StatusOverdue, data.StatusInLitigation:
		return theme.ColorNameError
	case data.StatusNotDue, data.StatusDueSoon, data.StatusDueToday:
		return theme.ColorNameWarning
	case data.StatusPaid:
		return theme.ColorNameSuccess
	}
	return theme.ColorNamePlaceHolder
}

// calendarItemColour is the colour of any feed item: its status for a due
// date, the accent for what is planned or promised, red for legal deadlines.
func calendarItemColour(it dunning.FeedItem) fyne.ThemeColorName {
	switch it.Kind {
	case dunning.FeedDue:
		return calendarStatusColour(it.Status)
	case dunning.FeedStep, dunning.FeedPromise, dunning.FeedInstalment:
		return theme.ColorNamePrimary
	}
	return theme.ColorNameError
}

// newCalendarEntry writes the texts of one item for the day panel and the
// agenda.
func newCalendarEntry(it dunning.FeedItem, today data.Date) calendarEntry {
	e := calendarEntry{item: it, colour: calendarItemColour(it), square: it.Kind != dunning.FeedDue,
		title: it.Client, detail: it.Number + " · " + calendarItemDetail(it, today)}
	if it.Amount > 0 {
		e.amount = kit.Money(it.Amount)
	}
	return e
}

// calendarItemDetail says what the item is: the due date with the
// invoice's status, the step planned, the promise, the deadline.
func calendarItemDetail(it dunning.FeedItem, today data.Date) string {
	switch it.Kind {
	case dunning.FeedDue:
		return calendarDueDetail(it, today)
	case dunning.FeedStep:
		return calendarStepDetail(it, today)
	case dunning.FeedPromise:
		return lang.L("calendar.item.promise")
	case dunning.FeedInstalment:
		return lang.L("calendar.item.instalment")
	case dunning.FeedNoticeDeadline:
		return lang.L("calendar.item.notice_deadline", map[string]any{"Step": kit.StepName(it.Step)})
	case dunning.FeedPrescriptionWarning:
		return lang.L("calendar.item.prescription_warning")
	case dunning.FeedPrescription:
		return lang.L("calendar.item.prescription")
	}
	return string(it.Kind)
}

// calendarDueDetail says where an invoice falling due stands: "3 days
// late", "Due in 5 days" speak for themselves; a closed one says that it
// fell due that day ("Due · Paid").
func calendarDueDetail(it dunning.FeedItem, today data.Date) string {
	text := kit.StatusText(calendarItemStatus(it, today))
	switch it.Status {
	case data.StatusOverdue, data.StatusDueSoon, data.StatusNotDue, data.StatusDueToday:
		return text
	}
	return lang.L("calendar.item.due", map[string]any{"Status": text})
}

// calendarItemStatus rebuilds the status of an invoice falling due on the
// item's day, enough for statusText to say "3 days late" or "due in 5 days".
func calendarItemStatus(it dunning.FeedItem, today data.Date) data.Status {
	st := data.Status{Kind: it.Status, Outstanding: it.Amount}
	switch it.Status {
	case data.StatusOverdue:
		st.DaysLate = today.DaysSince(it.Date)
	case data.StatusDueSoon, data.StatusNotDue:
		st.DaysToDue = it.Date.DaysSince(today)
	}
	return st
}

// calendarStepDetail names the planned step, and why it waits if it does;
// a step planned on a past day was missed and waits on the Today screen.
func calendarStepDetail(it dunning.FeedItem, today data.Date) string {
	args := map[string]any{"Step": kit.StepName(it.Step)}
	if it.Wait == "" && it.Date.Before(today) {
		return lang.L("calendar.item.step_missed", args)
	}
	if it.Wait == "" {
		return lang.L("calendar.item.step", args)
	}
	key := "next.wait." + it.Wait
	args["Wait"] = lang.L(key)
	if args["Wait"] == key {
		return lang.L("calendar.item.step", args)
	}
	return lang.L("calendar.item.step_waiting", args)
}

// calendarGroup gathers the items of one line of a day cell.
type calendarGroup struct {
	colour fyne.ThemeColorName
	square bool
	count  int
	total  data.Money
	text   func(g calendarGroup) string
}

// The lines of a day cell, in the order they are drawn: what is late first.
const (
	groupLate = iota
	groupComing
	groupPaid
	groupOther
	groupSteps
	groupPromises
	groupDeadlines
	groupCount
)

// calendarSummary condenses a day's items into the few lines of its cell:
// invoices falling due by colour with their count and total, then counts
// of planned steps, promised payments and legal deadlines.
func calendarSummary(items []dunning.FeedItem) []calendarLine {
	withTotal := func(g calendarGroup) string { return strconv.Itoa(g.count) + " · " + calendarCompactMoney(g.total) }
	counted := func(key string) func(calendarGroup) string {
		return func(g calendarGroup) string { return lang.N(key, g.count, map[string]any{"Count": g.count}) }
	}
	groups := [groupCount]calendarGroup{
		groupLate:      {colour: theme.ColorNameError, text: withTotal},
		groupComing:    {colour: theme.ColorNameWarning, text: withTotal},
		groupPaid:      {colour: theme.ColorNameSuccess, text: counted("calendar.cell.paid")},
		groupOther:     {colour: theme.ColorNamePlaceHolder, text: withTotal},
		groupSteps:     {colour: theme.ColorNamePrimary, square: true, text: counted("calendar.cell.steps")},
		groupPromises:  {colour: theme.ColorNamePrimary, square: true, text: counted("calendar.cell.promises")},
		groupDeadlines: {colour: theme.ColorNameError, square: true, text: counted("calendar.cell.deadlines")},
	}
	for _, it := range items {
		g := &groups[calendarGroupOf(it)]
		g.count++
		g.total += it.Amount
	}
	var lines []calendarLine
	for _, g := range groups {
		if g.count > 0 {
			lines = append(lines, calendarLine{colour: g.colour, square: g.square, text: g.text(g), count: g.count})
		}
	}
	return lines
}

// calendarGroupOf says on which line of a day cell an item is counted.
func calendarGroupOf(it dunning.FeedItem) int {
	switch it.Kind {
	case dunning.FeedDue:
		switch calendarStatusColour(it.Status) {
		case theme.ColorNameError:
			return groupLate
		case theme.ColorNameWarning:
			return groupComing
		case theme.ColorNameSuccess:
			return groupPaid
		}
		return groupOther
	case dunning.FeedStep:
		return groupSteps
	case dunning.FeedPromise, dunning.FeedInstalment:
		return groupPromises
	}
	return groupDeadlines
}

// calendarDaySummary is the line under a day's title: how many invoices
// fall due and what is still to collect on them.
func calendarDaySummary(entries []calendarEntry) string {
	var due int
	var outstanding data.Money
	for _, e := range entries {
		if e.item.Kind == dunning.FeedDue {
			due++
			outstanding += e.item.Amount
		}
	}
	if due == 0 {
		return lang.N("calendar.day.items", len(entries), map[string]any{"Count": len(entries)})
	}
	text := lang.N("calendar.day.due", due, map[string]any{"Count": due})
	if outstanding > 0 {
		text += " · " + lang.L("calendar.day.outstanding", map[string]any{"Amount": kit.Money(outstanding)})
	}
	return text
}
