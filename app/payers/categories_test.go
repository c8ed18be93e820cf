package payers

import (
	"reflect"
	"testing"

	"relance/data"
)

// TestTargetMargin checks the margin: a category is harder to get into
// than to stay in.
func TestTargetMargin(t *testing.T) {
	cases := []struct {
		from string
		g    Grade
		want string
	}{
		{CategoryStandard, GradeA, CategoryGoodPayer},
		{CategoryStandard, GradeB, CategoryStandard},
		{CategoryStandard, GradeC, CategoryStandard},
		{CategoryStandard, GradeD, CategoryRisky},
		{CategoryStandard, GradeE, CategoryRisky},
		{CategoryGoodPayer, GradeB, CategoryGoodPayer}, // leaves only at C or worse
		{CategoryGoodPayer, GradeC, CategoryStandard},
		{CategoryGoodPayer, GradeD, CategoryRisky},
		{CategoryRisky, GradeC, CategoryRisky}, // leaves only at B or better
		{CategoryRisky, GradeB, CategoryStandard},
		{CategoryRisky, GradeA, CategoryGoodPayer},
		{CategoryKeyAccount, GradeE, CategoryKeyAccount},
		{CategoryKeyAccount, GradeA, CategoryKeyAccount},
		{"vip", GradeE, "vip"},                   // the owner's own category
		{CategoryStandard, "", CategoryStandard}, // too early to say
		{CategoryRisky, "", CategoryRisky},
	}
	for _, c := range cases {
		if got := Target(c.from, c.g); got != c.want {
			t.Errorf("Target(%s, %q) = %s, want %s", c.from, c.g, got, c.want)
		}
	}
}

// run grades a client once a day for the grades given, moves on or off,
// and returns its category after each day.
func run(st data.ClientStanding, auto bool, grades ...Grade) []string {
	day := data.MustDate("2026-03-02")
	var out []string
	for _, g := range grades {
		d := Decide(st, g, day, auto)
		st.Kept = d.Kept
		if d.MoveTo != "" {
			st.Category = d.MoveTo
		}
		out = append(out, st.Category)
		day = day.AddDays(1)
	}
	return out
}

// repeatGrade is n times g.
func repeatGrade(n int, g Grade) []Grade {
	out := make([]Grade, n)
	for i := range out {
		out[i] = g
	}
	return out
}

func alternate(n int, a, b Grade) []Grade {
	out := make([]Grade, n)
	for i := range out {
		out[i] = a
		if i%2 == 1 {
			out[i] = b
		}
	}
	return out
}

// TestDecideHysteresis grades clients day after day: a move waits for the
// grade to hold ConfirmDays; a client at a border does not flip on
// alternate computations; a category chosen by hand and a key account
// never move; with the option off nothing moves.
func TestDecideHysteresis(t *testing.T) {
	standard := data.ClientStanding{ClientID: 1, Category: CategoryStandard}
	cases := []struct {
		name   string
		st     data.ClientStanding
		auto   bool
		grades []Grade
		last   string // the category at the end
		moves  int    // how many times it changed
	}{
		{"new client, too early to grade: standard", standard, true, repeatGrade(30, ""), CategoryStandard, 0},
		{"D for a week: risky on the 8th day", standard, true, repeatGrade(8, GradeD), CategoryRisky, 1},
		{"D for six days only: stays", standard, true, append(repeatGrade(6, GradeD), GradeC), CategoryStandard, 0},
		{"C and D on alternate days: never moves", standard, true, alternate(60, GradeC, GradeD), CategoryStandard, 0},
		{"A and B on alternate days: never moves", standard, true, alternate(60, GradeB, GradeA), CategoryStandard, 0},
		{"risky at C and D on alternate days: stays risky",
			data.ClientStanding{ClientID: 1, Category: CategoryRisky}, true, alternate(60, GradeC, GradeD), CategoryRisky, 0},
		{"good payer at A and B on alternate days: stays",
			data.ClientStanding{ClientID: 1, Category: CategoryGoodPayer}, true, alternate(60, GradeB, GradeA), CategoryGoodPayer, 0},
		{"moved to risky, then C for a month: stays risky", standard, true,
			append(repeatGrade(8, GradeD), repeatGrade(30, GradeC)...), CategoryRisky, 1},
		{"chosen by hand: never moves",
			data.ClientStanding{ClientID: 1, Category: CategoryStandard, CategoryByHand: true}, true, repeatGrade(60, GradeE), CategoryStandard, 0},
		{"key account: never moves",
			data.ClientStanding{ClientID: 1, Category: CategoryKeyAccount}, true, repeatGrade(60, GradeE), CategoryKeyAccount, 0},
		{"moves off: nothing moves", standard, false, repeatGrade(60, GradeE), CategoryStandard, 0},
		{"archived: nothing moves", data.ClientStanding{ClientID: 1, Category: CategoryStandard, Archived: true}, true,
			repeatGrade(60, GradeE), CategoryStandard, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := run(c.st, c.auto, c.grades...)
			moves := 0
			for i := range got {
				if (i == 0 && got[0] != c.st.Category) || (i > 0 && got[i] != got[i-1]) {
					moves++
				}
			}
			if got[len(got)-1] != c.last || moves != c.moves {
				t.Errorf("categories %v: ends %s after %d moves, want %s after %d", got, got[len(got)-1], moves, c.last, c.moves)
			}
		})
	}
}

// TestDecidePendingKept checks that the pending move is kept with the day
// it was first seen, also with moves off, so that turning them on acts on
// grades that already held; and that a hand choice keeps nothing pending.
func TestDecidePendingKept(t *testing.T) {
	day := data.MustDate("2026-03-02")
	st := data.ClientStanding{ClientID: 7, Category: CategoryStandard}
	d := Decide(st, GradeD, day, false)
	if d.MoveTo != "" || d.Kept.Pending != CategoryRisky || d.Kept.PendingSince != day || d.Kept.Grade != "D" {
		t.Fatalf("first D, moves off: %+v", d)
	}
	st.Kept = d.Kept
	later := day.AddDays(ConfirmDays)
	if d := Decide(st, GradeD, later, true); d.MoveTo != CategoryRisky || d.Kept.Pending != "" {
		t.Errorf("turned on a week later: %+v", d)
	}
	st.CategoryByHand = true
	if d := Decide(st, GradeD, later, true); d.MoveTo != "" || d.Kept.Pending != "" || d.Kept.Grade != "D" {
		t.Errorf("by hand: %+v", d)
	}
}

// TestReasonsRoundTrip checks the reasons an event keeps read back as they
// were.
func TestReasonsRoundTrip(t *testing.T) {
	reasons := []Reason{{Kind: ReasonLate, N: 9, M: 12, Days: 23}, {Kind: ReasonBroken, N: 2}}
	code := EncodeReasons(reasons)
	if code != "late:9:12:23;broken:2:0:0" {
		t.Errorf("code %q", code)
	}
	if got := DecodeReasons(code); !reflect.DeepEqual(got, reasons) {
		t.Errorf("read back %+v", got)
	}
	if got := DecodeReasons("late:x:1:2;;bad"); got != nil {
		t.Errorf("garbage read as %+v", got)
	}
}
