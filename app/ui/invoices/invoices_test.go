package invoices

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/dunning"
	"relance/app/ui/kit"
	"relance/app/ui/mailui"
	"relance/app/ui/uitest"
	"relance/data"
)

// invoicesUI is the Invoices screen alone in a test window, with a
// mailer over the book's outbox; it records what it is asked of the
// Clients screen and the settings.
type invoicesUI struct {
	*uitest.Host
	invoices      *Screen
	mailer        *mailui.Mailer
	clientsOpened []int64       // OpenClient's ids, in order
	newClients    int           // NewClient calls
	editedClients []data.Client // EditClient's clients
	mailSettings  int           // OpenMailSettings calls
	imports       int           // OpenImport calls
}

func (u *invoicesUI) Mailer() *mailui.Mailer      { return u.mailer }
func (u *invoicesUI) NewClient(func(data.Client)) { u.newClients++ }
func (u *invoicesUI) OpenClient(id int64)         { u.clientsOpened = append(u.clientsOpened, id) }
func (u *invoicesUI) EditClient(c data.Client, _ func(data.Client)) {
	u.editedClients = append(u.editedClients, c)
}
func (u *invoicesUI) OpenMailSettings() { u.mailSettings++ }
func (u *invoicesUI) OpenImport()       { u.imports++ }

// newInvoicesUI is the screen over an empty book, not yet shown.
func newInvoicesUI(t *testing.T) *invoicesUI {
	t.Helper()
	h := uitest.NewHost(t)
	u := &invoicesUI{Host: h}
	u.mailer = mailui.New(u, h.Services.Mail, h.Services.Composer)
	t.Cleanup(u.mailer.Stop)
	u.invoices = New(u)
	return u
}

// testDay is the day the tests' clock reads.
var testDay = uitest.Day

// invoiceBook is uitest.InvoiceBook on the Invoices screen: every invoice
// in a known state on testDay (2026-11-24; due soon means within 7 days).
type invoiceBook struct {
	u     *invoicesUI
	store *data.Store
	ids   map[string]int64 // invoice id by number
}

func newInvoiceBook(t *testing.T) *invoiceBook {
	t.Helper()
	u := newInvoicesUI(t)
	b := &invoiceBook{u: u, store: u.Store(), ids: uitest.InvoiceBook(t, u.Store())}
	u.Show(u.invoices)
	return b
}

func top(u *invoicesUI) fyne.CanvasObject { return u.Top() }

func must(t *testing.T, err error) {
	t.Helper()
	uitest.Must(t, err)
}

// shown lists the numbers of the rows the table shows, in order.
func (b *invoiceBook) shown() []string {
	s := b.u.invoices
	var out []string
	for _, idx := range s.result.shown {
		out = append(out, s.rows[idx].number)
	}
	return out
}

// row is the loaded row of an invoice.
func (b *invoiceBook) row(t *testing.T, number string) invoiceRow {
	t.Helper()
	s := b.u.invoices
	idx, ok := s.index[b.ids[number]]
	if !ok {
		t.Fatalf("%s is not in the list", number)
	}
	return s.rows[idx]
}

// cell is the text the table draws in a cell, through its own UpdateCell.
func (b *invoiceBook) cell(row, col int) string {
	o := newInvoiceCell()
	b.u.invoices.updateCell(widget.TableCellID{Row: row, Col: col}, o)
	_, _, label := invoiceCellParts(o)
	return label.Text
}

func sortedNumbers(numbers ...string) []string {
	slices.Sort(numbers)
	return numbers
}

func sorted(list []string) []string {
	return slices.Sorted(slices.Values(list))
}

