package data

// StatusKind is the headline of an invoice's derived status, the one the
// list colours by.
type StatusKind int

// The kinds, from "nothing to do yet" to closed. Paid wins over every state:
// once the money is in, nothing else matters.
const (
	StatusNotDue StatusKind = iota
	StatusDueSoon
	StatusDueToday
	StatusOverdue
	StatusPaid
	StatusDisputed
	StatusInLitigation
	StatusWrittenOff
)

var statusKeys = [...]string{"not_due", "due_soon", "due_today", "overdue", "paid", "disputed", "in_litigation", "written_off"}

// Key is a stable name for the kind ("overdue"), used for translation keys and filters.
func (k StatusKind) Key() string {
	if int(k) < len(statusKeys) {
		return statusKeys[k]
	}
	return "unknown"
}

// Status is an invoice's situation on a given day, derived from its amount,
// its payments, its state and its due date.
type Status struct {
	Kind        StatusKind
	DaysLate    int   // days past the due date while unpaid (also when disputed)
	DaysToDue   int   // days left before the due date; 0 on the day
	Paid        Money // sum of payments
	Outstanding Money // still owed; never negative
	Overpaid    Money // received beyond the amount; usually zero
}

// PartiallyPaid reports whether some but not all of the amount came in.
func (s Status) PartiallyPaid() bool { return s.Paid > 0 && s.Outstanding > 0 }

// Open reports whether money is still expected (not paid, not written off).
func (s Status) Open() bool { return s.Kind != StatusPaid && s.Kind != StatusWrittenOff }

// DeriveStatus computes an invoice's status on day today. dueSoonDays is the
// window before the due date in which it counts as "due soon".
func DeriveStatus(inv *Invoice, paid Money, today Date, dueSoonDays int) Status {
	s := Status{Paid: paid, Outstanding: inv.Amount - paid}
	if s.Outstanding < 0 {
		s.Overpaid, s.Outstanding = -s.Outstanding, 0
	}
	late := today.DaysSince(inv.DueDate)
	if late > 0 && s.Outstanding > 0 {
		s.DaysLate = late
	}
	if late < 0 {
		s.DaysToDue = -late
	}
	switch {
	case s.Outstanding == 0:
		s.Kind = StatusPaid
	case inv.State == StateWrittenOff:
		s.Kind = StatusWrittenOff
	case inv.State == StateDisputed:
		s.Kind = StatusDisputed
	case inv.State == StateInLitigation:
		s.Kind = StatusInLitigation
	case late > 0:
		s.Kind = StatusOverdue
	case late == 0:
		s.Kind = StatusDueToday
	case -late <= dueSoonDays:
		s.Kind = StatusDueSoon
	default:
		s.Kind = StatusNotDue
	}
	return s
}
