// Package exports owns the files Relance writes for other programs: the
// invoices, the aged balance and the payer profiles as CSV (for a French
// Excel: semicolons, decimal comma, UTF-8 with a BOM, dd/mm/yyyy) or XLSX
// (real numbers and dates with French formats, a bold frozen header);
// the open items for the owner's accountant; and the calendar as an
// iCalendar (.ics) file that the owner's usual calendar imports and
// updates. It reads the store and the figures of app/dashboard and
// app/payers, says its words through app/words (the window hands it
// Fyne's translator, the command line a catalogue), and imports no Fyne.
package exports
