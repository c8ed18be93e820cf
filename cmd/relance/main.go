// Command relance is the Relance desktop application: with no command it
// opens the window; with one it does a scripted job (for Windows Task
// Scheduler or cron) and exits. The commands live in package cli, which
// links no GUI code; this package adds the window and is the composition
// root: it builds the clock and every service once and hands them down.
package main

import (
	"os"

	"relance/cmd/relance/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr, runGUI))
}