func TestInvoiceSearchByNumberAndClient(t *testing.T) {
	b := newInvoiceBook(t)
	s := b.u.invoices
	if got := len(b.shown()); got != len(uitest.InvoiceBookRows) {
		t.Fatalf("the list shows %d rows, want %d", got, len(uitest.InvoiceBookRows))
	}
	for _, c := range []struct {
		typed string
		want  []string
	}{
		{"fa-2026-0003", []string{"FA-2026-0003"}},
		{"electricite", []string{"FA-2026-0001", "FA-2026-0004", "FA-2026-0006"}},
		{"ÉLECTRICITÉ berthier", []string{"FA-2026-0001", "FA-2026-0004", "FA-2026-0006"}},
		{"cafe", []string{"FA-2026-0008", "FA-2026-0009"}},
		{"martin 0005", []string{"FA-2026-0005"}},
		{"nobody", nil},
	} {
		s.search.SetText("")
		test.Type(s.search, c.typed)
		if got := sorted(b.shown()); !slices.Equal(got, c.want) {
			t.Errorf("search %q shows %v, want %v", c.typed, got, c.want)
		}
	}
	if !s.empty.Visible() || s.empty.Text != lang.L("invoices.no_match") {
		t.Errorf("a search that finds nothing says %q (visible %v)", s.empty.Text, s.empty.Visible())
	}
	test.Tap(s.search.ActionItem.(*widget.Button))
	if s.search.Text != "" || len(b.shown()) != len(uitest.InvoiceBookRows) {
		t.Fatal("the clear button did not bring every row back")
	}
}

func TestInvoiceFiltersKeepTheRightRows(t *testing.T) {
	b := newInvoiceBook(t)
	s := b.u.invoices
	want := map[int][]string{
		invFilterAll:     sortedNumbers("FA-2026-0001", "FA-2026-0002", "FA-2026-0003", "FA-2026-0004", "FA-2026-0005", "FA-2026-0006", "FA-2026-0007", "FA-2026-0008", "FA-2026-0009"),
		invFilterOpen:    sortedNumbers("FA-2026-0001", "FA-2026-0002", "FA-2026-0003", "FA-2026-0004", "FA-2026-0006", "FA-2026-0007", "FA-2026-0008"),
		invFilterDueSoon: {"FA-2026-0003"},
		// Late money, disputed or not, as Today counts it.
		invFilterOverdue:  sortedNumbers("FA-2026-0001", "FA-2026-0002", "FA-2026-0006", "FA-2026-0007", "FA-2026-0008"),
		invFilterPaid:     {"FA-2026-0005"},
		invFilterDisputed: {"FA-2026-0006"},
		invFilterPaused:   sortedNumbers("FA-2026-0007", "FA-2026-0008"),
	}
	for f := range invFilterCount {
		test.Tap(s.filters[f])
		if got := sorted(b.shown()); !slices.Equal(got, want[f]) {
			t.Errorf("filter %s shows %v, want %v", lang.L(invoiceFilterKeys[f]), got, want[f])
		}
		if s.filters[f].Importance != widget.HighImportance {
			t.Errorf("the chosen filter %d is not highlighted", f)
		}
		if label := s.filters[f].Text; !strings.Contains(label, fmt.Sprintf("(%d)", len(want[f]))) {
			t.Errorf("filter button %q does not count %d rows", label, len(want[f]))
		}
	}
	// Counts follow the search; the totals follow what is shown.
	test.Tap(s.filters[invFilterOverdue])
	s.search.SetText("martin")
	if got := s.filters[invFilterOverdue].Text; !strings.Contains(got, "(2)") {
		t.Errorf("overdue count with a search: %q", got)
	}
	if got := s.summary.Text; !strings.Contains(got, kit.Money(540000)) {
		t.Errorf("totals of Martin's overdue invoices (5 000 + 400): %q", got)
	}
}

func TestInvoiceSortByAmountAndDaysLate(t *testing.T) {
	b := newInvoiceBook(t)
	s := b.u.invoices
	// Default: the most overdue first, then due soon, not due, on hold, closed.
	wantLate := []string{"FA-2026-0001", "FA-2026-0007", "FA-2026-0002", "FA-2026-0008", "FA-2026-0003",
		"FA-2026-0004", "FA-2026-0006", "FA-2026-0009", "FA-2026-0005"}
	if got := b.shown(); !slices.Equal(got, wantLate) {
		t.Fatalf("default order %v, want %v", got, wantLate)
	}
	if got := b.cell(0, colStatus); got != kit.StatusText(data.Status{Kind: data.StatusOverdue, DaysLate: 30}) {
		t.Errorf("first row's status cell %q", got)
	}

	header := newInvoiceHeader(s)
	header.set(colAmount)
	test.Tap(header)
	header.set(colAmount) // as the table redraws its titles
	byAmount := []string{"FA-2026-0002", "FA-2026-0001", "FA-2026-0009", "FA-2026-0005", "FA-2026-0008",
		"FA-2026-0006", "FA-2026-0007", "FA-2026-0004", "FA-2026-0003"}
	if got := b.shown(); !slices.Equal(got, byAmount) {
		t.Fatalf("by amount %v, want %v", got, byAmount)
	}
	if header.icon.Resource == nil || !header.left.Visible() || header.right.Visible() {
		t.Error("the amount header shows no arrow")
	}
	if got := b.cell(0, colAmount); got != kit.Money(500000) {
		t.Errorf("first amount cell %q", got)
	}
	test.Tap(header)
	slices.Reverse(byAmount)
	if got := b.shown(); !slices.Equal(got, byAmount) {
		t.Fatalf("by amount, ascending %v, want %v", got, byAmount)
	}

	header.set(colStatus)
	test.Tap(header)
	if got := b.shown(); !slices.Equal(got, wantLate) {
		t.Fatalf("back to days late %v, want %v", got, wantLate)
	}
	header.set(colClient)
	test.Tap(header) // not sortable: nothing changes
	if s.query.sortCol != colStatus {
		t.Error("a click on the client title changed the sort")
	}
}

