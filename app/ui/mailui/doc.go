// Package mailui is how the window sends reminders: the Send dialog (the
// drafted email, editable, its preview and files, the contact to check
// first), batches sent with a progress bar and a Cancel, the retry of the
// emails waiting after a temporary failure, the password asked when no
// keychain keeps it, and the dialogs that say what went wrong and how to
// fix it. It sends through mail.Service and imports no screen.
package mailui
