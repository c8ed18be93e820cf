package data

import "strings"

// Channel is how a dunning step reaches the client (or what the owner does).
type Channel string

// The channels of a step.
const (
	ChannelEmail            Channel = "email"
	ChannelLetter           Channel = "letter"
	ChannelRegisteredLetter Channel = "registered_letter"
	ChannelPhoneCall        Channel = "phone_call"
	ChannelTask             Channel = "task"
	ChannelLegalFile        Channel = "legal_file"
	ChannelThankYou         Channel = "thank_you"
)

// Channels lists the channels in display order.
var Channels = []Channel{ChannelEmail, ChannelLetter, ChannelRegisteredLetter, ChannelPhoneCall,
	ChannelTask, ChannelLegalFile, ChannelThankYou}

// IsMessage reports whether the channel sends something to the client; the
// throttle ("at most one message every N days") counts these.
func (c Channel) IsMessage() bool {
	switch c {
	case ChannelEmail, ChannelLetter, ChannelRegisteredLetter, ChannelThankYou:
		return true
	}
	return false
}

func validChannel(c Channel) bool {
	for _, v := range Channels {
		if c == v {
			return true
		}
	}
	return false
}

// Scenario is an ordered list of dunning steps. The seeded scenarios have
// the keys of DESIGN.md (standard, good_payer, risky, key_account).
type Scenario struct {
	ID    int64
	Key   string
	Name  string // the user's name for it; empty shows the translated name of Key
	Steps []Step // active steps, in order
}

// Step is one move of a scenario: when (days from the due date), how
// (channel and template), and its options.
type Step struct {
	ID               int64
	ScenarioID       int64
	Position         int
	OffsetDays       int // from the due date; negative = before it. Ignored for thank-you.
	Channel          Channel
	TemplateKey      string
	AttachInvoice    bool // attach the invoice's PDF
	IncludeStatement bool // include the penalty statement
	WithLetter       bool // an email step that also prints a letter
	DeadlineDays     int  // the deadline given to the client (formal notice)
	AutoSend         bool // may be sent without review by the scheduled run
	Retired          bool // deleted by the user after being used: kept for history
}

// Validate checks a step.
func (st *Step) Validate() error {
	st.TemplateKey = strings.TrimSpace(st.TemplateKey)
	var es FieldErrors
	if !validChannel(st.Channel) {
		es.add(invalid("channel", ReasonUnknownChoice, string(st.Channel)))
	}
	if st.OffsetDays < -365 || st.OffsetDays > 3650 {
		es.add(invalid("offset_days", ReasonOutOfRange, ""))
	}
	if st.DeadlineDays < 0 || st.DeadlineDays > 365 {
		es.add(invalid("deadline_days", ReasonOutOfRange, ""))
	}
	es.add(maxLen("template_key", st.TemplateKey, 60))
	return es.err()
}

// Category is a kind of client that chooses a scenario.
type Category struct {
	Key        string
	ScenarioID int64
}
