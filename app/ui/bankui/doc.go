// Package bankui is the Bank screen: the credits of the statements the
// owner imported, each with the invoice(s) the app proposes it pays and
// why; the safe proposals confirmed in one click, one corrected by a
// search or split across invoices, a line set aside as not a customer
// payment, a decision taken back. The statements come in from its button
// or dropped on the window; app/banking does the work.
package bankui
