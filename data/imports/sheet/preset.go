package sheet

import (
	"slices"
)

// Preset is a named mapping by header text: the columns of one export of
// one tool, or a mapping the user saved. It is plain data, stored as JSON
// by the app.
type Preset struct {
	Name string `json:"name"`
	// Export is the export of the tool the preset follows ("Factures
	// clients et règlements"); empty for a user's preset.
	Export string `json:"export,omitempty"`
	// Source is where the column names come from (a URL, a document).
	Source string `json:"source,omitempty"`
	// Columns gives, for each role, the headers the export may write it
	// under (compared as Guess compares them: case, accents and
	// punctuation aside).
	Columns map[Role][]string `json:"columns"`
	// Signature are the roles whose columns must all be found for the
	// preset to take a file: the columns that make the export recognisable.
	Signature []Role `json:"signature"`
}

// Match maps the header by the preset's column names, and says whether the
// header is the preset's export (every Signature role found). Roles not
// found are left out of the mapping.
func (p Preset) Match(header []string) (Mapping, bool) {
	normal := make([]string, len(header))
	for i, h := range header {
		normal[i] = normalizeText(h)
	}
	m := Mapping{}
	taken := map[int]bool{}
	for _, role := range Roles() {
		if i, ok := findColumn(normal, p.Columns[role], taken); ok {
			m[role] = i
			taken[i] = true
		}
	}
	for _, role := range p.Signature {
		if !m.Has(role) {
			return m, false
		}
	}
	return m, len(m) > 0
}

// findColumn is the first free column whose header is one of the names.
func findColumn(normal []string, names []string, taken map[int]bool) (int, bool) {
	for _, n := range names {
		want := normalizeText(n)
		for i, h := range normal {
			if h == want && h != "" && !taken[i] {
				return i, true
			}
		}
	}
	return 0, false
}

// NewPreset saves a mapping under a name: each role keeps the header its
// column has in this file, and all of them make the signature, so that the
// preset takes back a file laid out the same way.
func NewPreset(name string, header []string, m Mapping) Preset {
	p := Preset{Name: name, Columns: map[Role][]string{}}
	for role, i := range m.within(len(header)) {
		p.Columns[role] = []string{header[i]}
		p.Signature = append(p.Signature, role)
	}
	slices.Sort(p.Signature)
	return p
}

// Detect finds the preset among presets that takes the header and maps the
// most columns; false when none does (Guess is then the start).
func Detect(header []string, presets []Preset) (Preset, Mapping, bool) {
	var best Preset
	var bestMap Mapping
	found := false
	for _, p := range presets {
		m, ok := p.Match(header)
		if ok && (!found || len(m) > len(bestMap)) {
			best, bestMap, found = p, m, true
		}
	}
	return best, bestMap, found
}
