package facturx_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"relance/data"
	"relance/data/imports"
	"relance/data/imports/facturx"
)

// The paths problems name, as FORMATS.md writes them.
const (
	ciiDoc        = "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument"
	ciiTrade      = "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction"
	ciiBuyer      = ciiTrade + "/ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty"
	ciiSettlement = ciiTrade + "/ram:ApplicableHeaderTradeSettlement"
	ciiTotals     = ciiSettlement + "/ram:SpecifiedTradeSettlementHeaderMonetarySummation"
)

func sample(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The buyers of the samples, as Read should give them.

func boulangerieMinimum() imports.Client {
	return imports.Client{Key: "793381047", Line: 1, Name: "Boulangerie Martin SAS", SIREN: "793381047"}
}

func garageDuLac() imports.Client {
	return imports.Client{
		Key: "881024558", Line: 1, Name: "Garage du Lac SAS", SIREN: "881024558", VATNumber: "FR32881024558",
		Email: "comptabilite@garagedulac.example", Phone: "+33 4 50 12 34 56", ContactName: "Claire Dubois",
		Address: data.Address{Street: "12 avenue d'Albigny\nZone artisanale des Fins\nBâtiment C", PostalCode: "74000", City: "Annecy", Country: "FR"},
	}
}

func hotelDesTilleuls() imports.Client {
	return imports.Client{
		Key: "903477123", Line: 1, Name: "Hôtel des Tilleuls SARL", SIREN: "903477123", VATNumber: "FR54903477123",
		Email: "m.lefevre@hoteldestilleuls.example", Phone: "+33 4 79 00 11 22", ContactName: "Marc Lefèvre",
		Address: data.Address{Street: "3 place du Château\nEntrée des fournisseurs", PostalCode: "73000", City: "Chambéry", Country: "FR"},
	}
}

// The invoices of the samples.

func invoiceMinimum() imports.Invoice {
	return imports.Invoice{
		Line: 1, ClientKey: "793381047", Number: "FA-2026-0101", IssueDate: data.MustDate("2026-03-02"),
		Amount: data.Euros(1440, 0), Outstanding: data.Euros(1440, 0), OutstandingKnown: true,
		Currency: "EUR", PORef: "CDE-2026-018",
		SellerSIREN: "842157638", SellerVAT: "FR62842157638", SellerName: "Atelier Borel SARL",
	}
}

func invoiceEN16931() imports.Invoice {
	return imports.Invoice{
		Line: 1, ClientKey: "881024558", Number: "FA-2026-0117", IssueDate: data.MustDate("2026-03-05"),
		DeliveryDate: data.MustDate("2026-03-03"), DueDate: data.MustDate("2026-04-04"),
		Amount: data.Euros(2400, 0), Outstanding: data.Euros(2000, 0), OutstandingKnown: true,
		Currency: "EUR", PORef: "BC-4471",
		SellerSIREN: "842157638", SellerVAT: "FR62842157638", SellerName: "Atelier Borel SARL",
	}
}

func TestReadDocuments(t *testing.T) {
	tests := []struct {
		file  string
		input []byte // the file's bytes when they are not testdata/<file>
		want  imports.Batch
	}{{
		file: "minimum.xml",
		want: imports.Batch{Clients: []imports.Client{boulangerieMinimum()}, Invoices: []imports.Invoice{invoiceMinimum()}},
	}, {
		file: "en16931.xml",
		want: imports.Batch{Clients: []imports.Client{garageDuLac()}, Invoices: []imports.Invoice{invoiceEN16931()}},
	}, {
		file: "ubl-invoice.xml",
		want: imports.Batch{
			Clients: []imports.Client{hotelDesTilleuls()},
			Invoices: []imports.Invoice{{
				Line: 1, ClientKey: "903477123", Number: "FA-2026-0124", IssueDate: data.MustDate("2026-03-10"),
				DeliveryDate: data.MustDate("2026-03-09"), DueDate: data.MustDate("2026-04-09"),
				Amount: data.Euros(1800, 0), Outstanding: data.Euros(1800, 0), OutstandingKnown: true,
				Currency: "EUR", PORef: "HT-PO-0392",
				SellerSIREN: "842157638", SellerVAT: "FR62842157638", SellerName: "Atelier Borel SARL",
			}},
		},
	}, {
		file: "ubl-creditnote.xml",
		want: imports.Batch{
			Clients: []imports.Client{{
				Key: "903477123", Line: 1, Name: "Hôtel des Tilleuls SARL", SIREN: "903477123",
				Email: "factures@hoteldestilleuls.example", ContactName: "Marc Lefèvre",
				Address: data.Address{Street: "3 place du Château", PostalCode: "73000", City: "Chambéry", Country: "FR"},
			}},
			CreditNotes: []imports.CreditNote{{
				Line: 1, ClientKey: "903477123", Number: "AV-2026-0007", InvoiceNumber: "FA-2026-0124",
				Date: data.MustDate("2026-03-20"), Amount: data.Euros(360, 0),
			}},
		},
	}, {
		file: "cii-creditnote.xml",
		want: imports.Batch{
			Clients: []imports.Client{{
				Key: "793381047", Line: 1, Name: "Boulangerie Martin SAS", SIREN: "793381047", VATNumber: "FR27793381047",
				Address: data.Address{Street: "27 cours Émile Zola", PostalCode: "69100", City: "Villeurbanne", Country: "FR"},
			}},
			CreditNotes: []imports.CreditNote{{
				Line: 1, ClientKey: "793381047", Number: "AV-2026-0004", InvoiceNumber: "FA-2026-0101",
				Date: data.MustDate("2026-03-15"), Amount: data.Euros(240, 0),
			}},
		},
	}, {
		file: "en16931.pdf",
		want: imports.Batch{Clients: []imports.Client{garageDuLac()}, Invoices: []imports.Invoice{invoiceEN16931()}},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			input := tt.input
			if input == nil {
				input = sample(t, tt.file)
			}
			got := facturx.Read(tt.file, input)
			want := withFile(tt.want, tt.file)
			if strings.HasSuffix(tt.file, ".pdf") {
				want.Invoices[0].Attachment, want.Invoices[0].AttachmentName = input, tt.file
			}
			assertBatch(t, got, want)
		})
	}
}

