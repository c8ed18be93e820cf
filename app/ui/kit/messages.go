package kit

import (
	"errors"

	"fyne.io/fyne/v2/lang"

	"relance/app/mail"
	"relance/data"
)

// FieldMessage is the sentence shown under a field refused for fe's reason.
func FieldMessage(fe *data.FieldError) string {
	if fe.Reason == data.ReasonTooLong && fe.Limit > 0 {
		return lang.N("error.too_long_at_most", fe.Limit, map[string]any{"Max": fe.Limit})
	}
	value := fe.Value
	if m, err := data.ParseMoney(value); err == nil && moneyReasons[fe.Reason] {
		value = Money(m)
	}
	return lang.L("error."+string(fe.Reason), map[string]any{"Value": value})
}

// moneyReasons are the reasons whose Value is an amount, written the
// user's way in the message.
var moneyReasons = map[data.Reason]bool{data.ReasonCreditTooLarge: true, data.ReasonBelowCredited: true}

// UserError turns an error into one sentence in the user's language.
// Validation errors name their field; the rest Say what kind of failure it
// was, never a driver message.
type userFacingError struct{ text string }

func (e userFacingError) Error() string { return e.text }

func UserError(err error) error {
	return userFacingError{text: ErrorSentence(err)}
}

func ErrorSentence(err error) string {
	if fes := data.FieldErrorsOf(err); len(fes) > 0 {
		fe := fes[0]
		return lang.L("field."+fe.Field) + lang.L("punct.colon") + FieldMessage(fe)
	}
	if text, ok := Say.Refusal(err); ok { // before the generic ones some refusals wrap
		return text
	}
	if me := (*mail.Error)(nil); errors.As(err, &me) {
		return MailCauseText(me)
	}
	switch {
	case errors.Is(err, data.ErrNotFound):
		return lang.L("error.not_found")
	case errors.Is(err, data.ErrInUse):
		return lang.L("error.in_use")
	case errors.Is(err, data.ErrAlreadyExists):
		return lang.L("error.duplicate")
	case errors.Is(err, data.ErrReadOnly):
		return lang.L("error.read_only")
	}
	if text, ok := letterRefusal(err); ok {
		return text
	}
	return lang.L("error.generic", map[string]any{"Detail": err.Error()})
}

// CompanyMissingSentence asks for the company details a letter or an
// email needs, naming them: Today's banner and a refused Send or Print
// Say the same.
func CompanyMissingSentence(missing []string) string { return Say.CompanyMissing(missing) }
