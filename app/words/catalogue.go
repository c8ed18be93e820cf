package words

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"text/template"

	"github.com/jeandeaual/go-locale"

	"relance/assets"
)

// Languages are the languages the catalogues are written in; the first is
// the one used when the system's is neither.
var Languages = []string{"en", "fr"}

// Translator finds a sentence by its key and fills it with data (a
// map[string]any, as Fyne's lang.L takes): Catalogue, or the window's
// adapter over Fyne's lang package.
type Translator interface {
	L(key string, data ...any) string
	N(key string, count int, data ...any) string
}

// Catalogue is one language's sentences, read from the same files the
// window reads (assets/translations, go-i18n's format: a key maps to a
// text, or to its plural forms "one" and "other"). The texts are Go
// templates over the data given.
type Catalogue struct {
	lang     string
	messages map[string]message
}

// message is a sentence with its plural forms; other is the only one of a
// sentence that has none.
type message struct {
	one, other string
}

// Load reads the catalogue of lang ("fr", "en").
func Load(lang string) (*Catalogue, error) {
	files, err := fs.Glob(assets.Translations, "translations/*.json")
	if err != nil {
		return nil, err
	}
	c := &Catalogue{lang: lang, messages: map[string]message{}}
	for _, f := range files {
		base := strings.TrimSuffix(path.Base(f), ".json")
		if base != lang && !strings.HasSuffix(base, "."+lang) {
			continue
		}
		if err := c.read(f); err != nil {
			return nil, err
		}
	}
	if len(c.messages) == 0 {
		return nil, fmt.Errorf("load translations: no catalogue for %q", lang)
	}
	return c, nil
}

// read adds one file's sentences.
func (c *Catalogue) read(file string) error {
	raw, err := fs.ReadFile(assets.Translations, file)
	if err != nil {
		return err
	}
	var entries map[string]json.RawMessage
	if err := json.Unmarshal(raw, &entries); err != nil {
		return fmt.Errorf("load translations: %s: %w", file, err)
	}
	for key, value := range entries {
		var m message
		var text string
		var forms struct{ One, Other string }
		switch {
		case json.Unmarshal(value, &text) == nil:
			m.other = text
		case json.Unmarshal(value, &forms) == nil:
			m.one, m.other = forms.One, forms.Other
		default:
			return fmt.Errorf("load translations: %s: %q is neither a text nor plural forms", file, key)
		}
		c.messages[key] = m
	}
	return nil
}

// Lang is the catalogue's language.
func (c *Catalogue) Lang() string { return c.lang }

// L is the sentence of key filled with data; the key itself when the
// catalogue has no such sentence (as Fyne does).
func (c *Catalogue) L(key string, data ...any) string {
	m, ok := c.messages[key]
	if !ok {
		return key
	}
	return fillTemplate(key, m.other, data)
}

// N is the sentence of key in the plural form count asks for in the
// catalogue's language.
func (c *Catalogue) N(key string, count int, data ...any) string {
	m, ok := c.messages[key]
	if !ok {
		return key
	}
	text := m.other
	if m.one != "" && c.isOne(count) {
		text = m.one
	}
	return fillTemplate(key, text, data)
}

// isOne is CLDR's "one" for an integer: 0 and 1 in French, 1 in English.
func (c *Catalogue) isOne(n int) bool {
	if c.lang == "fr" {
		return n == 0 || n == 1
	}
	return n == 1
}

// fillTemplate executes a sentence over its data; a sentence that does not
// parse is shown as written rather than lost.
func fillTemplate(key, text string, data []any) string {
	if !strings.Contains(text, "{{") {
		return text
	}
	t, err := template.New(key).Parse(text)
	if err != nil {
		return text
	}
	var arg any
	if len(data) > 0 {
		arg = data[0]
	}
	var b strings.Builder
	if err := t.Execute(&b, arg); err != nil {
		return text
	}
	return b.String()
}

// SystemLanguage is the catalogue language that matches the system's
// preferred languages (LANGUAGE, LC_ALL, LANG on Unix; the user's settings
// on Windows and macOS), English when none does. "C" and the like name no
// language.
func SystemLanguage() string {
	preferred, _ := locale.GetLocales()
	for _, tag := range preferred {
		code := strings.ToLower(tag)
		for _, l := range Languages {
			if code == l || strings.HasPrefix(code, l+"-") || strings.HasPrefix(code, l+"_") {
				return l
			}
		}
	}
	return Languages[0]
}
