package ui

import (
	"fmt"

	"fyne.io/fyne/v2/lang"

	"relance/assets"
)

// LoadTranslations registers Relance's catalogues with Fyne's lang package,
// which then follows the system locale (French or English, English for
// anything else). Call it before building any window or printing any message.
func LoadTranslations() error {
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		return fmt.Errorf("load translations: %w", err)
	}
	return nil
}
