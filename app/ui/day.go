package ui

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"relance/app/dunning"
	"relance/data"
)

// The owner's day. Screens only read: the Today screen plans the day on
// every load (dunning.PlanDay) and writes nothing. What the day's plan
// settles (promises kept or broken, missed instalments, completed plans)
// and the day Relance last ran are written by one explicit step,
// startDay, when the window opens and again when the date changes while
// it is open; the retry of emails waiting after a temporary failure is
// armed there and after each delivery.

// daySession is the day the window started and the day Relance ran before
// it, which the day's plans flag catch-up from. Background loads read it
// while the UI goroutine starts a new day: a mutex guards it.
type daySession struct {
	mu       sync.Mutex
	day      data.Date
	since    data.Date
	midnight *time.Timer // starts the next day while the window stays open
	grading  *time.Timer // the day's payer grades, once the first screen is drawn (grades.go)
	// first is the plan the day started with, while it still holds: the
	// start settled nothing and nothing was written since. The Today
	// screen's first load takes it rather than plan the day again (a
	// second read of the book at every cold start).
	first *dunning.Plan
}

// PlannedSince is the day Relance ran before the current day started.
func (u *UI) PlannedSince() data.Date {
	u.session.mu.Lock()
	defer u.session.mu.Unlock()
	return u.session.since
}

// DayPlan is the day's plan as of now (today.Host): the one the day
// started with, once, when it still holds; else a new one.
func (u *UI) DayPlan(ctx context.Context) (*dunning.Plan, error) {
	u.session.mu.Lock()
	first, since := u.session.first, u.session.since
	u.session.first = nil
	u.session.mu.Unlock()
	if first != nil {
		return first, nil
	}
	return u.dunning.PlanDay(ctx, since)
}

// forgetFirstPlan drops the day's first plan after a write: it no longer
// holds.
func (u *UI) forgetFirstPlan() {
	u.session.mu.Lock()
	u.session.first = nil
	u.session.mu.Unlock()
}

// startDay runs the day's first step (dunning.StartDay) and remembers what
// the day's plans start from; it arms the start of the next day. Off the
// UI goroutine. The plan returned is the day's first.
func (u *UI) startDay(ctx context.Context) (*dunning.Plan, error) {
	start := u.dunning.StartDay
	if u.readOnly.Load() {
		start = u.dunning.ViewDay
	}
	since, plan, err := start(ctx)
	if err != nil {
		return nil, err
	}
	s := &u.session
	s.mu.Lock()
	defer s.mu.Unlock()
	s.day, s.since = u.today(), since
	s.first = nil
	if !plan.Settled { // the start wrote nothing: the plan still holds
		s.first = plan
	}
	if s.midnight != nil {
		s.midnight.Stop()
	}
	s.midnight = time.AfterFunc(untilTomorrow(u.clock.Now()), u.onNewDay)
	u.armGrading()
	return plan, nil
}

// onNewDay starts the new day when the date changed with the window open,
// then reloads the screens and tries the emails due.
func (u *UI) onNewDay() {
	ctx := context.Background()
	if _, err := u.startDay(ctx); err != nil {
		slog.Error("start of day", "err", err)
		return
	}
	fyne.Do(u.changed)
	u.mail.ScheduleRetry(ctx)
	if u.housekeeping {
		u.dailyBackup()
	}
}

// untilTomorrow is how long from now until just after the next midnight
// of now's time zone (a few seconds after, so that the clock surely reads
// the new day).
func untilTomorrow(now time.Time) time.Duration {
	y, m, d := now.Date()
	return time.Date(y, m, d+1, 0, 0, 5, 0, now.Location()).Sub(now)
}

// stopDay stops the timers of the day when the window closes.
func (u *UI) stopDay() {
	u.session.mu.Lock()
	defer u.session.mu.Unlock()
	if u.session.midnight != nil {
		u.session.midnight.Stop()
	}
	if u.session.grading != nil {
		u.session.grading.Stop()
	}
	u.mail.Stop()
}

// notifyWaiting tells the owner, through the OS, how many actions wait
// today: the window may open behind others.
func (u *UI) notifyWaiting(plan *dunning.Plan) {
	if plan == nil || len(plan.Groups) == 0 {
		return
	}
	u.app.SendNotification(fyne.NewNotification(lang.L("app.title"),
		lang.L("notify.waiting", map[string]any{"Count": len(plan.Groups)})))
}
