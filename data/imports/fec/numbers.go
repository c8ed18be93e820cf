package fec

import "relance/data/imports"

// disambiguate makes invoice numbers unique across clients. The book keys
// invoices by number, but a FEC does not: opening entries are often one
// balance line per client under one PieceRef ("AN2026"), and numbers are
// reused across years. A number that two clients' invoices share becomes
// "<number> / <client account>" on each, and the credit notes that name it
// follow.
func disambiguate(b *imports.Batch) {
	owners := map[string]map[string]bool{}
	for _, inv := range b.Invoices {
		if owners[inv.Number] == nil {
			owners[inv.Number] = map[string]bool{}
		}
		owners[inv.Number][inv.ClientKey] = true
	}
	shared := func(number string) bool { return len(owners[number]) > 1 }
	for i := range b.Invoices {
		inv := &b.Invoices[i]
		if shared(inv.Number) {
			old := inv.Number
			inv.Number = old + " / " + inv.ClientKey
			for k := range inv.Payments {
				inv.Payments[k].InvoiceNumber = inv.Number
			}
		}
	}
	for i := range b.CreditNotes {
		cn := &b.CreditNotes[i]
		if shared(cn.InvoiceNumber) {
			cn.InvoiceNumber += " / " + cn.ClientKey
		}
	}
}
