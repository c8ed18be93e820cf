package invoices

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"

	"relance/app/dunning"
	"relance/app/ui/kit"
	"relance/data"
)

// invoiceRow is one line of the invoice list: the facts it filters and
// sorts on, and its cells formatted once when loaded so that drawing a cell
// is a field copy. Rows are never changed once loaded (a reload makes new
// ones), so filtering can read them off the UI goroutine.
type invoiceRow struct {
	id       int64
	clientID int64
	number   string
	client   string
	// number and client folded for the search box; rows of one client
	// share one string
	numberKey, clientKey string
	dueDate              data.Date
	total                data.Money // the invoice's amount
	st                   data.Status
	paused               bool // reminders paused on the invoice or its client
	filters              uint8

	due         string
	amount      string
	outstanding string
	status      string
}

// Filters of the list, in the order of their buttons.
const (
	invFilterAll = iota
	invFilterOpen
	invFilterDueSoon
	invFilterOverdue
	invFilterPaid
	invFilterDisputed
	invFilterPaused
	invFilterCount
)

// invoiceFilterNeedsSettled: the filters that show settled invoices,
// whose count waits for them to be loaded (the others count unpaid ones).
func invoiceFilterNeedsSettled(f int) bool { return f == invFilterAll || f == invFilterPaid }

var invoiceFilterKeys = [invFilterCount]string{"invoices.filter.all", "invoices.filter.open", "invoices.filter.due_soon",
	"invoices.filter.overdue", "invoices.filter.paid", "invoices.filter.disputed", "invoices.filter.paused"}

// invoiceFiltersOf is the set of filters a row passes, as bits by filter index.
func invoiceFiltersOf(st data.Status, paused bool) uint8 {
	set := uint8(1) << invFilterAll
	add := func(f int, ok bool) {
		if ok {
			set |= 1 << f
		}
	}
	add(invFilterOpen, st.Open())
	add(invFilterDueSoon, st.Kind == data.StatusDueSoon || st.Kind == data.StatusDueToday)
	// Late money, disputed or not: Today's and the client list's definition
	// (data.Status.Overdue, data.GetKeyFigures), so that the counts agree.
	add(invFilterOverdue, st.Overdue())
	add(invFilterPaid, st.Kind == data.StatusPaid)
	add(invFilterDisputed, st.Kind == data.StatusDisputed)
	add(invFilterPaused, paused && st.Open())
	return set
}

// invoiceFormatter formats rows for one load. Many rows share a status ("12
// days late") or a next step, so their sentences are made once and reused:
// formatting 100,000 rows stays a fraction of the time the store takes.
type invoiceFormatter struct {
	en       bool
	statuses map[invoiceStatusKey]string
	nexts    map[invoiceNextKey]string
	today    data.Date
}

// invoiceStatusKey is what a status sentence depends on.
type invoiceStatusKey struct {
	kind    data.StatusKind
	days    int
	partial bool
}

// invoiceNextKey is what a next-step cell depends on.
type invoiceNextKey struct {
	step int64
	tmpl string
	ch   data.Channel
	date data.Date
	wait string
	ok   bool
}

// newInvoiceFormatter formats in the language in use, as of today.
func newInvoiceFormatter(today data.Date) *invoiceFormatter {
	return &invoiceFormatter{en: kit.Language() == "en", statuses: map[invoiceStatusKey]string{}, nexts: map[invoiceNextKey]string{}, today: today}
}

// money writes an amount the user's way.
func (f *invoiceFormatter) money(m data.Money) string {
	if f.en {
		return m.FormatEN()
	}
	return m.FormatFR()
}

// date writes a day the user's way.
func (f *invoiceFormatter) date(d data.Date) string {
	if f.en {
		return d.Time().Format("2 Jan 2006")
	}
	return d.FormatFR()
}

// status is statusText, made once per distinct status.
func (f *invoiceFormatter) status(st data.Status) string {
	key := invoiceStatusKey{kind: st.Kind, partial: st.PartiallyPaid()}
	switch st.Kind {
	case data.StatusOverdue:
		key.days = st.DaysLate
	case data.StatusDueSoon, data.StatusNotDue:
		key.days = st.DaysToDue
	}
	text, ok := f.statuses[key]
	if !ok {
		text = kit.StatusText(st)
		f.statuses[key] = text
	}
	return text
}

// next is the row's "next step" cell, shorter than the detail's sentence
// so that it fits its column: empty once the invoice is closed.
func (f *invoiceFormatter) next(n dunning.NextStep, ok bool, st data.Status) string {
	if !st.Open() {
		return ""
	}
	key := invoiceNextKey{step: n.Step.ID, tmpl: n.Step.TemplateKey, ch: n.Step.Channel, date: n.Date, wait: n.Wait, ok: ok}
	text, found := f.nexts[key]
	if !found {
		text = invoiceShortNext(n, ok, f.today)
		f.nexts[key] = text
	}
	return text
}

