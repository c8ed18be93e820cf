// Package sheet reads the spreadsheets a small business brings from its
// invoicing tool or keeps by hand: clients, invoices and payments, as CSV
// (any separator, any of the encodings Excel and invoicing tools write) or
// XLSX. It works in two steps so that the import wizard can show what it
// found before anything is decided:
//
//   - Open turns a file's bytes into a Table: the header and the rows as
//     text, with how the file was read (encoding, separator, decimal comma,
//     day or month first, the sheet of a workbook).
//   - Guess or a Preset maps the columns to Roles, the user corrects the
//     Mapping, and Read turns the table into an imports.Batch: one Client
//     per distinct client, one Invoice per invoice number, the payments a
//     payments table lists, and a Problem for every cell it could not read.
//
// Nothing here touches the store or the screen.
package sheet
