// Package templates is the Templates screen: the list of the email and
// letter templates of each step, in French and English; an editor that
// checks every placeholder and section as the owner types and says where
// an error is; the fields to insert, by group; and a live preview filled
// from an invoice of the book. Edited versions are kept in the store
// beside the defaults they can be reset to.
package templates
