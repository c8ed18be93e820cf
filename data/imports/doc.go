// Package imports reads the book a new user brings from other tools into
// domain values: the CSV and XLSX exports of invoicing tools and
// spreadsheets, the FEC accounting export, and Factur-X / ZUGFeRD PDFs or
// their CII / UBL XML. Each reader is a pure function from the file's
// bytes to a Batch: the clients, open invoices, payments and credit notes
// the file holds, and every line it could not read, with its line number,
// column and reason. Nothing here touches the store or the screen: the
// import pipeline (app/importing) checks a Batch against the book and
// writes it in one transaction.
package imports