// openDetail opens an invoice's page as another screen would.
func (b *invoiceBook) openDetail(t *testing.T, number string) *invoiceDetail {
	t.Helper()
	b.u.invoices.OpenInvoice(b.ids[number])
	d := b.u.invoices.detail
	if d.data.report.Invoice.Number != number || b.u.invoices.content.Objects[0] != d.content {
		t.Fatalf("the page of %s is not on show", number)
	}
	return d
}

func TestRecordPaymentRefusesABadAmount(t *testing.T) {
	b := newInvoiceBook(t)
	d := b.openDetail(t, "FA-2026-0002")
	test.Tap(uitest.FindButton(t, d.content, lang.L("invoices.action.pay")))
	dlg := top(b.u)
	if got := uitest.EntryOf(t, uitest.FirstInput(t, dlg, "amount")).Text; got != kit.InputMoney(500000) {
		t.Errorf("amount prefilled with %q, want the outstanding", got)
	}
	uitest.FillIn(t, dlg, "amount", "cinq mille")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if got := uitest.FieldError(t, dlg, "amount"); got != lang.L("error.money_format") {
		t.Fatalf("amount error %q", got)
	}
	if list, _ := b.store.ListPaymentsByInvoice(context.Background(), b.ids["FA-2026-0002"]); len(list) != 0 {
		t.Fatal("a refused payment was written")
	}
	if top(b.u) != dlg {
		t.Fatal("the dialog closed on a refused amount")
	}
	uitest.FillIn(t, dlg, "amount", "6 000,00")
	if !uitest.TextOnScreen(dlg, lang.L("invoices.pay.overpaid", map[string]any{"Excess": kit.Money(100000)})) {
		t.Error("an overpayment is not pointed out")
	}
}

func TestRecordFullPaymentThroughDialog(t *testing.T) {
	b := newInvoiceBook(t)
	d := b.openDetail(t, "FA-2026-0002")
	test.Tap(uitest.FindButton(t, d.content, lang.L("invoices.action.pay")))
	dlg := top(b.u)
	uitest.FillIn(t, dlg, "amount", "5 000,00")
	uitest.FillIn(t, dlg, "bank_ref", "VIR-2026-77")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if top(b.u) == dlg {
		t.Fatalf("the payment dialog stayed open: %q", uitest.FieldError(t, dlg, "amount"))
	}
	list, _ := b.store.ListPaymentsByInvoice(context.Background(), b.ids["FA-2026-0002"])
	want := data.Payment{InvoiceID: b.ids["FA-2026-0002"], Date: testDay, Amount: 500000, Method: "transfer", BankRef: "VIR-2026-77"}
	if len(list) != 1 {
		t.Fatalf("stored payments %+v", list)
	}
	want.ID, want.CreatedAt = list[0].ID, list[0].CreatedAt
	if list[0] != want {
		t.Fatalf("stored payment %+v, want %+v", list[0], want)
	}
	row := b.row(t, "FA-2026-0002")
	if row.st.Kind != data.StatusPaid || row.outstanding != kit.Money(0) || kit.StatusColorName(row.st.Kind) != theme.ColorNameSuccess {
		t.Errorf("after a full payment the row reads %q, %q", row.status, row.outstanding)
	}
	if d.status.Text != lang.L("status.paid") || d.actions.pay.Visible() || d.actions.writeOff.Visible() {
		t.Errorf("the page of a paid invoice: status %q, pay button visible %v", d.status.Text, d.actions.pay.Visible())
	}
}

