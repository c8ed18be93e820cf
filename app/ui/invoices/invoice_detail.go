package invoices

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/dunning"
	"relance/app/ui/kit"
	"relance/app/ui/letters"
	"relance/data"
)

// invoiceDetail is one invoice's page, shown in place of the list: its
// facts and payments, what comes next, the penalties owed as of today, the
// limitation period, the timeline, and the actions that apply to it.
type invoiceDetail struct {
	host    Host
	screen  *Screen
	content fyne.CanvasObject

	number       *widget.Label
	dot          *canvas.Circle
	status       *widget.Label
	client       *widget.Hyperlink
	actions      *invoiceActions
	facts        *fyne.Container
	payments     *fyne.Container
	next         *widget.Label
	pause        *widget.Label
	prescription *widget.Label
	statement    *fyne.Container
	claims       *invoiceClaims // penalties waived or claimed, court-file documents (invoice_claims.go)
	timeline     *kit.Timeline

	letters *letters.Printer // the invoice's letters and court file

	invoiceID int64
	data      detailData // what is on show
}

// newInvoiceDetail builds the (empty) page of an invoice for the screen s.
func newInvoiceDetail(h Host, s *Screen) *invoiceDetail {
	d := &invoiceDetail{host: h, screen: s, letters: letters.New(h), timeline: kit.NewTimeline(func(rel string) { kit.OpenDataFile(h, rel) }),
		number:       &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText},
		dot:          canvas.NewCircle(theme.Color(theme.ColorNameDisabled)),
		status:       &widget.Label{TextStyle: fyne.TextStyle{Bold: true}},
		client:       &widget.Hyperlink{},
		facts:        container.New(layout.NewFormLayout()),
		payments:     container.NewVBox(),
		next:         &widget.Label{Wrapping: fyne.TextWrapWord},
		pause:        &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance},
		prescription: &widget.Label{Wrapping: fyne.TextWrapWord},
		statement:    container.NewVBox(),
	}
	d.client.OnTapped = d.onClient
	d.actions = newInvoiceActions(d)
	d.claims = newInvoiceClaims(d)
	d.content = d.build()
	return d
}

// build lays out the page: a header with the way back, the number, the
// status and the client; the actions; then the facts on the left and the
// statement over the timeline on the right.
func (d *invoiceDetail) build() fyne.CanvasObject {
	back := &widget.Button{Text: lang.L("invoices.back"), Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance,
		OnTapped: d.screen.closeDetail}
	d.dot.Resize(fyne.NewSize(12, 12))
	dot := container.NewGridWrap(fyne.NewSize(12, 12), d.dot)
	title := container.NewHBox(d.number, container.NewCenter(dot), container.NewCenter(d.status))
	header := container.NewBorder(nil, nil, container.NewCenter(back), nil,
		container.NewVBox(title, d.client))

	left := container.NewVBox(
		invoiceSectionTitle("invoices.section.invoice"), d.facts,
		widget.NewSeparator(), invoiceSectionTitle("invoices.section.payments"), d.payments)
	status := container.NewVBox(
		invoiceSectionTitle("detail.next_step"), d.next, d.pause,
		widget.NewSeparator(), invoiceSectionTitle("invoices.section.prescription"), d.prescription,
		widget.NewSeparator(), d.statement,
		widget.NewSeparator(), d.claims.box)
	history := container.NewBorder(invoiceSectionTitle("invoices.section.timeline"), nil, nil, nil, d.timeline.List())
	right := container.NewVSplit(container.NewVScroll(container.NewPadded(status)), history)
	right.Offset = 0.6
	body := container.NewHSplit(container.NewVScroll(container.NewPadded(left)), right)
	body.Offset = 0.42
	top := container.NewVBox(header, d.actions.bar, widget.NewSeparator())
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, body)
}

