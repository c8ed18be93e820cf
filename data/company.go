package data

import (
	"errors"
	"strings"
)

// Company is the business using Relance: everything a letterhead, a formal
// notice and a payment request need. There is one per database.
type Company struct {
	LegalName string
	LegalForm string // SARL, SAS, EI, ...
	Capital   Money  // share capital; zero for a sole trader
	SIREN     string // 9 digits (or a 14-digit SIRET)
	RCSCity   string // the city of the trade register, "Lyon"; printed "RCS Lyon"
	VATNumber string
	Address   Address
	Email     string
	Phone     string
	// AccountantEmail is where "Send to my accountant" mails the open
	// items ("" until the owner gives it).
	AccountantEmail string
	IBAN            string
	BIC             string
	SignatoryName   string
	SignatoryRole   string

	// Pay are the other ways to pay (card link, cheque, direct debit).
	Pay PaymentOptions
	// EarlyDiscount is the escompte new invoices grant (off: zero Rate).
	EarlyDiscount EarlyDiscount

	// PaymentTermsDays is the default delay between issue and due date for new invoices.
	PaymentTermsDays int
	// DueSoonDays is how many days before its due date an invoice counts as "due soon".
	DueSoonDays int
	// Onboarded is set once the user has gone through the first-start choice
	// (demo data or empty book).
	Onboarded bool

	// ThrottleDays: a client receives at most one message every so many days.
	ThrottleDays int
	// DailyMessageLimit: at most so many messages (emails and letters) a
	// day, all clients together; the others wait for the next business
	// days, the oldest first. 0: no limit.
	DailyMessageLimit int
	// BankFeeTolerance: a bank credit short of an invoice's balance by at
	// most this much is taken as paying it in full, the payer's bank
	// having kept the rest as fees.
	BankFeeTolerance Money
	// AlsaceMoselle adds Good Friday and 26 December to the public holidays.
	AlsaceMoselle bool
	// Penalty is the company's late-payment penalty policy; a client may override it.
	Penalty PenaltyPolicy
	// ECBConfirmedYear and ECBConfirmedHalf name the last half-year whose ECB
	// rate the user confirmed in the rates table; later half-years are computed
	// with the last known rate, with a warning.
	ECBConfirmedYear int
	ECBConfirmedHalf int
	// Imputation says what a partial payment pays first in a penalty
	// statement: ImputeInterestFirst (Code civil 1343-1, the default) or
	// ImputePrincipal. Every statement states which.
	Imputation string

	// Logo and Signature are PNG or JPEG images printed on letters (nil: none).
	Logo      []byte
	Signature []byte

	// Window is where the recipient block goes on a letter, to show through
	// the window of the owner's envelopes (default: DL window, 110 mm from
	// the left, 50 mm from the top, 85 x 35 mm).
	Window EnvelopeWindow
}

// MissingForLetters names (by field key) the company details every letter
// and email needs that are empty: who writes (legal_name), where to pay
// (iban) and who signs (signatory_name). Send and Print refuse while one is.
func (c Company) MissingForLetters() []string {
	var out []string
	for _, f := range []struct{ key, value string }{
		{"legal_name", c.LegalName}, {"iban", c.IBAN}, {"signatory_name", c.SignatoryName},
	} {
		if strings.TrimSpace(f.value) == "" {
			out = append(out, f.key)
		}
	}
	return out
}

// MissingForPrint is MissingForLetters plus the registered office a
// printed letter states (Code de commerce R123-237): "street" when the
// address has no street, postal code or city.
func (c Company) MissingForPrint() []string {
	out := c.MissingForLetters()
	if !c.Address.Complete() {
		out = append(out, "street")
	}
	return out
}

// ReadyForPrint is ReadyForLetters for a printed letter (MissingForPrint).
func (c Company) ReadyForPrint() error {
	if missing := c.MissingForPrint(); len(missing) > 0 {
		return &CompanyIncompleteError{Missing: missing}
	}
	return nil
}

// ErrCompanyIncomplete is returned when a letter or an email was asked for while company
// details it needs are empty (MissingForLetters).
var ErrCompanyIncomplete = errors.New("company details incomplete")

// CompanyIncompleteError names the company details missing for a letter
// or an email; errors.Is finds ErrCompanyIncomplete under it.
type CompanyIncompleteError struct {
	Missing []string // field keys, as MissingForLetters gives them
}

func (e *CompanyIncompleteError) Error() string {
	return ErrCompanyIncomplete.Error() + ": " + strings.Join(e.Missing, ", ")
}

// Is makes errors.Is(err, ErrCompanyIncomplete) true.
func (e *CompanyIncompleteError) Is(target error) bool { return target == ErrCompanyIncomplete }

// ReadyForLetters is nil when every letter and email can be written, else
// a *CompanyIncompleteError naming what is missing: Send and Print call it
// before producing anything.
func (c Company) ReadyForLetters() error {
	if missing := c.MissingForLetters(); len(missing) > 0 {
		return &CompanyIncompleteError{Missing: missing}
	}
	return nil
}

// EnvelopeWindow is the position and size of an envelope's window on an A4
// page, in tenths of a millimetre.
type EnvelopeWindow struct {
	LeftMM10, TopMM10, WidthMM10, HeightMM10 int
}

// DefaultWindow is the DL window envelope most French offices use.
var DefaultWindow = EnvelopeWindow{LeftMM10: 1100, TopMM10: 500, WidthMM10: 850, HeightMM10: 350}

func (w EnvelopeWindow) validate() error {
	if w.LeftMM10 < 0 || w.TopMM10 < 0 || w.WidthMM10 < 300 || w.HeightMM10 < 200 ||
		w.LeftMM10+w.WidthMM10 > 2100 || w.TopMM10+w.HeightMM10 > 1500 {
		return invalid("envelope_window", ReasonOutOfRange, "")
	}
	return nil
}

// PenaltyPolicy says how late-payment penalties are computed: the legal
// default (ECB rate + 10 points) or a contractual fixed rate.
type PenaltyPolicy struct {
	Kind    string // PenaltyECBPlus10, PenaltyFixed, or "" (the company's policy, for a client)
	FixedBP int    // the fixed rate in basis points (10.5 % = 1050)
}

// Imputations of partial payments.
const (
	ImputeInterestFirst = "interest_first"
	ImputePrincipal     = "principal"
)

// Penalty policy kinds.
const (
	PenaltyECBPlus10 = "ecb_plus_10"
	PenaltyFixed     = "fixed"
)

func (p PenaltyPolicy) validate(field string, allowEmpty bool) error {
	switch p.Kind {
	case PenaltyECBPlus10:
	case PenaltyFixed:
		if p.FixedBP <= 0 || p.FixedBP > 10000 {
			return invalid(field+"_rate", ReasonOutOfRange, "")
		}
	case "":
		if !allowEmpty {
			return invalid(field, ReasonRequired, "")
		}
	default:
		return invalid(field, ReasonUnknownChoice, p.Kind)
	}
	return nil
}

// DefaultCompany is what a new database starts with.
func DefaultCompany() Company {
	return Company{PaymentTermsDays: 30, DueSoonDays: 7, Address: Address{Country: "FR"}, ThrottleDays: 3, DailyMessageLimit: 20, BankFeeTolerance: 500,
		Penalty: PenaltyPolicy{Kind: PenaltyECBPlus10}, ECBConfirmedYear: 2026, ECBConfirmedHalf: 1, Window: DefaultWindow,
		Imputation: ImputeInterestFirst}
}

// Validate checks the company settings.
func (c *Company) Validate() error {
	var es FieldErrors
	c.LegalName = strings.TrimSpace(c.LegalName)
	es.add(maxLen("legal_name", c.LegalName, 200))
	es.add(checkSIREN("siren", c.SIREN))
	es.add(checkEmail("email", c.Email))
	es.add(checkEmail("accountant_email", c.AccountantEmail))
	es.add(checkIBAN("iban", c.IBAN))
	for _, err := range append(c.Pay.validate(), c.EarlyDiscount.validate()...) {
		es.add(err)
	}
	if c.Capital < 0 {
		es.add(invalid("capital", ReasonNegative, ""))
	}
	if c.PaymentTermsDays < 0 || c.PaymentTermsDays > 365 {
		es.add(invalid("payment_terms_days", ReasonOutOfRange, ""))
	}
	if c.DueSoonDays < 0 || c.DueSoonDays > 90 {
		es.add(invalid("due_soon_days", ReasonOutOfRange, ""))
	}
	if c.ThrottleDays < 0 || c.ThrottleDays > 60 {
		es.add(invalid("throttle_days", ReasonOutOfRange, ""))
	}
	if c.DailyMessageLimit < 0 || c.DailyMessageLimit > 1000 {
		es.add(invalid("daily_message_limit", ReasonOutOfRange, ""))
	}
	if c.BankFeeTolerance < 0 || c.BankFeeTolerance > 10000 {
		es.add(invalid("bank_fee_tolerance", ReasonOutOfRange, ""))
	}
	es.add(c.Penalty.validate("penalty_policy", false))
	if c.Imputation == "" {
		c.Imputation = ImputeInterestFirst
	}
	if c.Imputation != ImputeInterestFirst && c.Imputation != ImputePrincipal {
		es.add(invalid("imputation", ReasonUnknownChoice, c.Imputation))
	}
	if c.ECBConfirmedHalf != 1 && c.ECBConfirmedHalf != 2 {
		es.add(invalid("ecb_confirmed", ReasonOutOfRange, ""))
	}
	es.add(c.Window.validate())
	es.add(checkImage("logo", c.Logo))
	es.add(checkImage("signature", c.Signature))
	return es.err()
}

// Address is a postal address in the French layout: street lines, then
// postcode and city.
type Address struct {
	Street     string // one or more lines separated by "\n"
	PostalCode string
	City       string
	Country    string // ISO 3166 alpha-2; "FR" when empty
}

// Complete reports whether a letter can be posted there: a street, a
// postal code and a city.
func (a Address) Complete() bool {
	return strings.TrimSpace(a.Street) != "" && strings.TrimSpace(a.PostalCode) != "" && strings.TrimSpace(a.City) != ""
}

// Lines returns the address as printed on an envelope: street lines, then
// "POSTCODE CITY" in capitals, then the country when not France.
func (a Address) Lines() []string {
	var lines []string
	for _, l := range strings.Split(a.Street, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if last := strings.TrimSpace(a.PostalCode + " " + a.City); last != "" {
		lines = append(lines, strings.ToUpper(last))
	}
	if a.Country != "" && a.Country != "FR" {
		lines = append(lines, strings.ToUpper(a.Country))
	}
	return lines
}
