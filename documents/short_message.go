package documents

import (
	"strings"

	"relance/data"
)

// Texts written outside the templates: the sentence that quotes a broken
// promise in the next reminder, and the short messages the owner pastes
// into a text message or LinkedIn. Like wordings, they are in the
// client's language.

var promiseWordings = map[string]map[string]string{
	"fr": frenchWordings(map[string]string{
		"broken_promise":      "Le {made}, vous vous étiez engagé à régler {amount} le {date} ; ce règlement ne nous est pas parvenu.",
		"agreed." + phoneCall: "lors de notre échange téléphonique du {made}",
		"agreed." + emailed:   "dans votre message du {made}",
		"agreed." + byLetter:  "dans votre courrier du {made}",
		"agreed.":             "lors de notre échange du {made}",
	}),
	"en": {
		"broken_promise":      "On {made} you undertook to pay {amount} on {date}; this payment has not reached us.",
		"agreed." + phoneCall: "during our phone call on {made}",
		"agreed." + emailed:   "in your email of {made}",
		"agreed." + byLetter:  "in your letter of {made}",
		"agreed.":             "as discussed on {made}",
	},
}

// The channels a promise came by that its confirmation names.
const (
	phoneCall = string(data.ChannelPhoneCall)
	emailed   = string(data.ChannelEmail)
	byLetter  = string(data.ChannelLetter)
)

// promiseAgreed says where a promise was made, for its confirmation: "lors
// de notre échange téléphonique du 8 décembre 2026", "dans votre message
// du …" — a promise recorded from an email is not said to be by phone.
func promiseAgreed(p *data.Promise, lang string) string {
	if p == nil {
		return ""
	}
	words := promiseWordings[docLang(lang)]
	text, ok := words["agreed."+string(p.Channel)]
	if !ok {
		text = words["agreed."]
	}
	return fill(text, map[string]string{"made": longDate(p.MadeOn, lang)})
}

// brokenPromise is the sentence a reminder quotes a broken promise with,
// "" when there is none.
func brokenPromise(p *data.Promise, lang string) string {
	if p == nil {
		return ""
	}
	return fill(promiseWordings[docLang(lang)]["broken_promise"], map[string]string{
		"made": longDate(p.MadeOn, lang), "amount": money(p.Amount, lang), "date": longDate(p.PromisedOn, lang)})
}

// ShortFacts are what a short message says: whom to, about which
// invoice, from whom, at which step of the scenario (its template key).
type ShortFacts struct {
	Lang      string // the client's language
	StepKey   string // pre_due, reminder_1, call, reminder_2, formal_notice, court_file, thank_you
	Contact   string // the client's contact person, "" when unknown
	Company   string // the owner's company
	Signatory string // who signs, "" for the company alone
	Phone     string // the company's phone, to call back
	Number    string
	Amount    data.Money // what is still owed
	DueDate   data.Date
}

// shortWordings are the short messages by language and step: a few
// sentences each, polite before the due date, firmer step by step.
var shortWordings = map[string]map[string]string{
	"fr": frenchWordings(map[string]string{
		"hello":      "Bonjour {contact},",
		"hello.none": "Bonjour,",
		"pre_due":    "petit rappel amical : la facture {number} de {amount} arrive à échéance le {due}. Merci d'avance pour votre règlement.",
		"reminder_1": "sauf erreur de notre part, la facture {number} de {amount}, échue le {due}, n'est pas encore réglée. Un simple oubli ? Je peux vous la renvoyer si besoin.",
		"call":       "j'ai essayé de vous joindre au sujet de la facture {number} de {amount}, échue le {due}. Pouvez-vous me rappeler{phone} ou me dire quand le règlement est prévu ?",
		"reminder_2": "malgré notre relance, la facture {number} de {amount}, échue le {due}, reste impayée. Merci de la régler sans tarder, ou de me dire ce qui bloque.",
		"formal_notice": "la facture {number} de {amount}, échue le {due}, reste impayée malgré nos relances : une mise en demeure vous est adressée par lettre recommandée. " +
			"Un règlement rapide nous éviterait d'aller plus loin.",
		"court_file": "la facture {number} de {amount}, échue le {due}, reste impayée malgré notre mise en demeure. Sans règlement de votre part, nous saisirons le tribunal.",
		"thank_you":  "nous avons bien reçu le règlement de la facture {number}. Merci beaucoup !",
		"phone":      " au {phone}",
		"signed":     "{signatory}, {company}",
	}),
	"en": {
		"hello":         "Hello {contact},",
		"hello.none":    "Hello,",
		"pre_due":       "a friendly reminder: invoice {number} for {amount} falls due on {due}. Thank you in advance for your payment.",
		"reminder_1":    "unless we are mistaken, invoice {number} for {amount}, due on {due}, has not been paid yet. Perhaps it was overlooked? I can send it again if needed.",
		"call":          "I tried to reach you about invoice {number} for {amount}, due on {due}. Could you call me back{phone} or tell me when payment is planned?",
		"reminder_2":    "despite our reminder, invoice {number} for {amount}, due on {due}, is still unpaid. Please pay it without delay, or tell me what is holding it up.",
		"formal_notice": "invoice {number} for {amount}, due on {due}, is still unpaid despite our reminders: a formal notice is on its way to you by registered letter. Prompt payment would spare us going further.",
		"court_file":    "invoice {number} for {amount}, due on {due}, is still unpaid despite our formal notice. Without payment from you, we will take the matter to court.",
		"thank_you":     "we have received the payment of invoice {number}. Thank you very much!",
		"phone":         " on {phone}",
		"signed":        "{signatory}, {company}",
	},
}

// ShortMessage writes the short text of f's step, to paste into a text
// message or a LinkedIn message: the greeting, two or three sentences
// with the invoice's number, amount and due date, and the signature. A
// step it has no text of (a task, a review) gets the first reminder's.
func ShortMessage(f ShortFacts) string {
	w := shortWordings[docLang(f.Lang)]
	key := f.StepKey
	if key == "formal_notice_consumer" {
		key = "formal_notice"
	}
	if _, ok := w[key]; !ok || key == "hello" || key == "phone" || key == "signed" {
		key = "reminder_1"
	}
	args := map[string]string{"contact": strings.TrimSpace(f.Contact), "number": f.Number,
		"amount": money(f.Amount, f.Lang), "due": longDate(f.DueDate, f.Lang), "company": f.Company,
		"signatory": f.Signatory}
	if f.Phone != "" {
		args["phone"] = fill(w["phone"], map[string]string{"phone": f.Phone})
	}
	hello := w["hello"]
	if args["contact"] == "" {
		hello = w["hello.none"]
	}
	signed := f.Company
	if f.Signatory != "" {
		signed = fill(w["signed"], args)
	}
	return fill(hello, args) + " " + fill(w[key], args) + "\n" + signed
}
