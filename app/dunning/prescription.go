package dunning

import (
	"time"

	"relance/data"
)

// Restart reasons: the events that start the limitation period afresh. A
// formal notice or a court request does not (LEGAL_FR.md).
const (
	RestartPartialPayment = "partial_payment"
	RestartPaymentPlan    = "payment_plan"
	RestartAcknowledgment = "acknowledgment"
	// RestartWrittenClaim: against a public buyer, any written demand for
	// payment interrupts the four-year period (loi n° 68-1250 du 31 décembre
	// 1968, art. 2); between businesses it does not.
	RestartWrittenClaim = "written_claim"
)

// Start reasons besides the restart reasons.
const (
	StartDelivery = "delivery"
	StartIssue    = "issue" // used only when no delivery date is known
)

// Restart is an event that restarts the limitation period on its date.
type Restart struct {
	Date   data.Date
	Reason string // one of the Restart* constants
}

// PrescriptionInput is what the limitation period of an invoice depends on.
type PrescriptionInput struct {
	ClientKind data.ClientKind
	Delivery   data.Date // delivery or completion; zero when unknown
	Issue      data.Date
	Restarts   []Restart
}

// Prescription is the limitation period of an invoice: the last day the claim
// can be taken to court, and when to warn the user beforehand.
type Prescription struct {
	Start       data.Date
	StartReason string // StartDelivery, StartIssue or the Restart reason
	// Deadline is the last day to act: Start + 5 years (commercial or civil
	// debtor, Code de commerce L110-4, Code civil 2224) or 2 years (consumer,
	// Code de la consommation L218-2), minus one day; for a public buyer, 31
	// December of the fourth year after Start's (prescription quadriennale,
	// loi n° 68-1250, art. 1). Counting the anniversary day itself would also be
	// defensible; the earlier day is kept so the app never promises a day
	// the user may not have.
	Deadline      data.Date
	FirstWarning  data.Date // 12 months before Deadline (professional), 6 (consumer)
	SecondWarning data.Date // 6 months before Deadline (professional), 3 (consumer)
}

// Levels returned by Prescription.Level.
const (
	PrescriptionOK            = 0
	PrescriptionFirstWarning  = 1
	PrescriptionSecondWarning = 2
	PrescriptionExpired       = 3
)

// ComputePrescription computes the limitation period. It starts at delivery
// (the issue date when no delivery date is known); the latest restart after
// that start replaces it (of two on the same day, the first listed). With no
// date at all it returns the zero Prescription, whose Level is always 0.
//
// Years and months are calendar ones, clamped to the end of a shorter month:
// 29 February 2024 + 5 years is 28 February 2029 (so the deadline is
// 27 February), and 31 August - 6 months is the last day of February. The
// clamping is the rule of Code de procédure civile art. 641 ("à défaut d'un
// quantième identique, le délai expire le dernier jour du mois"), and rolling
// over to 1 March instead would place the deadline a day late.
func ComputePrescription(in PrescriptionInput) Prescription {
	start, reason := in.Delivery, StartDelivery
	if start.IsZero() {
		start, reason = in.Issue, StartIssue
	}
	for _, r := range in.Restarts {
		if r.Date.After(start) {
			start, reason = r.Date, r.Reason
		}
	}
	if start.IsZero() {
		return Prescription{}
	}
	years, firstMonths, secondMonths := 5, 12, 6
	if in.ClientKind == data.Consumer {
		years, firstMonths, secondMonths = 2, 6, 3
	}
	deadline := addMonthsClamped(start, 12*years).AddDays(-1)
	if in.ClientKind == data.PublicBuyer {
		// The four years run from 1 January after the year the right was
		// acquired (or the claim interrupted them).
		deadline = data.NewDate(start.Year()+4, time.December, 31)
	}
	return Prescription{
		Start:         start,
		StartReason:   reason,
		Deadline:      deadline,
		FirstWarning:  addMonthsClamped(deadline, -firstMonths),
		SecondWarning: addMonthsClamped(deadline, -secondMonths),
	}
}

// Level tells how urgent the deadline is on day today: PrescriptionOK,
// PrescriptionFirstWarning or PrescriptionSecondWarning once those days are
// reached, PrescriptionExpired once today is after Deadline.
func (p Prescription) Level(today data.Date) int {
	switch {
	case p.Deadline.IsZero():
		return PrescriptionOK
	case today.After(p.Deadline):
		return PrescriptionExpired
	case !today.Before(p.SecondWarning):
		return PrescriptionSecondWarning
	case !today.Before(p.FirstWarning):
		return PrescriptionFirstWarning
	default:
		return PrescriptionOK
	}
}

// addMonthsClamped adds n calendar months, keeping the day of the month or
// taking the last day of the target month when it is shorter. (data.Date's
// AddMonths rolls over instead, like time.Date: 31 August - 6 months would
// be 3 March, after the real deadline.)
func addMonthsClamped(d data.Date, n int) data.Date {
	y, m, day := d.YMD()
	first := data.NewDate(y, m+time.Month(n), 1)
	lastDay := first.AddMonths(1).AddDays(-1).Day()
	return first.AddDays(min(day, lastDay) - 1)
}
