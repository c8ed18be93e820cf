package data

import (
	"strings"
	"time"
)

// ClientKind says whether a client is a business or a private person; the
// French rules on penalties and time limits differ (LEGAL_FR.md).
type ClientKind string

// The two kinds of client.
const (
	Professional ClientKind = "professional"
	Consumer     ClientKind = "consumer"
)

// ClientKinds lists the kinds in display order.
var ClientKinds = []ClientKind{Professional, Consumer}

// Client is a customer who owes (or will owe) money.
type Client struct {
	ID          int64
	Name        string
	Kind        ClientKind
	SIREN       string
	ContactName string
	Email       string // where reminders go; several separated by ','
	EmailCC     string
	Phone       string
	Address     Address
	Category    string // maps to a dunning scenario; "standard" by default
	Language    string // "fr" or "en": the language of the letters and emails sent
	Notes       string

	RemindersPaused bool
	PausedReason    string

	// ScenarioID overrides the scenario of the client's category (0: none).
	ScenarioID int64
	// Penalty overrides the company's penalty policy when its Kind is set.
	Penalty PenaltyPolicy

	// ArchivedAt is when the client was archived (zero: it is not). An
	// archived client leaves the lists and is never reminded; it is set
	// only by Store.ArchiveClient and cleared by Store.RestoreClient.
	ArchivedAt time.Time

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Archived reports whether the client is archived.
func (c *Client) Archived() bool { return !c.ArchivedAt.IsZero() }

// Languages a client can be written to in.
var Languages = []string{"fr", "en"}

// Validate normalises and checks a client; it returns FieldErrors for every
// wrong field.
func (c *Client) Validate() error {
	c.Name = strings.TrimSpace(c.Name)
	c.Email = strings.TrimSpace(c.Email)
	c.SIREN = strings.TrimSpace(c.SIREN)
	if c.Kind == "" {
		c.Kind = Professional
	}
	if c.Category == "" {
		c.Category = "standard"
	}
	if c.Language == "" {
		c.Language = "fr"
	}
	if c.Address.Country == "" {
		c.Address.Country = "FR"
	}
	var es FieldErrors
	es.add(required("name", c.Name))
	es.add(maxLen("name", c.Name, 200))
	if c.Kind != Professional && c.Kind != Consumer {
		es.add(invalid("kind", ReasonUnknownChoice, string(c.Kind)))
	}
	es.add(checkSIREN("siren", c.SIREN))
	es.add(checkEmail("email", c.Email))
	es.add(checkEmail("email_cc", c.EmailCC))
	es.add(maxLen("phone", c.Phone, 40))
	if c.Language != "fr" && c.Language != "en" {
		es.add(invalid("language", ReasonUnknownChoice, c.Language))
	}
	es.add(maxLen("notes", c.Notes, 10000))
	es.add(c.Penalty.validate("penalty_policy", true))
	return es.err()
}
