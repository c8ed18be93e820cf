package today

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"relance/app/sharedbook"
)

// TestTodaySaysTheBookIsShared: on a shared book Today says so after the
// date, with the name the timeline gives this PC's actions, and says when
// it may only be read; a book file says nothing of it.
func TestTodaySaysTheBookIsShared(t *testing.T) {
	b := newTodayBook(t)
	b.refresh()
	if strings.Contains(b.u.home.date.Text, "·") {
		t.Fatalf("a book file: %q", b.u.home.date.Text)
	}
	b.u.Shared = &sharedbook.Connection{Host: "srv", Port: 5432, Database: "relance", User: "marie", TLS: sharedbook.Disable}
	b.refresh()
	if want := lang.L("today.shared", map[string]any{"Person": "marie"}); !strings.HasSuffix(b.u.home.date.Text, want) {
		t.Fatalf("shared: %q, want it to end with %q", b.u.home.date.Text, want)
	}
	b.u.Shared.Person, b.u.ReadOnlyBook = "Sophie", true
	b.refresh()
	if want := lang.L("today.shared_read_only", map[string]any{"Person": "Sophie"}); !strings.HasSuffix(b.u.home.date.Text, want) {
		t.Fatalf("read-only: %q, want it to end with %q", b.u.home.date.Text, want)
	}
}
