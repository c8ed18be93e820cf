package today

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"relance/app/ui/kit"
	"relance/app/ui/uitest"
	"relance/data"
)

// Company details skipped at onboarding: Today says which are missing and
// opens Settings; once entered, the banner goes.
func TestTodayAsksForTheCompanyDetails(t *testing.T) {
	b := newTodayBookWithoutCompany(t)
	b.refresh()
	if !b.u.home.company.Visible() {
		t.Fatal("no banner while the company details are empty")
	}
	text := b.u.home.companyText.Text
	for _, f := range []string{"legal_name", "iban", "signatory_name"} {
		if !strings.Contains(text, lang.L("field."+f)) {
			t.Errorf("banner %q does not name %s", text, f)
		}
	}
	test.Tap(uitest.FindButton(t, b.u.home.company, lang.L("today.company.complete")))
	if b.u.companySettings != 1 {
		t.Fatalf("the banner's button asked for the company settings %d times", b.u.companySettings)
	}
	company, _ := b.Store.GetCompany(b.Ctx)
	company.LegalName, company.IBAN, company.SignatoryName = "Atelier Dubois", "FR7630006000011234567890189", "Claire Dubois"
	if err := b.Store.UpdateCompany(b.Ctx, &company); err != nil {
		t.Fatal(err)
	}
	b.refresh()
	if b.u.home.company.Visible() {
		t.Fatalf("banner still shown: %q", b.u.home.companyText.Text)
	}
}

// A formal notice sent without a receipt date: Today asks for it, and the
// card goes once the date is entered.
func TestTodayAsksForTheNoticeReceipt(t *testing.T) {
	b := newTodayBook(t)
	inv := b.Invoice(b.Client("Garage Leroy", ""), "FA-2026-050", "2026-10-01", 240000)
	b.Done(inv, "reminder_1", "formal_notice")
	b.refresh()
	card := b.mustCard(lang.L("today.receipt.invoice", map[string]any{"Number": "FA-2026-050"}))
	if !strings.Contains(card.step.Text, kit.Date(data.MustDate("2026-10-31"))) || card.skip.Visible() {
		t.Fatalf("receipt card reads %q, skip shown %v", card.step.Text, card.skip.Visible())
	}
	test.Tap(uitest.FindButton(t, card, lang.L("today.action.enter_receipt")))
	dlg := top(b.u)
	uitest.FillIn(t, dlg, "received_on", "2026-11-03")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	actions := b.Actions(inv)
	if got := actions[len(actions)-1].ReceivedOn; got != data.MustDate("2026-11-03") {
		t.Fatalf("receipt stored as %s", got)
	}
	b.refresh()
	if b.card(lang.L("today.receipt.invoice", map[string]any{"Number": "FA-2026-050"})) != nil {
		t.Fatalf("still asked for the receipt: %+v", b.u.home.rows)
	}
}

// An unpaid invoice whose claim is time-barred in less than 15 days is
// on Today with the last day to act and what to do.
func TestTodayWarnsBeforePrescription(t *testing.T) {
	b := newTodayBook(t)
	c := b.Client("Traiteur Morel", "")
	// Delivered 2021-12-01: the last day to go to court is 2026-11-30, six days after testDay.
	inv := data.Invoice{Number: "FA-2021-090", ClientID: c.ID, IssueDate: data.MustDate("2021-12-01"),
		DeliveryDate: data.MustDate("2021-12-01"), DueDate: data.MustDate("2021-12-31"), Amount: 180000}
	if err := b.Store.CreateInvoice(b.Ctx, &inv); err != nil {
		t.Fatal(err)
	}
	b.refresh()
	var found *todayRow
	for i, r := range b.u.home.rows {
		if r.action == todayOpenDeadline && r.invoiceID == inv.ID {
			found = &b.u.home.rows[i]
		}
	}
	if found == nil {
		t.Fatalf("no prescription warning: %+v", b.u.home.rows)
	}
	if !strings.Contains(found.step, kit.Date(data.MustDate("2026-11-30"))) || found.warning != lang.L("today.deadline.urgent") {
		t.Fatalf("warning reads %q / %q", found.step, found.warning)
	}
}

