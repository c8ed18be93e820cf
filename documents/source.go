package documents

import (
	"context"
	"errors"

	"relance/data"
)

// TemplateGetter is what the store-backed source needs of the store
// (data.Store satisfies it), so that documents does not depend on the
// store's concrete type.
type TemplateGetter interface {
	GetTemplate(ctx context.Context, key, channel, lang string) (data.TemplateText, error)
}

// StoreSource is the owner's edited templates, falling back on the
// defaults. ctx bounds the store reads of its lookups.
func StoreSource(ctx context.Context, store TemplateGetter) TemplateSource {
	return storeSource{ctx: ctx, store: store}
}

type storeSource struct {
	ctx   context.Context
	store TemplateGetter
}

func (s storeSource) Template(key, channel, lang string) (string, string, bool, error) {
	t, err := s.store.GetTemplate(s.ctx, key, channel, docLang(lang))
	switch {
	case err == nil:
		return t.Subject, t.Body, true, nil
	case !errors.Is(err, data.ErrNotFound):
		return "", "", false, err
	}
	subject, body, err := DefaultTemplate(key, channel, lang)
	return subject, body, false, err
}
