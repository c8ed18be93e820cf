package data

import (
	"net/url"
	"strings"
)

// checkMobile accepts an empty value, a French mobile number (06 or 07
// and eight digits, or +33 / 0033 then 6 or 7 and eight digits) or an
// international one (+ then 8 to 15 digits, E.164). Spaces, dots, dashes
// and brackets are allowed between digits.
func checkMobile(field, value string) error {
	if value == "" {
		return nil
	}
	compact := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '.', '-', '(', ')', '\u00a0':
			return -1
		}
		return r
	}, value)
	if rest, ok := strings.CutPrefix(compact, "00"); ok {
		compact = "+" + rest
	}
	switch {
	case strings.HasPrefix(compact, "+33"):
		national := strings.TrimPrefix(strings.TrimPrefix(compact, "+33"), "0")
		if len(national) == 9 && allDigits(national) && (national[0] == '6' || national[0] == '7') {
			return nil
		}
	case strings.HasPrefix(compact, "+"):
		if n := len(compact) - 1; n >= 8 && n <= 15 && allDigits(compact[1:]) && compact[1] != '0' {
			return nil
		}
	case len(compact) == 10 && allDigits(compact) && (strings.HasPrefix(compact, "06") || strings.HasPrefix(compact, "07")):
		return nil
	}
	return invalid(field, ReasonMobileFormat, value)
}

// checkLinkedIn accepts an empty value or the address of a person's
// LinkedIn profile: https, the host linkedin.com (www. or a country's
// subdomain), the path /in/<name>.
func checkLinkedIn(field, value string) error {
	if value == "" {
		return nil
	}
	u, err := url.Parse(value)
	if err != nil || u.Scheme != "https" || u.User != nil {
		return invalid(field, ReasonLinkedInFormat, value)
	}
	host := strings.ToLower(u.Hostname())
	if host != "linkedin.com" && !strings.HasSuffix(host, ".linkedin.com") {
		return invalid(field, ReasonLinkedInFormat, value)
	}
	name, ok := strings.CutPrefix(u.Path, "/in/")
	name = strings.TrimSuffix(name, "/")
	if !ok || name == "" || strings.Contains(name, "/") || len(value) > 300 {
		return invalid(field, ReasonLinkedInFormat, value)
	}
	return nil
}