func TestLogCallWithPromise(t *testing.T) {
	ctx := context.Background()
	b := newInvoiceBook(t)
	d := b.openDetail(t, "FA-2026-0001")
	test.Tap(uitest.FindButton(t, d.content, lang.L("invoices.action.call")))
	dlg := top(b.u)
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if got := uitest.FieldError(t, dlg, "outcome"); got != lang.L("error.required") {
		t.Fatalf("no outcome chosen: error %q", got)
	}
	uitest.Radio(t, dlg).SetSelected(lang.L("today.call.promise"))
	uitest.FillIn(t, dlg, "promised_on", "01/11/2026")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if got := uitest.FieldError(t, dlg, "promised_on"); got != lang.L("error.today_promise_past") {
		t.Fatalf("a promise in the past: error %q", got)
	}
	uitest.FillIn(t, dlg, "promised_on", "04/12/2026")
	uitest.FillIn(t, dlg, "promise_amount", "600")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	// Saved, the dialog shows the promise's confirmation email (issue 19).
	if !uitest.LabelContains(dlg, lang.L("promise.confirm.saved")) {
		t.Fatal("the call was not saved")
	}
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.cancel")))
	if top(b.u) == dlg {
		t.Fatal("the call dialog stayed open")
	}
	promises, _ := b.store.ListPromisesByInvoice(ctx, b.ids["FA-2026-0001"])
	if len(promises) != 1 || promises[0].PromisedOn != data.MustDate("2026-12-04") || promises[0].Amount != 60000 {
		t.Fatalf("stored promises %+v", promises)
	}
	next, ok := b.u.invoices.nextOf(b.ids["FA-2026-0001"])
	if !ok || next.step.Wait != dunning.WaitPromise {
		t.Fatalf("after a promise the next step is %+v", next)
	}
	if !strings.Contains(d.next.Text, kit.Date(next.step.Date)) {
		t.Errorf("the page's next step %q does not say until when it waits", d.next.Text)
	}
}

func TestRecordPromiseThroughDialog(t *testing.T) {
	ctx := context.Background()
	b := newInvoiceBook(t)
	d := b.openDetail(t, "FA-2026-0002")
	test.Tap(uitest.FindButton(t, d.content, lang.L("invoices.action.promise")))
	dlg := top(b.u)
	uitest.FillIn(t, dlg, "amount", "0")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if got := uitest.FieldError(t, dlg, "amount"); got != lang.L("error.not_positive") {
		t.Fatalf("a promise of nothing: error %q", got)
	}
	uitest.FillIn(t, dlg, "promised_on", "15/12/2026")
	uitest.FillIn(t, dlg, "amount", "2 500")
	channel, _ := uitest.AsSelect(uitest.FirstInput(t, dlg, "channel"))
	channel.SetSelected(kit.ChannelName(data.ChannelEmail))
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	promises, _ := b.store.ListPromisesByInvoice(ctx, b.ids["FA-2026-0002"])
	want := data.Promise{ID: promises[0].ID, InvoiceID: b.ids["FA-2026-0002"], MadeOn: testDay,
		PromisedOn: data.MustDate("2026-12-15"), Amount: 250000, Channel: data.ChannelEmail, Status: data.PromiseOpen}
	if len(promises) != 1 || promises[0] != want {
		t.Fatalf("stored promises %+v", promises)
	}
	if next, _ := b.u.invoices.nextOf(b.ids["FA-2026-0002"]); next.step.Wait != dunning.WaitPromise {
		t.Errorf("after a promise the next step is %+v", next.step)
	}
}

func TestInvoiceCellDrawsWithoutAllocating(t *testing.T) {
	b := newInvoiceBook(t)
	s := b.u.invoices
	cells := make([]fyne.CanvasObject, columnCount)
	for col := range cells {
		cells[col] = newInvoiceCell()
	}
	draw := func() {
		for row := range s.result.shown {
			for col, o := range cells {
				s.updateCell(widget.TableCellID{Row: row, Col: col}, o)
			}
		}
	}
	draw()
	if n := testing.AllocsPerRun(20, draw); n > 0 {
		t.Errorf("drawing the cells allocates %v times per frame", n)
	}
}

