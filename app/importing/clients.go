package importing

import (
	"context"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"relance/data"
	"relance/data/imports"
)

// clientIndex finds the book's clients as a file names them.
type clientIndex struct {
	bySIREN, byVAT, byName map[string]data.Client
}

func newClientIndex(list []data.Client) *clientIndex {
	ix := &clientIndex{bySIREN: map[string]data.Client{}, byVAT: map[string]data.Client{}, byName: map[string]data.Client{}}
	for _, c := range list {
		ix.add(c)
	}
	return ix
}

func (ix *clientIndex) add(c data.Client) {
	if s := sirenOf(c.SIREN); s != "" {
		ix.bySIREN[s] = c
	}
	if c.VATNumber != "" {
		ix.byVAT[c.VATNumber] = c
	}
	ix.byName[foldName(c.Name)] = c
}

// find is the book's client a file's client is: the same SIREN, else the
// same VAT number, else the same name (case, accents and spacing aside) —
// but two companies of one name whose SIRENs differ are two clients.
func (ix *clientIndex) find(c imports.Client) (data.Client, bool) {
	if s := sirenOf(c.SIREN); s != "" {
		if found, ok := ix.bySIREN[s]; ok {
			return found, true
		}
	}
	if vat := strings.ToUpper(strings.Join(strings.Fields(c.VATNumber), "")); vat != "" {
		if found, ok := ix.byVAT[vat]; ok {
			return found, true
		}
	}
	found, ok := ix.byName[foldName(c.Name)]
	if ok && sirenOf(c.SIREN) != "" && sirenOf(found.SIREN) != "" {
		return data.Client{}, false // a homonym: the SIRENs say so
	}
	return found, ok
}

// writeClients matches each of the file's clients to the book's, filling in
// what the book lacks, or adds it.
func (r *run) writeClients(ctx context.Context) error {
	list, err := r.tx.ListClients(ctx)
	if err != nil {
		return err
	}
	ix := newClientIndex(list)
	r.clients = map[string]data.Client{}
	r.totals = map[int64]*ClientTotal{}
	r.names = map[string]string{}
	used := r.usedClients()
	for _, fc := range r.batch.Clients {
		r.names[fc.Key] = fc.Name
		if used != nil && !used[fc.Key] {
			continue // named by the file but owing nothing: not brought into the book
		}
		c, err := r.writeClient(ctx, ix, fc)
		if err != nil {
			return err
		}
		if c.ID != 0 {
			r.clients[fc.Key] = c
			ix.add(c)
		}
	}
	return nil
}

// usedClients are the clients the file's invoices and credit notes name;
// nil for a list of clients alone, which brings every client in. A FEC's
// clients with nothing open (in credit, or settled) are never brought in.
func (r *run) usedClients() map[string]bool {
	if r.batch.Kind != imports.KindFEC && len(r.batch.Invoices) == 0 && len(r.batch.CreditNotes) == 0 {
		return nil
	}
	used := map[string]bool{}
	for _, inv := range r.batch.Invoices {
		used[inv.ClientKey] = true
	}
	for _, cn := range r.batch.CreditNotes {
		used[cn.ClientKey] = true
	}
	return used
}

// writeClient adds or completes one client. A client the book refuses
// (an email that is not one) is a problem of its line; its invoices are
// then skipped.
func (r *run) writeClient(ctx context.Context, ix *clientIndex, fc imports.Client) (data.Client, error) {
	existing, found := ix.find(fc)
	if !found {
		c := newClient(fc)
		if err := r.tx.CreateClient(ctx, &c); err != nil {
			return data.Client{}, r.refuseError(fc.File, fc.Line, err)
		}
		r.rep.ClientsAdded++
		return c, r.record(ctx, data.ImportClient, c.ID, nil)
	}
	c := existing
	if !completeClient(&c, fc) {
		return c, nil
	}
	if err := r.tx.UpdateClient(ctx, &c); err != nil {
		return data.Client{}, r.refuseError(fc.File, fc.Line, err)
	}
	r.rep.ClientsUpdated++
	return c, r.record(ctx, data.ImportClient, c.ID, existing)
}

// newClient is a client as the file gives it. Without a SIREN the file
// does not say whether it is a company or a private person, and a
// consumer is owed neither the professional penalties nor the 40 €: its
// debtor type is marked to be confirmed by the owner, as the upgrade from
// "professional" did.
func newClient(fc imports.Client) data.Client {
	return data.Client{Name: fc.Name, Kind: data.Commercial, KindMigrated: sirenOf(fc.SIREN) == "",
		SIREN: fc.SIREN, VATNumber: fc.VATNumber, Email: fc.Email, Phone: fc.Phone, ContactName: fc.ContactName,
		Address: fc.Address}
}

// completeClient fills in, from the file, what the book does not know of a
// client; what the owner entered in Relance is never overwritten by an
// older export. It reports whether anything was filled in.
func completeClient(c *data.Client, fc imports.Client) bool {
	changed := false
	fill := func(field *string, value string) {
		if *field == "" && strings.TrimSpace(value) != "" {
			*field, changed = strings.TrimSpace(value), true
		}
	}
	fill(&c.SIREN, fc.SIREN)
	fill(&c.VATNumber, fc.VATNumber)
	fill(&c.Email, fc.Email)
	fill(&c.Phone, fc.Phone)
	fill(&c.ContactName, fc.ContactName)
	if c.Address.Street == "" && c.Address.City == "" && (fc.Address.Street != "" || fc.Address.City != "") {
		country := c.Address.Country
		c.Address, changed = fc.Address, true
		if c.Address.Country == "" {
			c.Address.Country = country
		}
	}
	return changed
}

// sirenOf is the SIREN of a SIREN or a SIRET (its first nine digits),
// "" when the value is neither.
func sirenOf(v string) string {
	digits := strings.ReplaceAll(strings.TrimSpace(v), " ", "")
	if len(digits) != 9 && len(digits) != 14 {
		return ""
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return ""
		}
	}
	return digits[:9]
}

// foldName is a name as compared: lower case, accents dropped, spaces
// collapsed ("Café  DURAND" is "cafe durand").
func foldName(name string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(strings.ToLower(strings.TrimSpace(name))) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsSpace(r):
			space = true
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
	}
	return b.String()
}
