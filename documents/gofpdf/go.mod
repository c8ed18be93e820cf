// Relance's patched copy of github.com/phpdave11/gofpdf v1.4.3 (the root
// package only): see README.md.
module github.com/phpdave11/gofpdf

go 1.22
