package matching

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// keyMinLen is the shortest invoice number key looked up: shorter ones
// ("12", "A1") turn up by chance in any label.
const keyMinLen = 3

// keyMaxLen bounds the keys built from a label: no invoice number is
// longer, and it stops a span of five long tokens from being looked up.
const keyMaxLen = 40

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' }
func isAlnum(c byte) bool  { return isDigit(c) || isLetter(c) }

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

// numberKeys returns the two keys an invoice number is known by. Strict
// keeps its ASCII letters and digits, upper case: "FA-2026-0103" is
// "FA20260103", as a payer who drops the dashes types it. Loose also drops
// the leading zeros of each run of digits, "FA2026103", as a payer who
// retypes "FA-2026-103" does (FORMATS.md: "no spaces, dashes or leading
// zeros").
func numberKeys(s string) (strict, loose string) {
	var sb []byte
	for i := 0; i < len(s); i++ {
		if c := upper(s[i]); isAlnum(c) {
			sb = append(sb, c)
		}
	}
	return string(sb), string(appendLoose(nil, s))
}

// appendLoose appends the loose key of s to dst: its letters and digits
// upper case, each run of digits without its leading zeros (a run of
// zeros alone keeps one). Runs end at any other character, so that the
// key of a string is the keys of its alphanumeric tokens joined: a label's
// tokens can be looked up span by span.
func appendLoose(dst []byte, s string) []byte {
	inRun, onlyZeros := false, false
	for i := 0; i < len(s); i++ {
		c := upper(s[i])
		if isDigit(c) {
			if !inRun {
				inRun, onlyZeros = true, true
			}
			if onlyZeros && c == '0' {
				continue
			}
			onlyZeros = false
			dst = append(dst, c)
			continue
		}
		if inRun && onlyZeros {
			dst = append(dst, '0')
		}
		inRun = false
		if isLetter(c) {
			dst = append(dst, c)
		}
	}
	if inRun && onlyZeros {
		dst = append(dst, '0')
	}
	return dst
}

// usableKey reports whether a key is worth indexing: long enough and with
// a digit, since a word alone ("DUPONT") is no invoice number.
func usableKey(k string) bool {
	return len(k) >= keyMinLen && strings.IndexFunc(k, unicode.IsDigit) >= 0
}

// tokenize splits text into its runs of ASCII letters and digits, upper
// case. Anything else, accented letters included, separates: numbers and
// references are ASCII.
func tokenize(text string) []string {
	s := strings.ToUpper(text)
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		if i < len(s) && isAlnum(s[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	return out
}

// unglue returns what follows a word glued before a number
// ("FACT20260103", "FACTFA-2026-0103" → "20260103", "FA"), or "" when the
// token starts with none. Only the first word found is taken off: one map
// lookup more per token, no search. "FA" is a word too: a payer may write
// "FA" before a number that has no such prefix.
func unglue(tok string) string {
	for _, w := range [...]string{"FACTURES", "FACTURE", "FACT", "FAC", "INVOICE", "INV", "REF", "NUM", "NO", "FA"} {
		if len(tok) > len(w) && strings.HasPrefix(tok, w) {
			return tok[len(w):]
		}
	}
	return ""
}

// nameTokens reduces a name to the words that tell it apart, sorted and
// without repeats: upper case, accents and ligatures folded, punctuation
// as spaces, legal forms, articles, civilities and the words banks put
// before a payer's name dropped, and single letters too (initials and
// elisions, "L'ATELIER"). "SARL CAFÉ DURAND" and "Café Durand" are both
// [CAFE DURAND].
func nameTokens(name string) []string {
	words := strings.FieldsFunc(foldName(name), func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	})
	words = slices.DeleteFunc(words, func(w string) bool { return len(w) < 2 || isNoiseWord(w) })
	slices.Sort(words)
	return slices.Compact(words)
}

// foldName is name upper case without accents, the ligatures of French
// spelled out.
func foldName(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	for _, r := range norm.NFD.String(name) {
		switch r {
		case 'œ', 'Œ':
			b.WriteString("OE")
		case 'æ', 'Æ':
			b.WriteString("AE")
		case 'ß':
			b.WriteString("SS")
		default:
			if !unicode.Is(unicode.Mn, r) {
				b.WriteRune(unicode.ToUpper(r))
			}
		}
	}
	return b.String()
}

// isNoiseWord reports the words that say nothing of who pays: legal
// forms, articles, civilities, and the words banks print around a payer's
// name ("VIR SEPA RECU DE ...").
func isNoiseWord(w string) bool {
	switch w {
	case "SARL", "SAS", "SASU", "EURL", "SA", "SNC", "SCI", "SCOP", "SCP", "SELARL", "SELAS", "EI", "EIRL",
		"ETS", "ETABLISSEMENT", "ETABLISSEMENTS", "STE", "SOCIETE", "CIE", "GIE":
		return true
	case "ET", "LA", "LE", "LES", "DE", "DU", "DES", "AU", "AUX", "EN", "CHEZ", "OU":
		return true
	case "M", "MR", "MME", "MLLE", "MM", "MONSIEUR", "MADAME":
		return true
	case "VIR", "VIRT", "VIREMENT", "SEPA", "RECU", "INST", "INSTANTANE", "PRLV", "PRELEVEMENT", "CB",
		"REF", "EMIS", "EMETTEUR", "DONNEUR", "ORDRE", "MOTIF", "FACTURE", "FACT", "PAIEMENT", "REGLEMENT":
		return true
	}
	return false
}
