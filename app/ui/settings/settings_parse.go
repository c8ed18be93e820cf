package settings

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"relance/app/ui/kit"
	"relance/data"
)

// Reasons the settings refuse a typed value for, on top of data's. Each is
// translated as "error.<reason>" like data's, so that a form shows it under
// its field.
const (
	reasonRateFormat    data.Reason = "settings_rate_format"
	reasonRateDecimals  data.Reason = "settings_rate_decimals"
	reasonWholeNumber   data.Reason = "settings_whole_number"
	reasonOffsetFormat  data.Reason = "settings_offset_format"
	reasonImageTooLarge data.Reason = "settings_image_too_large"
)

// settingsReasons lists them for the catalogue test.
var settingsReasons = []data.Reason{reasonRateFormat, reasonRateDecimals, reasonWholeNumber,
	reasonOffsetFormat, reasonImageTooLarge}

// fieldErr is the error of one field, in the form a form shows.
func fieldErr(key string, reason data.Reason) error {
	return data.FieldErrors{&data.FieldError{Field: key, Reason: reason}}
}

// parseRate reads a percentage typed the French or the English way
// ("12,15", "12.15", "12,15 %", "3") into basis points. More than two
// decimals is refused rather than rounded: rates are published with two.
// An empty text is refused as required unless optional, when it reads 0.
func parseRate(key, text string, optional bool) (int, error) {
	s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), "%"))
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\u00a0", ""), " ", "")
	if s == "" {
		if optional {
			return 0, nil
		}
		return 0, kit.RequiredError(key)
	}
	negative := strings.HasPrefix(s, "-")
	whole, frac, _ := strings.Cut(strings.TrimPrefix(s, "-"), ",")
	if strings.Contains(s, ".") {
		whole, frac, _ = strings.Cut(strings.TrimPrefix(s, "-"), ".")
	}
	if !allDigits(whole) || !allDigits(frac) || whole == "" && frac == "" ||
		strings.ContainsAny(frac, ".,") || len(whole) > 4 {
		return 0, fieldErr(key, reasonRateFormat)
	}
	if len(frac) > 2 {
		return 0, fieldErr(key, reasonRateDecimals)
	}
	bp, _ := strconv.Atoi(whole + (frac + "00")[:2])
	if negative {
		bp = -bp
	}
	return bp, nil
}

// allDigits reports whether s is made of ASCII digits only (true for "").
func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// rateInput writes basis points the way a rate field is prefilled: "2,15"
// in French, "2.15" in English, which parseRate reads back either way.
func rateInput(bp int) string {
	sign := ""
	if bp < 0 {
		sign, bp = "-", -bp
	}
	s := fmt.Sprintf("%s%d.%02d", sign, bp/100, bp%100)
	if kit.Language() == "fr" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// parseDays reads a whole number of days; empty reads as def.
func parseDays(key, text string, def int) (int, error) {
	s := strings.TrimSpace(text)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fieldErr(key, reasonWholeNumber)
	}
	return n, nil
}

// offsetText writes a step's offset from the due date the way dunning
// plans are written: "J-7", "J", "J+15" in French, "D-7", "D", "D+15" in
// English.
func offsetText(days int) string {
	letter := lang.L("settings.day_letter")
	switch {
	case days > 0:
		return fmt.Sprintf("%s+%d", letter, days)
	case days < 0:
		return fmt.Sprintf("%s-%d", letter, -days)
	}
	return letter
}

// parseOffset reads an offset typed as offsetText writes it, in either
// language ("J-7", "D+15", "j+3"), or as a bare signed number ("-7", "15").
func parseOffset(key, text string) (int, error) {
	s := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(text), " ", ""))
	if s == "" {
		return 0, kit.RequiredError(key)
	}
	letter := strings.HasPrefix(s, "J") || strings.HasPrefix(s, "D")
	if letter {
		s = s[1:]
	}
	if s == "" && letter {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.TrimPrefix(s, "+"))
	if err != nil || strings.HasPrefix(s, "+-") {
		return 0, fieldErr(key, reasonOffsetFormat)
	}
	return n, nil
}
