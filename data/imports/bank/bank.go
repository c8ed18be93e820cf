// Package bank reads the statements a bank lets its customer download —
// CAMT.053 and CAMT.054 (ISO 20022 XML), OFX (1.x SGML and 2.x XML),
// CFONB 120 (the French fixed-width format), QIF, and the CSV or XLSX
// exports of the French banks' web sites — into Lines: one per movement
// of money, credits and debits alike, each with a stable identity so that
// a statement imported twice, or two statements that overlap, bring each
// movement in once. Like the other readers of data/imports it is a pure
// function from bytes to values plus the problems met, line by line; the
// matching of credits to invoices is app/matching's, the writing
// app/banking's.
package bank

import (
	"relance/data"
	"relance/data/imports"
)

// Format is the kind of statement file a reader understood.
type Format string

// The statement formats Relance reads.
const (
	FormatCAMT  Format = "camt"  // CAMT.053 or CAMT.054
	FormatOFX   Format = "ofx"   // OFX 1.x (SGML) or 2.x (XML)
	FormatCFONB Format = "cfonb" // CFONB 120
	FormatQIF   Format = "qif"
	FormatCSV   Format = "csv" // a bank's CSV export
	FormatXLSX  Format = "xlsx"
)

// Statement is what one statement file holds: its movements in file order
// and every line that could not be read.
type Statement struct {
	File    string // the file's base name
	Format  Format
	Account string // the owner's account (an IBAN, or the bank's account number) when the file says it
	Lines   []Line
	// Problems are the lines (or the file) that could not be read, with
	// where and why; the lines read well are in Lines regardless.
	Problems []imports.Problem
}

// Line is one movement of money on the owner's account.
type Line struct {
	// ID is the line's stable identity, the same whichever statement it
	// comes in: the bank's own reference when the format has one (CAMT's
	// AcctSvcrRef, OFX's FITID), prefixed with the format and account;
	// otherwise a digest of the account, date, amount and label, with the
	// rank of identical movements on the same day.
	ID string

	FileLine int    // 1-based line (or entry) in the file, for messages
	Account  string // the owner's account the line is on, when known

	Booked data.Date // the booking date
	Value  data.Date // the value date; zero when the file has none
	// Amount is signed: positive money in (a credit), negative money out.
	Amount   data.Money
	Currency string // ISO 4217, "EUR" when the file does not say

	// The other party: for a credit, the payer.
	Name string
	IBAN string // normalised (no spaces, upper case), when known

	// Label is the free text the bank shows: the transfer's remittance
	// information, the payer's wording, the bank's own label, joined.
	Label string
	// Reference is a structured remittance reference when the file gives
	// one apart (CAMT's Strd/CdtrRefInf/Ref, an RF creditor reference).
	Reference string
	// EndToEnd is the payer's end-to-end identification, when given: a
	// return names the transfer or debit it returns by it.
	EndToEnd string

	// Return is set on a debit that gives back money received earlier: a
	// rejected or returned direct debit, a returned transfer (CAMT's
	// R-transactions). ReturnReason is the ISO reason code (AC04, MS02...)
	// when the file gives one; ReturnOf is the end-to-end identification
	// of the movement returned, when given.
	Return       bool
	ReturnReason string
	ReturnOf     string
}

// Credit reports whether the line is money in.
func (l *Line) Credit() bool { return l.Amount > 0 }
