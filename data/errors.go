package data

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors returned by the store and by validation. Callers test them
// with errors.Is; the concrete error carries the details.
var (
	// ErrNotFound: the record asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrAlreadyExists: a unique value (an invoice number, a bank reference) is taken.
	ErrAlreadyExists = errors.New("already exists")
	// ErrInvalid: a value does not pass validation; see FieldError.
	ErrInvalid = errors.New("invalid")
	// ErrInUse: a record cannot be deleted while others refer to it.
	ErrInUse = errors.New("in use")
	// ErrHasHistory: an invoice or a client cannot be deleted because
	// something happened on it (a payment, a reminder, a promise...): the
	// invoice is cancelled with a credit note instead, the client archived.
	// It matches ErrInUse too.
	ErrHasHistory = fmt.Errorf("has a history: %w", ErrInUse)
)

// Reason says why a field is invalid. It is a stable key: the UI translates it
// (key "error.<reason>"), Error() gives an English sentence for logs and the
// command line.
type Reason string

// The reasons a field can be refused for.
const (
	ReasonRequired       Reason = "required"
	ReasonTooLong        Reason = "too_long"
	ReasonMoneyFormat    Reason = "money_format"
	ReasonMoneyDecimals  Reason = "money_decimals"
	ReasonMoneyTooLarge  Reason = "money_too_large"
	ReasonNegative       Reason = "negative"
	ReasonNotPositive    Reason = "not_positive"
	ReasonDateFormat     Reason = "date_format"
	ReasonDateInvalid    Reason = "date_invalid"
	ReasonDateOutOfRange Reason = "date_out_of_range"
	ReasonDueBeforeIssue Reason = "due_before_issue"
	ReasonUnknownChoice  Reason = "unknown_choice"
	ReasonEmailFormat    Reason = "email_format"
	ReasonSIRENFormat    Reason = "siren_format"
	ReasonVATFormat      Reason = "vat_format"
	ReasonIBANFormat     Reason = "iban_format"
	ReasonUnknownClient  Reason = "unknown_client"
	ReasonDuplicate      Reason = "duplicate"
	ReasonOutOfRange     Reason = "out_of_range"
	ReasonImageFormat    Reason = "image_format"
	ReasonImageTooLarge  Reason = "image_too_large"
	// ReasonCreditTooLarge: a credit note for more than is still owed.
	ReasonCreditTooLarge Reason = "credit_too_large"
	// ReasonBelowCredited: an invoice's amount below its credit notes.
	ReasonBelowCredited Reason = "below_credited"
	// ReasonLockedByHistory: a field that cannot change once the record
	// has a history (the client of an invoice that was reminded or paid).
	ReasonLockedByHistory Reason = "locked_by_history"

	// Reasons of the import readers (data/imports) and pipeline.

	// ReasonEncoding: a file that is not text in an encoding Relance reads.
	ReasonEncoding Reason = "encoding"
	// ReasonFileFormat: a file that is not of the kind it was read as.
	ReasonFileFormat Reason = "file_format"
	// ReasonMissingColumn: a column the import needs is not in the file.
	ReasonMissingColumn Reason = "missing_column"
	// ReasonColumnCount: a line with more or fewer fields than the header.
	ReasonColumnCount Reason = "column_count"
	// ReasonNoInvoiceData: a PDF that carries no Factur-X or ZUGFeRD XML.
	ReasonNoInvoiceData Reason = "no_invoice_data"
	// ReasonCurrency: an amount in another currency than the euro.
	ReasonCurrency Reason = "currency"
	// ReasonConflict: a line that says otherwise than another line of the
	// same file (one invoice number, two clients).
	ReasonConflict Reason = "conflict"
	// ReasonNotOurs: an invoice issued by another company than the owner's
	// (a supplier's invoice dropped among the owner's).
	ReasonNotOurs Reason = "not_ours"
	// ReasonLinkPattern: a payment-link pattern that is not an https
	// address, or holds another placeholder than {{numero}} and
	// {{montant_du}}.
	ReasonLinkPattern Reason = "link_pattern"
	// ReasonMobileFormat: a mobile number that is neither French (06, 07,
	// +33 6, +33 7) nor international (+ and 8 to 15 digits).
	ReasonMobileFormat Reason = "mobile_format"
	// ReasonLinkedInFormat: a profile address that is not
	// https://www.linkedin.com/in/<name>.
	ReasonLinkedInFormat Reason = "linkedin_format"
)

