package kit

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"fyne.io/fyne/v2/lang"

	"relance/assets"
)

// AppLanguages are the languages the app speaks.
var AppLanguages = []string{"fr", "en"}

// LoadTranslations registers Relance's catalogues with Fyne's lang package,
// which then follows the system locale (French or English, English for
// anything else). Call it before building any window or printing any message.
// Catalogues are split per screen: translations/<part>.<lang>.json.
func LoadTranslations() error {
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		return fmt.Errorf("load translations: %w", err)
	}
	return nil
}

// Catalogue merges every translation file of one language into one JSON
// document, the form lang.AddTranslationsForLocale takes.
func Catalogue(code string) ([]byte, error) {
	merged := map[string]json.RawMessage{}
	files, err := fs.Glob(assets.Translations, "translations/*.json")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		base := strings.TrimSuffix(path.Base(f), ".json")
		if base != code && !strings.HasSuffix(base, "."+code) {
			continue
		}
		raw, err := fs.ReadFile(assets.Translations, f)
		if err != nil {
			return nil, err
		}
		var part map[string]json.RawMessage
		if err := json.Unmarshal(raw, &part); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for k, v := range part {
			merged[k] = v
		}
	}
	return json.Marshal(merged)
}

// SetLanguage makes the app speak code ("fr" or "en"), or follow the
// system again when code is "". Fyne's lang package only follows the
// system locale, so the chosen catalogue is registered under the system's
// locale: it then wins the match.
func SetLanguage(code string) error {
	if code == "" {
		code = SystemLanguage()
	}
	doc, err := Catalogue(code)
	if err != nil {
		return err
	}
	return lang.AddTranslationsForLocale(doc, lang.SystemLocale())
}

// SystemLanguage is the app language that matches the system locale.
func SystemLanguage() string {
	sys := lang.SystemLocale().LanguageString()
	for _, l := range AppLanguages {
		if strings.HasPrefix(sys, l) {
			return l
		}
	}
	return "en"
}
