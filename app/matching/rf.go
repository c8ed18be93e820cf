package matching

// The longest and shortest ISO 11649 creditor references: "RF", two check
// digits, then 1 to 21 letters or digits.
const (
	rfMinLen = 5
	rfMaxLen = 25
)

// rfValid reports whether s (upper case letters and digits) is a creditor
// reference whose check digits hold: the reference moved after "RF" and
// its check digits, letters read as numbers (A=10 ... Z=35), is 1 modulo
// 97. documents.RFReference makes them; the check is redone here rather
// than importing the documents package into a pure one.
func rfValid(s string) bool {
	if len(s) < rfMinLen || len(s) > rfMaxLen || s[:2] != "RF" || !isDigit(s[2]) || !isDigit(s[3]) {
		return false
	}
	m, ok := mod97(0, s[4:])
	if !ok {
		return false
	}
	m, _ = mod97(m, s[:4])
	return m == 1
}

// mod97 carries the remainder m on through the digits of s; ok is false
// when s holds anything but upper case letters and digits.
func mod97(m int, s string) (int, bool) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case isDigit(c):
			m = (m*10 + int(c-'0')) % 97
		case isLetter(c):
			m = (m*100 + int(c-'A') + 10) % 97
		default:
			return 0, false
		}
	}
	return m, true
}

// rfReferences finds the valid creditor references among tokens, printed
// whole ("RF18539007547034") or in groups of four ("RF18 5390 0754 7034").
// A reference is extended by the next token only while the last group had
// four characters, as the print format has it: a word after the reference
// is not taken in, even when it would happen to pass the check.
func rfReferences(tokens []string) []string {
	var out []string
	for i, tok := range tokens {
		if len(tok) < 4 || tok[:2] != "RF" || !isDigit(tok[2]) || !isDigit(tok[3]) {
			continue
		}
		if ref := longestRF(tok, tokens[i+1:]); ref != "" {
			out = append(out, ref)
		}
	}
	return out
}

// longestRF is the longest valid reference that starts with first and
// goes on with the groups of rest, or "".
func longestRF(first string, rest []string) string {
	best, ref := "", first
	if rfValid(ref) {
		best = ref
	}
	last := first
	for _, tok := range rest {
		if len(last) != 4 || len(ref)+len(tok) > rfMaxLen {
			break
		}
		ref += tok
		last = tok
		if rfValid(ref) {
			best = ref
		}
	}
	return best
}
