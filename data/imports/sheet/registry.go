package sheet

import (
	"strings"

	"relance/data"
	"relance/data/imports"
)

// addClient records a row's client under its key and returns the key. A
// client named without a SIREN takes the SIREN another line gave the same
// name; a name first seen without SIREN is moved under its SIREN when a
// later line gives it, so that one company is one client. Details of a
// client seen before fill what was empty; one that contradicts an earlier
// non-empty detail is a ReasonConflict on this line, and the first stays.
func (r *reader) addClient(row Row, c imports.Client) string {
	name := foldName(c.Name)
	if c.SIREN == "" && name != "" {
		if k, ok := r.byName[name]; ok {
			c.Key = k
		}
	}
	if c.SIREN != "" && name != "" {
		r.adopt(name, c.SIREN)
	}
	if name != "" {
		if _, ok := r.byName[name]; !ok || c.SIREN != "" {
			r.byName[name] = c.Key
		}
	}
	i, ok := r.clients[c.Key]
	if !ok {
		r.clients[c.Key] = len(r.batch.Clients)
		r.batch.Clients = append(r.batch.Clients, c)
		return c.Key
	}
	r.merge(row, &r.batch.Clients[i], c)
	return c.Key
}

// adopt moves a client known by its name alone under its SIREN, or into
// the client of that SIREN when there is one already.
func (r *reader) adopt(name, siren string) {
	old, ok := r.byName[name]
	if !ok || old == siren {
		return
	}
	i, known := r.clients[old]
	if !known || r.batch.Clients[i].SIREN != "" {
		return // that name belongs to another SIREN: a conflict merge reports
	}
	r.aliases[old] = siren
	delete(r.clients, old)
	if j, exists := r.clients[siren]; exists {
		fillEmpty(&r.batch.Clients[j], r.batch.Clients[i])
		r.dropped[i] = true
		return
	}
	r.batch.Clients[i].Key, r.batch.Clients[i].SIREN = siren, siren
	r.clients[siren] = i
}

// clientField is one detail of a client, for merging.
type clientField struct {
	role  Role
	field func(*imports.Client) *string
}

var clientFields = []clientField{
	{ClientName, func(c *imports.Client) *string { return &c.Name }},
	{ClientSIREN, func(c *imports.Client) *string { return &c.SIREN }},
	{ClientVAT, func(c *imports.Client) *string { return &c.VATNumber }},
	{ClientEmail, func(c *imports.Client) *string { return &c.Email }},
	{ClientPhone, func(c *imports.Client) *string { return &c.Phone }},
	{ClientContact, func(c *imports.Client) *string { return &c.ContactName }},
	{ClientStreet, func(c *imports.Client) *string { return &c.Address.Street }},
	{ClientPost, func(c *imports.Client) *string { return &c.Address.PostalCode }},
	{ClientCity, func(c *imports.Client) *string { return &c.Address.City }},
	{ClientCountry, func(c *imports.Client) *string { return &c.Address.Country }},
}

// merge completes an earlier client with a later line's details.
func (r *reader) merge(row Row, into *imports.Client, later imports.Client) {
	for _, f := range clientFields {
		was, now := f.field(into), *f.field(&later)
		switch {
		case now == "":
		case *was == "":
			*was = now
		case !sameText(f.role, *was, now):
			r.report(row, f.role, data.ReasonConflict, now)
		}
	}
}

// fillEmpty completes a client with another's details, without reporting:
// both came from lines already read.
func fillEmpty(into *imports.Client, from imports.Client) {
	for _, f := range clientFields {
		if was := f.field(into); *was == "" {
			*was = *f.field(&from)
		}
	}
	if from.Line < into.Line {
		into.Line = from.Line
	}
}

// foldName is a client name as compared: case, accents and spacing aside.
func foldName(name string) string {
	return foldAccents(collapse(strings.ToLower(name)))
}
