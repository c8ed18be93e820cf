package datadir

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// fakeEnv returns a getenv over vars.
func fakeEnv(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestResolvePrecedence(t *testing.T) {
	flagDir := filepath.Join(t.TempDir(), "from-flag")
	envDir := filepath.Join(t.TempDir(), "from-env")
	home := t.TempDir()
	env := map[string]string{"HOME": home, "AppData": filepath.Join(home, "AppData", "Roaming")}
	defaultBase, err := userDataDir(runtime.GOOS, fakeEnv(env))
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name    string
		flag    string
		envData string
		want    string
	}{
		{"flag wins over env", flagDir, envDir, flagDir},
		{"env when no flag", "", envDir, envDir},
		{"OS default when neither", "", "", filepath.Join(defaultBase, "Relance")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vars := map[string]string{EnvVar: tt.envData}
			for k, v := range env {
				vars[k] = v
			}
			got, err := Resolve(tt.flag, fakeEnv(vars))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Resolve(%q) = %q, want %q", tt.flag, got, tt.want)
			}
		})
	}
}

func TestResolveMakesRelativeAbsolute(t *testing.T) {
	got, err := Resolve("relative/dir", fakeEnv(nil))
	if err != nil {
		t.Fatal(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(wd, "relative", "dir"); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestUserDataDir(t *testing.T) {
	tests := []struct {
		goos string
		env  map[string]string
		want string // "" means an error is expected
	}{
		{"windows", map[string]string{"AppData": `C:\Users\u\AppData\Roaming`}, `C:\Users\u\AppData\Roaming`},
		{"windows", map[string]string{"HOME": "/home/u"}, ""},
		{"darwin", map[string]string{"HOME": "/Users/u"}, filepath.Join("/Users/u", "Library", "Application Support")},
		{"linux", map[string]string{"HOME": "/home/u", "XDG_DATA_HOME": "/data/u"}, "/data/u"},
		{"linux", map[string]string{"HOME": "/home/u"}, filepath.Join("/home/u", ".local", "share")},
		{"linux", map[string]string{"HOME": "/home/u", "XDG_DATA_HOME": "rel"}, filepath.Join("/home/u", ".local", "share")},
		{"freebsd", map[string]string{"HOME": "/home/u"}, filepath.Join("/home/u", ".local", "share")},
		{"linux", map[string]string{}, ""},
	}
	for _, tt := range tests {
		got, err := userDataDir(tt.goos, fakeEnv(tt.env))
		if tt.want == "" {
			if err == nil {
				t.Errorf("userDataDir(%s, %v) = %q, want an error", tt.goos, tt.env, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("userDataDir(%s, %v) = %q, %v; want %q", tt.goos, tt.env, got, err, tt.want)
		}
	}
}

func TestEnsureCreatesPrivateDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	if err := Ensure(dir); err != nil {
		t.Fatal(err)
	}
	if err := Ensure(dir); err != nil {
		t.Fatalf("second Ensure: %v", err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o700 {
		t.Errorf("mode = %v, want 0700", fi.Mode().Perm())
	}
	if got, want := DBPath(dir), filepath.Join(dir, "relance.db"); got != want {
		t.Errorf("DBPath = %q, want %q", got, want)
	}
}

// A data folder that others may read (made by hand, restored from a copy)
// is restricted to its owner at start.
func TestEnsureTightensALooseDir(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	dir := filepath.Join(t.TempDir(), "Relance")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil { // whatever the umask
		t.Fatal(err)
	}
	if err := Ensure(dir); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("a 0755 data folder left %v at start, want 0700 (%v)", fi.Mode().Perm(), err)
	}
}

func TestLockTwiceInProcess(t *testing.T) {
	dir := t.TempDir()
	first, err := Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Lock(dir)
	assertLockedBy(t, err, dir, os.Getpid())

	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	if err := first.Release(); err != nil {
		t.Errorf("second Release: %v", err)
	}
	again, err := Lock(dir)
	if err != nil {
		t.Fatalf("Lock after Release: %v", err)
	}
	if err := again.Release(); err != nil {
		t.Fatal(err)
	}
}

func TestLockMissingDir(t *testing.T) {
	_, err := Lock(filepath.Join(t.TempDir(), "missing"))
	if err == nil || errors.Is(err, ErrLocked) {
		t.Fatalf("got %v, want an open error", err)
	}
}

const childEnv = "RELANCE_DATADIR_TEST_LOCK_CHILD"

// TestLockHolderChild is not a test: TestLockHeldByOtherProcess runs the test
// binary again with childEnv set, and this function then takes the lock, says so,
// and waits to be killed. It blocks reading stdin, so it also ends, without
// releasing the lock, if the parent dies first.
func TestLockHolderChild(t *testing.T) {
	dir := os.Getenv(childEnv)
	if dir == "" {
		return
	}
	if _, err := Lock(dir); err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("locked")
	_, _ = io.Copy(io.Discard, os.Stdin)
	os.Exit(0)
}

func TestLockHeldByOtherProcess(t *testing.T) {
	dir := t.TempDir()
	child := exec.Command(os.Args[0], "-test.run=^TestLockHolderChild$")
	child.Env = append(os.Environ(), childEnv+"="+dir)
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	child.Stderr = os.Stderr
	if _, err := child.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = child.Process.Kill(); _ = child.Wait() })

	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != "locked" {
		t.Fatalf("child said %q, %v; want \"locked\"", line, err)
	}

	_, err = Lock(dir)
	assertLockedBy(t, err, dir, child.Process.Pid)

	// Killed, the child never calls Release: the OS must drop the lock.
	if err := child.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = child.Wait()
	l, err := Lock(dir)
	if err != nil {
		t.Fatalf("Lock after the holder died: %v", err)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
}

func assertLockedBy(t *testing.T, err error, dir string, pid int) {
	t.Helper()
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("got %v, want ErrLocked", err)
	}
	var le *LockedError
	if !errors.As(err, &le) {
		t.Fatalf("got %T, want *LockedError", err)
	}
	if le.Dir != dir || le.PID != pid {
		t.Errorf("LockedError{Dir: %q, PID: %d}, want {%q, %d}", le.Dir, le.PID, dir, pid)
	}
	if !strings.Contains(err.Error(), dir) {
		t.Errorf("message %q does not name the directory", err)
	}
}
