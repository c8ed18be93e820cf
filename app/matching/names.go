package matching

import (
	"cmp"
	"slices"
	"strings"
)

// Bounds of the name search, so that a common word cannot make one line
// look at every client.
const (
	// maxPostings is how many names a word may appear in and still lead
	// to them: "BOULANGERIE" or "FRANCE" in thousands of names says little,
	// and the names that share it and a rarer word are found by the rarer.
	maxPostings = 500
	// maxPayers is how many clients a payer's name may point to.
	maxPayers = 10
	// nearJaccard is the share of words two names must have in common
	// (in common over in either) to be taken as near.
	nearJaccard = 0.6
	// minContained is how many letters the words of a client's name must
	// have, all together, to be found inside a longer payer name or a
	// label: "AB" inside a label is chance.
	minContained = 4
)

// nameLevel is how well a name found on a line fits a client.
type nameLevel int8

// The levels, weakest first.
const (
	nameNone    nameLevel = iota
	nameInLabel           // the client's name words are all in the label (no payer name given)
	nameNear              // the payer name shares most words with the client's
	nameSame              // the payer name is the client's, or a payer name known for it
)

// nameIndex finds the clients a name designates, through the words of
// their names and of the payer names learnt for them. Words are numbered
// once, so that comparing two names compares integers.
type nameIndex struct {
	wordID  map[string]int32
	entries []nameEntry
	byKey   map[string][]int32 // entries by their words joined
	byWord  [][]int32          // entries by the number of each of their words
}

// nameEntry is one name of a client: its own, or a payer name.
type nameEntry struct {
	client int32
	words  []int32 // sorted, no repeats
	key    string  // the words, joined by spaces
	length int     // letters of the words, together
}

// nameHit is a client a name designates, and how well.
type nameHit struct {
	client int32
	level  nameLevel
	fit    float64 // the share of words in common, to rank hits
	words  string
}

func newNameIndex(clients []clientEntry) nameIndex {
	ni := nameIndex{wordID: make(map[string]int32, len(clients)), byKey: make(map[string][]int32, len(clients))}
	for pos, c := range clients {
		ni.add(int32(pos), c.client.Name)
		for _, n := range c.client.PayerNames {
			ni.add(int32(pos), n)
		}
	}
	return ni
}

func (ni *nameIndex) add(client int32, name string) {
	words := nameTokens(name)
	if len(words) == 0 {
		return
	}
	e := int32(len(ni.entries))
	en := nameEntry{client: client, key: strings.Join(words, " "), length: len(strings.Join(words, ""))}
	for _, w := range words {
		id, ok := ni.wordID[w]
		if !ok {
			id = int32(len(ni.byWord))
			ni.wordID[w] = id
			ni.byWord = append(ni.byWord, nil)
		}
		en.words = append(en.words, id)
		ni.byWord[id] = append(ni.byWord[id], e)
	}
	slices.Sort(en.words)
	ni.entries = append(ni.entries, en)
	ni.byKey[en.key] = append(ni.byKey[en.key], e)
}

// ids numbers words as the index does, sorted; a word no name has gets a
// number of its own below zero, so that it counts in the name's length
// and matches nothing.
func (ni *nameIndex) ids(words []string) []int32 {
	out := make([]int32, len(words))
	for i, w := range words {
		id, ok := ni.wordID[w]
		if !ok {
			id = int32(-1 - i)
		}
		out[i] = id
	}
	slices.Sort(out)
	return out
}

// payerName finds the clients a payer's name designates: those with the
// same words (nameSame), and those sharing most of them or whose words
// are all in it (nameNear).
func (ni *nameIndex) payerName(name string) []nameHit {
	words := nameTokens(name)
	if len(words) == 0 {
		return nil
	}
	var hits []nameHit
	for _, e := range ni.byKey[strings.Join(words, " ")] {
		hits = append(hits, nameHit{client: ni.entries[e].client, level: nameSame, fit: 1, words: ni.entries[e].key})
	}
	ids := ni.ids(words)
	for _, e := range ni.sharing(ids) {
		if lvl, fit := ni.entries[e].near(ids); lvl != nameNone {
			hits = append(hits, nameHit{client: ni.entries[e].client, level: lvl, fit: fit, words: ni.entries[e].key})
		}
	}
	return bestHits(hits)
}

// inLabel finds the clients whose name words all stand in a label (when
// the bank gave no payer name, the label often holds it).
func (ni *nameIndex) inLabel(label string) []nameHit {
	words := slices.DeleteFunc(nameTokens(label), func(w string) bool {
		return strings.ContainsAny(w, "0123456789")
	})
	ids := ni.ids(words)
	var hits []nameHit
	for _, e := range ni.sharing(ids) {
		en := &ni.entries[e]
		if en.length >= minContained && common(en.words, ids) == len(en.words) {
			hits = append(hits, nameHit{client: en.client, level: nameInLabel, fit: float64(en.length), words: en.key})
		}
	}
	return bestHits(hits)
}

// sharing lists the entries that share at least one word of ids not too
// common, each once.
func (ni *nameIndex) sharing(ids []int32) []int32 {
	var out []int32
	for _, id := range ids {
		if id >= 0 && len(ni.byWord[id]) <= maxPostings {
			out = append(out, ni.byWord[id]...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// near tells whether a payer name's words are near the entry's: most
// words in common, or all of the entry's in the payer's (banks add first
// names and mentions around a company's name).
func (e *nameEntry) near(ids []int32) (nameLevel, float64) {
	n := common(e.words, ids)
	if n == 0 {
		return nameNone, 0
	}
	jaccard := float64(n) / float64(len(e.words)+len(ids)-n)
	if jaccard >= nearJaccard || n == len(e.words) && e.length >= minContained {
		return nameNear, jaccard
	}
	return nameNone, 0
}

// common counts the numbers two sorted lists share.
func common(a, b []int32) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

// bestHits keeps each client's best hit, best first, at most maxPayers.
func bestHits(hits []nameHit) []nameHit {
	slices.SortStableFunc(hits, func(a, b nameHit) int {
		if a.level != b.level {
			return int(b.level) - int(a.level)
		}
		return cmp.Compare(b.fit, a.fit)
	})
	seen := map[int32]bool{}
	hits = slices.DeleteFunc(hits, func(h nameHit) bool {
		dup := seen[h.client]
		seen[h.client] = true
		return dup
	})
	return hits[:min(len(hits), maxPayers)]
}
