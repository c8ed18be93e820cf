package kit

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// TestHelperTextIsLegibleInBothVariants: the helper text keeps a contrast
// of 4.5:1 at least on the background, the cards' and the fields' in light
// and dark (Fyne's own falls to 1.5:1), and stays dimmer than the text; a
// forced appearance wins over the system's variant.
func TestHelperTextIsLegibleInBothVariants(t *testing.T) {
	for _, v := range []struct {
		name    string
		variant fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		th := Theme{}
		helper := th.Color(theme.ColorNameDisabled, v.variant)
		for _, bg := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground,
			theme.ColorNameOverlayBackground, theme.ColorNameMenuBackground} {
			c := Contrast(helper, th.Color(bg, v.variant))
			if c < 4.5 {
				t.Errorf("%s: helper text on %s: contrast %.2f", v.name, bg, c)
			}
			if fyneOwn := Contrast(theme.DefaultTheme().Color(theme.ColorNameDisabled, v.variant),
				th.Color(bg, v.variant)); fyneOwn >= 4.5 {
				t.Errorf("%s: Fyne's own disabled colour is already legible on %s (%.2f): the override is useless", v.name, bg, fyneOwn)
			}
		}
		fg := th.Color(theme.ColorNameForeground, v.variant)
		bg := th.Color(theme.ColorNameBackground, v.variant)
		if Contrast(helper, bg) >= Contrast(fg, bg) {
			t.Errorf("%s: the helper text is as strong as the text", v.name)
		}
	}
	dark := Theme{Appearance: AppearanceDark}
	if dark.Color(theme.ColorNameBackground, theme.VariantLight) != theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark) {
		t.Error("a dark appearance does not win over a light system")
	}
	light := Theme{Appearance: AppearanceLight}
	if light.Color(theme.ColorNameForeground, theme.VariantDark) != theme.DefaultTheme().Color(theme.ColorNameForeground, theme.VariantLight) {
		t.Error("a light appearance does not win over a dark system")
	}
}

// TestStatusColoursAreLegible: the colours amounts and links are written
// in (red, green, orange, links) keep 4.5:1 on the background and on the
// cards in both variants, and a button of that colour keeps its text
// legible on it.
func TestStatusColoursAreLegible(t *testing.T) {
	onColor := map[fyne.ThemeColorName]fyne.ThemeColorName{theme.ColorNameSuccess: theme.ColorNameForegroundOnSuccess,
		theme.ColorNameWarning: theme.ColorNameForegroundOnWarning, theme.ColorNameError: theme.ColorNameForegroundOnError}
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		th := Theme{}
		for _, name := range []fyne.ThemeColorName{theme.ColorNameSuccess, theme.ColorNameWarning, theme.ColorNameError,
			theme.ColorNameHyperlink} {
			c := th.Color(name, v)
			for _, bg := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground} {
				if got := Contrast(c, th.Color(bg, v)); got < 4.5 {
					t.Errorf("variant %d: %s text on %s: contrast %.2f", v, name, bg, got)
				}
			}
			if on, ok := onColor[name]; ok {
				if got := Contrast(th.Color(on, v), c); got < 4.5 {
					t.Errorf("variant %d: text on a %s button: contrast %.2f", v, name, got)
				}
			}
		}
	}
}