func TestPauseRefusesADayInThePast(t *testing.T) {
	b := newInvoiceBook(t)
	d := b.openDetail(t, "FA-2026-0002")
	test.Tap(uitest.FindButton(t, d.content, lang.L("invoices.action.pause")))
	dlg := top(b.u)
	uitest.FillIn(t, dlg, "pause_until", "01/01/2026")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if got := uitest.FieldError(t, dlg, "pause_until"); got != lang.L("error.invoices_date_past") {
		t.Fatalf("a pause ending in the past: error %q", got)
	}
	if inv, _ := b.store.GetInvoice(context.Background(), b.ids["FA-2026-0002"]); inv.Paused {
		t.Fatal("a refused pause was written")
	}
}

func TestPauseUntilADayAndResume(t *testing.T) {
	ctx := context.Background()
	b := newInvoiceBook(t)
	d := b.openDetail(t, "FA-2026-0002")
	if d.actions.resume.Visible() {
		t.Fatal("Resume shows on an invoice that is not paused")
	}
	test.Tap(uitest.FindButton(t, d.content, lang.L("invoices.action.pause")))
	dlg := top(b.u)
	uitest.FillIn(t, dlg, "pause_until", "10/12/2026")
	uitest.FillIn(t, dlg, "reason", "le client attend un avoir")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	inv, _ := b.store.GetInvoice(ctx, b.ids["FA-2026-0002"])
	if !inv.Paused || inv.PausedUntil != data.MustDate("2026-12-10") || inv.PauseReason != "le client attend un avoir" {
		t.Fatalf("paused invoice %+v", inv)
	}
	if row := b.row(t, "FA-2026-0002"); row.filters&(1<<invFilterPaused) == 0 {
		t.Error("the paused invoice is not under the Paused filter")
	}
	if !d.pause.Visible() || !strings.Contains(d.pause.Text, kit.Date(inv.PausedUntil)) || d.actions.pause.Visible() {
		t.Errorf("the page says %q about the pause", d.pause.Text)
	}

	test.Tap(uitest.FindButton(t, d.content, lang.L("invoices.action.resume")))
	test.Tap(confirmButton(t, b.u))
	if inv, _ := b.store.GetInvoice(ctx, b.ids["FA-2026-0002"]); inv.Paused {
		t.Fatal("the invoice is still paused after Resume")
	}
	if d.actions.resume.Visible() || !d.actions.pause.Visible() || d.pause.Visible() {
		t.Error("the page still shows the invoice paused")
	}
}

func TestPauseIndefinitely(t *testing.T) {
	ctx := context.Background()
	b := newInvoiceBook(t)
	d := b.openDetail(t, "FA-2026-0003")
	test.Tap(uitest.FindButton(t, d.content, lang.L("invoices.action.pause")))
	dlg := top(b.u)
	uitest.Radio(t, dlg).SetSelected(lang.L("invoices.pause.indefinitely"))
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	inv, _ := b.store.GetInvoice(ctx, b.ids["FA-2026-0003"])
	if !inv.Paused || !inv.PausedUntil.IsZero() {
		t.Fatalf("paused indefinitely: %+v", inv)
	}
	if d.pause.Text != lang.L("invoices.paused_indefinitely") {
		t.Errorf("the page says %q", d.pause.Text)
	}
}