// TestReadVariants reads the samples changed the way other writers or
// other documents differ.
func TestReadVariants(t *testing.T) {
	tests := []struct {
		name string
		file string
		edit func(string) string
		want imports.Batch
	}{{
		name: "other prefixes for the same namespaces",
		file: "minimum.xml",
		edit: strings.NewReplacer("xmlns:rsm=", "xmlns:inv=", "rsm:", "inv:", "xmlns:ram=", "xmlns:a=", "ram:", "a:", "xmlns:udt=", "xmlns:u=", "udt:", "u:").Replace,
		want: imports.Batch{Clients: []imports.Client{boulangerieMinimum()}, Invoices: []imports.Invoice{invoiceMinimum()}},
	}, {
		name: "a default namespace",
		file: "minimum.xml",
		edit: strings.NewReplacer("xmlns:ram=", "xmlns=", "ram:", "").Replace,
		want: imports.Batch{Clients: []imports.Client{boulangerieMinimum()}, Invoices: []imports.Invoice{invoiceMinimum()}},
	}, {
		name: "no currency is euros",
		file: "minimum.xml",
		edit: strings.NewReplacer("<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>", "").Replace,
		want: imports.Batch{
			Clients:  []imports.Client{boulangerieMinimum()},
			Invoices: []imports.Invoice{with(invoiceMinimum(), func(i *imports.Invoice) { i.Currency = "" })},
		},
	}, {
		name: "no DuePayableAmount: outstanding unknown",
		file: "minimum.xml",
		edit: strings.NewReplacer("<ram:DuePayableAmount>1440.00</ram:DuePayableAmount>", "").Replace,
		want: imports.Batch{
			Clients: []imports.Client{boulangerieMinimum()},
			Invoices: []imports.Invoice{with(invoiceMinimum(), func(i *imports.Invoice) {
				i.Outstanding, i.OutstandingKnown = 0, false
			})},
		},
	}, {
		name: "a negative invoice is a credit note",
		file: "minimum.xml",
		edit: strings.NewReplacer("1440.00", "-1440.00").Replace,
		want: imports.Batch{
			Clients: []imports.Client{boulangerieMinimum()},
			CreditNotes: []imports.CreditNote{{
				Line: 1, ClientKey: "793381047", Number: "FA-2026-0101", Date: data.MustDate("2026-03-02"), Amount: data.Euros(1440, 0),
			}},
		},
	}, {
		name: "amounts with more zeros, a plus sign, no decimals",
		file: "en16931.xml",
		edit: strings.NewReplacer("<ram:GrandTotalAmount>2400.00<", "<ram:GrandTotalAmount>+2400.0000<",
			"<ram:DuePayableAmount>2000.00<", "<ram:DuePayableAmount> 2000 <").Replace,
		want: imports.Batch{Clients: []imports.Client{garageDuLac()}, Invoices: []imports.Invoice{invoiceEN16931()}},
	}, {
		name: "the contact's email when the buyer has no EM address",
		file: "en16931.xml",
		edit: strings.NewReplacer(`<ram:URIID schemeID="EM">comptabilite@garagedulac.example</ram:URIID>`, "").Replace,
		want: imports.Batch{
			Clients:  []imports.Client{withClient(garageDuLac(), func(c *imports.Client) { c.Email = "claire.dubois@garagedulac.example" })},
			Invoices: []imports.Invoice{invoiceEN16931()},
		},
	}, {
		name: "the SIREN of a SIRET, the department without a person",
		file: "en16931.xml",
		edit: strings.NewReplacer(`<ram:ID schemeID="0002">881024558</ram:ID>`, `<ram:ID schemeID="0009">88102455800010</ram:ID>`,
			"<ram:PersonName>Claire Dubois</ram:PersonName>", "").Replace,
		want: imports.Batch{
			Clients:  []imports.Client{withClient(garageDuLac(), func(c *imports.Client) { c.ContactName = "Comptabilité fournisseurs" })},
			Invoices: []imports.Invoice{invoiceEN16931()},
		},
	}, {
		name: "a SIRET under scheme 0002, %PDF- quoted in a comment",
		file: "en16931.xml",
		edit: strings.NewReplacer(`<ram:ID schemeID="0002">881024558</ram:ID>`, `<ram:ID schemeID="0002">88102455800010</ram:ID>`,
			"?>\n", "?>\n<!-- exported as XML, not as %PDF-1.7 -->\n").Replace,
		want: imports.Batch{Clients: []imports.Client{garageDuLac()}, Invoices: []imports.Invoice{invoiceEN16931()}},
	}, {
		name: "the SIREN as the buyer's global identifier",
		file: "minimum.xml",
		edit: strings.NewReplacer(`<ram:ID schemeID="0002">793 381 047</ram:ID>`, "",
			"<ram:Name>Boulangerie Martin SAS</ram:Name>", `<ram:GlobalID schemeID="0002">793381047</ram:GlobalID><ram:Name>Boulangerie Martin SAS</ram:Name>`).Replace,
		want: imports.Batch{Clients: []imports.Client{boulangerieMinimum()}, Invoices: []imports.Invoice{invoiceMinimum()}},
	}, {
		name: "no SIREN: the VAT number is the key",
		file: "chf.xml",
		edit: strings.NewReplacer("CHF", "EUR").Replace,
		want: imports.Batch{
			Clients: []imports.Client{{
				Key: "CHE-123.456.788TVA", Line: 1, Name: "Fromagerie Alpine SA", VATNumber: "CHE-123.456.788TVA",
				Address: data.Address{Street: "8 rue du Marché", PostalCode: "1204", City: "Genève", Country: "CH"},
			}},
			Invoices: []imports.Invoice{{
				Line: 1, ClientKey: "CHE-123.456.788TVA", Number: "FA-2026-0130", IssueDate: data.MustDate("2026-03-18"),
				DueDate: data.MustDate("2026-04-17"), Amount: data.Euros(3250, 0), Outstanding: data.Euros(3250, 0),
				OutstandingKnown: true, Currency: "EUR",
				SellerSIREN: "842157638", SellerVAT: "FR62842157638", SellerName: "Atelier Borel SARL",
			}},
		},
	}, {
		name: "no SIREN nor VAT number: the name is the key",
		file: "minimum.xml",
		edit: strings.NewReplacer(`<ram:ID schemeID="0002">793 381 047</ram:ID>`, "").Replace,
		want: imports.Batch{
			Clients: []imports.Client{{Key: "Boulangerie Martin SAS", Line: 1, Name: "Boulangerie Martin SAS"}},
			Invoices: []imports.Invoice{with(invoiceMinimum(), func(i *imports.Invoice) {
				i.ClientKey = "Boulangerie Martin SAS"
			})},
		},
	}, {
		name: "UBL 2.0: the due date in the payment means, the name in PartyName",
		file: "ubl-invoice.xml",
		edit: strings.NewReplacer("<cbc:DueDate>2026-04-09</cbc:DueDate>", "",
			"<cbc:PaymentID>", "<cbc:PaymentDueDate>2026-04-09Z</cbc:PaymentDueDate><cbc:PaymentID>",
			"<cbc:RegistrationName>Hôtel des Tilleuls SARL</cbc:RegistrationName>", "").Replace,
		want: imports.Batch{
			Clients: []imports.Client{withClient(hotelDesTilleuls(), func(c *imports.Client) { c.Name = "Hôtel des Tilleuls" })},
			Invoices: []imports.Invoice{{
				Line: 1, ClientKey: "903477123", Number: "FA-2026-0124", IssueDate: data.MustDate("2026-03-10"),
				DeliveryDate: data.MustDate("2026-03-09"), DueDate: data.MustDate("2026-04-09"),
				Amount: data.Euros(1800, 0), Outstanding: data.Euros(1800, 0), OutstandingKnown: true,
				Currency: "EUR", PORef: "HT-PO-0392",
				SellerSIREN: "842157638", SellerVAT: "FR62842157638", SellerName: "Atelier Borel SARL",
			}},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input := string(sample(t, tt.file))
			edited := tt.edit(input)
			if edited == input {
				t.Fatal("the edit changed nothing")
			}
			got := facturx.Read(tt.file, []byte(edited))
			assertBatch(t, got, withFile(tt.want, tt.file))
		})
	}
}

