package ui

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"relance/assets"
)

// Languages the app speaks.
var appLanguages = []string{"fr", "en"}

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

// catalogue merges every translation file of one language into one JSON
// document, the form lang.AddTranslationsForLocale takes.
func catalogue(code string) ([]byte, error) {
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
		code = systemLanguage()
	}
	doc, err := catalogue(code)
	if err != nil {
		return err
	}
	return lang.AddTranslationsForLocale(doc, lang.SystemLocale())
}

// systemLanguage is the app language that matches the system locale.
func systemLanguage() string {
	sys := lang.SystemLocale().LanguageString()
	for _, l := range appLanguages {
		if strings.HasPrefix(sys, l) {
			return l
		}
	}
	return "en"
}

// applyLanguagePreference applies the language chosen in Settings, if any.
func applyLanguagePreference(p fyne.Preferences) {
	if code := p.String(prefLanguage); code != "" {
		if err := SetLanguage(code); err != nil {
			fyne.LogError("language", err)
		}
	}
}

// chooseLanguage switches the app's language (from Settings) and rebuilds
// the window so every label is read again.
func (u *UI) chooseLanguage(code string) error {
	if err := SetLanguage(code); err != nil {
		return err
	}
	u.app.Preferences().SetString(prefLanguage, code)
	index := u.tabs.SelectedIndex()
	u.win.SetTitle(lang.L("app.title"))
	u.build()
	u.show(u.tabs)
	u.tabs.SelectIndex(index)
	for _, s := range u.screens {
		u.stale[s] = true
	}
	u.onScreenSelected()
	return nil
}
