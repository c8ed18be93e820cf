package documents

import (
	"strconv"
	"strings"

	"relance/data"
)

// Values fills every inline field of Fields for c, written the way the
// document's language (c.Lang) writes them: amounts as `1 250,00 €` or
// `€1,250.00`, dates in full as `1er mars 2026` or `1 March 2026` (the
// template says "le", "du", "on" itself), lists as `FA-1, FA-2 et FA-3`.
// The earlier reminders are a list of dated phrases, "le 3 mars 2026 et le
// 12 mars 2026". A field with nothing to say is "" (never "0" for a date).
func (c *Context) Values() map[string]string {
	v := make(map[string]string, len(Fields))
	c.clientValues(v)
	c.invoiceValues(v)
	c.amountValues(v)
	c.dateValues(v)
	c.companyValues(v)
	c.paymentValues(v)
	return v
}

func (c *Context) clientValues(v map[string]string) {
	v["client_name"] = c.Client.Name
	v["client_contact"] = c.Client.ContactName
	v["client_email"] = c.Client.Email
	v["client_phone"] = c.Client.Phone
	v["client_address"] = strings.Join(c.Client.Address.Lines(), ", ")
	v["client_siren"] = formatSIREN(c.Client.SIREN)
	v["greeting"], v["salutation"] = c.greeting()
}

// greeting is how a message opens and how a letter's closing formula
// addresses the reader: "Madame Vernet" and "Madame" when the contact's
// civility is known, else "Madame, Monsieur" (in English "Dear Ms Vernet"
// and "Madam", else "Dear Sir or Madam"). The family name is what follows
// the first word of the contact's name ("Jean-Luc Perrin" -> "Perrin").
func (c *Context) greeting() (greeting, salutation string) {
	civility, contact := "", c.Client.ContactName
	switch c.Client.ContactCivility {
	case data.CivilityMadam:
		civility = "madam"
	case data.CivilitySir:
		civility = "sir"
	}
	if civility == "" && contact == "" && c.Client.Kind == data.Consumer {
		civility, contact = civilityInName(c.Client.Name)
	}
	name := strings.Fields(contact)
	if len(name) > 1 {
		name = name[1:]
	}
	family := strings.Join(name, " ")
	switch {
	case civility == "":
		return word(c.Lang, "greeting.none"), word(c.Lang, "salutation.none")
	case family == "":
		return word(c.Lang, "greeting."+civility+".alone"), word(c.Lang, "salutation."+civility)
	}
	return fill(word(c.Lang, "greeting."+civility), map[string]string{"name": family}), word(c.Lang, "salutation."+civility)
}

func (c *Context) invoiceValues(v map[string]string) {
	v["invoice_number"] = c.Invoice.Number
	v["invoice_date"] = longDate(c.Invoice.IssueDate, c.Lang)
	v["due_date"] = longDate(c.Invoice.DueDate, c.Lang)
	v["po_ref"] = c.Invoice.PORef
	v["days_late"] = strconv.Itoa(c.daysLate())
	numbers := make([]string, 0, len(c.Invoices))
	for _, l := range c.Invoices {
		numbers = append(numbers, l.Number)
	}
	if len(numbers) == 0 {
		numbers = append(numbers, c.Invoice.Number)
	}
	v["invoice_numbers"] = joinList(numbers, c.Lang)
	var paidLate []string
	for _, l := range c.Invoices {
		if l.PaidLate {
			paidLate = append(paidLate, l.Number)
		}
	}
	v["paid_late_invoices"] = joinList(paidLate, c.Lang)
	v["penalties_name"], v["indemnity_basis"] = word(c.Lang, "penalties_name"), word(c.Lang, "indemnity_basis")
	if c.Client.Kind == data.PublicBuyer {
		v["penalties_name"], v["indemnity_basis"] = word(c.Lang, "penalties_name.public"), word(c.Lang, "indemnity_basis.public")
	}
}

// daysLate counts the days from the invoice's due date to the document's
// date; 0 when not late.
func (c *Context) daysLate() int {
	if c.Invoice.DueDate.IsZero() || c.Today.IsZero() {
		return 0
	}
	return max(c.Today.DaysSince(c.Invoice.DueDate), 0)
}

