// Package dashboard works out the figures of the Dashboard screen and of
// the exports that share them: what is owed and how late (the aged
// balance), how fast clients pay (DSO by the countback method, average
// days late), what came in and what is expected week by week, and the
// clients most late. It computes from what the store reads; the window
// draws it and the exports write it.
package dashboard
