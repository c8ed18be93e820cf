package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"relance/cmd/relance/cli"
)

const childArgsEnv = "RELANCE_MAIN_ARGS"

// TestMainChild is the relance process TestCommandsAreQuietOnStderr
// starts: this test binary links what relance links (the window's
// packages included) and runs main's path with the arguments it is given.
// It does nothing in a normal run.
func TestMainChild(t *testing.T) {
	args := os.Getenv(childArgsEnv)
	if args == "" {
		t.Skip("run by TestCommandsAreQuietOnStderr")
	}
	os.Exit(cli.Run(strings.Split(args, "\x1f"), os.Stdout, os.Stderr, runGUI))
}

// The commands of relance print nothing on stderr when they succeed,
// whatever the locale cron or a container gives them (none, C, C.UTF-8,
// POSIX) or a user's: a cron job mails whatever lands on stderr.
func TestCommandsAreQuietOnStderr(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	dir := filepath.Join(t.TempDir(), "book")
	if _, errOut, err := runChild([]string{"LANG=C.UTF-8"}, "--data", dir, "demo"); err != nil || errOut != "" {
		t.Fatalf("demo: %v, stderr %q", err, errOut)
	}
	locales := [][]string{nil, {"LANG=C"}, {"LANG=C.UTF-8"}, {"LC_ALL=C.UTF-8"}, {"LC_ALL=POSIX"}, {"LANG=fr_FR.UTF-8"},
		{"LANGUAGE=de", "LANG=de_DE.UTF-8"}}
	commands := [][]string{{"version"}, {"help"}, {"--data", dir, "due"}, {"--data", dir, "due", "--json"}}
	for _, env := range locales {
		for _, args := range commands {
			out, errOut, err := runChild(env, args...)
			what := fmt.Sprintf("%v relance %s", env, strings.Join(args, " "))
			switch {
			case err != nil:
				t.Errorf("%s: %v", what, err)
			case errOut != "":
				t.Errorf("%s printed on stderr:\n%s", what, errOut)
			case out == "":
				t.Errorf("%s printed nothing", what)
			}
		}
	}
}

// runChild runs this test binary as relance with args, in an environment
// of its own: no locale variable but those given.
func runChild(env []string, args ...string) (stdout, stderr string, err error) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestMainChild$", "-test.count=1")
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"),
		childArgsEnv + "=" + strings.Join(args, "\x1f")}, env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	return out.String(), errOut.String(), err
}