func (c *Context) amountValues(v map[string]string) {
	outstanding := c.Invoice.Amount - c.Paid
	v["invoice_amount"] = money(c.Invoice.Amount, c.Lang)
	v["paid_amount"] = money(c.Paid, c.Lang)
	v["outstanding"] = money(outstanding, c.Lang)
	total := c.totalOutstanding()
	principal, claimed, penalties, indemnity := total, total, data.Money(0), data.Money(0)
	v["penalty_rate"], v["penalty_basis"] = "", ""
	if st := c.Statement; st != nil {
		// The statement's figures, so that principal + penalties +
		// indemnity add up to the total claimed: once payments went to
		// the interest first (Code civil 1343-1), more principal is left
		// than the invoices' balances, and less interest.
		principal, claimed, penalties, indemnity = st.Outstanding, st.Total, st.PenaltiesDue(), st.Indemnity
		v["penalty_rate"] = c.rates()
		v["penalty_basis"] = st.Basis
	}
	// total_outstanding is what the invoice table adds up to; principal_due
	// the principal the statement claims, which is more once payments
	// went to the interest first.
	v["total_outstanding"] = money(total, c.Lang)
	v["principal_due"] = money(principal, c.Lang)
	v["penalties"] = money(penalties, c.Lang)
	v["indemnity"] = money(indemnity, c.Lang)
	v["total_claimed"] = money(claimed, c.Lang)
	v["penalty_terms"] = c.penaltyTerms(v["penalty_rate"])
	v["plan_total"] = money(c.planTotal(total), c.Lang)
}

// totalOutstanding is what is left to pay on the invoices the document
// lists, or on its invoice when it lists none.
func (c *Context) totalOutstanding() data.Money {
	if len(c.Invoices) == 0 {
		return c.Invoice.Amount - c.Paid
	}
	var total data.Money
	for _, l := range c.Invoices {
		total += l.Outstanding
	}
	return total
}

// planTotal is the sum of a payment plan's instalments, or fallback when
// there is no plan.
func (c *Context) planTotal(fallback data.Money) data.Money {
	if c.Plan == nil || len(c.Plan.Instalments) == 0 {
		return fallback
	}
	var total data.Money
	for _, in := range c.Plan.Instalments {
		total += in.Amount
	}
	return total
}

// rates lists the distinct rates of the statement in order: "12,15 %", or
// "13,15 % puis 12,15 %" when the rate changed over the delay.
func (c *Context) rates() string {
	var out []string
	last := -1
	for _, r := range c.Statement.Rows {
		if r.RateBP != last {
			out = append(out, ratePercent(r.RateBP, c.Lang))
			last = r.RateBP
		}
	}
	return strings.Join(out, " "+word(c.Lang, "then")+" ")
}

// penaltyTerms is the reminder of the late-payment rules a business owes
// (L441-10 and the 40 € indemnity; for a public buyer, the intérêts
// moratoires of the Code de la commande publique), and "" for a consumer,
// who owes neither, or when the creditor waived them: a template can then
// carry it for every client.
func (c *Context) penaltyTerms(rate string) string {
	if c.Client.Kind == data.Consumer || (c.Statement != nil && c.Statement.BasisCode == BasisWaived) {
		return ""
	}
	key := "penalty_terms"
	if c.Client.Kind == data.PublicBuyer {
		key = "penalty_terms.public"
	}
	if rate == "" {
		return word(c.Lang, key+".no_rate")
	}
	return fill(word(c.Lang, key), map[string]string{"rate": rate})
}

func (c *Context) dateValues(v map[string]string) {
	v["today"] = longDate(c.Today, c.Lang)
	v["deadline_date"] = longDate(c.Deadline, c.Lang)
	if c.DeadlineDays > 0 {
		v["deadline_days"] = strconv.Itoa(c.DeadlineDays)
	} else {
		v["deadline_days"] = ""
	}
	v["earlier_reminders"] = c.earlierReminders()
	v["reminders_sent"] = c.remindersSent()
	v["attached_invoices"] = ""
	if n := len(c.AttachedInvoices); n > 0 {
		v["attached_invoices"] = word(c.Lang, plural("attached_invoices", n)) + nbspIf(c.Lang) + joinList(c.AttachedInvoices, c.Lang)
	}
	v["promise_date"], v["promise_amount"], v["promise_made_on"] = "", "", ""
	if p := c.Promise; p != nil {
		v["promise_date"] = longDate(p.PromisedOn, c.Lang)
		v["promise_amount"] = money(p.Amount, c.Lang)
		v["promise_made_on"] = longDate(p.MadeOn, c.Lang)
	}
	v["promise_agreed"] = promiseAgreed(c.Promise, c.Lang)
	v["broken_promise"] = brokenPromise(c.BrokenPromise, c.Lang)
}