func TestMarkDisputedAndResolve(t *testing.T) {
	ctx := context.Background()
	b := newInvoiceBook(t)
	d := b.openDetail(t, "FA-2026-0001")
	if d.actions.resolve.Visible() {
		t.Fatal("Resolve shows on an invoice that is not disputed")
	}
	test.Tap(uitest.FindButton(t, d.content, lang.L("invoices.action.dispute")))
	dlg := top(b.u)
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if inv, _ := b.store.GetInvoice(ctx, b.ids["FA-2026-0001"]); inv.State != data.StateOpen {
		t.Fatal("a dispute without a reason was written")
	}
	uitest.FillLabelled(t, dlg, "invoices.dispute.reason", "prestation contestée")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if inv, _ := b.store.GetInvoice(ctx, b.ids["FA-2026-0001"]); inv.State != data.StateDisputed {
		t.Fatalf("state %s after Mark disputed", inv.State)
	}
	if row := b.row(t, "FA-2026-0001"); row.st.Kind != data.StatusDisputed {
		t.Errorf("row status %q", row.status)
	}
	if !d.actions.resolve.Visible() || d.actions.dispute.Visible() || d.actions.promise.Visible() {
		t.Error("the page of a disputed invoice offers the wrong actions")
	}
	test.Tap(uitest.FindButton(t, d.content, lang.L("invoices.action.resolve")))
	test.Tap(uitest.FindButton(t, top(b.u), lang.L("button.save")))
	if inv, _ := b.store.GetInvoice(ctx, b.ids["FA-2026-0001"]); inv.State != data.StateOpen {
		t.Fatalf("state %s after Resolve", inv.State)
	}
	if row := b.row(t, "FA-2026-0001"); row.st.Kind != data.StatusOverdue {
		t.Errorf("row status after Resolve %q", row.status)
	}
}

func TestWriteOff(t *testing.T) {
	ctx := context.Background()
	b := newInvoiceBook(t)
	d := b.openDetail(t, "FA-2026-0004")
	test.Tap(uitest.FindButton(t, d.content, lang.L("invoices.action.write_off")))
	dlg := top(b.u)
	confirmWriteOff := uitest.FindButton(t, dlg, lang.L("invoices.action.write_off"))
	test.Tap(confirmWriteOff)
	if got := uitest.FieldError(t, dlg, "reason"); got != lang.L("error.required") {
		t.Fatalf("write-off without a reason: error %q", got)
	}
	if inv, _ := b.store.GetInvoice(ctx, b.ids["FA-2026-0004"]); inv.State != data.StateOpen {
		t.Fatal("a write-off without a reason was written")
	}
	uitest.FillIn(t, dlg, "reason", "client disparu")
	test.Tap(confirmWriteOff)
	if inv, _ := b.store.GetInvoice(ctx, b.ids["FA-2026-0004"]); inv.State != data.StateWrittenOff {
		t.Fatalf("state %s after Write off", inv.State)
	}
	// Nothing is chased on it any more; its facts can still be corrected.
	for _, btn := range d.actions.buttons() {
		if btn.Visible() && btn != d.actions.edit {
			t.Errorf("%q still offered on a written-off invoice", btn.Text)
		}
	}
}

func TestAttachInvoicePDF(t *testing.T) {
	ctx := context.Background()
	b := newInvoiceBook(t)
	id := b.ids["FA-2026-0001"]
	dir := t.TempDir()
	notPDF := filepath.Join(dir, "facture.pdf")
	must(t, os.WriteFile(notPDF, []byte("PK\x03\x04 a zip file, renamed"), 0o644))
	err := attachInvoicePDF(ctx, b.u, id, notPDF)
	if !errors.Is(err, errInvoiceNotPDF) {
		t.Fatalf("a file that is not a PDF: %v", err)
	}
	if inv, _ := b.store.GetInvoice(ctx, id); inv.Attachment != "" {
		t.Fatal("a refused file was recorded")
	}
	if _, err := os.Stat(filepath.Join(b.u.DataDir(), invoiceAttachmentsDir)); !os.IsNotExist(err) {
		t.Fatal("a refused file was copied")
	}

	pdf := []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	src := filepath.Join(dir, "FA 0001.pdf")
	must(t, os.WriteFile(src, pdf, 0o644))
	must(t, attachInvoicePDF(ctx, b.u, id, src))
	inv, _ := b.store.GetInvoice(ctx, id)
	if inv.Attachment != "attachments/FA-2026-0001.pdf" {
		t.Fatalf("attachment recorded as %q", inv.Attachment)
	}
	copied, err := os.ReadFile(filepath.Join(b.u.DataDir(), "attachments", "FA-2026-0001.pdf"))
	if err != nil || string(copied) != string(pdf) {
		t.Fatalf("copied file: %v", err)
	}
	// Replaced: the new PDF is archived beside the first, never over it.
	replacement := append([]byte(nil), pdf...)
	replacement = append(replacement, "% corrected\n"...)
	must(t, os.WriteFile(src, replacement, 0o644))
	must(t, attachInvoicePDF(ctx, b.u, id, src))
	if inv, _ := b.store.GetInvoice(ctx, id); inv.Attachment != "attachments/FA-2026-0001-2.pdf" {
		t.Fatalf("replacement recorded as %q", inv.Attachment)
	}
	if first, _ := os.ReadFile(filepath.Join(b.u.DataDir(), "attachments", "FA-2026-0001.pdf")); string(first) != string(pdf) {
		t.Fatal("the first PDF was written over")
	}
	b.u.Changed()
	d := b.openDetail(t, "FA-2026-0001")
	uitest.FindButton(t, d.content, lang.L("invoices.action.open_pdf"))
	uitest.FindButton(t, d.content, lang.L("invoices.action.replace"))
}

func TestOpenInvoiceBeforeTheListIsLoaded(t *testing.T) {
	b := newInvoiceBook(t)
	u := b.u
	fresh := New(u)
	fresh.OpenInvoice(b.ids["FA-2026-0006"])
	if fresh.pending != b.ids["FA-2026-0006"] || fresh.detail.data.report.Invoice.Number != "FA-2026-0006" {
		t.Fatal("opening an invoice before the load must show its page and remember it")
	}
	fresh.query.filter = invFilterPaid // hides it: the list must show it anyway
	fresh.Update(context.Background())
	if fresh.pending != 0 || fresh.selected != b.ids["FA-2026-0006"] || fresh.query.filter != invFilterAll {
		t.Fatalf("after the load: pending %d, selected %d, filter %d", fresh.pending, fresh.selected, fresh.query.filter)
	}
	fresh.closeDetail()
	if fresh.content.Objects[0] != fresh.listPage {
		t.Fatal("Back does not return to the list")
	}
}

func TestClientLinkAndCtrlF(t *testing.T) {
	b := newInvoiceBook(t)
	d := b.openDetail(t, "FA-2026-0002")
	if d.client.Text != "Boulangerie Martin" {
		t.Fatalf("client link %q", d.client.Text)
	}
	test.TapAt(d.client, fyne.NewPos(20, d.client.MinSize().Height/2)) // on the text, not its padding
	if !slices.Equal(b.u.clientsOpened, []int64{d.data.report.Client.ID}) {
		t.Errorf("the client link opened clients %v", b.u.clientsOpened)
	}
	b.u.invoices.FocusSearch()
	if b.u.Win.Canvas().Focused() != b.u.invoices.search || b.u.invoices.content.Objects[0] != b.u.invoices.listPage {
		t.Error("Ctrl+F does not put the cursor in the search box of the list")
	}
}

func TestInvoiceDetailShowsStatementAndPrescription(t *testing.T) {
	b := newInvoiceBook(t)
	d := b.openDetail(t, "FA-2026-0001")
	if !uitest.TextOnScreen(d.content, lang.L("statement.total")) {
		t.Error("the page of an overdue invoice shows no penalty total")
	}
	p := d.data.prescription
	if p.Deadline != p.Start.AddDays(-1).AddMonths(60) || !strings.Contains(d.prescription.Text, kit.Date(p.Deadline)) {
		t.Errorf("limitation period %+v, text %q", p, d.prescription.Text)
	}
	if len(d.timeline.Events()) == 0 {
		t.Error("the timeline is empty")
	}
	// Within a year of the deadline, the line turns into a warning.
	dd := d.data
	dd.today = p.FirstWarning.AddDays(1)
	d.fillPrescription(dd)
	if d.prescription.Importance != widget.WarningImportance {
		t.Errorf("near the deadline the text is %q", d.prescription.Text)
	}
	dd.today = p.Deadline.AddDays(1)
	d.fillPrescription(dd)
	if d.prescription.Importance != widget.DangerImportance || !strings.Contains(d.prescription.Text, kit.Date(p.Deadline)) {
		t.Errorf("past the deadline the text is %q", d.prescription.Text)
	}
}

func TestInvoiceCataloguesHaveTableKeys(t *testing.T) {
	fr, en := uitest.Catalogue(t, "fr"), uitest.Catalogue(t, "en")
	var keys []string
	for _, k := range invoiceFilterKeys {
		keys = append(keys, k)
	}
	for _, m := range []map[string]string{invoiceMethodKeys, prescriptionStartKeys} {
		for _, k := range m {
			keys = append(keys, k)
		}
	}
	keys = append(keys, "error."+string(kit.ReasonDatePast))
	for _, m := range data.PaymentMethods {
		if invoiceMethodKeys[m] == "" {
			t.Errorf("payment method %q has no name", m)
		}
	}
	for _, k := range keys {
		if fr[k] == nil || en[k] == nil {
			t.Errorf("key %q missing from a catalogue", k)
		}
	}
}

