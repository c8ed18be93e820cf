package matching

import (
	"strings"

	"relance/data/imports/bank"
)

// payerLevel is what the line says of who paid, for one client: the
// column of the score table.
type payerLevel int8

// The levels, weakest first.
const (
	payerNone    payerLevel = iota
	payerInLabel            // the client's name is in the label
	payerNear               // the payer name is near the client's
	payerName               // the payer name is the client's or one known for it
	payerIBAN               // the payer's IBAN paid this client before
	payerLevels
)

// payer is what points from a line to one client.
type payer struct {
	iban  string // the line's IBAN, when known for the client
	name  nameLevel
	words string // the name as found
}

func (p *payer) level() payerLevel {
	if p == nil {
		return payerNone
	}
	if p.iban != "" {
		return payerIBAN
	}
	return [...]payerLevel{nameNone: payerNone, nameInLabel: payerInLabel, nameNear: payerNear, nameSame: payerName}[p.name]
}

// both reports an IBAN and a name pointing to the client together.
func (p *payer) both() bool { return p != nil && p.iban != "" && p.name >= nameNear }

// evidence is what the payer adds to a candidate.
func (p *payer) evidence() []Evidence {
	if p == nil {
		return nil
	}
	var out []Evidence
	if p.iban != "" {
		out = append(out, Evidence{Kind: EvidenceIBAN, Value: p.iban})
	}
	switch p.name {
	case nameSame:
		out = append(out, Evidence{Kind: EvidenceName, Value: p.words})
	case nameNear, nameInLabel:
		out = append(out, Evidence{Kind: EvidenceNameNear, Value: p.words})
	}
	return out
}

// payers finds the clients the line's payer points to, by IBAN and by
// name, in the order found (IBAN first, then by how well the name fits).
// The name is the line's payer name or, when the bank gave none, what of
// the label is a client's name.
func (ix *Index) payers(line bank.Line) (map[int32]*payer, []int32) {
	found := map[int32]*payer{}
	var order []int32
	get := func(c int32) *payer {
		p, ok := found[c]
		if !ok {
			p = &payer{}
			found[c] = p
			order = append(order, c)
		}
		return p
	}
	if iban := compactIBAN(line.IBAN); iban != "" {
		for _, c := range ix.byIBAN[iban] {
			get(c).iban = iban
		}
	}
	for _, h := range ix.nameHits(line) {
		if p := get(h.client); h.level > p.name {
			p.name, p.words = h.level, h.words
		}
	}
	if strings.TrimSpace(line.Name) != "" {
		for _, c := range order {
			if found[c].name >= nameNear {
				found[c].words = line.Name
			}
		}
	}
	return found, order
}

// nameHits finds the clients the payer's name designates, from the payer
// name, or from the label when there is none.
func (ix *Index) nameHits(line bank.Line) []nameHit {
	if strings.TrimSpace(line.Name) != "" {
		return ix.names.payerName(line.Name)
	}
	return ix.names.inLabel(line.Label)
}
