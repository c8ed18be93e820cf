package data

import "time"

// ActionStatus is what became of a step on an invoice.
type ActionStatus string

// The statuses of a recorded action.
const (
	ActionDone    ActionStatus = "done"
	ActionSkipped ActionStatus = "skipped" // passed over (caught up, or by the user, with a reason)
	ActionFailed  ActionStatus = "failed"
)

// Phone-call outcomes.
const (
	OutcomePromise      = "promise"
	OutcomeDispute      = "dispute"
	OutcomeNoAnswer     = "no_answer"
	OutcomeWrongContact = "wrong_contact"
	// OutcomeBeforeRelance marks a reminder the owner sent before the
	// invoice was entered in Relance ("already reminded on ...").
	OutcomeBeforeRelance = "before_relance"
)

// Action records a dunning step taken (or skipped) on an invoice. A step is
// taken at most once per invoice (per instalment for a payment plan).
type Action struct {
	ID           int64
	InvoiceID    int64
	StepID       int64
	InstalmentID int64 // 0 unless the step reminded a plan instalment
	PlannedOn    Date  // the day the planner had it for
	Status       ActionStatus
	Outcome      string // phone call: promise, dispute, no_answer, wrong_contact
	Note         string
	CatchUp      bool      // proposed after days when the app did not run
	DoneAt       time.Time // when it was recorded
	DoneOn       Date      // the calendar day it was done

	// Registered letters: La Poste's number, when it was sent and received.
	TrackingNumber string
	SentOn         Date
	ReceivedOn     Date
	// PresentedOn is the first presentation of a registered letter the
	// client did not sign for (the "avis de passage"); zero when unknown.
	PresentedOn Date
	File        string // the archived letter or email, relative to the data dir
}

// Promise is a client's promise to pay an amount by a date.
type Promise struct {
	ID         int64
	InvoiceID  int64
	MadeOn     Date
	PromisedOn Date
	Amount     Money
	Channel    Channel
	Status     string // open, kept, broken, cancelled
	SettledOn  Date   // when it was found kept or broken
}

// Promise statuses.
const (
	PromiseOpen      = "open"
	PromiseKept      = "kept"
	PromiseBroken    = "broken"
	PromiseCancelled = "cancelled"
)

// Validate checks a promise.
func (p *Promise) Validate() error {
	if p.Channel == "" {
		p.Channel = ChannelPhoneCall
	}
	if p.Status == "" {
		p.Status = PromiseOpen
	}
	var es FieldErrors
	if p.InvoiceID <= 0 {
		es.add(invalid("invoice", ReasonRequired, ""))
	}
	if p.MadeOn.IsZero() {
		es.add(invalid("made_on", ReasonRequired, ""))
	}
	if p.PromisedOn.IsZero() {
		es.add(invalid("promised_on", ReasonRequired, ""))
	} else if p.PromisedOn.Before(p.MadeOn) {
		es.add(invalid("promised_on", ReasonOutOfRange, p.PromisedOn.String()))
	}
	if p.Amount <= 0 {
		es.add(invalid("amount", ReasonNotPositive, ""))
	}
	return es.err()
}

// PaymentPlan spreads an invoice's balance over instalments. Signed by the
// debtor, it acknowledges the debt, which restarts the limitation period.
type PaymentPlan struct {
	ID          int64
	InvoiceID   int64
	AgreedOn    Date
	SignedOn    Date // zero until the signed agreement came back
	Status      string
	Instalments []Instalment // by due date
}

// Plan statuses.
const (
	PlanActive    = "active"
	PlanCompleted = "completed"
	PlanBroken    = "broken"
	PlanCancelled = "cancelled"
)

// Instalment is one due date and amount of a plan.
type Instalment struct {
	ID      int64
	PlanID  int64
	DueDate Date
	Amount  Money
}

// Validate checks a plan and orders its instalments.
func (p *PaymentPlan) Validate() error {
	if p.Status == "" {
		p.Status = PlanActive
	}
	var es FieldErrors
	if p.InvoiceID <= 0 {
		es.add(invalid("invoice", ReasonRequired, ""))
	}
	if p.AgreedOn.IsZero() {
		es.add(invalid("agreed_on", ReasonRequired, ""))
	}
	if len(p.Instalments) == 0 {
		es.add(invalid("instalments", ReasonRequired, ""))
	}
	for i := range p.Instalments {
		in := &p.Instalments[i]
		if in.DueDate.IsZero() || in.Amount <= 0 {
			es.add(invalid("instalments", ReasonOutOfRange, in.DueDate.String()))
			break
		}
	}
	sortInstalments(p.Instalments)
	return es.err()
}

func sortInstalments(list []Instalment) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && list[j].DueDate.Before(list[j-1].DueDate); j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}

// Task is something the owner must do that is not a message: fix a client's
// contact details, decide on a key account, ...
type Task struct {
	ID        int64
	ClientID  int64
	InvoiceID int64
	Kind      string // fix_contact, review, custom
	Note      string
	DueOn     Date
	DoneAt    time.Time // zero while open
}

// ECBRate is a change of the ECB main refinancing rate.
type ECBRate struct {
	EffectiveOn Date
	RateBP      int // basis points: 2.15 % = 215
}

// LegalRate is the French legal interest rate of a half-year.
type LegalRate struct {
	Year           int
	Half           int // 1: January-June, 2: July-December
	ProfessionalBP int // for a professional creditor
	ConsumerBP     int // for a private creditor; 0 when not entered
}
