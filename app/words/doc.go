// Package words owns what the window and the command line both say: days,
// amounts and rates written the user's way, the names of steps and
// channels, the sentences of a penalty statement and of the refusals a
// letter or an email meets. It reads the translation catalogues of assets
// without Fyne (Catalogue), so that the command line links no GUI code;
// the window hands it Fyne's own translator instead.
package words
