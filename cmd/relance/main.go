// Command relance is the Relance desktop application: with no command it
// opens the window; with one it does a scripted job (for Windows Task
// Scheduler or cron) and exits.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
