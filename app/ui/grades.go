package ui

import (
	"context"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"

	"relance/app/payers"
)

// gradingDelay is how long after the day starts the payer grades are
// computed: reading the whole history takes a second or two on a large
// book, which must not fall on the cold start's path nor on the first
// screen's load.
const gradingDelay = 10 * time.Second

// armGrading arms the day's grading (payers.Daily), with the session's
// mutex held: at each start of a day, as the day's backup is, and left
// off with it in the window's tests (Deps.Housekeeping), whose books must not
// change under them.
func (u *UI) armGrading() {
	if !u.housekeeping || u.readOnly.Load() {
		return
	}
	if u.session.grading != nil {
		u.session.grading.Stop()
	}
	u.session.grading = time.AfterFunc(gradingDelay, u.dailyGrades)
}

// dailyGrades grades the book once a day, off the UI goroutine (send-due
// may have done it already today), keeping every client's grade for the
// lists and, when the option is on, moving clients between categories;
// then the screens read the book again. A failure is logged: the grades
// kept stay those of the last day graded.
func (u *UI) dailyGrades() {
	g, err := payers.Daily(context.Background(), u.store, u.today())
	if err != nil {
		slog.Error("day's payer grades", "err", err)
		return
	}
	if g.AlreadyDone {
		return
	}
	slog.Info("day's payer grades", "clients", g.Clients, "moves", len(g.Moves))
	fyne.Do(u.changed)
}
