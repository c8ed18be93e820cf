package facturx

import (
	"strings"

	"relance/data"
)

// The paths of UN/CEFACT CII D16B as Factur-X 1.0 and ZUGFeRD 2 use it,
// from the root down (FORMATS.md, "Factur-X / ZUGFeRD").
const (
	ciiRoot        = "/rsm:CrossIndustryInvoice"
	ciiExchanged   = "rsm:ExchangedDocument"
	ciiTransaction = "rsm:SupplyChainTradeTransaction"
	ciiAgreement   = "ram:ApplicableHeaderTradeAgreement"
	ciiSettlement  = "ram:ApplicableHeaderTradeSettlement"
	ciiDateString  = "udt:DateTimeString"
)

// readCII reads a CrossIndustryInvoice. Every profile, MINIMUM to
// EXTENDED, reads the same way: a lower profile just leaves fields out.
// MINIMUM has no due date (nor BASIC WL, when the terms are in words):
// DueDate then stays zero and the pipeline applies the client's terms.
func readCII(root *node) document {
	doc := scope{n: root, path: ciiRoot}
	exchanged := doc.sub(ciiExchanged)
	trade := doc.sub(ciiTransaction)
	agreement := trade.sub(ciiAgreement)
	settlement := trade.sub(ciiSettlement)
	totals := settlement.sub("ram:SpecifiedTradeSettlementHeaderMonetarySummation")
	return document{
		dates:        compactDates,
		typeCode:     exchanged.field("ram:TypeCode"),
		number:       exchanged.field("ram:ID"),
		issueDate:    exchanged.field("ram:IssueDateTime/" + ciiDateString),
		dueDate:      settlement.field("ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/" + ciiDateString),
		deliveryDate: trade.field("ram:ApplicableHeaderTradeDelivery/ram:ActualDeliverySupplyChainEvent/ram:OccurrenceDateTime/" + ciiDateString),
		currency:     settlement.field("ram:InvoiceCurrencyCode"),
		orderRef:     agreement.text("ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID"),
		total:        totals.field("ram:GrandTotalAmount"),
		payable:      totals.field("ram:DuePayableAmount"),
		invoiceRef:   settlement.text("ram:InvoiceReferencedDocument/ram:IssuerAssignedID"),
		buyer:        readCIIBuyer(agreement.sub("ram:BuyerTradeParty")),
		seller:       readCIIBuyer(agreement.sub("ram:SellerTradeParty")), // the same shape of party
	}
}

// readCIIBuyer reads the BuyerTradeParty. The email is the buyer's
// electronic address when it is one (schemeID EM: where the buyer wants
// its invoices, so its accounts payable), else its contact's.
func readCIIBuyer(buyer scope) party {
	contact := buyer.sub("ram:DefinedTradeContact")
	return party{
		name:  buyer.field("ram:Name"),
		siren: siren(append(buyer.n.all("ram:SpecifiedLegalOrganization/ram:ID"), buyer.n.all("ram:GlobalID")...)),
		vat:   strings.ToUpper(compactSpaces(buyer.withScheme("ram:SpecifiedTaxRegistration/ram:ID", "VA").value)),
		email: either(
			buyer.withScheme("ram:URIUniversalCommunication/ram:URIID", "EM"),
			contact.field("ram:EmailURIUniversalCommunication/ram:URIID"),
		).value,
		phone:   contact.text("ram:TelephoneUniversalCommunication/ram:CompleteNumber"),
		contact: either(contact.field("ram:PersonName"), contact.field("ram:DepartmentName")).value,
		address: ciiAddress(buyer.n.first("ram:PostalTradeAddress")),
	}
}

func ciiAddress(a *node) data.Address {
	return data.Address{
		Street:     joinLines(a.first("ram:LineOne"), a.first("ram:LineTwo"), a.first("ram:LineThree")),
		PostalCode: a.first("ram:PostcodeCode").value(),
		City:       a.first("ram:CityName").value(),
		Country:    strings.ToUpper(a.first("ram:CountryID").value()),
	}
}

// siren is the SIREN among a party's identifiers of the French registry
// (scheme 0002, SIRENE; 0009, SIRET): one of nine digits, or the first
// nine digits of a SIRET (the SIREN and the establishment), so that the
// invoices of several establishments of a company meet on one client.
func siren(ids []*node) string {
	for _, id := range ids {
		scheme, s := id.attr("schemeID"), compactSpaces(id.value())
		if scheme != "0002" && scheme != "0009" {
			continue
		}
		if len(s) == 14 && allDigits(s) {
			return s[:9]
		}
		if scheme == "0002" && s != "" {
			return s
		}
	}
	return ""
}

// joinLines is the lines of a street address that are not empty, one a
// line as data.Address keeps them.
func joinLines(lines ...*node) string {
	var out []string
	for _, l := range lines {
		if v := l.value(); v != "" {
			out = append(out, v)
		}
	}
	return strings.Join(out, "\n")
}
