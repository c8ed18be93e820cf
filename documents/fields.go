package documents

// Field is a placeholder a template may use. The editor lists them by
// group with a translated description ("templates.field.<name>").
type Field struct {
	Name  string
	Group string // client, invoice, amounts, dates, company, payment
	Block bool   // a table, alone on its line
}

// Fields are every placeholder templates know, in the order the editor
// lists them.
var Fields = []Field{
	{Name: "client_name", Group: "client"},
	{Name: "client_contact", Group: "client"},
	{Name: "greeting", Group: "client"},
	{Name: "salutation", Group: "client"},
	{Name: "client_email", Group: "client"},
	{Name: "client_phone", Group: "client"},
	{Name: "client_address", Group: "client"},
	{Name: "client_siren", Group: "client"},

	{Name: "invoice_number", Group: "invoice"},
	{Name: "invoice_date", Group: "invoice"},
	{Name: "due_date", Group: "invoice"},
	{Name: "po_ref", Group: "invoice"},
	{Name: "days_late", Group: "invoice"},
	{Name: "invoice_numbers", Group: "invoice"},
	{Name: "attached_invoices", Group: "invoice"},
	{Name: "paid_late_invoices", Group: "invoice"},
	{Name: "overdue_table", Group: "invoice", Block: true},

	{Name: "invoice_amount", Group: "amounts"},
	{Name: "paid_amount", Group: "amounts"},
	{Name: "outstanding", Group: "amounts"},
	{Name: "total_outstanding", Group: "amounts"},
	{Name: "principal_due", Group: "amounts"},
	{Name: "penalties", Group: "amounts"},
	{Name: "indemnity", Group: "amounts"},
	{Name: "total_claimed", Group: "amounts"},
	{Name: "penalty_rate", Group: "amounts"},
	{Name: "penalty_basis", Group: "amounts"},
	{Name: "penalties_name", Group: "amounts"},
	{Name: "indemnity_basis", Group: "amounts"},
	{Name: "penalty_terms", Group: "amounts"},
	{Name: "plan_total", Group: "amounts"},
	{Name: "penalty_statement", Group: "amounts", Block: true},

	{Name: "today", Group: "dates"},
	{Name: "deadline_date", Group: "dates"},
	{Name: "deadline_days", Group: "dates"},
	{Name: "earlier_reminders", Group: "dates"},
	{Name: "reminders_sent", Group: "dates"},
	{Name: "promise_date", Group: "dates"},
	{Name: "promise_amount", Group: "dates"},
	{Name: "promise_made_on", Group: "dates"},
	{Name: "promise_agreed", Group: "dates"},
	{Name: "broken_promise", Group: "dates"},
	{Name: "instalments_table", Group: "dates", Block: true},

	{Name: "company_name", Group: "company"},
	{Name: "company_address", Group: "company"},
	{Name: "company_phone", Group: "company"},
	{Name: "company_email", Group: "company"},
	{Name: "signatory_name", Group: "company"},
	{Name: "signatory_role", Group: "company"},

	{Name: "iban", Group: "payment"},
	{Name: "bic", Group: "payment"},
	{Name: "payment_reference", Group: "payment"},
	{Name: "payment_options", Group: "payment"},
	{Name: "other_payment_options", Group: "payment"},
	{Name: "payment_link", Group: "payment"},
	{Name: "cheque_payee", Group: "payment"},
	{Name: "cheque_address", Group: "payment"},
	{Name: "direct_debit", Group: "payment"},
	{Name: "early_discount", Group: "payment"},
	{Name: "discount_deadline", Group: "payment"},
	{Name: "amount_after_discount", Group: "payment"},
}

var fieldByName = func() map[string]Field {
	m := make(map[string]Field, len(Fields))
	for _, f := range Fields {
		m[f.Name] = f
	}
	return m
}()
