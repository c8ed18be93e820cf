// Package archtest holds the test that enforces the layering of DESIGN.md:
// only app/ui and cmd/ import Fyne, and data imports nothing of Relance's.
// It has no code of its own.
package archtest
