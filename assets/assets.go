// Package assets embeds the files the app ships: icon, fonts, translations, default templates.
package assets

import _ "embed"

// Icon is the application icon, a 512x512 PNG (source: icon.svg).
//
//go:embed icon.png
var Icon []byte

// ChartIcon is the Dashboard's icon in the navigation: three bars on a
// baseline, drawn in black for Fyne to recolour to the theme.
//
//go:embed chart.svg
var ChartIcon []byte