var reasonText = map[Reason]string{
	ReasonRequired:        "is required",
	ReasonTooLong:         "is too long",
	ReasonMoneyFormat:     "is not an amount (examples: 1250, 1 250,50)",
	ReasonMoneyDecimals:   "has more than 2 decimals",
	ReasonMoneyTooLarge:   "is too large",
	ReasonNegative:        "cannot be negative",
	ReasonNotPositive:     "must be greater than zero",
	ReasonDateFormat:      "is not a date (examples: 01/03/2026, 2026-03-01)",
	ReasonDateInvalid:     "is not a day of the calendar",
	ReasonDateOutOfRange:  "is out of the accepted years (1900-2999)",
	ReasonDueBeforeIssue:  "is before the issue date",
	ReasonUnknownChoice:   "is not one of the accepted values",
	ReasonEmailFormat:     "is not an email address",
	ReasonSIRENFormat:     "must be 9 digits (SIREN) or 14 digits (SIRET)",
	ReasonVATFormat:       "is not an intra-community VAT number (FR and 11 characters for France)",
	ReasonIBANFormat:      "is not a valid IBAN",
	ReasonUnknownClient:   "refers to a client that does not exist",
	ReasonDuplicate:       "is already used",
	ReasonOutOfRange:      "is out of range",
	ReasonImageFormat:     "is not a PNG or JPEG image",
	ReasonImageTooLarge:   "is too large an image",
	ReasonCreditTooLarge:  "is more than what is still owed",
	ReasonBelowCredited:   "is less than the credit notes already issued",
	ReasonLockedByHistory: "cannot change: the record has a history",
	ReasonEncoding:        "is not text in a known encoding (UTF-8, UTF-16, Windows-1252, ISO-8859-15)",
	ReasonFileFormat:      "is not a file of this kind",
	ReasonMissingColumn:   "has no column in the file",
	ReasonColumnCount:     "does not have as many fields as the header",
	ReasonNoInvoiceData:   "holds no Factur-X or ZUGFeRD invoice data",
	ReasonCurrency:        "is not in euros, the only currency Relance reminds in",
	ReasonConflict:        "says otherwise than an earlier line of the file",
	ReasonNotOurs:         "is an invoice issued by another company",
	ReasonLinkPattern:     "is not an https address with only {{numero}} and {{montant_du}} as placeholders",
	ReasonMobileFormat:    "is not a mobile number (examples: 06 12 34 56 78, +44 7700 900123)",
	ReasonLinkedInFormat:  "is not a LinkedIn profile address (https://www.linkedin.com/in/...)",
}

// FieldError says which field of a form or record is wrong and why. It matches
// ErrInvalid with errors.Is.
type FieldError struct {
	Field  string // the field's stable key, e.g. "amount", "due_date"
	Reason Reason
	Value  string // the offending input, when it helps the message
	// Limit is the bound that was passed, when there is one (the most
	// characters of a ReasonTooLong), so that the message can say it.
	Limit int
}

func (e *FieldError) Error() string {
	text, ok := reasonText[e.Reason]
	if !ok {
		text = string(e.Reason)
	}
	if e.Limit > 0 {
		text = fmt.Sprintf("%s (at most %d)", text, e.Limit)
	}
	if e.Value != "" {
		return fmt.Sprintf("%s %q %s", e.Field, e.Value, text)
	}
	return e.Field + " " + text
}

// Is makes errors.Is(err, ErrInvalid) true; a duplicate also matches ErrAlreadyExists.
func (e *FieldError) Is(target error) bool {
	return target == ErrInvalid || (target == ErrAlreadyExists && e.Reason == ReasonDuplicate)
}

// FieldErrors gathers every wrong field of one record, so that a form can show
// them all at once next to their fields.
type FieldErrors []*FieldError

func (es FieldErrors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// Is makes errors.Is(err, ErrInvalid) true for a non-empty list.
func (es FieldErrors) Is(target error) bool {
	for _, e := range es {
		if e.Is(target) {
			return true
		}
	}
	return false
}

// Unwrap exposes each field error to errors.As.
func (es FieldErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// add appends a field error, ignoring nil, so validators stay flat.
func (es *FieldErrors) add(err error) {
	if err == nil {
		return
	}
	*es = append(*es, FieldErrorsOf(err)...)
}

// err returns nil for an empty list, so `return es.err()` ends a validator.
func (es FieldErrors) err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// FieldErrorsOf lists the field errors inside err (none when err is not a
// validation error). The UI uses it to put each message next to its field.
func FieldErrorsOf(err error) []*FieldError {
	var many FieldErrors
	if errors.As(err, &many) {
		return many
	}
	var one *FieldError
	if errors.As(err, &one) {
		return []*FieldError{one}
	}
	return nil
}

// invalid builds a FieldError.
func invalid(field string, reason Reason, value string) *FieldError {
	return &FieldError{Field: field, Reason: reason, Value: value}
}

// Reasons lists every reason a FieldError can carry, so that a test can
// check each has a sentence in every language.
func Reasons() []Reason {
	out := make([]Reason, 0, len(reasonText))
	for r := range reasonText {
		out = append(out, r)
	}
	return out
}
