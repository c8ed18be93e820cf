// Package fec reads the FEC (Fichier des Écritures Comptables), the
// accounting export every French bookkeeping package must produce, into
// what a dunning book starts from: the clients of the receivable accounts
// (411, 416), the invoices they still owe once the lettrage and the
// netting of their payments and credit notes are done, and what each one
// owes in all. The file is streamed line by line and only its receivable
// lines are kept, compactly, so that a FEC of a million lines reads in a
// few seconds and a few tens of megabytes.
package fec
