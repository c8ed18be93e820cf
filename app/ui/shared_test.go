package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/uitest"
)

// TestFirstStartOffersTheSharedBook: both onboarding steps offer to join
// the office's shared book, which opens the connection form.
func TestFirstStartOffersTheSharedBook(t *testing.T) {
	u, _ := newFirstStartUI(t)
	test.Tap(uitest.FindButton(t, top(u), lang.L("welcome.shared")))
	form := top(u)
	uitest.FormRow(t, form, "shared_server")
	uitest.FindButton(t, form, lang.L("shared.connect"))
	u.escape()
	test.Tap(uitest.FindButton(t, top(u), lang.L("welcome.skip")))
	uitest.FindButton(t, top(u), lang.L("welcome.shared"))
}

// TestSharedPasswordAtStart: the sign-in window at start says why the
// shared book did not open, tries the password typed, says the new reason
// when it fails again, and closes once the book is open.
func TestSharedPasswordAtStart(t *testing.T) {
	if err := LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	var tried []string
	AskSharedPassword(a, "claire@srv/relance", "refused", func(password string) string {
		tried = append(tried, password)
		if password != "right" {
			return "still refused"
		}
		return ""
	})
	var w fyne.Window
	for _, win := range a.Driver().AllWindows() {
		if uitest.LabelContains(win.Content(), "refused") {
			w = win
		}
	}
	if w == nil {
		t.Fatal("no window says why the book did not open")
	}
	var password *widget.Entry
	uitest.Walk(w.Content(), nil, func(o, _ fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.Password {
			password = e
		}
	})
	if password == nil {
		t.Fatal("no password field")
	}
	connect := uitest.FindButton(t, w.Content(), lang.L("shared.fatal_retry"))
	test.Type(password, "wrong")
	test.Tap(connect)
	eventually(t, func() bool { return uitest.LabelContains(w.Content(), "still refused") })
	password.SetText("right")
	open := len(a.Driver().AllWindows())
	test.Tap(connect)
	eventually(t, func() bool { return len(a.Driver().AllWindows()) == open-1 })
	if strings.Join(tried, ",") != "wrong,right" {
		t.Fatalf("tried %v", tried)
	}
}

// eventually waits for what a goroutine hands back to the window.
func eventually(t *testing.T, done func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !done() {
		if time.Now().After(deadline) {
			t.Fatal("not done within 5 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