// Today warns 60 days before a claim is time-barred, urgently from 15
// days, and says when it already is; further ahead, nothing shows.
func TestTodayWarnsAtSixtyAndFifteenDays(t *testing.T) {
	b := newTodayBook(t)
	c := b.Client("Traiteur Morel", "")
	// The claim between professionals is time-barred five years after
	// delivery (L110-4): the last day to act is the day before the fifth
	// anniversary, so delivering on testDay - 5 years + n + 1 days leaves n.
	deliveredFor := func(daysLeft int) data.Date {
		return testDay.AddDays(daysLeft + 1).AddMonths(-60)
	}
	cases := []struct {
		number   string
		daysLeft int
		shown    bool
		warning  string
	}{
		{"FA-A", 75, false, ""},
		{"FA-B", 50, true, ""},
		{"FA-C", 10, true, lang.L("today.deadline.urgent")},
	}
	ids := map[string]int64{}
	for _, tc := range cases {
		d := deliveredFor(tc.daysLeft)
		inv := data.Invoice{Number: tc.number, ClientID: c.ID, IssueDate: d, DeliveryDate: d, DueDate: d.AddDays(30), Amount: 50000}
		if err := b.Store.CreateInvoice(b.Ctx, &inv); err != nil {
			t.Fatal(err)
		}
		ids[tc.number] = inv.ID
	}
	b.refresh()
	for _, tc := range cases {
		var found *todayRow
		for i, r := range b.u.home.rows {
			if r.action == todayOpenDeadline && r.invoiceID == ids[tc.number] {
				found = &b.u.home.rows[i]
			}
		}
		switch {
		case !tc.shown && found != nil:
			t.Errorf("%s, %d days left: warned already (%q)", tc.number, tc.daysLeft, found.step)
		case tc.shown && found == nil:
			t.Errorf("%s, %d days left: no warning", tc.number, tc.daysLeft)
		case tc.shown && (found.warning != tc.warning || !strings.Contains(found.step, strconv.Itoa(tc.daysLeft))):
			t.Errorf("%s, %d days left: %q / %q", tc.number, tc.daysLeft, found.step, found.warning)
		}
	}
}

// Loading Today reads: a promise found broken stays as it is stored
// however often the screen reloads (the window's start of the day settles
// it: its own tests see to that), and the card is there before.
func TestTodayLoadWritesNothing(t *testing.T) {
	b := newTodayBook(t)
	inv := b.Invoice(b.Client("Studio Orage", ""), "FA-2026-040", "2026-11-02", 86400)
	b.Done(inv, "pre_due", "reminder_1", "call")
	p := data.Promise{InvoiceID: inv.ID, MadeOn: data.MustDate("2026-11-12"), PromisedOn: data.MustDate("2026-11-16"), Amount: 86400}
	if err := b.Store.CreatePromise(b.Ctx, &p); err != nil {
		t.Fatal(err)
	}
	brokenEvents := func() int {
		events, _ := b.Store.ListEventsByInvoice(b.Ctx, inv.ID)
		n := 0
		for _, e := range events {
			if e.Kind == data.EventPromiseBroken {
				n++
			}
		}
		return n
	}
	for range 3 {
		b.refresh()
	}
	b.mustCard("FA-2026-040")
	promises, _ := b.Store.ListPromisesByInvoice(b.Ctx, inv.ID)
	if promises[0].Status != data.PromiseOpen || brokenEvents() != 0 {
		t.Fatalf("loading Today wrote: promise %s, %d events", promises[0].Status, brokenEvents())
	}
}

// Beyond the day's limit of messages, Today says how many wait for the
// next days, and shows only the most pressing: of two reminders of clients
// not graded yet, both a day late, the one of more money, saying why.
func TestTodaySaysWhatTheDailyLimitHolds(t *testing.T) {
	b := newTodayBook(t)
	company, _ := b.Store.GetCompany(b.Ctx)
	company.DailyMessageLimit = 1
	uitest.Must(t, b.Store.UpdateCompany(b.Ctx, &company))
	b.Invoice(b.Client("Boulangerie Martin", ""), "FA-2026-050", "2026-11-18", 10000)
	b.Invoice(b.Client("Café Durand", ""), "FA-2026-051", "2026-11-19", 20000)
	b.refresh()
	want := lang.N("today.held", 1, map[string]any{"Count": 1, "Limit": 1})
	if !strings.Contains(b.u.home.summary.Text, want) {
		t.Fatalf("the summary %q does not say %q", b.u.home.summary.Text, want)
	}
	card := b.card("FA-2026-051")
	if card == nil || b.card("FA-2026-050") != nil {
		t.Fatal("Today does not show the larger reminder alone")
	}
	why := lang.L("today.priority", map[string]any{"Weight": "1", "Risk": lang.L("today.priority.no_grade")})
	if !strings.HasPrefix(card.why.Text, why) {
		t.Errorf("the card says %q, want %q first", card.why.Text, why)
	}
}
