package fec

import "strings"

// column is a column the reader knows, wherever the file puts it.
type column int

// The columns the reader uses, in the order of the norm. DateLet,
// ValidDate, Montantdevise and Idevise are left out: nothing here needs
// them (Debit and Credit are always in the accounting currency).
const (
	colJournalCode column = iota
	colJournalLib
	colEcritureNum
	colEcritureDate
	colCompteNum
	colCompteLib
	colCompAuxNum
	colCompAuxLib
	colPieceRef
	colPieceDate
	colEcritureLib
	colDebit
	colCredit
	colEcritureLet
	colMontant
	colSens
	colDueDate // no part of the norm: some tools add it
	numColumns
)

// name is the column's name in the norm, as a problem names a column the
// file lacks.
func (c column) name() string {
	return [numColumns]string{"JournalCode", "JournalLib", "EcritureNum", "EcritureDate",
		"CompteNum", "CompteLib", "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate",
		"EcritureLib", "Debit", "Credit", "EcritureLet", "Montant", "Sens", "DateEcheance"}[c]
}

// columnOf tells which column a header name is. Names are compared
// without case, accents, spaces or punctuation: the norm fixes them, but
// the extra due-date column is named as each tool likes.
func columnOf(name string) (column, bool) {
	folded := fold(name)
	switch folded {
	case "echeance", "dateecheance", "datedecheance", "echeancedate", "dateech", "dateeche",
		"duedate", "datedue", "dateecheancepiece", "dateecheancereglement":
		return colDueDate, true
	}
	for c := range numColumns {
		if fold(c.name()) == folded {
			return c, true
		}
	}
	return 0, false
}

// header is where the columns sit in the file.
type header struct {
	sep   byte
	width int             // the fields of a line: the names, trailing empty ones left out
	at    [numColumns]int // the index of each column; -1: absent
	names []string        // as written, for the problems
	// montantSens: the amounts are given as Montant and Sens (D/C), the
	// variant the norm allows instead of Debit and Credit.
	montantSens bool
}

// parseHeader reads the header line; false when it is split by neither
// TAB nor '|', the two separators of the norm.
func parseHeader(text string) (header, bool) {
	sep, ok := separatorOf(text)
	if !ok {
		return header{}, false
	}
	h := header{sep: sep, names: strings.Split(text, string(sep))}
	for len(h.names) > 0 && strings.TrimSpace(h.names[len(h.names)-1]) == "" {
		h.names = h.names[:len(h.names)-1] // a trailing separator
	}
	h.width = len(h.names)
	for c := range h.at {
		h.at[c] = -1
	}
	for i, name := range h.names {
		h.names[i] = strings.TrimSpace(name)
		if c, ok := columnOf(name); ok && h.at[c] < 0 {
			h.at[c] = i
		}
	}
	hasDebitCredit := h.at[colDebit] >= 0 && h.at[colCredit] >= 0
	h.montantSens = !hasDebitCredit && (h.at[colMontant] >= 0 || h.at[colSens] >= 0)
	return h, true
}

// separatorOf picks TAB or '|', whichever splits the header into more
// names the reader knows: a '|' inside a TAB-separated name does not fool
// it.
func separatorOf(text string) (byte, bool) {
	hasTab, hasPipe := strings.Contains(text, "\t"), strings.Contains(text, "|")
	if !hasTab && !hasPipe {
		return 0, false
	}
	tabs, pipes := knownNames(text, "\t"), knownNames(text, "|")
	if pipes > tabs || !hasTab {
		return '|', true
	}
	return '\t', true
}

func knownNames(text, sep string) int {
	n := 0
	for name := range strings.SplitSeq(text, sep) {
		if _, ok := columnOf(name); ok {
			n++
		}
	}
	return n
}

// missing lists, in the order of the norm, the columns the reader needs
// and the file lacks. Only the columns read are needed: a tool that leaves
// out ValidDate or Idevise should not block the import of what is owed.
func (h *header) missing() []column {
	var out []column
	for c := range numColumns {
		if h.at[c] < 0 && h.required(c) {
			out = append(out, c)
		}
	}
	return out
}

func (h *header) required(c column) bool {
	switch c {
	case colJournalLib, colDueDate:
		return false
	case colDebit, colCredit:
		return !h.montantSens
	case colMontant, colSens:
		return h.montantSens
	}
	return true
}

// fold is a name without case, accents, spaces or punctuation.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		r = unaccent(r)
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unaccent is the plain letter of a lower-case French accented one.
func unaccent(r rune) rune {
	switch r {
	case 'à', 'â', 'ä', 'á':
		return 'a'
	case 'é', 'è', 'ê', 'ë':
		return 'e'
	case 'î', 'ï', 'í':
		return 'i'
	case 'ô', 'ö', 'ó':
		return 'o'
	case 'ù', 'û', 'ü', 'ú':
		return 'u'
	case 'ç':
		return 'c'
	case 'ÿ':
		return 'y'
	}
	return r
}
