package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"relance/app/ui/kit"
)

// LoadTranslations registers Relance's catalogues with Fyne's lang package
// (kit.LoadTranslations). Call it before building any window.
func LoadTranslations() error { return kit.LoadTranslations() }

// SetLanguage makes the app speak code, or follow the system when "".
func SetLanguage(code string) error { return kit.SetLanguage(code) }

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
	u.win.SetTitle(lang.L("app.title"))
	u.rebuild()
	return nil
}

// rebuild makes the screens again, on the one on show, and reloads them:
// after a change of language or appearance, so that every label and
// every colour is drawn anew (some of Fyne's recycled list rows and our
// coloured panels keep what they were made with).
func (u *UI) rebuild() {
	index := u.tabs.SelectedIndex()
	u.build()
	u.show(u.tabs)
	u.tabs.SelectIndex(index)
	for _, s := range u.screens {
		u.stale[s] = true
	}
	u.onScreenSelected()
}