func TestReadLatin1(t *testing.T) {
	text := strings.NewReplacer(`encoding="UTF-8"`, `encoding="ISO-8859-1"`,
		"Boulangerie Martin SAS", "Boulangerie Léon Martin SAS").Replace(string(sample(t, "minimum.xml")))
	latin1, err := charmap.ISO8859_1.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	got := facturx.Read("latin1.xml", []byte(latin1))
	if len(got.Problems) > 0 || len(got.Clients) != 1 || got.Clients[0].Name != "Boulangerie Léon Martin SAS" {
		t.Errorf("got clients %+v, problems %v; want Boulangerie Léon Martin SAS", got.Clients, got.Problems)
	}
}

// problem is the Problem of the file at line 1 (the document).
func problem(column, fieldKey string, reason data.Reason, value string) imports.Problem {
	return imports.Problem{Line: 1, Column: column, FieldError: data.FieldError{Field: fieldKey, Reason: reason, Value: value}}
}

func TestReadProblems(t *testing.T) {
	tests := []struct {
		name string
		file string
		edit func(string) string
		want []imports.Problem
	}{{
		name: "not in euros",
		file: "chf.xml",
		want: []imports.Problem{problem(ciiSettlement+"/ram:InvoiceCurrencyCode", "currency", data.ReasonCurrency, "CHF")},
	}, {
		name: "no number",
		file: "en16931.xml",
		edit: strings.NewReplacer("<ram:ID>FA-2026-0117</ram:ID>", "").Replace,
		want: []imports.Problem{problem(ciiDoc+"/ram:ID", "number", data.ReasonRequired, "")},
	}, {
		name: "no buyer name",
		file: "en16931.xml",
		edit: strings.NewReplacer("<ram:Name>Garage du Lac SAS</ram:Name>", "<ram:Name> </ram:Name>").Replace,
		want: []imports.Problem{problem(ciiBuyer+"/ram:Name", "client", data.ReasonRequired, "")},
	}, {
		name: "no issue date",
		file: "minimum.xml",
		edit: strings.NewReplacer(`<udt:DateTimeString format="102">20260302</udt:DateTimeString>`, "").Replace,
		want: []imports.Problem{problem(ciiDoc+"/ram:IssueDateTime/udt:DateTimeString", "issue_date", data.ReasonRequired, "")},
	}, {
		name: "no total",
		file: "minimum.xml",
		edit: strings.NewReplacer("<ram:GrandTotalAmount>1440.00</ram:GrandTotalAmount>", "").Replace,
		want: []imports.Problem{problem(ciiTotals+"/ram:GrandTotalAmount", "amount", data.ReasonRequired, "")},
	}, {
		name: "a French amount",
		file: "en16931.xml",
		edit: strings.NewReplacer("<ram:GrandTotalAmount>2400.00<", "<ram:GrandTotalAmount>2 400,00<").Replace,
		want: []imports.Problem{problem(ciiTotals+"/ram:GrandTotalAmount", "amount", data.ReasonMoneyFormat, "2 400,00")},
	}, {
		name: "a comma decimal",
		file: "en16931.xml",
		edit: strings.NewReplacer("<ram:GrandTotalAmount>2400.00<", "<ram:GrandTotalAmount>2400,00<").Replace,
		want: []imports.Problem{problem(ciiTotals+"/ram:GrandTotalAmount", "amount", data.ReasonMoneyFormat, "2400,00")},
	}, {
		name: "a thousandth of a euro",
		file: "en16931.xml",
		edit: strings.NewReplacer("<ram:GrandTotalAmount>2400.00<", "<ram:GrandTotalAmount>2400.005<").Replace,
		want: []imports.Problem{problem(ciiTotals+"/ram:GrandTotalAmount", "amount", data.ReasonMoneyDecimals, "2400.005")},
	}, {
		name: "an amount too large",
		file: "en16931.xml",
		edit: strings.NewReplacer("<ram:GrandTotalAmount>2400.00<", "<ram:GrandTotalAmount>1234567890123456.00<").Replace,
		want: []imports.Problem{problem(ciiTotals+"/ram:GrandTotalAmount", "amount", data.ReasonMoneyTooLarge, "1234567890123456.00")},
	}, {
		name: "a payable amount that is no number",
		file: "en16931.xml",
		edit: strings.NewReplacer("<ram:DuePayableAmount>2000.00<", "<ram:DuePayableAmount>EUR 2000<").Replace,
		want: []imports.Problem{problem(ciiTotals+"/ram:DuePayableAmount", "outstanding", data.ReasonMoneyFormat, "EUR 2000")},
	}, {
		name: "a negative payable amount on an invoice",
		file: "en16931.xml",
		edit: strings.NewReplacer("<ram:DuePayableAmount>2000.00<", "<ram:DuePayableAmount>-20.00<").Replace,
		want: []imports.Problem{problem(ciiTotals+"/ram:DuePayableAmount", "outstanding", data.ReasonNegative, "-20.00")},
	}, {
		name: "an ISO date in a format 102 field",
		file: "en16931.xml",
		edit: strings.NewReplacer(`<udt:DateTimeString format="102">20260404</udt:DateTimeString>`, `<udt:DateTimeString format="102">2026-04-04</udt:DateTimeString>`).Replace,
		want: []imports.Problem{problem(ciiSettlement+"/ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString", "due_date", data.ReasonDateFormat, "2026-04-04")},
	}, {
		name: "a day that does not exist",
		file: "en16931.xml",
		edit: strings.NewReplacer(">20260404<", ">20260431<").Replace,
		want: []imports.Problem{problem(ciiSettlement+"/ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString", "due_date", data.ReasonDateInvalid, "20260431")},
	}, {
		name: "a month for a day (format 610)",
		file: "minimum.xml",
		edit: strings.NewReplacer(`<udt:DateTimeString format="102">20260302<`, `<udt:DateTimeString format="610">202603<`).Replace,
		want: []imports.Problem{problem(ciiDoc+"/ram:IssueDateTime/udt:DateTimeString", "issue_date", data.ReasonDateFormat, "202603")},
	}, {
		name: "a bad delivery date",
		file: "en16931.xml",
		edit: strings.NewReplacer(">20260303<", ">2026033<").Replace,
		want: []imports.Problem{problem(ciiTrade+"/ram:ApplicableHeaderTradeDelivery/ram:ActualDeliverySupplyChainEvent/ram:OccurrenceDateTime/udt:DateTimeString", "delivery_date", data.ReasonDateFormat, "2026033")},
	}, {
		name: "a pro forma",
		file: "minimum.xml",
		edit: strings.NewReplacer("<ram:TypeCode>380</ram:TypeCode>", "<ram:TypeCode>325</ram:TypeCode>").Replace,
		want: []imports.Problem{problem(ciiDoc+"/ram:TypeCode", "type", data.ReasonUnknownChoice, "325")},
	}, {
		name: "every problem at once, in the order of the fields",
		file: "minimum.xml",
		edit: strings.NewReplacer("<ram:ID>FA-2026-0101</ram:ID>", "", ">EUR<", ">USD<", ">1440.00<", ">1.440,00<").Replace,
		want: []imports.Problem{
			problem(ciiDoc+"/ram:ID", "number", data.ReasonRequired, ""),
			problem(ciiSettlement+"/ram:InvoiceCurrencyCode", "currency", data.ReasonCurrency, "USD"),
			problem(ciiTotals+"/ram:GrandTotalAmount", "amount", data.ReasonMoneyFormat, "1.440,00"),
			problem(ciiTotals+"/ram:DuePayableAmount", "outstanding", data.ReasonMoneyFormat, "1.440,00"),
		},
	}, {
		name: "UBL: no number",
		file: "ubl-invoice.xml",
		edit: strings.NewReplacer("<cbc:ID>FA-2026-0124</cbc:ID>", "").Replace,
		want: []imports.Problem{problem("/Invoice/cbc:ID", "number", data.ReasonRequired, "")},
	}, {
		name: "UBL: a French date",
		file: "ubl-invoice.xml",
		edit: strings.NewReplacer("<cbc:IssueDate>2026-03-10</cbc:IssueDate>", "<cbc:IssueDate>10/03/2026</cbc:IssueDate>").Replace,
		want: []imports.Problem{problem("/Invoice/cbc:IssueDate", "issue_date", data.ReasonDateFormat, "10/03/2026")},
	}, {
		name: "UBL: not in euros",
		file: "ubl-invoice.xml",
		edit: strings.NewReplacer("<cbc:DocumentCurrencyCode>EUR<", "<cbc:DocumentCurrencyCode>GBP<").Replace,
		want: []imports.Problem{problem("/Invoice/cbc:DocumentCurrencyCode", "currency", data.ReasonCurrency, "GBP")},
	}, {
		name: "UBL: the currency of the total when the document names none",
		file: "ubl-invoice.xml",
		edit: strings.NewReplacer("<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>", "", `currencyID="EUR"`, `currencyID="USD"`).Replace,
		want: []imports.Problem{problem("/Invoice/cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount/@currencyID", "currency", data.ReasonCurrency, "USD")},
	}, {
		name: "UBL: no total, a bad payable amount",
		file: "ubl-invoice.xml",
		edit: strings.NewReplacer(`<cbc:TaxInclusiveAmount currencyID="EUR">1800.00</cbc:TaxInclusiveAmount>`, "",
			`<cbc:PayableAmount currencyID="EUR">1800.00<`, `<cbc:PayableAmount currencyID="EUR">1800.00 EUR<`).Replace,
		want: []imports.Problem{
			problem("/Invoice/cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount", "amount", data.ReasonRequired, ""),
			problem("/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount", "outstanding", data.ReasonMoneyFormat, "1800.00 EUR"),
		},
	}, {
		name: "UBL credit note: no buyer name, no date",
		file: "ubl-creditnote.xml",
		edit: strings.NewReplacer("<cbc:RegistrationName>Hôtel des Tilleuls SARL</cbc:RegistrationName>", "",
			"<cbc:IssueDate>2026-03-20</cbc:IssueDate>", "").Replace,
		want: []imports.Problem{
			problem("/CreditNote/cbc:IssueDate", "issue_date", data.ReasonRequired, ""),
			problem("/CreditNote/cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName", "client", data.ReasonRequired, ""),
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input := string(sample(t, tt.file))
			if tt.edit != nil {
				edited := tt.edit(input)
				if edited == input {
					t.Fatal("the edit changed nothing")
				}
				input = edited
			}
			got := facturx.Read(tt.file, []byte(input))
			want := imports.Batch{Problems: tt.want}
			assertBatch(t, got, withFile(want, tt.file))
		})
	}
}

