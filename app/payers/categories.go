package payers

import (
	"strconv"
	"strings"

	"relance/data"
)

// The client categories a grade moves between, and the one it never
// touches.
const (
	CategoryStandard   = "standard"
	CategoryGoodPayer  = "good_payer"
	CategoryRisky      = "risky"
	CategoryKeyAccount = "key_account"
)

// ConfirmDays is how long a move waits: the grade must point to the new
// category on two computations at least this many days apart, and on
// every one between them.
const ConfirmDays = 7

// Target is the category a grade points a client of category to, or
// category itself when the client stays.
//
// Two rules keep a client from flipping between categories every week.
// First a margin: the way into a category asks more than staying in it
// does. A gets a client into Good payer, which it leaves only at C or
// worse; D gets it into Risky, which it leaves only at B or better. A
// client whose grade wavers between two neighbouring grades (A and B, C and
// D) moves once and stays. Second a delay (ConfirmDays, see Decide): a
// grade that jumps two steps once, one bad month, moves nobody unless it
// holds for a week. Key accounts, categories of the owner's own and
// clients too new to grade (grade "") stay where they are.
func Target(category string, g Grade) string {
	if g == "" {
		return category
	}
	switch category {
	case CategoryGoodPayer:
		switch g {
		case GradeC:
			return CategoryStandard
		case GradeD, GradeE:
			return CategoryRisky
		}
	case CategoryStandard:
		switch g {
		case GradeA:
			return CategoryGoodPayer
		case GradeD, GradeE:
			return CategoryRisky
		}
	case CategoryRisky:
		switch g {
		case GradeA:
			return CategoryGoodPayer
		case GradeB:
			return CategoryStandard
		}
	}
	return category
}

// Decision is what one computation of a client's grade decides: the
// grading to keep (the pending move with the day it was first seen), and
// the category to move to, when the move is confirmed.
type Decision struct {
	Kept   data.ClientGrade
	MoveTo string // "" when the client stays
}

// Decide applies Target and the delay to a client's standing as graded on
// today. A move first becomes pending; a later computation that points to
// the same category ConfirmDays or more after it confirms it; one that
// points elsewhere drops it. A category chosen by hand never moves, and
// nothing is pending for it. The pending move is kept whether moves are
// on or not (auto), so that turning them on acts on grades that already
// held; without auto nothing moves.
func Decide(st data.ClientStanding, g Grade, today data.Date, auto bool) Decision {
	d := Decision{Kept: data.ClientGrade{ClientID: st.ClientID, Grade: string(g), GradedOn: today}}
	target := Target(st.Category, g)
	if st.CategoryByHand || target == st.Category {
		return d
	}
	d.Kept.Pending, d.Kept.PendingSince = target, today
	if st.Kept.Pending == target && !st.Kept.PendingSince.IsZero() {
		d.Kept.PendingSince = st.Kept.PendingSince
	}
	if auto && !st.Archived && today.DaysSince(d.Kept.PendingSince) >= ConfirmDays {
		d.MoveTo = target
		d.Kept.Pending, d.Kept.PendingSince = "", data.Date{}
	}
	return d
}

// EncodeReasons writes a grade's reasons as an event keeps them
// ("late:9:12:23;broken:2:0:0"), for the timeline to say them in the
// reader's language whenever it shows the event.
func EncodeReasons(reasons []Reason) string {
	parts := make([]string, len(reasons))
	for i, r := range reasons {
		parts[i] = string(r.Kind) + ":" + strconv.Itoa(r.N) + ":" + strconv.Itoa(r.M) + ":" + strconv.Itoa(r.Days)
	}
	return strings.Join(parts, ";")
}

// DecodeReasons reads what EncodeReasons wrote; a part it cannot read is
// left out.
func DecodeReasons(s string) []Reason {
	var out []Reason
	for _, part := range strings.Split(s, ";") {
		f := strings.Split(part, ":")
		if len(f) != 4 || f[0] == "" {
			continue
		}
		n, errN := strconv.Atoi(f[1])
		m, errM := strconv.Atoi(f[2])
		days, errD := strconv.Atoi(f[3])
		if errN != nil || errM != nil || errD != nil {
			continue
		}
		out = append(out, Reason{Kind: ReasonKind(f[0]), N: n, M: m, Days: days})
	}
	return out
}

// Risk orders grades for a list sorted riskiest first: 0 for no grade,
// then A (1) to E (5).
func (g Grade) Risk() int { return rank(g) }
