package crashlog

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary play a run of the app that panics in a
// goroutine of its own (CRASHLOG_CHILD names its data folder).
func TestMain(m *testing.M) {
	if dir := os.Getenv("CRASHLOG_CHILD"); dir != "" {
		if _, err := Start(dir, time.Now()); err != nil {
			os.Exit(3)
		}
		done := make(chan bool)
		go func() {
			var list []int
			_ = list[len(os.Args)+5] // out of range: a panic no one recovers
			done <- true
		}()
		<-done
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestACrashIsKeptAndOfferedOnce: a run that panics in a goroutine leaves
// a report naming the panic; a run that ends normally leaves none; a
// report seen is not offered again.
func TestACrashIsKeptAndOfferedOnce(t *testing.T) {
	dir := t.TempDir()
	stop, err := Start(dir, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if list, _ := Reports(dir); len(list) != 0 {
		t.Fatalf("a run going on is offered as a crash: %v", list)
	}
	stop()
	if files, _ := filepath.Glob(filepath.Join(dir, "crash-*")); len(files) != 0 {
		t.Fatalf("a normal end left %v", files)
	}

	// A run killed (not crashed) leaves an empty file: the next start
	// removes it, and it is never offered.
	killed := filepath.Join(dir, "crash-20261201-090000-1.log")
	if err := os.WriteFile(killed, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	stop, err = Start(dir, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	stop()
	if _, err := os.Stat(killed); !os.IsNotExist(err) {
		t.Errorf("the empty file of a killed run stays: %v", err)
	}

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "CRASHLOG_CHILD="+dir)
	if err := cmd.Run(); err == nil {
		t.Fatal("the crashing run exited normally")
	}
	list, err := Reports(dir)
	if err != nil || len(list) != 1 {
		t.Fatalf("reports: %v %v", list, err)
	}
	text, _ := os.ReadFile(list[0].Path)
	if !strings.Contains(string(text), "index out of range") || !strings.Contains(string(text), "goroutine") {
		t.Errorf("the report does not say the panic:\n%s", text)
	}
	if err := Seen(list[0]); err != nil {
		t.Fatal(err)
	}
	if again, _ := Reports(dir); len(again) != 0 {
		t.Errorf("a report seen is offered again: %v", again)
	}
}
