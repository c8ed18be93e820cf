package documents

import (
	"embed"
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"relance/data"
)

// Kinds of template: an email (subject and body) or a letter (its "Objet"
// line and body). A call script and the court file's cover text are
// letters too: text the owner reads or prints.
const (
	ChannelEmail  = "email"
	ChannelLetter = "letter"
)

// ErrNoTemplate is returned when no template exists for a key, channel and
// language.
var ErrNoTemplate = errors.New("no such template")

// TemplateSource finds a template text: the owner's edited version if
// any, else the default.
type TemplateSource interface {
	Template(key, channel, lang string) (subject, body string, edited bool, err error)
}

// defaultFiles are the default templates: defaults/<lang>/<key>.<channel>.txt,
// a first line "Subject: ..." (the email subject or the letter's object),
// a blank line, then the body.
//
//go:embed defaults
var defaultFiles embed.FS

// Defaults is the source of the embedded default templates only.
func Defaults() TemplateSource { return defaultSource{} }

type defaultSource struct{}

func (defaultSource) Template(key, channel, lang string) (string, string, bool, error) {
	subject, body, err := DefaultTemplate(key, channel, lang)
	return subject, body, false, err
}

// DefaultTemplate returns the default subject and body of a template;
// ErrNoTemplate when there is none. Languages other than English get the
// French text.
func DefaultTemplate(key, channel, lang string) (subject, body string, err error) {
	if strings.ContainsAny(key+channel, "/.\\") {
		return "", "", ErrNoTemplate
	}
	raw, err := defaultFiles.ReadFile(path.Join("defaults", docLang(lang), key+"."+channel+".txt"))
	if err != nil {
		return "", "", ErrNoTemplate
	}
	subject, body = splitSubject(string(raw))
	return subject, body, nil
}

// splitSubject separates the "Subject:" line of a template file from its body.
func splitSubject(text string) (subject, body string) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	first, rest, _ := strings.Cut(text, "\n")
	if s, ok := strings.CutPrefix(first, "Subject:"); ok {
		subject, text = strings.TrimSpace(s), rest
	}
	return subject, strings.Trim(text, "\n")
}

// TemplateID names a template: a step's key and a channel.
type TemplateID struct {
	Key, Channel string
}

// templateOrder is the order of the keys in a dunning scenario, then the
// documents outside it.
var templateOrder = []string{"pre_due", "reminder_1", "call", "promise_confirmation", "reminder_2", "formal_notice", "formal_notice_consumer",
	"court_file", "statement_cover", "plan_agreement", "thank_you"}

// DefaultTemplates lists the templates the app ships, in scenario order,
// emails before letters.
func DefaultTemplates() []TemplateID {
	var out []TemplateID
	files, _ := fs.Glob(defaultFiles, "defaults/fr/*.txt")
	for _, f := range files {
		key, channel, _ := strings.Cut(strings.TrimSuffix(path.Base(f), ".txt"), ".")
		out = append(out, TemplateID{Key: key, Channel: channel})
	}
	rank := func(key string) int {
		if i := slices.Index(templateOrder, key); i >= 0 {
			return i
		}
		return len(templateOrder)
	}
	slices.SortFunc(out, func(a, b TemplateID) int {
		if d := rank(a.Key) - rank(b.Key); d != 0 {
			return d
		}
		return strings.Compare(a.Channel, b.Channel)
	})
	return out
}

// TemplateKeyFor is the template key a step's key stands for with a client
// of this kind: the formal notice to a consumer is its own text, which
// claims neither the L441-10 penalties nor the 40 € indemnity.
func TemplateKeyFor(key string, kind data.ClientKind) string {
	if key == "formal_notice" && kind == data.Consumer {
		return "formal_notice_consumer"
	}
	return key
}
