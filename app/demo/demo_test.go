package demo

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"relance/data"
)

var sampleDay = data.MustDate("2026-11-24")

func openStore(t *testing.T) *data.Store {
	t.Helper()
	store, err := data.Open(filepath.Join(t.TempDir(), "relance.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

func loadSample(t *testing.T, today data.Date) (*data.Store, Summary) {
	t.Helper()
	store := openStore(t)
	sum, err := Load(context.Background(), store, today)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return store, sum
}

// storedCounts counts what the store holds, independently of Summary.
func storedCounts(t *testing.T, store *data.Store) Summary {
	t.Helper()
	ctx := context.Background()
	clients, err := store.ListClients(ctx)
	if err != nil {
		t.Fatal(err)
	}
	invoices, err := store.ListInvoiceSummaries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := Summary{Clients: len(clients), Invoices: len(invoices)}
	for _, inv := range invoices {
		got.Payments += len(listPayments(t, store, inv.ID))
	}
	return got
}

func listPayments(t *testing.T, store *data.Store, invoiceID int64) []data.Payment {
	t.Helper()
	pays, err := store.ListPaymentsByInvoice(context.Background(), invoiceID)
	if err != nil {
		t.Fatal(err)
	}
	return pays
}

// TestSampleBook loads the book of sampleDay once (a load replays a year of
// dunning, which takes seconds under the race detector) and checks it.
func TestSampleBook(t *testing.T) {
	t.Parallel()
	start := time.Now()
	store, sum := loadSample(t, sampleDay)
	t.Logf("Load took %v", time.Since(start))
	t.Run("CountsMatchSummaryAndStore", func(t *testing.T) { checkCounts(t, store, sum) })
	t.Run("ShowsEveryStatus", func(t *testing.T) { checkEveryStatus(t, store) })
	t.Run("CompanyIsValid", func(t *testing.T) { checkCompany(t, store) })
	t.Run("TimelineCarriesHistoricalDates", func(t *testing.T) { checkTimelineDates(t, store) })
	t.Run("HistoryIsLivedIn", func(t *testing.T) { checkLivedIn(t, store, sampleDay) })
	t.Run("HistoryFollowsTheRules", func(t *testing.T) { checkRules(t, store, sampleDay) })
	t.Run("SameDayGivesSameBook", func(t *testing.T) { checkSameBook(t, store) })
	// Last, since it tries to write.
	t.Run("RefusesNonEmptyStore", func(t *testing.T) { checkRefusesSecondLoad(t, store, sum) })
}

func checkCounts(t *testing.T, store *data.Store, sum Summary) {
	if sum.Clients < 20 || sum.Clients > 30 {
		t.Errorf("clients = %d, want 20-30", sum.Clients)
	}
	if sum.Invoices < 130 || sum.Invoices > 170 {
		t.Errorf("invoices = %d, want 130-170", sum.Invoices)
	}
	if got := storedCounts(t, store); got != sum {
		t.Errorf("store holds %+v, Summary says %+v", got, sum)
	}
}

// bookFacts is what the demo promises to show, read back from the store.
type bookFacts struct {
	byKind                  map[data.StatusKind]int
	partlyPaid, paidLate    int
	paymentsAfterToday      int
	issuedAfterToday        int
	consumersOverdue        int
	methods                 map[string]int
	transfersWithoutBankRef int
}

func readFacts(t *testing.T, store *data.Store, today data.Date) bookFacts {
	t.Helper()
	ctx := context.Background()
	invoices, err := store.ListInvoiceSummaries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	clients, err := store.ListClients(ctx)
	if err != nil {
		t.Fatal(err)
	}
	consumer := map[int64]bool{}
	for _, c := range clients {
		consumer[c.ID] = c.Kind == data.Consumer
	}
	f := bookFacts{byKind: map[data.StatusKind]int{}, methods: map[string]int{}}
	for _, inv := range invoices {
		st := inv.Status(today, 7)
		f.byKind[st.Kind]++
		if st.PartiallyPaid() {
			f.partlyPaid++
		}
		if inv.IssueDate.After(today) {
			f.issuedAfterToday++
		}
		if st.Kind == data.StatusOverdue && consumer[inv.ClientID] {
			f.consumersOverdue++
		}
		f.addPayments(listPayments(t, store, inv.ID), inv.Invoice, today)
	}
	return f
}

func (f *bookFacts) addPayments(pays []data.Payment, inv data.Invoice, today data.Date) {
	late := false
	for _, p := range pays {
		late = late || p.Date.After(inv.DueDate)
		if p.Date.After(today) {
			f.paymentsAfterToday++
		}
		f.methods[p.Method]++
		if p.Method == "transfer" && p.BankRef == "" {
			f.transfersWithoutBankRef++
		}
	}
	if late {
		f.paidLate++
	}
}

func checkEveryStatus(t *testing.T, store *data.Store) {
	f := readFacts(t, store, sampleDay)
	atLeast := func(what string, got, want int) {
		t.Helper()
		if got < want {
			t.Errorf("%s = %d, want at least %d", what, got, want)
		}
	}
	atLeast("overdue", f.byKind[data.StatusOverdue], 10)
	atLeast("due soon", f.byKind[data.StatusDueSoon], 3)
	atLeast("not due", f.byKind[data.StatusNotDue], 1)
	atLeast("disputed", f.byKind[data.StatusDisputed], 1)
	atLeast("written off", f.byKind[data.StatusWrittenOff], 1)
	atLeast("partly paid", f.partlyPaid, 1)
	atLeast("paid late", f.paidLate, 1)
	atLeast("overdue owed by private persons", f.consumersOverdue, 1)
	atLeast("paid", f.byKind[data.StatusPaid], total(f.byKind)/2+1)
	atLeast("cheque payments", f.methods["cheque"], 1)
	atLeast("card payments", f.methods["card"], 1)
	if f.paymentsAfterToday != 0 || f.issuedAfterToday != 0 {
		t.Errorf("%d payments and %d invoices dated after today", f.paymentsAfterToday, f.issuedAfterToday)
	}
	if f.transfersWithoutBankRef != 0 {
		t.Errorf("%d transfers have no bank reference", f.transfersWithoutBankRef)
	}
	t.Logf("on %s: %v, partly paid %d, paid late %d, payment methods %v",
		sampleDay, statusReport(f.byKind), f.partlyPaid, f.paidLate, f.methods)
}

// TestBookHoldsOnAnyDay checks the promises on days spread over a few years,
// since the app loads the demo on whatever day the user clicks.
func TestBookHoldsOnAnyDay(t *testing.T) {
	for day := data.MustDate("2025-01-01"); day.Before(data.MustDate("2028-12-31")); day = day.AddDays(37) {
		b := build(day)
		counts := map[data.StatusKind]int{}
		for _, p := range b.invoices {
			var paid data.Money
			for _, pay := range p.payments {
				paid += pay.Amount
				if pay.Date.After(day) || pay.Date.Before(p.invoice.IssueDate) {
					t.Errorf("%s: %s paid on %s", day, p.invoice.Number, pay.Date)
				}
			}
			inv := p.invoice
			inv.State = p.state
			counts[data.DeriveStatus(&inv, paid, day, 7).Kind]++
		}
		if counts[data.StatusOverdue] < 12 || counts[data.StatusOverdue] > 25 || counts[data.StatusDueSoon] < 3 {
			t.Errorf("%s: %v", day, statusReport(counts))
		}
	}
}

func total(counts map[data.StatusKind]int) int {
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}

func statusReport(counts map[data.StatusKind]int) string {
	var parts []string
	for k := data.StatusNotDue; k <= data.StatusWrittenOff; k++ {
		parts = append(parts, k.Key()+" "+strconv.Itoa(counts[k]))
	}
	return strings.Join(parts, ", ")
}

func checkRefusesSecondLoad(t *testing.T, store *data.Store, first Summary) {
	_, err := Load(context.Background(), store, sampleDay)
	if !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("second Load: err = %v, want ErrNotEmpty", err)
	}
	if got := storedCounts(t, store); got != first {
		t.Errorf("after the refused Load the store holds %+v, want %+v", got, first)
	}
}

func TestLoadIsAllOrNothing(t *testing.T) {
	t.Parallel()
	store := openStore(t)
	ctx := context.Background()
	before, err := store.GetCompany(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b := build(sampleDay)
	b.invoices[len(b.invoices)-1].invoice.Amount = 0 // refused by validation, at the very end
	if _, err := loadBook(ctx, store, b); !errors.Is(err, data.ErrInvalid) {
		t.Fatalf("loadBook: err = %v, want ErrInvalid", err)
	}
	if empty, err := store.IsEmpty(ctx); err != nil || !empty {
		t.Errorf("after a failed load: empty = %v, err = %v", empty, err)
	}
	if after, _ := store.GetCompany(ctx); !reflect.DeepEqual(after, before) {
		t.Errorf("company changed by a failed load: %+v", after)
	}
}

func checkSameBook(t *testing.T, a *data.Store) {
	b, _ := loadSample(t, sampleDay)
	first, second := append(invoiceLines(t, a), historyLines(t, a)...), append(invoiceLines(t, b), historyLines(t, b)...)
	if strings.Join(first, "\n") != strings.Join(second, "\n") {
		t.Errorf("two loads on the same day differ:\n%v\n%v", first, second)
	}
}

func invoiceLines(t *testing.T, store *data.Store) []string {
	t.Helper()
	invoices, err := store.ListInvoiceSummaries(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	lines := make([]string, len(invoices))
	for i, inv := range invoices {
		lines[i] = strings.Join([]string{inv.Number, inv.ClientName, inv.IssueDate.String(),
			inv.DueDate.String(), inv.Amount.Plain(), inv.Paid.Plain(), string(inv.State)}, " ")
	}
	return lines
}

func TestNumbersFollowIssueDates(t *testing.T) {
	b := build(sampleDay)
	for i := 1; i < len(b.invoices); i++ {
		prev, cur := b.invoices[i-1].invoice, b.invoices[i].invoice
		if cur.IssueDate.Before(prev.IssueDate) || cur.Number <= prev.Number && cur.IssueDate.Year() == prev.IssueDate.Year() {
			t.Errorf("%s (%s) comes after %s (%s)", cur.Number, cur.IssueDate, prev.Number, prev.IssueDate)
		}
	}
	first := b.invoices[0].invoice
	if first.Number != "FA-"+strconv.Itoa(first.IssueDate.Year())+"-0001" {
		t.Errorf("first invoice is %s", first.Number)
	}
}

func checkCompany(t *testing.T, store *data.Store) {
	c, err := store.GetCompany(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("company does not validate: %v", err)
	}
	if c.LegalName == "" || c.Onboarded {
		t.Errorf("company = %+v, want a name and Onboarded left false", c)
	}
	if !strings.HasPrefix(c.IBAN, "FR76") || len(c.IBAN) != 27 {
		t.Errorf("IBAN = %s, want FR76 + 23 characters", c.IBAN)
	}
	if c.VATNumber != frenchVATNumber(c.SIREN) || len(c.VATNumber) != 13 {
		t.Errorf("VAT number %s does not match SIREN %s", c.VATNumber, c.SIREN)
	}
}

func TestLoadKeepsOnboarded(t *testing.T) {
	t.Parallel()
	store := openStore(t)
	ctx := context.Background()
	if err := store.MarkOnboarded(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(ctx, store, sampleDay); err != nil {
		t.Fatal(err)
	}
	if c, _ := store.GetCompany(ctx); !c.Onboarded {
		t.Error("Load reset Onboarded")
	}
}

// Known values: the SIREN and VAT number of the worked example most French
// sources use, and a RIB key checked by hand.
func TestIdentifierKeys(t *testing.T) {
	if got := withLuhnKey("40483304"); got != "404833048" {
		t.Errorf("withLuhnKey = %s", got)
	}
	if got := frenchVATNumber("404833048"); got != "FR83404833048" {
		t.Errorf("frenchVATNumber = %s", got)
	}
	iban := frenchIBAN("30003", "01890", "00050927431")
	if data.NormaliseIBAN(iban) != iban || mod97(iban[4:]) != 0 {
		t.Errorf("IBAN %s: the BBAN must be a multiple of 97 with a right RIB key", iban)
	}
}

func checkTimelineDates(t *testing.T, store *data.Store) {
	ctx := context.Background()
	today := sampleDay
	list, _ := store.ListInvoiceSummaries(ctx)
	oldest := list[len(list)-1]
	events, err := store.ListEventsByInvoice(ctx, oldest.ID)
	if err != nil || len(events) == 0 {
		t.Fatalf("events: %v %v", events, err)
	}
	if got := data.DateOf(events[0].At); got != oldest.IssueDate {
		t.Errorf("creation event of %s dated %s, want its issue date %s", oldest.Number, got, oldest.IssueDate)
	}
	for _, e := range events {
		if data.DateOf(e.At).After(today) {
			t.Errorf("event %s of %s is dated after today: %s", e.Kind, oldest.Number, e.At)
		}
	}
}

func TestLoadKeepsACompanyTheUserTyped(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := openStore(t)
	mine := data.DefaultCompany()
	mine.LegalName = "Ma Boutique"
	if err := store.UpdateCompany(ctx, &mine); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(ctx, store, data.MustDate("2026-11-24")); err != nil {
		t.Fatal(err)
	}
	if c, _ := store.GetCompany(ctx); c.LegalName != "Ma Boutique" {
		t.Errorf("the demo replaced the user's company: %q", c.LegalName)
	}
}
