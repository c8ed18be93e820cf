package kit

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The appearances the owner may choose (Settings > Display): the
// system's, or always light, or always dark.
const (
	AppearanceSystem = ""
	AppearanceLight  = "light"
	AppearanceDark   = "dark"
)

// Theme is Relance's look: Fyne's own, in the appearance the owner chose,
// with the helper text legible. Fyne draws the helper lines (labels of low
// importance) in its "disabled" colour, which sits close to the background
// (#39393a on #171718 in dark, #e3e3e3 on white in light): here it is a
// grey that keeps a contrast above 4.5:1 (WCAG AA) on the background, the
// cards and the fields of both variants, and stays clearly dimmer than the
// text.
type Theme struct {
	Appearance string // AppearanceSystem, AppearanceLight or AppearanceDark
}

var (
	helperDark  = color.NRGBA{R: 0x9a, G: 0x9a, B: 0xa0, A: 0xff}
	helperLight = color.NRGBA{R: 0x6b, G: 0x6b, B: 0x70, A: 0xff}
)

// statusColors replace, per variant, Fyne's colours that text is written
// in (amounts in red, green and orange, links) where they fall under
// 4.5:1 on the background or the cards: on white, Fyne's green is at 1.5:1,
// its orange at 2.2:1, its red at 3.7:1; in dark its red at 4.4:1 and its
// links at 3.6:1 on a card. Buttons of these colours keep their white text legible.
var statusColors = map[fyne.ThemeVariant]map[fyne.ThemeColorName]color.Color{
	theme.VariantLight: {
		theme.ColorNameSuccess:   color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff},
		theme.ColorNameWarning:   color.NRGBA{R: 0xa8, G: 0x4f, B: 0x00, A: 0xff},
		theme.ColorNameError:     color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff},
		theme.ColorNameHyperlink: color.NRGBA{R: 0x1a, G: 0x56, B: 0xc4, A: 0xff},
	},
	theme.VariantDark: {
		theme.ColorNameError:     color.NRGBA{R: 0xf7, G: 0x5c, B: 0x50, A: 0xff},
		theme.ColorNameHyperlink: color.NRGBA{R: 0x7a, G: 0xae, B: 0xff, A: 0xff},
	},
}

// Color is Fyne's colour in the chosen variant, but for the helper text
// and the status colours (statusColors).
func (t Theme) Color(name fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.Appearance {
	case AppearanceLight:
		v = theme.VariantLight
	case AppearanceDark:
		v = theme.VariantDark
	}
	if name == theme.ColorNameDisabled {
		if v == theme.VariantLight {
			return helperLight
		}
		return helperDark
	}
	if c, ok := statusColors[v][name]; ok {
		return c
	}
	return theme.DefaultTheme().Color(name, v)
}

// Font is Fyne's.
func (Theme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

// Icon is Fyne's.
func (Theme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

// Size is Fyne's.
func (Theme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }
