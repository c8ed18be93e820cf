package facturx

import (
	"strings"

	"relance/data"
)

// readUBL reads a UBL 2.1 Invoice or CreditNote (Peppol BIS Billing 3,
// XRechnung UBL, the French CIUS). The two differ only in the root, the
// name of the type code and where a due date may be.
func readUBL(root *node, creditNote bool) document {
	doc := scope{n: root, path: "/Invoice"}
	typeCode := "cbc:InvoiceTypeCode"
	if creditNote {
		doc.path, typeCode = "/CreditNote", "cbc:CreditNoteTypeCode"
	}
	totals := doc.sub("cac:LegalMonetaryTotal")
	total := totals.field("cbc:TaxInclusiveAmount")
	return document{
		dates:      isoDates,
		typeCode:   doc.field(typeCode),
		creditNote: creditNote,
		number:     doc.field("cbc:ID"),
		issueDate:  doc.field("cbc:IssueDate"),
		// UBL 2.1 has cbc:DueDate on the invoice; UBL 2.0 writers put
		// it in the payment means only.
		dueDate:      either(doc.field("cbc:DueDate"), doc.field("cac:PaymentMeans/cbc:PaymentDueDate")),
		deliveryDate: doc.field("cac:Delivery/cbc:ActualDeliveryDate"),
		currency:     ublCurrency(doc, total),
		orderRef:     doc.text("cac:OrderReference/cbc:ID"),
		total:        total,
		payable:      totals.field("cbc:PayableAmount"),
		invoiceRef:   doc.text("cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"),
		buyer:        readUBLBuyer(doc.sub("cac:AccountingCustomerParty/cac:Party")),
		seller:       readUBLBuyer(doc.sub("cac:AccountingSupplierParty/cac:Party")), // the same shape of party
	}
}

// ublCurrency is the document's currency, or, when a writer left it out,
// the one its total is given in (currencyID is required on every UBL
// amount).
func ublCurrency(doc scope, total field) field {
	f := doc.field("cbc:DocumentCurrencyCode")
	if f.value == "" && total.n.attr("currencyID") != "" {
		return field{path: total.path + "/@currencyID", n: total.n, value: total.n.attr("currencyID")}
	}
	return f
}

// readUBLBuyer reads the AccountingCustomerParty's Party. As in CII, the
// email is the electronic address when it is one (EndpointID schemeID
// EM), else the contact's.
func readUBLBuyer(p scope) party {
	legal := p.sub("cac:PartyLegalEntity")
	return party{
		name: either(legal.field("cbc:RegistrationName"), p.field("cac:PartyName/cbc:Name")),
		siren: siren(append(legal.n.all("cbc:CompanyID"),
			p.n.all("cac:PartyIdentification/cbc:ID")...)),
		vat:     strings.ToUpper(compactSpaces(ublVATNumber(p.n))),
		email:   either(p.withScheme("cbc:EndpointID", "EM"), p.field("cac:Contact/cbc:ElectronicMail")).value,
		phone:   p.text("cac:Contact/cbc:Telephone"),
		contact: p.text("cac:Contact/cbc:Name"),
		address: ublAddress(p.n.first("cac:PostalAddress")),
	}
}

// ublVATNumber is the CompanyID of the party's VAT registration: the
// PartyTaxScheme whose TaxScheme is VAT (another may hold a national tax
// number), or one that does not say.
func ublVATNumber(p *node) string {
	for _, ts := range p.all("cac:PartyTaxScheme") {
		switch ts.first("cac:TaxScheme/cbc:ID").value() {
		case "VAT", "":
			return ts.first("cbc:CompanyID").value()
		}
	}
	return ""
}

func ublAddress(a *node) data.Address {
	lines := append([]*node{a.first("cbc:StreetName"), a.first("cbc:AdditionalStreetName")},
		a.all("cac:AddressLine/cbc:Line")...)
	return data.Address{
		Street:     joinLines(lines...),
		PostalCode: a.first("cbc:PostalZone").value(),
		City:       a.first("cbc:CityName").value(),
		Country:    strings.ToUpper(a.first("cac:Country/cbc:IdentificationCode").value()),
	}
}
