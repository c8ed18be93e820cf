package assets

import "embed"

// Translations holds the UI catalogues, one JSON file per language
// (translations/fr.json, translations/en.json), in go-i18n's format.
//
//go:embed translations/*.json
var Translations embed.FS