// invoiceShortNext says in a few words what comes next on an open invoice.
func invoiceShortNext(n dunning.NextStep, ok bool, today data.Date) string {
	switch {
	case !ok:
		return lang.L("invoices.next.none")
	case n.Wait == dunning.WaitDisputed:
		return lang.L("invoices.next.disputed")
	case n.Wait == dunning.WaitPaused:
		return lang.L("invoices.next.paused")
	case n.Step.ID == 0 && n.Wait == dunning.WaitPromise:
		return lang.L("invoices.next.promise", map[string]any{"Date": kit.Date(n.Date)})
	case n.Wait == dunning.WaitNone && !n.Date.After(today):
		return lang.L("invoices.next.due", map[string]any{"Step": kit.StepName(n.Step)})
	}
	text := lang.L("next.step", map[string]any{"Step": kit.StepName(n.Step), "Date": kit.Date(n.Date)})
	if n.Wait != dunning.WaitNone {
		text += " (" + lang.L("next.wait."+n.Wait) + ")"
	}
	return text
}

// makeInvoiceRows turns the store's lines into list rows as of today. What
// many rows share (a client's folded name, a due date's text, a status
// sentence) is made once.
func makeInvoiceRows(lines []data.InvoiceLine, today data.Date, dueSoonDays int) []invoiceRow {
	f := newInvoiceFormatter(today)
	clients := map[int64]string{}
	dates := map[data.Date]string{}
	rows := make([]invoiceRow, len(lines))
	for i := range lines {
		l := &lines[i]
		st := l.Status(today, dueSoonDays)
		paused := l.RemindersPaused(today)
		clientKey, ok := clients[l.ClientID]
		if !ok {
			clientKey = invoiceFold(l.ClientName)
			clients[l.ClientID] = clientKey
		}
		due, ok := dates[l.DueDate]
		if !ok {
			due = f.date(l.DueDate)
			dates[l.DueDate] = due
		}
		rows[i] = invoiceRow{id: l.ID, clientID: l.ClientID, number: l.Number, client: l.ClientName,
			numberKey: invoiceFold(l.Number), clientKey: clientKey, dueDate: l.DueDate, total: l.Amount, st: st,
			paused: paused, filters: invoiceFiltersOf(st, paused), due: due, amount: f.money(l.Amount),
			outstanding: f.money(st.Outstanding), status: f.status(st)}
	}
	return rows
}

// invoiceNext is an invoice's next step, computed by the planner after the
// rows are shown (it takes longer than reading them).
type invoiceNext struct {
	step dunning.NextStep
	ok   bool
	text string
}

// makeInvoiceNexts gives each row its next step's cell, in row order (the
// steps themselves stay in the planner's map, shared, not copied per row).
func makeInvoiceNexts(rows []invoiceRow, steps map[int64]dunning.NextStep, today data.Date) []string {
	f := newInvoiceFormatter(today)
	out := make([]string, len(rows))
	for i := range rows {
		n, ok := steps[rows[i].id]
		out[i] = f.next(n, ok, rows[i].st)
	}
	return out
}

// Columns the list can be sorted on; the others ignore a click.
var invoiceSortable = [columnCount]bool{colDue: true, colAmount: true, colOutstanding: true, colStatus: true}

// invoiceQuery is what the list shows: a filter, the search box's words
// (folded) and the sort.
type invoiceQuery struct {
	filter  int
	words   []string
	sortCol int
	desc    bool
	// only, when set, is the set of invoices another screen asked to see
	// (a bar of the Dashboard): the list shows these alone.
	only map[int64]bool
}

// invoiceView is the outcome of a query: the rows to show (indexes into the
// loaded rows, in display order), the count per filter of the rows that
// match the search, and the totals of the rows shown.
type invoiceView struct {
	shown       []int32
	counts      [invFilterCount]int
	amount      data.Money
	outstanding data.Money
	overdue     data.Money
}

// invoiceSortOrder is the rows' ascending order on a column, ties broken by
// load order. Each row's key and index are packed into one integer (key in
// the high bits) and the integers are radix-sorted on the key bytes: a few
// linear passes over memory instead of a million comparisons, so that
// sorting 100,000 rows takes a few milliseconds.
func invoiceSortOrder(rows []invoiceRow, col int) []int32 {
	const idxBits = 20
	if len(rows) > 1<<idxBits {
		return invoiceSortOrderSlow(rows, col)
	}
	packed := make([]uint64, len(rows))
	var highest uint64
	for i := range rows {
		key := uint64(min(max(invoiceSortKey(&rows[i], col), 0), 1<<(64-idxBits)-1))
		highest = max(highest, key)
		packed[i] = key<<idxBits | uint64(i)
	}
	packed = radixSortHigh(packed, idxBits, bits.Len64(highest))
	order := make([]int32, len(packed))
	for i, p := range packed {
		order[i] = int32(p & (1<<idxBits - 1))
	}
	return order
}

// radixSortHigh sorts values on their bits from low to low+width, a byte
// at a time, keeping the order of equal keys (the values come in index
// order, so ties stay in load order).
func radixSortHigh(values []uint64, low, width int) []uint64 {
	tmp := make([]uint64, len(values))
	for shift := low; shift < low+width; shift += 8 {
		var counts [257]int
		for _, v := range values {
			counts[(v>>shift)&0xff+1]++
		}
		for b := 1; b < len(counts); b++ {
			counts[b] += counts[b-1]
		}
		for _, v := range values {
			d := (v >> shift) & 0xff
			tmp[counts[d]] = v
			counts[d]++
		}
		values, tmp = tmp, values
	}
	return values
}

// invoiceSortOrderSlow is invoiceSortOrder for a book too large to pack
// row indexes beside the keys.
func invoiceSortOrderSlow(rows []invoiceRow, col int) []int32 {
	order := make([]int32, len(rows))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int {
		return cmp.Compare(invoiceSortKey(&rows[a], col), invoiceSortKey(&rows[b], col))
	})
	return order
}

// Ranks of the "days late" order: what needs chasing first, then what is
// on hold, then what is closed.
const (
	invRankClosed = iota
	invRankOnHold
	invRankActive
)

// invoiceSortKey is a row's key on a column. On the status column the key is the
// days since the due date within a rank, so that, descending, the most
// overdue come first, then those due today, then those due soonest.
func invoiceSortKey(r *invoiceRow, col int) int64 {
	switch col {
	case colAmount:
		return int64(r.total)
	case colOutstanding:
		return int64(r.st.Outstanding)
	case colStatus:
		rank := invRankActive
		switch {
		case !r.st.Open():
			rank = invRankClosed
		case r.st.Kind == data.StatusDisputed:
			rank = invRankOnHold
		}
		late := int64(r.st.DaysLate - r.st.DaysToDue)
		return int64(rank)<<32 + late + 1<<31
	}
	return int64(r.dueDate.DaysSince(data.Date{}))
}

// invoiceRunQuery filters the rows in the given order (ascending, walked backwards
// when q.desc) and adds up the counts and totals in the same pass.
func invoiceRunQuery(rows []invoiceRow, order []int32, q invoiceQuery) invoiceView {
	v := invoiceView{shown: make([]int32, 0, len(rows))}
	bit := uint8(1) << q.filter
	for i := range order {
		idx := order[i]
		if q.desc {
			idx = order[len(order)-1-i]
		}
		r := &rows[idx]
		if !r.matches(q.words) || (q.only != nil && !q.only[r.id]) {
			continue
		}
		for f := range invFilterCount {
			if r.filters&(1<<f) != 0 {
				v.counts[f]++
			}
		}
		if r.filters&bit == 0 {
			continue
		}
		v.shown = append(v.shown, idx)
		v.amount += r.total
		if r.st.Open() {
			v.outstanding += r.st.Outstanding
		}
		// Late money, disputed or not: the same total as Today's and the
		// client list's "overdue" (data.GetKeyFigures).
		if r.st.Overdue() {
			v.overdue += r.st.Outstanding
		}
	}
	return v
}

// matches reports whether each word is in the row's number or client.
func (r *invoiceRow) matches(words []string) bool {
	for _, w := range words {
		if !strings.Contains(r.clientKey, w) && !strings.Contains(r.numberKey, w) {
			return false
		}
	}
	return true
}

// invoiceSearchWords splits the search box's text into folded words, all of which
// a row must contain.
func invoiceSearchWords(text string) []string {
	return strings.Fields(invoiceFold(text))
}

// invoiceFold lowercases text and strips the accents of Latin letters, so
// that "electricite" finds "Électricité" and "OEUVRE" finds "Œuvre".
func invoiceFold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		if plain, ok := invoiceFoldTable[r]; ok {
			b.WriteString(plain)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// invoiceFoldTable maps accented Latin letters (lower case) to their plain form.
var invoiceFoldTable = func() map[rune]string {
	groups := map[string]string{
		"àáâãäåāăą": "a", "çćĉċč": "c", "ďđ": "d", "èéêëēĕėęě": "e", "ĝğġģ": "g", "ĥħ": "h",
		"ìíîïĩīĭįı": "i", "ĵ": "j", "ķ": "k", "ĺļľŀł": "l", "ñńņňŉ": "n", "òóôõöøōŏő": "o",
		"ŕŗř": "r", "śŝşšș": "s", "ţťŧț": "t", "ùúûüũūŭůűų": "u", "ŵ": "w", "ýÿŷ": "y", "źżž": "z",
		"æ": "ae", "œ": "oe", "ß": "ss", "’‘": "'",
	}
	t := map[rune]string{}
	for letters, plain := range groups {
		for _, r := range letters {
			t[r] = plain
		}
	}
	return t
}()

// invoiceFilterLabel is a filter button's text: its name and how many rows it holds.
func invoiceFilterLabel(f, count int) string {
	return lang.L("invoices.filter_count", map[string]any{"Name": lang.L(invoiceFilterKeys[f]), "Count": count})
}