func TestReadFileProblems(t *testing.T) {
	tests := []struct {
		file   string
		input  []byte
		reason data.Reason
		value  string // "" : not checked
	}{
		{file: "malformed.xml", reason: data.ReasonFileFormat, value: "XML syntax error on line 32: unexpected EOF"},
		{file: "plain.pdf", reason: data.ReasonNoInvoiceData},
		{file: "empty.xml", input: []byte{}, reason: data.ReasonFileFormat, value: "no root element"},
		{file: "notes.txt", input: []byte("Facture FA-2026-0117 : 2 400,00 €"), reason: data.ReasonFileFormat},
		{file: "camt053.xml", input: []byte(`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt/></Document>`), reason: data.ReasonFileFormat, value: "Document"},
		{file: "two-roots.xml", input: []byte(`<a/><b/>`), reason: data.ReasonFileFormat, value: "more than one root element"},
		{file: "unknown-encoding.xml", input: []byte(`<?xml version="1.0" encoding="EBCDIC"?><a/>`), reason: data.ReasonFileFormat},
		{file: "broken.pdf", input: []byte("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"), reason: data.ReasonFileFormat},
		{file: "truncated.pdf", input: sample(t, "en16931.pdf")[:4000], reason: data.ReasonFileFormat},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			input := tt.input
			if input == nil {
				input = sample(t, tt.file)
			}
			got := facturx.Read(tt.file, input)
			if len(got.Problems) != 1 {
				t.Fatalf("got problems %v, want one", got.Problems)
			}
			p := got.Problems[0]
			if p.File != tt.file || p.Line != 0 || p.Column != "" || p.Field != "file" || p.Reason != tt.reason {
				t.Errorf("got %#v, want file %s line 0 field file reason %s", p, tt.file, tt.reason)
			}
			if tt.value != "" && p.Value != tt.value {
				t.Errorf("got value %q, want %q", p.Value, tt.value)
			}
			assertBatch(t, got, withFile(imports.Batch{Problems: got.Problems}, tt.file))
		})
	}
}

