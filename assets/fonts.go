package assets

import _ "embed"

// The font of the letters: Liberation Sans 2.1.5 (SIL Open Font License
// 1.1, see fonts/LICENSE), metric-compatible with Arial, with the accents,
// €, œ, « » and the no-break spaces French needs.
var (
	//go:embed fonts/LiberationSans-Regular.ttf
	FontRegular []byte
	//go:embed fonts/LiberationSans-Bold.ttf
	FontBold []byte
	//go:embed fonts/LiberationSans-Italic.ttf
	FontItalic []byte
	//go:embed fonts/LiberationSans-BoldItalic.ttf
	FontBoldItalic []byte
)