// invoiceSectionTitle is the title of a part of the page.
func invoiceSectionTitle(key string) *widget.Label {
	return &widget.Label{Text: lang.L(key), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
}

// detailData is what the page shows, loaded off the UI goroutine.
type detailData struct {
	report       dunning.StatementReport
	status       data.Status
	payments     []data.Payment
	creditNotes  []data.CreditNote
	events       []data.Event
	prescription dunning.Prescription
	today        data.Date
	history      bool       // something happened on it: it is cancelled, not deleted
	clientCredit data.Money // what the client overpaid, on all its invoices
	attachments  []data.Attachment
}

// show loads an invoice's page, then fills it, unless another invoice
// was opened meanwhile.
func (d *invoiceDetail) show(invoiceID int64) {
	if d.invoiceID != invoiceID {
		d.clear()
	}
	d.invoiceID = invoiceID
	d.host.Async(func() {
		dd, err := d.load(context.Background(), invoiceID)
		fyne.Do(func() {
			if d.invoiceID != invoiceID {
				return
			}
			if err != nil {
				d.host.ShowError(err)
				return
			}
			d.fill(dd)
		})
	})
}

// clear empties the page while another invoice loads, so that the last
// one's figures never show under the new number.
func (d *invoiceDetail) clear() {
	d.data = detailData{}
	d.number.SetText("")
	d.status.SetText("")
	d.client.SetText("")
	d.facts.Objects = nil
	d.facts.Refresh()
	d.payments.Objects = nil
	d.payments.Refresh()
	d.statement.Objects = nil
	d.statement.Refresh()
	d.next.SetText("")
	d.pause.Hide()
	d.prescription.SetText("")
	d.timeline.Set(nil)
	d.actions.hideAll()
}

// load reads what the page shows of an invoice; off the UI goroutine.
func (d *invoiceDetail) load(ctx context.Context, invoiceID int64) (detailData, error) {
	dd := detailData{today: d.host.Today()}
	company, err := d.host.Store().GetCompany(ctx)
	if err != nil {
		return dd, err
	}
	if dd.report, err = d.host.Dunning().Statement(ctx, invoiceID, dd.today); err != nil {
		return dd, err
	}
	if dd.payments, err = d.host.Store().ListPaymentsByInvoice(ctx, invoiceID); err != nil {
		return dd, err
	}
	if dd.events, err = d.host.Store().ListEventsByInvoice(ctx, invoiceID); err != nil {
		return dd, err
	}
	if err := d.loadCorrections(ctx, &dd); err != nil {
		return dd, err
	}
	if dd.attachments, err = d.host.Store().ListAttachmentsForInvoice(ctx, invoiceID); err != nil {
		return dd, err
	}
	actions, err := d.host.Store().ListActionsByInvoice(ctx, invoiceID)
	if err != nil {
		return dd, err
	}
	scenarios, err := d.host.Store().ListScenarios(ctx)
	if err != nil {
		return dd, err
	}
	inv := &dd.report.Invoice
	var paid data.Money
	for _, p := range dd.payments {
		paid += p.Amount
	}
	dd.status = data.DeriveStatus(inv, paid, dd.today, company.DueSoonDays)
	dd.prescription = invoicePrescription(inv, paid, dd.report.Client.Kind, dunningHistory{dd.payments, dd.events, actions, scenarios})
	return dd, nil
}

// loadCorrections reads what the corrections need: the credit notes,
// whether the invoice has a history, and the client's credit.
func (d *invoiceDetail) loadCorrections(ctx context.Context, dd *detailData) error {
	var err error
	inv := &dd.report.Invoice
	if dd.creditNotes, err = d.host.Store().ListCreditNotesByInvoice(ctx, inv.ID); err != nil {
		return err
	}
	if dd.history, err = d.host.Store().InvoiceHasHistory(ctx, inv.ID); err != nil {
		return err
	}
	dd.clientCredit, err = clientCredit(ctx, d.host, inv.ClientID)
	return err
}

// clientCredit is what a client paid beyond its invoices, all together:
// the credit it has with the company.
func clientCredit(ctx context.Context, h Host, clientID int64) (data.Money, error) {
	invoices, err := h.Store().ListInvoiceSummariesByClient(ctx, clientID)
	if err != nil {
		return 0, err
	}
	var credit data.Money
	for i := range invoices {
		credit += invoices[i].Status(h.Today(), 0).Overpaid
	}
	return credit, nil
}

// dunningHistory is what happened on an invoice that its limitation period
// depends on.
type dunningHistory struct {
	payments  []data.Payment
	events    []data.Event
	actions   []data.Action   // a public buyer's period restarts with each written claim
	scenarios []data.Scenario // to tell a written claim from a call
}

// invoicePrescription works out the limitation period from what restarts it:
// partial payments, signed payment plans and acknowledgments of the debt
// (the last two read from the timeline), and for a public buyer the
// reminders sent.
func invoicePrescription(inv *data.Invoice, paid data.Money, kind data.ClientKind, h dunningHistory) dunning.Prescription {
	book := &data.DunningBook{Payments: map[int64][]data.Payment{inv.ID: h.payments},
		PlanSigned: map[int64][]data.Date{}, Acknowledge: map[int64][]data.Date{},
		Actions: map[int64][]data.Action{inv.ID: h.actions}, Scenarios: h.scenarios}
	for _, e := range h.events {
		day, err := data.ParseDate(e.Params["date"])
		if err != nil {
			continue
		}
		switch e.Kind {
		case data.EventPlanSigned:
			book.PlanSigned[inv.ID] = append(book.PlanSigned[inv.ID], day)
		case data.EventDebtAcknowledged:
			book.Acknowledge[inv.ID] = append(book.Acknowledge[inv.ID], day)
		}
	}
	pi := data.PlanInvoice{ID: inv.ID, ClientID: inv.ClientID, Number: inv.Number, IssueDate: inv.IssueDate,
		DeliveryDate: inv.DeliveryDate, DueDate: inv.DueDate, Amount: inv.Owed(), Paid: paid, State: inv.State}
	return dunning.PrescriptionOf(&pi, kind, book)
}

// fill puts a loaded invoice on the page.
func (d *invoiceDetail) fill(dd detailData) {
	d.data = dd
	inv := &dd.report.Invoice
	d.number.SetText(lang.L("invoices.detail_title", map[string]any{"Number": inv.Number}))
	d.status.SetText(kit.StatusText(dd.status))
	d.status.Importance = kit.StatusImportance(dd.status.Kind)
	d.status.Refresh()
	d.dot.FillColor = theme.Color(kit.StatusColorName(dd.status.Kind))
	d.dot.Refresh()
	d.client.SetText(dd.report.Client.Name)
	d.fillFacts(dd)
	d.fillPayments(dd)
	d.refreshNext()
	d.fillPause(dd)
	d.fillPrescription(dd)
	d.statement.Objects = statementView(dd.report.Statement)
	d.statement.Refresh()
	d.claims.fill(dd)
	d.timeline.Set(dd.events)
	d.actions.update(dd)
}

// fillFacts lists the invoice's amounts, dates, references and PDF.
func (d *invoiceDetail) fillFacts(dd detailData) {
	inv := &dd.report.Invoice
	d.facts.Objects = nil
	add := func(key string, value fyne.CanvasObject) {
		d.facts.Add(widget.NewLabel(lang.L(key)))
		d.facts.Add(value)
	}
	text := func(key, value string, style fyne.TextStyle) {
		if value == "" {
			value = "—"
		}
		add(key, &widget.Label{Text: value, TextStyle: style, Truncation: fyne.TextTruncateEllipsis})
	}
	text("field.amount", kit.Money(inv.Amount), fyne.TextStyle{})
	if inv.Credited > 0 {
		text("invoices.detail.credited", "−"+kit.Money(inv.Credited), fyne.TextStyle{})
	}
	text("invoices.detail.paid", kit.Money(dd.status.Paid), fyne.TextStyle{})
	text("column.outstanding", kit.Money(dd.status.Outstanding), fyne.TextStyle{Bold: true})
	if dd.status.Overpaid > 0 {
		text("invoices.detail.overpaid", kit.Money(dd.status.Overpaid), fyne.TextStyle{})
	}
	text("field.issue_date", kit.Date(inv.IssueDate), fyne.TextStyle{})
	text("field.delivery_date", kit.Date(inv.DeliveryDate), fyne.TextStyle{})
	text("field.due_date", kit.Date(inv.DueDate), fyne.TextStyle{})
	text("field.kind", lang.L("kind."+string(dd.report.Client.Kind)), fyne.TextStyle{})
	text("field.po_ref", inv.PORef, fyne.TextStyle{})
	if inv.Discount.On() { // the terms the invoice was issued under (L441-9)
		text("invoices.detail.discount", discountTerms(inv), fyne.TextStyle{})
	}
	if dd.status.Open() || inv.DelayReason != data.DelayNone {
		add("field.delay_reason", d.reasonRow(inv, dd.status.Open()))
	}
	add("invoices.detail.attachment", d.actions.attachmentRow(inv))
	d.facts.Refresh()
}

// discountTerms says the invoice's early-payment discount: its rate and
// the last day a payment earns it (once granted, it is among the credit
// notes).
func discountTerms(inv *data.Invoice) string {
	return lang.L("invoices.detail.discount_terms", map[string]any{"Rate": kit.RatePercent(inv.Discount.Rate),
		"Deadline": kit.Date(inv.DiscountDeadline())})
}

// reasonRow is why the client says the invoice is unpaid ("—" until
// said), with the button that asks it while the invoice is open.
func (d *invoiceDetail) reasonRow(inv *data.Invoice, open bool) fyne.CanvasObject {
	reason := &widget.Label{Text: kit.DelayReasonName(inv.DelayReason), Importance: widget.WarningImportance,
		Truncation: fyne.TextTruncateEllipsis}
	if reason.Text == "" {
		reason.Text, reason.Importance = "—", widget.MediumImportance
	}
	if !open {
		return reason
	}
	ask := &widget.Button{Text: lang.L("delay.action_short"), Icon: theme.QuestionIcon(), Importance: widget.LowImportance,
		OnTapped: d.actions.onReason}
	return container.NewBorder(nil, nil, nil, ask, reason)
}

// fillPayments lists the payments received, oldest first, each with its
// corrections, then the credit notes.
func (d *invoiceDetail) fillPayments(dd detailData) {
	d.payments.Objects = nil
	if len(dd.payments) == 0 {
		d.payments.Add(&widget.Label{Text: lang.L("invoices.no_payment"), Importance: widget.LowImportance})
	}
	for _, p := range dd.payments {
		d.payments.Add(d.actions.paymentRow(p))
	}
	for _, c := range dd.creditNotes {
		d.payments.Add(creditNoteRow(c))
	}
	d.payments.Refresh()
}

// refreshNext shows the next step the list's planner run found for the
// invoice (it may come after the page).
func (d *invoiceDetail) refreshNext() {
	if d.invoiceID == 0 || d.data.report.Invoice.ID != d.invoiceID {
		return
	}
	n, ok := d.screen.nextOf(d.invoiceID)
	if !ok {
		d.next.SetText(lang.L("invoices.next_loading"))
		return
	}
	d.next.SetText(nextStepText(n.step, n.ok, d.data.status, d.data.today))
}

// fillPause says why reminders are paused, when they are.
func (d *invoiceDetail) fillPause(dd detailData) {
	inv, client := &dd.report.Invoice, &dd.report.Client
	var text string
	switch {
	case !dd.status.Open():
	case inv.PausedOn(dd.today) && inv.PausedUntil.IsZero():
		text = lang.L("invoices.paused_indefinitely")
	case inv.PausedOn(dd.today):
		text = lang.L("invoices.paused_until", map[string]any{"Date": kit.Date(inv.PausedUntil)})
	case client.RemindersPaused:
		text = lang.L("invoices.client_paused")
	}
	if text != "" && inv.PausedOn(dd.today) && inv.PauseReason != "" {
		text += " — " + kit.PauseReasonText(inv.PauseReason) // the app's codes in words, the owner's text as typed
	}
	d.pause.SetText(text)
	if text == "" {
		d.pause.Hide()
	} else {
		d.pause.Show()
	}
}

// fillPrescription says until when the claim can go to court, and warns
// when the day comes near.
func (d *invoiceDetail) fillPrescription(dd detailData) {
	p := dd.prescription
	if !dd.status.Open() || p.Deadline.IsZero() {
		d.prescription.SetText(lang.L("invoices.prescription.closed"))
		d.prescription.Importance = widget.LowImportance
		d.prescription.Refresh()
		return
	}
	args := map[string]any{"Deadline": kit.Date(p.Deadline), "Start": kit.Date(p.Start),
		"From": lang.L(prescriptionStartKeys[p.StartReason])}
	text := lang.L("invoices.prescription.until", args)
	importance := widget.MediumImportance
	switch p.Level(dd.today) {
	case dunning.PrescriptionFirstWarning:
		text, importance = "⚠ "+text+" "+lang.L("invoices.prescription.first_warning"), widget.WarningImportance
	case dunning.PrescriptionSecondWarning:
		text, importance = "⚠ "+text+" "+lang.L("invoices.prescription.second_warning"), widget.DangerImportance
	case dunning.PrescriptionExpired:
		text, importance = "⚠ "+lang.L("invoices.prescription.expired", args), widget.DangerImportance
	}
	d.prescription.Text, d.prescription.Importance = text, importance
	d.prescription.Refresh()
}

// prescriptionStartKeys name what the limitation period runs from.
var prescriptionStartKeys = map[string]string{
	dunning.StartDelivery:         "invoices.prescription.from_delivery",
	dunning.StartIssue:            "invoices.prescription.from_issue",
	dunning.RestartPartialPayment: "invoices.prescription.from_partial_payment",
	dunning.RestartPaymentPlan:    "invoices.prescription.from_payment_plan",
	dunning.RestartAcknowledgment: "invoices.prescription.from_acknowledgment",
}

// onClient goes to the invoice's client.
func (d *invoiceDetail) onClient() {
	if id := d.data.report.Client.ID; id != 0 {
		d.host.OpenClient(id)
	}
}

// nextStepText says what comes next on an invoice, and when.
func nextStepText(next dunning.NextStep, ok bool, st data.Status, today data.Date) string {
	switch {
	case !st.Open():
		return lang.L("next.none_closed")
	case !ok:
		return lang.L("next.none")
	case next.Wait == dunning.WaitDisputed:
		return lang.L("next.disputed")
	case next.Wait == dunning.WaitPaused:
		return lang.L("next.paused")
	case next.Step.ID == 0 && next.Wait == dunning.WaitPromise:
		return lang.L("next.promise", map[string]any{"Date": kit.Date(next.Date)})
	}
	text := lang.L("next.step", map[string]any{"Step": kit.StepName(next.Step), "Date": kit.Date(next.Date)})
	if !next.Date.After(today) && next.Wait == dunning.WaitNone {
		text = lang.L("next.step_due", map[string]any{"Step": kit.StepName(next.Step), "Date": kit.Date(next.Date)})
	}
	if next.Wait != dunning.WaitNone {
		text += " — " + lang.L("next.wait."+next.Wait)
	}
	return text
}

// statementView lays out a penalty statement: the slices, the totals and
// the warnings; a line saying nothing is owed when the invoice is not late.
func statementView(st dunning.Statement) []fyne.CanvasObject {
	title := &widget.Label{Text: lang.L("detail.statement", map[string]any{"Date": kit.Date(st.AsOf)}), TextStyle: fyne.TextStyle{Bold: true}}
	out := []fyne.CanvasObject{title}
	if st.DaysLate == 0 {
		return append(out, widget.NewLabel(lang.L("detail.not_late")))
	}
	out = append(out, &widget.Label{Text: lang.L("statement.basis." + st.Basis), Wrapping: fyne.TextWrapWord})
	if text := kit.ImputationText(st); text != "" {
		out = append(out, &widget.Label{Text: text, Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance})
	}
	// Amounts stay in labels that do not wrap: Fyne breaks lines at the
	// no-break spaces of French number formatting.
	for _, s := range st.Slices {
		line := lang.L("slice.line", map[string]any{"From": kit.Date(s.From), "To": kit.Date(s.To), "Days": s.Days,
			"Rate": kit.RatePercent(s.RateBP)})
		base := &widget.Label{Text: lang.L("slice.base", map[string]any{"Base": kit.Money(s.Base)}), Importance: widget.LowImportance}
		amount := &widget.Label{Text: kit.Money(s.Amount), Alignment: fyne.TextAlignTrailing}
		out = append(out, container.NewBorder(nil, nil, nil, container.NewHBox(base, amount),
			&widget.Label{Text: line, Wrapping: fyne.TextWrapWord}))
	}
	totals := container.New(layout.NewFormLayout())
	for _, row := range kit.StatementTotals(st) {
		totals.Add(widget.NewLabel(row[0]))
		totals.Add(&widget.Label{Text: row[1], Alignment: fyne.TextAlignTrailing, TextStyle: fyne.TextStyle{Bold: row[0] == lang.L("statement.total")}})
	}
	out = append(out, totals)
	for _, w := range st.Warnings {
		out = append(out, &widget.Label{Text: "⚠ " + kit.WarningText(w), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
	}
	return out
}
