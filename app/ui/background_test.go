package ui

import (
	"context"
	"path/filepath"
	"testing"
	"testing/synctest"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"relance/app/ui/uitest"
	"relance/data"
)

// mainLoop plays the GUI driver's main goroutine: the functions handed to
// fyne.Do run on it, one at a time, as the real driver runs them between
// two frames (Fyne's test driver would run them on the goroutine that
// calls fyne.Do).
type mainLoop struct{ work chan func() }

func newMainLoop() *mainLoop {
	l := &mainLoop{work: make(chan func())}
	go func() {
		for fn := range l.work {
			fn()
		}
	}()
	return l
}

// run runs fn on the loop and waits for it.
func (l *mainLoop) run(fn func()) {
	done := make(chan struct{})
	l.work <- func() { fn(); close(done) }
	<-done
}

func (l *mainLoop) stop() { close(l.work) }

// loopApp is a test app whose driver hands fyne.Do to a mainLoop.
type loopApp struct {
	fyne.App
	driver loopDriver
}

func (a *loopApp) Driver() fyne.Driver { return a.driver }

type loopDriver struct {
	fyne.Driver
	loop *mainLoop
}

func (d loopDriver) DoFromGoroutine(fn func(), wait bool) {
	if wait {
		d.loop.run(fn)
		return
	}
	go func() { d.loop.work <- fn }()
}

// The other UI tests run background work in line; this one runs it as the
// window does: each load on a goroutine of its own, several at once (the
// day's start, the reload of every screen a write marks stale, a new day
// starting), their results handed to one main goroutine through fyne.Do,
// inside a synctest bubble that waits for them all. Under the race
// detector (make test runs it so) it finds state two goroutines share
// without a lock or a hand-off.
func TestBackgroundLoadsShareNothingUnguarded(t *testing.T) {
	if err := LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	synctest.Test(t, func(t *testing.T) {
		base := test.NewTempApp(t)
		loop := newMainLoop()
		defer loop.stop()
		a := &loopApp{App: base, driver: loopDriver{Driver: base.Driver(), loop: loop}}
		fyne.SetCurrentApp(a)
		defer fyne.SetCurrentApp(base)

		store, err := data.Open(filepath.Join(t.TempDir(), "relance.db"), data.WithClock(data.ClockOn(testDay)))
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		seedOverdueInvoice(t, store)

		var u *UI
		loop.run(func() {
			u = New(a, testDeps(store, data.ClockOn(testDay), t.TempDir()))
			u.Start(context.Background())
		})
		defer loop.run(u.stopDay)
		for range 3 {
			loop.run(u.changed)
			go u.home.Update(context.Background())
			go u.onNewDay()
		}
		synctest.Wait()
		loop.run(func() {
			if !uitest.TextOnScreen(u.win.Content(), lang.L("today.section.send")) || len(labelsNaming(u.win.Content(), "FA-2026-040")) == 0 {
				t.Error("Today does not show the late invoice's reminder after the background loads")
			}
		})
	})
}

// seedOverdueInvoice fills a book set up past onboarding with one client
// and an invoice ten days late.
func seedOverdueInvoice(t *testing.T, store *data.Store) {
	t.Helper()
	ctx := context.Background()
	uitest.CompleteCompany(t, store)
	c := data.Client{Name: "Studio Orage", Email: "compta@orage.fr",
		Address: data.Address{Street: "8 rue de la Poste", PostalCode: "69001", City: "Lyon"}}
	if err := store.CreateClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	inv := data.Invoice{Number: "FA-2026-040", ClientID: c.ID, IssueDate: testDay.AddDays(-40), DueDate: testDay.AddDays(-10),
		Amount: 86400}
	if err := store.CreateInvoice(ctx, &inv); err != nil {
		t.Fatal(err)
	}
	if err := store.MarkOnboarded(ctx); err != nil {
		t.Fatal(err)
	}
}
