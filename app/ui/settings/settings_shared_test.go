package settings

import (
	"context"
	"net"
	"strconv"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"relance/app/datadir"
	"relance/app/sharedbook"
	"relance/app/sharedbook/sharedbooktest"
	"relance/app/ui/uitest"
)

// openSharedSettings is Settings on the Shared book tab, the host on the
// shared book c names (nil: on the folder's file).
func openSharedSettings(t *testing.T, c *sharedbook.Connection, readOnly bool) *settingsUI {
	t.Helper()
	h := uitest.NewHost(t)
	h.Shared, h.ReadOnlyBook = c, readOnly
	u := &settingsUI{Host: h, settings: New(h, SectionShared)}
	h.Show(u.settings)
	return u
}

// TestSharedSectionOnAFile: a book file says where it is and offers to
// connect to a shared book or move there; the connection form puts what
// is missing under its field, and a server out of reach is said in words,
// the folder left as it was.
func TestSharedSectionOnAFile(t *testing.T) {
	u := openSharedSettings(t, nil, false)
	s := u.settings.shared
	if s.where.Text != lang.L("shared.where_file", map[string]any{"Path": datadir.DBPath(u.DataDir())}) {
		t.Errorf("where: %q", s.where.Text)
	}
	uitest.FindButton(t, s.content, lang.L("shared.move_button"))
	test.Tap(uitest.FindButton(t, s.content, lang.L("shared.connect_button")))
	dlg := top(u)
	if got := uitest.EntryOf(t, uitest.FirstInput(t, dlg, "shared_port")).Text; got != "5432" {
		t.Errorf("the default port: %q", got)
	}
	tls, _ := uitest.AsSelect(uitest.FirstInput(t, dlg, "shared_tls"))
	if tls == nil || tls.Selected != lang.L("shared.tls.verify-full") {
		t.Fatalf("the default TLS mode: %v", tls)
	}
	connect := uitest.FindButton(t, dlg, lang.L("shared.connect"))
	test.Tap(connect)
	for _, key := range []string{"shared_server", "shared_database", "shared_user"} {
		if uitest.FieldError(t, dlg, key) != lang.L("error.required") {
			t.Errorf("%s left empty: %q", key, uitest.FieldError(t, dlg, key))
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close() // nothing answers there now
	uitest.Fill(t, dlg, "shared_server", "127.0.0.1")
	uitest.Fill(t, dlg, "shared_port", strconv.Itoa(port))
	uitest.Fill(t, dlg, "shared_database", "cabinet")
	uitest.Fill(t, dlg, "shared_user", "marie")
	uitest.SelectIn(t, dlg, "shared_tls", lang.L("shared.tls.disable"))
	test.Tap(connect)
	want := lang.L("shared.trouble.unreachable", map[string]any{"Address": "127.0.0.1:" + strconv.Itoa(port)})
	if !uitest.LabelContains(dlg, want) {
		t.Fatalf("a server out of reach is not said: want %q", want)
	}
	if _, ok, _ := sharedbook.Load(u.DataDir()); ok || u.Switched != 0 {
		t.Fatal("the folder was connected to a server that never answered")
	}
}

// TestSharedSectionOnASharedBook: a shared book says which, how it is
// reached and under what name; read-only, it says so and sends nothing;
// "Disconnect" forgets the connection after asking, and the window starts
// again on the folder's file. Backups cannot be put back over it.
func TestSharedSectionOnASharedBook(t *testing.T) {
	c := sharedbook.Connection{Host: "srv.cabinet.lan", Port: 5432, Database: "relance", User: "comptable",
		TLS: sharedbook.VerifyFull, Person: "Sophie"}
	u := openSharedSettings(t, &c, true)
	s := u.settings.shared
	for _, want := range []string{c.Name(), lang.L("shared.tls.verify-full"), "Sophie", lang.L("shared.read_only")} {
		if !uitest.LabelContains(s.content, want) {
			t.Errorf("the section does not say %q: %q", want, s.where.Text)
		}
	}
	if !uitest.FindButton(t, s.content, lang.L("shared.upload_button")).Disabled() {
		t.Error("a read-only connection may send files")
	}
	if err := sharedbook.Save(u.DataDir(), c); err != nil {
		t.Fatal(err)
	}
	test.Tap(uitest.FindButton(t, s.content, lang.L("shared.leave_button")))
	settingsConfirm(t, u, lang.L("shared.leave_question", map[string]any{"Name": c.Name()}))
	if _, ok, _ := sharedbook.Load(u.DataDir()); ok {
		t.Fatal("still connected")
	}
	info := top(u)
	if !uitest.LabelContains(info, lang.L("shared.left")) {
		t.Fatal("what was done is not said")
	}
	test.Tap(uitest.FindButton(t, info, "OK"))
	if u.Switched != 1 {
		t.Fatalf("the window was asked to start again %d times", u.Switched)
	}
	u.settings.tabs.SelectIndex(SectionBackups)
	for _, key := range []string{"backup.restore", "backup.import"} {
		if !uitest.FindButton(t, u.settings.backups.content, lang.L(key)).Disabled() {
			t.Errorf("%s offered over a shared book", key)
		}
	}
	if !uitest.LabelContains(u.settings.backups.content, lang.L("backup.shared_hint")) {
		t.Error("the backups do not say why")
	}
}

// TestMoveThisBookToAServer: on the test server (make test-pg), "Move this
// book to a server" copies the window's book into an empty database,
// says so, connects the folder, and the window starts again on the shared
// book, which holds the book's invoices.
func TestMoveThisBookToAServer(t *testing.T) {
	conn, password, _ := sharedbooktest.NewDatabase(t)
	name := conn.Database
	u := openSharedSettings(t, nil, false)
	book := uitest.InvoiceBook(t, u.Store())
	test.Tap(uitest.FindButton(t, u.settings.shared.content, lang.L("shared.move_button")))
	dlg := top(u)
	uitest.Fill(t, dlg, "shared_server", conn.Host)
	uitest.Fill(t, dlg, "shared_port", strconv.Itoa(conn.Port))
	uitest.Fill(t, dlg, "shared_database", conn.Database)
	uitest.Fill(t, dlg, "shared_user", conn.User)
	uitest.Fill(t, dlg, "shared_password", password)
	uitest.Fill(t, dlg, "shared_person", "Claire")
	uitest.SelectIn(t, dlg, "shared_tls", lang.L("shared.tls.disable"))
	test.Tap(uitest.FindButton(t, dlg, lang.L("shared.move")))
	info := top(u)
	if !uitest.LabelContains(info, lang.L("shared.restart_title")) && !uitest.TextOnScreen(info, lang.L("shared.restart_title")) {
		t.Fatal("the move's report is not shown")
	}
	saved, ok, err := sharedbook.Load(u.DataDir())
	if !ok || err != nil || saved.Person != "Claire" || saved.Database != name {
		t.Fatalf("the folder's connection: %+v %v %v", saved, ok, err)
	}
	test.Tap(uitest.FindButton(t, info, "OK"))
	if u.Switched != 1 {
		t.Fatal("the window did not start again on the shared book")
	}
	shared, err := sharedbook.Open(context.Background(), saved, password)
	if err != nil {
		t.Fatal(err)
	}
	defer shared.Close()
	if list, err := shared.ListInvoiceSummaries(context.Background()); err != nil || len(list) != len(book) {
		t.Fatalf("the shared book holds %d invoices (%v), the book %d", len(list), err, len(book))
	}
}
