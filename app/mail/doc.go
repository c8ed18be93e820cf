// Package mail owns sending the owner's email: the SMTP account and its
// secrets, composing reminders, the persistent outbox, and the copy in the
// Sent folder. No Fyne.
package mail
