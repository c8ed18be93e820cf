package documents

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ligatures are the letters of French that no accent removal turns into
// ASCII.
var ligatures = strings.NewReplacer("œ", "oe", "Œ", "OE", "æ", "ae", "Æ", "AE")

// FileName makes a part of a file name of s (a client's name, an invoice
// number, an exhibit's title) that every system accepts and a French user
// recognises: accents dropped ("Hélène" → "Helene"), the ligatures of
// French spelled out ("Cœur" → "Coeur"), letters, digits, "-"
// and "_" kept, every other run of characters (spaces, "/", "&", ":")
// turned into one "-". It is "document" when nothing is left.
func FileName(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(ligatures.Replace(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
			dash = r == '-'
		case !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	if name := strings.Trim(b.String(), "-"); name != "" {
		return name
	}
	return "document"
}