// confirmButton is the confirm dialog's "yes" (its high-importance button).
func confirmButton(t *testing.T, u *invoicesUI) *widget.Button {
	t.Helper()
	var found *widget.Button
	uitest.Walk(top(u), nil, func(o, _ fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Importance == widget.HighImportance && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatal("no confirm button")
	}
	return found
}

// BenchmarkInvoiceFilter sorts 100,000 rows by days late and filters them
// on a search word and the overdue filter, as a keystroke in a large book
// does when the order is not cached yet.
func BenchmarkInvoiceFilter(b *testing.B) {
	uitest.LoadTranslations(b)
	lines := make([]data.InvoiceLine, 100_000)
	names := []string{"Boulangerie Martin", "Électricité Berthier", "Café Durand", "Hôtel Belvédère", "Garage Rolland"}
	for i := range lines {
		due := testDay.AddDays(200 - i%600)
		lines[i] = data.InvoiceLine{ID: int64(i + 1), Number: fmt.Sprintf("FA-%07d", i), ClientID: int64(i % 10_000),
			ClientName: fmt.Sprintf("%s %04d", names[i%len(names)], i%10_000), DueDate: due,
			Amount: data.Money(10_000 + i*7919%500_000), State: data.StateOpen}
		if i%3 == 0 {
			lines[i].Paid = lines[i].Amount
		}
	}
	rows := makeInvoiceRows(lines, testDay, 7)
	q := invoiceQuery{filter: invFilterOverdue, words: invoiceSearchWords("electricite"), sortCol: colStatus, desc: true}
	b.ResetTimer()
	for b.Loop() {
		order := invoiceSortOrder(rows, q.sortCol)
		v := invoiceRunQuery(rows, order, q)
		if len(v.shown) == 0 {
			b.Fatal("nothing shown")
		}
	}
}

// TestListOpenedOnAFilterShowsItsRowsFirst: on a filter of unpaid
// invoices, the list shows that filter's rows and every unpaid filter's
// count from the store before the book is in; another filter or a search
// waits for the book, then shows its rows.
func TestListOpenedOnAFilterShowsItsRowsFirst(t *testing.T) {
	b := newInvoiceBook(t)
	s := b.u.invoices
	ctx := context.Background()
	test.Tap(s.filters[invFilterOverdue])
	must(t, s.loadFirst(ctx, s.loadGen.Add(1), s.query, data.OverdueLines))
	if !s.first.on || len(s.rows) != 5 {
		t.Fatalf("first rows: on %v, %d rows, want the 5 overdue invoices", s.first.on, len(s.rows))
	}
	if got, want := sorted(b.shown()), sortedNumbers("FA-2026-0001", "FA-2026-0002", "FA-2026-0006", "FA-2026-0007", "FA-2026-0008"); !slices.Equal(got, want) {
		t.Errorf("overdue first shows %v, want %v", got, want)
	}
	for f, want := range map[int]string{invFilterOverdue: "(5)", invFilterOpen: "(7)", invFilterDueSoon: "(1)", invFilterPaused: "(2)"} {
		if got := s.filters[f].Text; !strings.Contains(got, want) {
			t.Errorf("filter %s before the book is in: %q, want the store's count %s", lang.L(invoiceFilterKeys[f]), got, want)
		}
	}
	if got := s.filters[invFilterAll].Text; strings.Contains(got, "(") {
		t.Errorf("the All filter counts %q before the settled invoices are read", got)
	}
	test.Tap(s.filters[invFilterOpen])
	if len(s.result.shown) != 0 || s.empty.Hidden || s.empty.Text != lang.L("invoices.loading") {
		t.Errorf("another filter before the book is in shows %d rows, message %q", len(s.result.shown), s.empty.Text)
	}
	s.Update(ctx)
	if s.first.on || len(b.shown()) != 7 {
		t.Errorf("once the book is in, the open filter shows %v", b.shown())
	}
}
