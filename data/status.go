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
	// StatusCancelled: a credit note, not a payment, settled the invoice.
	StatusCancelled
)

var statusKeys = [...]string{"not_due", "due_soon", "due_today", "overdue", "paid", "disputed", "in_litigation", "written_off",
	"cancelled"}

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
	Credited    Money // sum of credit notes
	Outstanding Money // still owed; never negative
	Overpaid    Money // received beyond the amount; usually zero
}

// PartiallyPaid reports whether some but not all of the amount came in.
func (s Status) PartiallyPaid() bool { return s.Paid > 0 && s.Outstanding > 0 }

// Open reports whether money is still expected (not paid, not written off,
// not cancelled).
func (s Status) Open() bool {
	return s.Kind != StatusPaid && s.Kind != StatusWrittenOff && s.Kind != StatusCancelled
}

// Overdue reports whether money is still expected past the due date,
// disputed or not: the one definition behind every "late" count and total
// (Today's key figures, the invoice list's filter, the client list), which
// GetKeyFigures computes in SQL the same way.
func (s Status) Overdue() bool { return s.Open() && s.DaysLate > 0 }

// DeriveStatus computes an invoice's status on day today from its payments
// (paid) and its credit notes (inv.Credited). dueSoonDays is the window
// before the due date in which it counts as "due soon".
func DeriveStatus(inv *Invoice, paid Money, today Date, dueSoonDays int) Status {
	s := Status{Paid: paid, Credited: inv.Credited, Outstanding: inv.Owed() - paid}
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
	case s.Outstanding == 0 && inv.CreditClosed:
		s.Kind = StatusCancelled
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