// earlierReminders lists the days reminders went out as phrases a sentence
// can end with: "le 3 mars 2026 et le 12 mars 2026", "on 3 March 2026 and
// 12 March 2026". With none it is empty: a template says it in a section
// ({{#earlier_reminders}}...{{/earlier_reminders}}) rather than claim a
// reminder that never went out.
func (c *Context) earlierReminders() string {
	if len(c.EarlierReminders) == 0 {
		return ""
	}
	on := word(c.Lang, "on") + " "
	if docLang(c.Lang) == "fr" {
		on = word(c.Lang, "on") + nbsp
	}
	items := make([]string, len(c.EarlierReminders))
	for i, d := range c.EarlierReminders {
		items[i] = longDate(d, c.Lang)
		if docLang(c.Lang) == "fr" || i == 0 {
			items[i] = on + items[i]
		}
	}
	return joinList(items, c.Lang)
}

// civilityInName reads the civility a private person's name starts with
// ("M. Thomas Dubreuil", "Mme Rousseau"), and the name without it.
func civilityInName(name string) (civility, rest string) {
	first, rest, _ := strings.Cut(strings.TrimSpace(name), " ")
	switch strings.ToLower(strings.TrimSuffix(first, ".")) {
	case "m", "mr", "monsieur":
		return "sir", rest
	case "mme", "mrs", "ms", "madame":
		return "madam", rest
	}
	return "", ""
}

// remindersSent names the reminders that went out, agreeing in number:
// "notre relance du 3 mars 2026", "nos relances du 3 mars 2026 et du 12
// mars 2026", "our reminder of 3 March 2026"; "" when none did.
func (c *Context) remindersSent() string {
	n := len(c.EarlierReminders)
	if n == 0 {
		return ""
	}
	of := word(c.Lang, "of") + nbspIf(c.Lang)
	items := make([]string, n)
	for i, d := range c.EarlierReminders {
		items[i] = longDate(d, c.Lang)
		if docLang(c.Lang) == "fr" || i == 0 {
			items[i] = of + items[i]
		}
	}
	return word(c.Lang, plural("reminders_sent", n)) + " " + joinList(items, c.Lang)
}

// plural picks a wording key's singular (".one") or plural (".many") form.
func plural(key string, n int) string {
	if n == 1 {
		return key + ".one"
	}
	return key + ".many"
}

// nbspIf is the space that keeps a French article with what follows ("le
// 3 mars", "la facture FA-1"), a plain space in English.
func nbspIf(lang string) string {
	if docLang(lang) == "fr" {
		return nbsp
	}
	return " "
}

func (c *Context) companyValues(v map[string]string) {
	co := &c.Company
	v["company_name"] = co.LegalName
	v["company_address"] = strings.Join(co.Address.Lines(), ", ")
	v["company_phone"] = co.Phone
	v["company_email"] = co.Email
	v["signatory_name"] = co.SignatoryName
	v["signatory_role"] = co.SignatoryRole
	v["iban"] = data.GroupIBAN(co.IBAN)
	v["bic"] = co.BIC
	v["payment_reference"] = c.PaymentReference
	if v["payment_reference"] == "" {
		v["payment_reference"] = c.Invoice.Number
	}
}

// nbsp keeps "le" with its date.
const nbsp = "\u00a0"

// money writes an amount the document's way.
func money(m data.Money, lang string) string {
	if docLang(lang) == "en" {
		return m.FormatEN()
	}
	return m.FormatFR()
}

// longDate writes a day in full: "1er mars 2026", "1 March 2026".
func longDate(d data.Date, lang string) string {
	if docLang(lang) == "en" {
		return d.LongEN()
	}
	return d.LongFR()
}

// shortDate writes a day in a table: "01/03/2026", "1 Mar 2026".
func shortDate(d data.Date, lang string) string {
	if d.IsZero() {
		return ""
	}
	if docLang(lang) == "en" {
		return d.Time().Format("2 Jan 2006")
	}
	return d.FormatFR()
}

// ratePercent writes basis points as a percentage: "12,15 %", "12.15%".
func ratePercent(bp int, lang string) string {
	s := strconv.FormatFloat(float64(bp)/100, 'f', 2, 64)
	if docLang(lang) == "en" {
		return s + "%"
	}
	return strings.Replace(s, ".", ",", 1) + nbsp + "%"
}

// joinList joins items as a sentence does: "a, b et c", "a, b and c".
func joinList(items []string, lang string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + word(lang, "and") + " " + items[len(items)-1]
}
