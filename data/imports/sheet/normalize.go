package sheet

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// normalize reduces a header to the words that tell what the column holds,
// so that "N° facture", "N° de facture" and "Numéro facture" read the same:
// lower case, accents folded, punctuation and currency signs dropped, the
// many ways of writing "number" and "e-mail" made one, French articles
// removed and plurals and feminines brought back to the singular. "Dû" and
// "due" both become "due" before articles go, so that "Montant dû" keeps
// what makes it an outstanding amount.
func normalize(header string) []string {
	s := strings.ToLower(strings.TrimSpace(header))
	for _, r := range [][2]string{
		{"n°", " numero "}, {"nº", " numero "}, {"n °", " numero "}, {"№", " numero "},
		{"#", " numero "}, {"dû", " due "}, {"œ", "oe"}, {"æ", "ae"}, {"€", " "},
	} {
		s = strings.ReplaceAll(s, r[0], r[1])
	}
	s = foldAccents(s)
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return canonicalWords(joinLetters(words))
}

// foldAccents removes diacritics: "échéance" becomes "echeance".
func foldAccents(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// joinLetters glues runs of single letters: "H.T." and "T.T.C." split into
// letters, and mean "ht" and "ttc". A lone letter stays as it is.
func joinLetters(words []string) []string {
	out := make([]string, 0, len(words))
	for i := 0; i < len(words); {
		j := i
		for j < len(words) && len(words[j]) == 1 {
			j++
		}
		if j-i >= 2 {
			out = append(out, strings.Join(words[i:j], ""))
			i = j
			continue
		}
		out = append(out, words[i])
		i++
	}
	return out
}

// stopWords carry no meaning in a header.
var stopWords = map[string]bool{
	"de": true, "du": true, "des": true, "d": true, "la": true, "le": true, "les": true,
	"l": true, "a": true, "au": true, "aux": true, "en": true, "eur": true, "euro": true,
	"euros": true, "the": true, "of": true,
}

// wordForms maps the spellings of one word to one form.
var wordForms = map[string]string{
	"n": "numero", "no": "numero", "nr": "numero", "num": "numero", "number": "numero",
	"reference": "ref", "references": "ref", "tel": "telephone",
	"courriel": "email", "mail": "email", "emailid": "email", "postcode": "codepostal",
	"zip": "codepostal", "cp": "codepostal",
}

// canonicalWords applies wordForms, "e mail" → "email", drops stop words
// and brings plurals and feminines back to one form.
func canonicalWords(words []string) []string {
	out := make([]string, 0, len(words))
	for i := 0; i < len(words); i++ {
		w := words[i]
		if w == "e" && i+1 < len(words) && words[i+1] == "mail" {
			w = "email"
			i++
		}
		if (w == "le" || w == "on") && i == len(words)-1 && i > 0 {
			out = append(out, "on") // "Payé le", "Paid on": a date
			continue
		}
		if stopWords[w] {
			continue
		}
		if f, ok := wordForms[w]; ok {
			w = f
		}
		out = append(out, singular(w))
	}
	return out
}

// singular strips the endings that only mark number or gender, so that
// "payée", "payées", "payé" and "relances" meet their base form.
func singular(w string) string {
	if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		w = w[:len(w)-1]
	}
	if len(w) > 3 && strings.HasSuffix(w, "ee") {
		w = w[:len(w)-1]
	}
	return w
}

// normalizeText is normalize as one string, the form headers are compared in.
func normalizeText(header string) string {
	return strings.Join(normalize(header), " ")
}
