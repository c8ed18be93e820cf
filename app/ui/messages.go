package ui

import (
	"errors"

	"fyne.io/fyne/v2/lang"

	"relance/data"
)

// fieldMessage is the sentence shown under a field refused for fe's reason.
func fieldMessage(fe *data.FieldError) string {
	return lang.L("error." + string(fe.Reason))
}

// userError turns an error into one sentence in the user's language.
// Validation errors name their field; the rest say what kind of failure it
// was, never a driver message.
type userFacingError struct{ text string }

func (e userFacingError) Error() string { return e.text }

func userError(err error) error {
	return userFacingError{text: errorSentence(err)}
}

func errorSentence(err error) string {
	if fes := data.FieldErrorsOf(err); len(fes) > 0 {
		fe := fes[0]
		return lang.L("field."+fe.Field) + lang.L("punct.colon") + fieldMessage(fe)
	}
	switch {
	case errors.Is(err, data.ErrNotFound):
		return lang.L("error.not_found")
	case errors.Is(err, data.ErrInUse):
		return lang.L("error.in_use")
	case errors.Is(err, data.ErrAlreadyExists):
		return lang.L("error.duplicate")
	}
	return lang.L("error.generic", map[string]any{"Detail": err.Error()})
}
