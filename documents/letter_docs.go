package documents

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"relance/data"
)

// The printed documents, by key: the letter of a dunning step (its
// template key: reminder_1, reminder_2, formal_notice, plan_agreement, …),
// the account statement and the penalty statement alone.
const (
	DocStatement        = "statement"         // the client's account statement (relevé), cover letter statement_cover
	DocPenaltyStatement = "penalty_statement" // the penalty statement alone
	DocFormalNotice     = "formal_notice"
	DocPlanAgreement    = "plan_agreement"
	DocCourtSummary     = "court_file" // the court file's summary sheet (CourtFile writes the whole file)
)

// ErrNoLetter is returned when the key names no printable document (no letter template,
// e.g. an email-only step).
var ErrNoLetter = errors.New("no letter for this step")

// Document writes the PDF of a document key for c, its texts from src:
// see DocStatement, DocPenaltyStatement, DocCourtSummary, and StepLetter
// for the letters of the steps. A template that does not parse is refused with its position
// (a *PartError).
func Document(key string, src TemplateSource, c *Context) ([]byte, error) {
	switch key {
	case DocStatement:
		return AccountStatement(src, c)
	case DocPenaltyStatement:
		return PenaltyStatement(c)
	case DocCourtSummary:
		return CourtSummary(c, src, nil)
	}
	return StepLetter(src, key, c)
}

// DocumentKeys are the keys Document knows, for the command line's help:
// the default letter templates, then the two statements.
func DocumentKeys() []string {
	var out []string
	for _, id := range DefaultTemplates() {
		if id.Channel == ChannelLetter && id.Key != "formal_notice_consumer" && id.Key != "statement_cover" && id.Key != "call" {
			out = append(out, id.Key)
		}
	}
	return append(out, DocStatement, DocPenaltyStatement)
}

// StepLetter writes the letter of a step's template key for c: the
// owner's letter template (or the default) rendered, in the frame of
// Letter, with the options the key calls for. A formal notice to a
// consumer uses its own template (TemplateKeyFor); it is registered,
// carries the payment block and the statement as of c.Today.
func StepLetter(src TemplateSource, key string, c *Context) ([]byte, error) {
	key = TemplateKeyFor(key, c.Client.Kind)
	subject, body, _, err := src.Template(key, ChannelLetter, c.Lang)
	if errors.Is(err, ErrNoTemplate) {
		return nil, fmt.Errorf("%s: %w", key, ErrNoLetter)
	}
	if err != nil {
		return nil, fmt.Errorf("letter %s: %w", key, err)
	}
	r, err := Render(subject, body, c)
	if err != nil {
		return nil, err
	}
	return Letter(c, r.Subject, r.Body, letterOptions(key, c, r))
}

// letterOptions are a key's options.
func letterOptions(key string, c *Context, r Rendered) LetterOptions {
	opt := LetterOptions{Payment: key != "call" && key != "court_file", Registered: c.Registered}
	switch key {
	case "formal_notice", "formal_notice_consumer":
		opt.Registered, opt.StatementAnnex = true, true
		opt.PaymentAmount = claimed(c)
		if !mentionsEnclosures(r.Text) {
			opt.Enclosures = noticeEnclosures(c)
		}
	case DocPlanAgreement:
		opt.DebtorSignature = true
		opt.PaymentAmount = nextInstalment(c)
	}
	return opt
}

// nextInstalment is the amount of a plan's first instalment not yet due
// (the last one when all are); 0 without a plan.
func nextInstalment(c *Context) data.Money {
	if c.Plan == nil || len(c.Plan.Instalments) == 0 {
		return 0
	}
	for _, in := range c.Plan.Instalments {
		if !in.DueDate.Before(c.Today) {
			return in.Amount
		}
	}
	return c.Plan.Instalments[len(c.Plan.Instalments)-1].Amount
}

// mentionsEnclosures: the text already lists its enclosures.
func mentionsEnclosures(text string) bool {
	lower := strings.ToLower(text)
	return strings.Contains(lower, "pièces jointes") || strings.Contains(lower, "p. j.") || strings.Contains(lower, "enclosure")
}

// noticeEnclosures are a formal notice's enclosures: the invoices and the
// statement.
func noticeEnclosures(c *Context) []string {
	out := []string{lw(c.Lang, "invoices") + " " + strings.Join(invoiceNumbers(c), ", ")}
	if c.Statement != nil {
		out = append(out, lw(c.Lang, "annex", "date", longDate(c.Statement.AsOf, c.Lang)))
	}
	return out
}

// AccountStatement writes a client's account statement: the cover letter
// (template statement_cover) with the table of the invoices of c.Invoices
// (all the client's open invoices, oldest due first; the table goes on
// over as many pages as it needs, its header repeated), and the payment
// block for what is due now.
func AccountStatement(src TemplateSource, c *Context) ([]byte, error) {
	subject, body, _, err := src.Template("statement_cover", ChannelLetter, c.Lang)
	if err != nil {
		return nil, fmt.Errorf("account statement: %w", err)
	}
	r, err := Render(subject, body, c)
	if err != nil {
		return nil, err
	}
	var due data.Money
	for _, l := range c.lines() {
		if l.DueDate.Before(c.Today) {
			due += l.Outstanding
		}
	}
	return Letter(c, r.Subject, r.Body, LetterOptions{Payment: true, PaymentAmount: due, PaymentDue: true})
}

// PenaltyStatement writes the penalty statement alone, as a letter: the
// invoices, the computation slice by slice, the totals (principal,
// penalties or interest, the indemnity for a professional) and how it is
// computed. It needs c.Statement.
func PenaltyStatement(c *Context) ([]byte, error) {
	if c.Statement == nil {
		return nil, fmt.Errorf("penalty statement of %s: %w", c.Invoice.Number, ErrNoStatement)
	}
	date := longDate(c.Statement.AsOf, c.Lang)
	intro := lw(c.Lang, "penalty.intro", "numbers", joinList(invoiceNumbers(c), c.Lang), "date", date)
	body := &Template{Paragraphs: []Paragraph{
		{Parts: []Segment{{Text: intro}}},
		{Block: "overdue_table"},
		{Block: "penalty_statement"},
		{Parts: []Segment{{Field: "penalty_basis"}}},
	}}
	title := "penalty.title"
	switch c.lateCharge() {
	case chargeInterest:
		title = "penalty.title.interest"
	case chargeMoratory:
		title = "penalty.title.public"
	}
	return Letter(c, lw(c.Lang, title, "date", date), body, LetterOptions{Payment: true, PaymentAmount: claimed(c)})
}

// claimed is what a notice or a statement claims: the statement's total
// (principal, penalties, indemnity), or what is outstanding without one.
func claimed(c *Context) data.Money {
	if c.Statement != nil && c.Statement.Total > 0 {
		return c.Statement.Total
	}
	return c.totalOutstanding()
}

// ErrNoStatement is returned when the document needs a penalty statement (the invoice is
// not late).
var ErrNoStatement = errors.New("no penalty statement: the invoice is not late")

// LetterSteps are the template keys with a letter among keys (a scenario's
// steps), in order, each once.
func LetterSteps(src TemplateSource, keys []string, lang string) []string {
	var out []string
	for _, k := range keys {
		if slices.Contains(out, k) {
			continue
		}
		if _, _, _, err := src.Template(k, ChannelLetter, lang); err == nil {
			out = append(out, k)
		}
	}
	return out
}
