package settings

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
)

// languageCodes are the language choices of the Display tab, in order: the
// system's language, then each catalogue.
var languageCodes = []string{"", "fr", "en"}

// appearances are the choices of the appearance, in order.
var appearances = []string{kit.AppearanceSystem, kit.AppearanceLight, kit.AppearanceDark}

// languageSection is the Display tab: follow the system, or speak French
// or English whatever the system says; and the appearance, the system's or
// always light or dark.
type languageSection struct {
	host       kit.Host
	content    fyne.CanvasObject
	choice     *widget.RadioGroup
	appearance *widget.RadioGroup
}

// newLanguageSection offers the choices, on the one in the preferences.
func newLanguageSection(h kit.Host) *languageSection {
	s := &languageSection{host: h}
	system := lang.L("settings.language.system", map[string]any{"Language": lang.L("settings.language." + kit.SystemLanguage())})
	s.choice = widget.NewRadioGroup([]string{system, lang.L("settings.language.fr"), lang.L("settings.language.en")}, nil)
	s.choice.Required = true
	current := slices.Index(languageCodes, h.LanguagePreference())
	s.choice.SetSelected(s.choice.Options[max(current, 0)])
	s.choice.OnChanged = func(string) { s.onChoose() }
	s.appearance = widget.NewRadioGroup([]string{lang.L("settings.appearance.system"), lang.L("settings.appearance.light"),
		lang.L("settings.appearance.dark")}, nil)
	s.appearance.Required = true
	s.appearance.SetSelected(s.appearance.Options[max(slices.Index(appearances, h.AppearancePreference()), 0)])
	s.appearance.OnChanged = func(string) {
		if i := slices.Index(s.appearance.Options, s.appearance.Selected); i >= 0 {
			s.host.ChooseAppearance(appearances[i])
		}
	}
	s.content = settingsPage("settings.language.intro", container.NewVBox(
		settingsGroup("settings.language.title", s.choice, settingsHint("settings.language.letters_hint")),
		settingsGroup("settings.appearance.title", s.appearance, settingsHint("settings.appearance.hint"))), nil)
	return s
}

// onChoose switches the window to the chosen language; the window is
// rebuilt, this tab included.
func (s *languageSection) onChoose() {
	i := slices.Index(s.choice.Options, s.choice.Selected)
	if i < 0 {
		return
	}
	if err := s.host.ChooseLanguage(languageCodes[i]); err != nil {
		s.host.ShowError(err)
	}
}
