package drafting

import (
	"testing"

	"relance/data"
)

// The next reminder after a promise broke quotes it; one that went out
// since, or a promise kept or still open, says nothing of it.
func TestBrokenPromiseQuotedByTheNextReminderOnly(t *testing.T) {
	d := data.MustDate
	broken := data.Promise{ID: 2, MadeOn: d("2026-12-03"), PromisedOn: d("2026-12-10"), Amount: 120000,
		Status: data.PromiseBroken, SettledOn: d("2026-12-12")}
	kept := data.Promise{ID: 3, MadeOn: d("2026-12-15"), PromisedOn: d("2026-12-20"), Status: data.PromiseKept}
	open := data.Promise{ID: 4, MadeOn: d("2026-12-15"), PromisedOn: d("2026-12-20"), Status: data.PromiseOpen}
	for _, tc := range []struct {
		name      string
		promises  []data.Promise
		reminders []data.Date
		want      int64 // the promise quoted, 0 for none
	}{
		{"none", nil, nil, 0},
		{"broken, no reminder since", []data.Promise{broken}, []data.Date{d("2026-11-20")}, 2},
		{"broken, reminded since", []data.Promise{broken}, []data.Date{d("2026-11-20"), d("2026-12-14")}, 0},
		{"broken, reminded the day it broke", []data.Promise{broken}, []data.Date{d("2026-12-12")}, 0},
		{"broken then kept", []data.Promise{broken, kept}, nil, 0},
		{"broken then a new one open", []data.Promise{broken, open}, nil, 0},
		{"broken, not yet settled", []data.Promise{{ID: 5, PromisedOn: d("2026-12-10"), Status: data.PromiseBroken}}, []data.Date{d("2026-12-01")}, 5},
	} {
		got := brokenSinceReminder(tc.promises, tc.reminders)
		if (got == nil && tc.want != 0) || (got != nil && got.ID != tc.want) {
			t.Errorf("%s: quoted %+v, want promise %d", tc.name, got, tc.want)
		}
	}
}