// withFile completes an expected batch with what every batch of the file
// carries.
func withFile(b imports.Batch, file string) imports.Batch {
	b.Kind, b.Files, b.Rows = imports.KindFacturX, []string{file}, 1
	for i := range b.Clients {
		b.Clients[i].File = file
	}
	for i := range b.Invoices {
		b.Invoices[i].File = file
	}
	for i := range b.CreditNotes {
		b.CreditNotes[i].File = file
	}
	for i := range b.Problems {
		b.Problems[i].File = file
	}
	return b
}

func with(inv imports.Invoice, edit func(*imports.Invoice)) imports.Invoice {
	edit(&inv)
	return inv
}

func withClient(c imports.Client, edit func(*imports.Client)) imports.Client {
	edit(&c)
	return c
}

func assertBatch(t *testing.T, got, want imports.Batch) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Read:\n got %s\nwant %s", describe(got), describe(want))
	}
}

// describe prints a batch without the attachment's bytes.
func describe(b imports.Batch) string {
	invoices := make([]imports.Invoice, len(b.Invoices))
	for i, inv := range b.Invoices {
		inv.Attachment = []byte(fmt.Sprintf("(%d bytes)", len(inv.Attachment)))
		invoices[i] = inv
	}
	b.Invoices = invoices
	return fmt.Sprintf("%+v", b)
}
