// Package data owns Relance's domain values and their storage: the types a user's
// book is made of (company, clients, invoices, payments, the event timeline),
// their validation, money in integer cents, civil dates, and the SQLite store
// with its embedded, numbered migrations.
//
// data imports nothing else of Relance's; every other package builds on it. All
// SQL of the application lives here.
package data
