package words

import (
	"errors"
	"io/fs"
	"strconv"
	"strings"

	"relance/app/drafting"
	"relance/app/importing"
	"relance/data"
)

// Refusal is the sentence of an error the owner can fix (company details
// or a client's address missing, a rate unknown), and false for any other
// error: the caller then says it its own way.
func (w Words) Refusal(err error) (string, bool) {
	var incomplete *data.CompanyIncompleteError
	var noAddress *drafting.ClientAddressError
	var noRate *drafting.NoRateError
	switch {
	case errors.As(err, &incomplete):
		return w.CompanyMissing(incomplete.Missing), true
	case errors.As(err, &noAddress):
		return w.T.L("error.client_address", map[string]any{"Client": noAddress.Client}), true
	case errors.As(err, &noRate):
		return w.NoRate(noRate), true
	}
	return w.importRefusal(err)
}

// importRefusal is the sentence of an import that could not start or be
// undone.
func (w Words) importRefusal(err error) (string, bool) {
	var pathErr *fs.PathError
	switch {
	case errors.Is(err, data.ErrImportUsed):
		return w.T.L("import.error.used"), true
	case errors.Is(err, importing.ErrOneFile):
		return w.T.L("import.error.one_file"), true
	case errors.Is(err, importing.ErrFileTooLarge):
		return w.T.L("import.error.too_large"), true
	case errors.Is(err, importing.ErrNoPreset):
		return w.T.L("import.error.no_preset"), true
	case errors.As(err, &pathErr):
		return w.T.L("import.error.no_such_file", map[string]any{"File": pathErr.Path}), true
	}
	return "", false
}

// CompanyMissing asks for the company details a letter or an email needs,
// naming them (field keys, as data.Company.MissingForLetters gives them).
func (w Words) CompanyMissing(missing []string) string {
	names := make([]string, len(missing))
	for i, f := range missing {
		names[i] = w.T.L("field." + f)
	}
	return w.T.L("today.company.missing", map[string]any{"Fields": strings.Join(names, ", ")})
}

// NoRate says which rate is missing for which half-year, so that a
// statement is not printed short of it.
func (w Words) NoRate(e *drafting.NoRateError) string {
	rate := "error.no_rate.ecb"
	if e.Legal {
		rate = "error.no_rate.legal"
	}
	half := w.HalfYear("H" + strconv.Itoa(e.Half.Half) + " " + strconv.Itoa(e.Half.Year))
	return w.T.L("error.no_rate", map[string]any{"Invoice": e.Invoice, "Rate": w.T.L(rate), "Half": half})
}
