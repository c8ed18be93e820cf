package data

import "testing"

func TestDeriveStatus(t *testing.T) {
	due := MustDate("2026-03-15")
	inv := func(state InvoiceState) *Invoice {
		return &Invoice{Amount: 100000, DueDate: due, IssueDate: MustDate("2026-02-13"), State: state}
	}
	tests := []struct {
		name      string
		state     InvoiceState
		paid      Money
		today     string
		kind      StatusKind
		daysLate  int
		daysToDue int
		outst     Money
		over      Money
		partial   bool
	}{
		{"far from due", StateOpen, 0, "2026-03-01", StatusNotDue, 0, 14, 100000, 0, false},
		{"first day of due soon", StateOpen, 0, "2026-03-08", StatusDueSoon, 0, 7, 100000, 0, false},
		{"day before due soon", StateOpen, 0, "2026-03-07", StatusNotDue, 0, 8, 100000, 0, false},
		{"day before due", StateOpen, 0, "2026-03-14", StatusDueSoon, 0, 1, 100000, 0, false},
		{"due today", StateOpen, 0, "2026-03-15", StatusDueToday, 0, 0, 100000, 0, false},
		{"1 day late", StateOpen, 0, "2026-03-16", StatusOverdue, 1, 0, 100000, 0, false},
		{"60 days late", StateOpen, 0, "2026-05-14", StatusOverdue, 60, 0, 100000, 0, false},
		{"paid exactly", StateOpen, 100000, "2026-05-14", StatusPaid, 0, 0, 0, 0, false},
		{"overpaid", StateOpen, 100500, "2026-03-16", StatusPaid, 0, 0, 0, 500, false},
		{"partially paid, late", StateOpen, 40000, "2026-03-20", StatusOverdue, 5, 0, 60000, 0, true},
		{"partially paid, not due", StateOpen, 40000, "2026-03-01", StatusNotDue, 0, 14, 60000, 0, true},
		{"one cent short", StateOpen, 99999, "2026-03-15", StatusDueToday, 0, 0, 1, 0, true},
		{"disputed and late", StateDisputed, 0, "2026-03-20", StatusDisputed, 5, 0, 100000, 0, false},
		{"written off", StateWrittenOff, 0, "2026-09-20", StatusWrittenOff, 189, 0, 100000, 0, false},
		{"in litigation", StateInLitigation, 0, "2026-06-20", StatusInLitigation, 97, 0, 100000, 0, false},
		{"disputed but paid", StateDisputed, 100000, "2026-03-20", StatusPaid, 0, 0, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := DeriveStatus(inv(tt.state), tt.paid, MustDate(tt.today), 7)
			if s.Kind != tt.kind || s.DaysLate != tt.daysLate || s.DaysToDue != tt.daysToDue ||
				s.Outstanding != tt.outst || s.Overpaid != tt.over || s.PartiallyPaid() != tt.partial {
				t.Errorf("got %+v (partial %v), want kind %s late %d toDue %d outstanding %d overpaid %d partial %v",
					s, s.PartiallyPaid(), tt.kind.Key(), tt.daysLate, tt.daysToDue, tt.outst, tt.over, tt.partial)
			}
		})
	}
}

func TestDueSoonWindowIsConfigurable(t *testing.T) {
	inv := &Invoice{Amount: 100, DueDate: MustDate("2026-03-15")}
	if k := DeriveStatus(inv, 0, MustDate("2026-03-05"), 10).Kind; k != StatusDueSoon {
		t.Errorf("10-day window: %s", k.Key())
	}
	if k := DeriveStatus(inv, 0, MustDate("2026-03-05"), 3).Kind; k != StatusNotDue {
		t.Errorf("3-day window: %s", k.Key())
	}
}
