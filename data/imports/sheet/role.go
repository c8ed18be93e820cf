package sheet

// Role is what a column holds. It is a stable key: the wizard translates it
// ("import.role.<role>"), presets and saved mappings store it, and a
// Problem's Field is the Role of the cell at fault.
type Role string

// The roles a column can have. Amounts are euros; "amount" is the total
// including VAT, never the total excluding VAT (which has no role: Relance
// reminds of what is owed).
const (
	InvoiceNumber Role = "invoice_number"
	DocType       Role = "doc_type" // invoice, credit note, payment: the line's kind
	Status        Role = "status"   // paid, cancelled, draft...

	ClientName    Role = "client_name"
	ClientSIREN   Role = "client_siren" // a SIREN, or a SIRET reduced to its SIREN
	ClientVAT     Role = "client_vat"
	ClientEmail   Role = "client_email"
	ClientPhone   Role = "client_phone"
	ClientContact Role = "client_contact"
	ClientStreet  Role = "client_street"
	ClientStreet2 Role = "client_street2"
	ClientPost    Role = "client_postcode"
	ClientCity    Role = "client_city"
	ClientCountry Role = "client_country"

	IssueDate    Role = "issue_date"
	DueDate      Role = "due_date"
	DeliveryDate Role = "delivery_date"
	Amount       Role = "amount"      // total including VAT
	Outstanding  Role = "outstanding" // what is still owed (reste dû)
	Paid         Role = "paid"        // what was paid so far, in all
	Currency     Role = "currency"
	PORef        Role = "po_ref"
	RemindedOn   Role = "reminded_on" // the day the last reminder was sent

	PaymentDate   Role = "payment_date"
	PaymentAmount Role = "payment_amount" // the amount of the one payment the line records
	PaymentRef    Role = "payment_ref"
)

// Roles lists every role in the order the wizard offers them.
func Roles() []Role {
	return []Role{
		InvoiceNumber, ClientName, ClientSIREN, ClientVAT, ClientEmail, ClientPhone,
		ClientContact, ClientStreet, ClientStreet2, ClientPost, ClientCity, ClientCountry,
		IssueDate, DueDate, DeliveryDate, Amount, Outstanding, Paid, Currency, PORef,
		RemindedOn, PaymentDate, PaymentAmount, PaymentRef, DocType, Status,
	}
}

// clientRoles are the roles that describe the client: a table with one of
// them and no invoice number is a list of clients.
var clientRoles = []Role{
	ClientName, ClientSIREN, ClientVAT, ClientEmail, ClientPhone, ClientContact,
	ClientStreet, ClientStreet2, ClientPost, ClientCity, ClientCountry,
}

// Mapping says which column (an index into Table.Header) holds each role.
// A role absent from the map is not in the file.
type Mapping map[Role]int

// Has reports whether the role is mapped to a column.
func (m Mapping) Has(r Role) bool {
	_, ok := m[r]
	return ok
}

// hasAny reports whether one of the roles is mapped.
func (m Mapping) hasAny(roles ...Role) bool {
	for _, r := range roles {
		if m.Has(r) {
			return true
		}
	}
	return false
}

// within drops the columns that are not in a header of n columns, so that a
// mapping saved for another file never indexes out of a row.
func (m Mapping) within(n int) Mapping {
	out := make(Mapping, len(m))
	for r, i := range m {
		if i >= 0 && i < n {
			out[r] = i
		}
	}
	return out
}
