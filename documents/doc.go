// Package documents owns what Relance prints and sends: the templates
// (placeholders turned into text) and the PDF letters. Domain values go in,
// text or bytes come out; it draws no window and reads no database.
package documents
