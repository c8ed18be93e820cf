package sheet

import (
	"strings"

	"relance/data"
	"relance/data/imports"
)

// clientCells are a row's client fields, read and checked.
type clientCells struct {
	client imports.Client
	ok     bool // the row names a client (by name or SIREN)
}

// readClient reads the client of a row, reporting each bad cell and
// leaving it out of the client.
func (r *reader) readClient(row Row) clientCells {
	c := imports.Client{
		Line:        row.Line,
		Name:        collapse(r.cell(row, ClientName)),
		ContactName: collapse(r.cell(row, ClientContact)),
		VATNumber:   strings.ToUpper(strings.ReplaceAll(r.cell(row, ClientVAT), " ", "")),
		Email:       r.cell(row, ClientEmail),
	}
	c.Address = r.readAddress(row)
	c.Phone = frenchPhone(r.cell(row, ClientPhone), c.Address.Country)
	c.SIREN = r.readSIREN(row, c.VATNumber)
	r.checkContact(row, &c)
	if c.Name == "" && c.SIREN == "" {
		return clientCells{client: c}
	}
	c.Key = c.SIREN
	if c.Key == "" {
		c.Key = c.Name
	}
	return clientCells{client: c, ok: true}
}

// readSIREN reads the SIREN column, a 14-digit SIRET reduced to its SIREN;
// without one, a French VAT number (FR + key + SIREN) gives it.
func (r *reader) readSIREN(row Row, vat string) string {
	raw := r.cell(row, ClientSIREN)
	if raw != "" {
		digits := digitsOnly(raw)
		if !allDigits(raw) || !validSIREN(digits) {
			r.report(row, ClientSIREN, data.ReasonSIRENFormat, raw)
			return ""
		}
		return digits[:9]
	}
	if len(vat) == 13 && strings.HasPrefix(vat, "FR") && validSIREN(vat[4:]) && digitsOnly(vat[4:]) == vat[4:] {
		return vat[4:]
	}
	return ""
}

// validSIREN checks a SIREN or SIRET as the book does (length and key),
// through data.Client's own validation.
func validSIREN(digits string) bool {
	c := data.Client{Name: "x", SIREN: digits}
	for _, fe := range data.FieldErrorsOf(c.Validate()) {
		if fe.Field == "siren" {
			return false
		}
	}
	return len(digits) == 9 || len(digits) == 14
}

// checkContact checks the email and phone as the book does, and the name's
// length; a bad one is reported and dropped.
func (r *reader) checkContact(row Row, c *imports.Client) {
	probe := data.Client{Name: c.Name, Email: c.Email, Phone: c.Phone}
	if probe.Name == "" {
		probe.Name = "x" // a missing name is the row's matter, not a cell's
	}
	for _, fe := range data.FieldErrorsOf(probe.Validate()) {
		switch fe.Field {
		case "email":
			r.report(row, ClientEmail, fe.Reason, r.cell(row, ClientEmail))
			c.Email = ""
		case "phone":
			r.report(row, ClientPhone, fe.Reason, r.cell(row, ClientPhone))
			c.Phone = ""
		case "name":
			r.report(row, ClientName, fe.Reason, c.Name)
			c.Name = ""
		}
	}
}

// readAddress reads the postal address. A French postcode that lost its
// leading zero in a spreadsheet (1000 for 01000) gets it back.
func (r *reader) readAddress(row Row) data.Address {
	a := data.Address{
		Street:     collapse(r.cell(row, ClientStreet)),
		PostalCode: collapse(r.cell(row, ClientPost)),
		City:       collapse(r.cell(row, ClientCity)),
	}
	if s2 := collapse(r.cell(row, ClientStreet2)); s2 != "" {
		a.Street = strings.TrimSpace(a.Street + "\n" + s2)
	}
	if raw := r.cell(row, ClientCountry); raw != "" {
		code, ok := countryCode(raw)
		if !ok {
			r.report(row, ClientCountry, data.ReasonUnknownChoice, raw)
		}
		a.Country = code
	}
	if len(a.PostalCode) == 4 && digitsOnly(a.PostalCode) == a.PostalCode && (a.Country == "" || a.Country == "FR") {
		a.PostalCode = "0" + a.PostalCode
	}
	return a
}

// countries are the names of the countries French small businesses most
// often bill, as files write them, by ISO code.
var countries = map[string]string{
	"FRANCE": "FR", "BELGIQUE": "BE", "BELGIUM": "BE", "SUISSE": "CH", "SWITZERLAND": "CH",
	"LUXEMBOURG": "LU", "ALLEMAGNE": "DE", "GERMANY": "DE", "ESPAGNE": "ES", "SPAIN": "ES",
	"ITALIE": "IT", "ITALY": "IT", "ROYAUME-UNI": "GB", "ROYAUME UNI": "GB", "UNITED KINGDOM": "GB",
	"PAYS-BAS": "NL", "PAYS BAS": "NL", "NETHERLANDS": "NL", "MONACO": "MC", "PORTUGAL": "PT",
}

// countryCode reads a country as an ISO code or a name.
func countryCode(s string) (string, bool) {
	up := strings.ToUpper(collapse(foldAccents(s)))
	if len(up) == 2 && up[0] >= 'A' && up[0] <= 'Z' && up[1] >= 'A' && up[1] <= 'Z' {
		return up, true
	}
	code, ok := countries[up]
	return code, ok
}

// frenchPhone gives back the leading zero a French number loses when a
// spreadsheet stores it as a number (612345678 for 06 12 34 56 78).
func frenchPhone(s, country string) string {
	s = collapse(s)
	if len(s) == 9 && digitsOnly(s) == s && s[0] != '0' && (country == "" || country == "FR") {
		return "0" + s
	}
	return s
}

// sameText compares two values of a client field as a person would: case,
// accents aside and spaces collapsed; digits only for phones.
func sameText(role Role, a, b string) bool {
	if role == ClientPhone {
		return digitsOnly(a) == digitsOnly(b)
	}
	return strings.EqualFold(foldAccents(collapse(a)), foldAccents(collapse(b)))
}
