// Package cli is relance's command line: the scripted jobs (due, statement,
// letter, send-due, demo...) that cron or the Windows Task Scheduler runs,
// and the parsing that tells them from the window. It links no GUI code
// (an architecture test checks it): it speaks through package words, and
// cmd/relance hands it the function that opens the window. Like
// cmd/relance, it builds the services its commands need.
package cli
