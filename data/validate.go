package data

import (
	"net/mail"
	"strings"
	"unicode/utf8"
)

// maxImageBytes bounds a logo or signature: they are drawn a few
// centimetres wide, and the book should stay small.
const maxImageBytes = 2 << 20

// checkImage accepts no image, or a PNG or JPEG of reasonable size.
func checkImage(field string, img []byte) error {
	if len(img) == 0 {
		return nil
	}
	if len(img) > maxImageBytes {
		return invalid(field, ReasonImageTooLarge, "")
	}
	png := len(img) > 8 && string(img[1:4]) == "PNG"
	jpeg := len(img) > 3 && img[0] == 0xFF && img[1] == 0xD8 && img[2] == 0xFF
	if !png && !jpeg {
		return invalid(field, ReasonImageFormat, "")
	}
	return nil
}

func required(field, value string) error {
	if strings.TrimSpace(value) == "" {
		return invalid(field, ReasonRequired, "")
	}
	return nil
}

// maxLen refuses more than n characters; the error carries n, so that the
// message says how many are accepted.
func maxLen(field, value string, n int) error {
	if utf8.RuneCountInString(value) > n {
		return &FieldError{Field: field, Reason: ReasonTooLong, Limit: n}
	}
	return nil
}

// CheckEmails checks a list of addresses separated by ',' or ';' (empty is
// accepted): the FieldError of field names the first that is not one.
func CheckEmails(field, value string) error { return checkEmail(field, value) }

// checkEmail accepts an empty value or a list of addresses separated by ',' or ';'.
func checkEmail(field, value string) error {
	for _, part := range SplitEmails(value) {
		addr, err := mail.ParseAddress(part)
		if err != nil || !strings.Contains(addr.Address, ".") {
			return invalid(field, ReasonEmailFormat, part)
		}
	}
	return nil
}

// SplitEmails splits a list of addresses separated by ',' or ';', dropping empty items.
func SplitEmails(value string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(value, func(r rune) bool { return r == ',' || r == ';' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// checkSIREN accepts an empty value, a SIREN (9 digits) or a SIRET (14 digits),
// spaces allowed, with a valid Luhn key.
func checkSIREN(field, value string) error {
	digits := strings.ReplaceAll(value, " ", "")
	if digits == "" {
		return nil
	}
	if (len(digits) != 9 && len(digits) != 14) || !allDigits(digits) || !luhn(digits) {
		return invalid(field, ReasonSIRENFormat, value)
	}
	return nil
}

// checkVATNumber accepts an empty value or an intra-community VAT number:
// two letters of country, then 2 to 13 letters or digits (FR: a two-digit
// key and the SIREN). A French one must hold a valid SIREN.
func checkVATNumber(field, value string) error {
	if value == "" {
		return nil
	}
	if len(value) < 4 || len(value) > 15 || !isUpperLetter(value[0]) || !isUpperLetter(value[1]) {
		return invalid(field, ReasonVATFormat, value)
	}
	for i := 2; i < len(value); i++ {
		if c := value[i]; !isUpperLetter(c) && (c < '0' || c > '9') {
			return invalid(field, ReasonVATFormat, value)
		}
	}
	if value[:2] == "FR" && (len(value) != 13 || !allDigits(value[4:]) || !luhn(value[4:])) {
		return invalid(field, ReasonVATFormat, value)
	}
	return nil
}

func isUpperLetter(c byte) bool { return c >= 'A' && c <= 'Z' }

func luhn(digits string) bool {
	sum := 0
	for i := 0; i < len(digits); i++ {
		d := int(digits[len(digits)-1-i] - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// checkIBAN accepts an empty value or an IBAN with a correct ISO 13616 check (mod 97).
func checkIBAN(field, value string) error {
	iban := NormaliseIBAN(value)
	if iban == "" {
		return nil
	}
	if len(iban) < 15 || len(iban) > 34 || !ibanChecksumOK(iban) {
		return invalid(field, ReasonIBANFormat, value)
	}
	return nil
}

// NormaliseIBAN removes spaces and upper-cases.
func NormaliseIBAN(value string) string {
	return strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(value), " ", ""))
}

// GroupIBAN writes an IBAN by groups of four characters, as banks print it
// ("FR76 3000 6000 …"), whatever spaces it was typed with.
func GroupIBAN(iban string) string {
	compact := strings.ToUpper(strings.Join(strings.Fields(iban), ""))
	var b strings.Builder
	for i, r := range compact {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func ibanChecksumOK(iban string) bool {
	rearranged := iban[4:] + iban[:4]
	rem := 0
	for _, r := range rearranged {
		switch {
		case r >= '0' && r <= '9':
			rem = (rem*10 + int(r-'0')) % 97
		case r >= 'A' && r <= 'Z':
			rem = (rem*100 + int(r-'A'+10)) % 97
		default:
			return false
		}
	}
	return rem == 1
}
