package documents

import (
	"strings"
	"unicode/utf8"

	"relance/data"
)

// La Poste's addressing standard: at most 6 lines of at most 38
// characters, no blank line, the last line "POSTCODE CITY" in capitals.
const (
	addressLines = 6
	addressChars = 38
)

// PostalAddress is the client's address as the envelope window shows it:
// the name (on two lines when long and there is room), the contact when
// there is room, the street lines (long ones abbreviated), then
// "POSTCODE CITY" in capitals and, abroad, the country.
func PostalAddress(c data.Client) []string {
	all := c.Address.Lines()
	var street, tail []string
	for i, line := range all {
		if isTailLine(c.Address, line, i, len(all)) {
			tail = append(tail, capsLine(line))
		} else {
			street = append(street, abbreviate(line))
		}
	}
	room := addressLines - len(tail)
	if len(street) > room-1 { // the name needs one line
		street = mergeLines(street, max(room-1, 0))
	}
	name := wrapChars(strings.TrimSpace(c.Name), addressChars)
	if len(name) > room-len(street) {
		name = name[:max(room-len(street), 1)]
	}
	lines := append([]string{}, name...)
	if contact := strings.TrimSpace(c.ContactName); contact != "" && len(lines)+1+len(street) <= room &&
		!strings.EqualFold(contact, c.Name) {
		lines = append(lines, cutChars(contact, addressChars))
	}
	lines = append(lines, street...)
	return append(lines, tail...)
}

// isTailLine: the "POSTCODE CITY" line and the country line end the address.
func isTailLine(a data.Address, line string, i, n int) bool {
	hasCity := strings.TrimSpace(a.PostalCode+a.City) != ""
	foreign := a.Country != "" && a.Country != "FR"
	switch {
	case foreign && i == n-1:
		return true
	case hasCity && foreign && i == n-2:
		return true
	case hasCity && !foreign && i == n-1:
		return true
	}
	return false
}

// capsLine writes the last lines in capitals, abbreviating SAINT and
// naming a country by its name.
func capsLine(line string) string {
	if name, ok := countryNames[strings.ToUpper(line)]; ok {
		return name
	}
	line = strings.ToUpper(line)
	if utf8.RuneCountInString(line) > addressChars {
		line = strings.NewReplacer("SAINTE-", "STE-", "SAINT-", "ST-", "SAINTE ", "STE ", "SAINT ", "ST ").Replace(line)
	}
	return cutChars(line, addressChars)
}

// abbreviate shortens a street line over 38 characters with the standard
// abbreviations, then cuts it.
func abbreviate(line string) string {
	for _, ab := range streetAbbreviations {
		if utf8.RuneCountInString(line) <= addressChars {
			break
		}
		line = replaceWord(line, ab[0], ab[1])
	}
	return cutChars(line, addressChars)
}

// replaceWord replaces whole words, whatever their case.
func replaceWord(s, word, by string) string {
	lower := strings.ToLower(s)
	var b strings.Builder
	for {
		i := strings.Index(lower, word)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := i + len(word)
		startOK := i == 0 || lower[i-1] == ' ' || lower[i-1] == '-'
		endOK := end == len(lower) || lower[end] == ' ' || lower[end] == '-' || lower[end] == ','
		if startOK && endOK {
			b.WriteString(s[:i] + by)
		} else {
			b.WriteString(s[:end])
		}
		s, lower = s[end:], lower[end:]
	}
}

// mergeLines folds street lines into n lines (the last ones joined).
func mergeLines(lines []string, n int) []string {
	if n <= 0 {
		return nil
	}
	if len(lines) <= n {
		return lines
	}
	out := append([]string{}, lines[:n-1]...)
	return append(out, cutChars(strings.Join(lines[n-1:], ", "), addressChars))
}

// wrapChars breaks s into lines of at most n characters, at spaces.
func wrapChars(s string, n int) []string {
	var out []string
	cur := ""
	for _, w := range strings.Fields(s) {
		switch {
		case cur == "":
			cur = cutChars(w, n)
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) <= n:
			cur += " " + w
		default:
			out = append(out, cur)
			cur = cutChars(w, n)
		}
	}
	if cur != "" {
		out = append(out, cur)
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}

// cutChars keeps at most n characters.
func cutChars(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:n]))
}
