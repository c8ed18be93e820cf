package demo

import (
	"fmt"
	"strconv"

	"relance/data"
)

// demoCompany is a fictional lighting workshop in Lyon. Its identifiers are
// computed rather than typed so that they pass the same checks a real one would:
// the SIREN's Luhn key, the VAT key derived from the SIREN, the RIB key and the
// IBAN's mod-97 digits.
func demoCompany() data.Company {
	siren := withLuhnKey("84213957")
	c := data.DefaultCompany()
	c.LegalName = "Atelier Lumière"
	c.LegalForm = "SARL"
	c.Capital = data.Euros(10_000, 0)
	c.SIREN = siren
	c.RCSCity = "Lyon"
	c.VATNumber = frenchVATNumber(siren)
	c.Address = data.Address{Street: "12 rue de la Charité", PostalCode: "69002", City: "Lyon", Country: "FR"}
	c.Email = "contact@atelier-lumiere-lyon.fr"
	c.Phone = "04 72 41 18 30"
	// A real bank and branch layout (so that the BIC matches) with a made-up account.
	c.IBAN = frenchIBAN("30003", "01890", "00050927431")
	c.BIC = "SOGEFRPP"
	c.SignatoryName = "Claire Martin"
	c.SignatoryRole = "Gérante"
	c.PaymentTermsDays = 30
	c.DueSoonDays = 7
	return c
}

// withLuhnKey appends the digit that makes digits pass the Luhn check, the key
// of a SIREN.
func withLuhnKey(digits string) string {
	sum := 0
	for i := range len(digits) {
		d := int(digits[len(digits)-1-i] - '0')
		// The key will take the rightmost place, so the digit next to it is doubled.
		if i%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return digits + strconv.Itoa((10-sum%10)%10)
}

// frenchVATNumber derives the intra-community VAT number from a SIREN:
// FR + key + SIREN, with key = (12 + 3 × (SIREN mod 97)) mod 97.
func frenchVATNumber(siren string) string {
	n, _ := strconv.Atoi(siren)
	return fmt.Sprintf("FR%02d%s", (12+3*(n%97))%97, siren)
}

// frenchIBAN builds FR76-style IBAN from a RIB: bank code (5 digits), branch
// code (5 digits) and account number (11 digits); it adds the RIB key and the
// IBAN check digits.
func frenchIBAN(bank, branch, account string) string {
	bban := bank + branch + account + ribKey(bank, branch, account)
	// ISO 13616: check digits = 98 - (BBAN + "FR00" as numbers) mod 97, with
	// letters counted as 10..35 (F = 15, R = 27).
	check := 98 - mod97(bban+"152700")
	return fmt.Sprintf("FR%02d%s", check, bban)
}

// ribKey is the French RIB key: 97 - (89 × bank + 15 × branch + 3 × account) mod 97.
// The account number here is all digits, so no letter conversion is needed.
func ribKey(bank, branch, account string) string {
	b, _ := strconv.Atoi(bank)
	g, _ := strconv.Atoi(branch)
	a, _ := strconv.Atoi(account)
	return fmt.Sprintf("%02d", 97-(89*b+15*g+3*a)%97)
}

// mod97 computes a long decimal string modulo 97, digit by digit, since the
// number does not fit an integer.
func mod97(digits string) int {
	rem := 0
	for _, r := range digits {
		rem = (rem*10 + int(r-'0')) % 97
	}
	return rem
}
