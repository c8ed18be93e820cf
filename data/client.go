package data

import (
	"strings"
	"time"
)

// ClientKind is the debtor type of a client: it sets the late-payment rate,
// the 40 € indemnity, the limitation period and the competent court
// (LEGAL_FR.md, "Debtor types").
type ClientKind string

// The four debtor types.
const (
	// Commercial: a company, a trader, a craftsman. L441-10 penalties,
	// tribunal de commerce (des activités économiques), Cerfa 12946.
	Commercial ClientKind = "commercial"
	// Civil: an SCI, an association, a liberal profession. The same
	// penalties, but the tribunal judiciaire and Cerfa 12948.
	Civil ClientKind = "civil"
	// PublicBuyer: the State, a commune, a public hospital. Intérêts
	// moratoires (Code de la commande publique), tribunal administratif.
	PublicBuyer ClientKind = "public"
	// Consumer: a private person. Legal interest from the formal notice
	// only, no indemnity, two-year limitation.
	Consumer ClientKind = "consumer"
)

// ClientKinds lists the debtor types in display order.
var ClientKinds = []ClientKind{Commercial, Civil, PublicBuyer, Consumer}

// IsBusiness reports whether the debtor is not a consumer: late-payment
// penalties and the 40 € indemnity are owed.
func (k ClientKind) IsBusiness() bool { return k != Consumer }

// Known reports whether k is one of ClientKinds.
func (k ClientKind) Known() bool {
	for _, v := range ClientKinds {
		if k == v {
			return true
		}
	}
	return false
}

// legacyKind is the business/consumer split of the old `kind` column, kept
// in step with the debtor type (migration 0006).
func (k ClientKind) legacyKind() string {
	if k == Consumer {
		return "consumer"
	}
	return "professional"
}

// Civilities of a client's contact person.
const (
	CivilityNone  = ""
	CivilityMadam = "mme"
	CivilitySir   = "m"
)

// Client is a customer who owes (or will owe) money.
type Client struct {
	ID          int64
	Name        string
	Kind        ClientKind
	SIREN       string
	VATNumber   string // intra-community VAT number (FR + 11 characters for a French company)
	ContactName string
	// ContactCivility is CivilityMadam, CivilitySir or CivilityNone: the
	// greeting of a message reads "Madame Rousseau," when it is known.
	ContactCivility string
	Email           string // where reminders go; several separated by ','
	EmailCC         string
	Phone           string
	// Mobile and LinkedIn are the other ways to reach the contact: a
	// mobile number for a text message, a LinkedIn profile address
	// (https://www.linkedin.com/in/...). Empty when unknown.
	Mobile   string
	LinkedIn string

	Address  Address
	Category string // maps to a dunning scenario; "standard" by default
	Language string // "fr" or "en": the language of the letters and emails sent
	Notes    string

	// CategoryByHand: the owner chose the category in the client's form,
	// and the payer grade never moves it (Store.GetCategoryFromGrade).
	CategoryByHand bool

	RemindersPaused bool
	PausedReason    string

	// ScenarioID overrides the scenario of the client's category (0: none).
	ScenarioID int64
	// Penalty overrides the company's penalty policy when its Kind is set.
	Penalty PenaltyPolicy
	// KindMigrated: the debtor type was set to Commercial by the upgrade
	// from "professional" and the user has not confirmed it yet.
	KindMigrated bool

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
	c.VATNumber = strings.ToUpper(strings.Join(strings.Fields(c.VATNumber), ""))
	if c.Kind == "" {
		c.Kind = Commercial
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
	if !c.Kind.Known() {
		es.add(invalid("kind", ReasonUnknownChoice, string(c.Kind)))
	}
	switch c.ContactCivility {
	case CivilityNone, CivilityMadam, CivilitySir:
	default:
		es.add(invalid("contact_civility", ReasonUnknownChoice, c.ContactCivility))
	}
	es.add(checkSIREN("siren", c.SIREN))
	es.add(checkVATNumber("vat_number", c.VATNumber))
	es.add(checkEmail("email", c.Email))
	es.add(checkEmail("email_cc", c.EmailCC))
	es.add(maxLen("phone", c.Phone, 40))
	c.Mobile, c.LinkedIn = strings.TrimSpace(c.Mobile), strings.TrimSpace(c.LinkedIn)
	es.add(checkMobile("mobile", c.Mobile))
	es.add(checkLinkedIn("linkedin", c.LinkedIn))
	if c.Language != "fr" && c.Language != "en" {
		es.add(invalid("language", ReasonUnknownChoice, c.Language))
	}
	es.add(maxLen("notes", c.Notes, 10000))
	es.add(c.Penalty.validate("penalty_policy", true))
	return es.err()
}
