package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// TemplateText is a template the owner edited: the subject (emails) and
// body of one step's message, for one channel and one language. Templates
// not edited are the app's defaults and are not stored.
type TemplateText struct {
	Key       string // the step's template key
	Channel   string // "email" or "letter"
	Lang      string // "fr" or "en"
	Subject   string
	Body      string
	UpdatedAt time.Time
}

func (t *TemplateText) validate() error {
	var es FieldErrors
	es.add(required("key", t.Key))
	if t.Channel != "email" && t.Channel != "letter" {
		es.add(invalid("channel", ReasonUnknownChoice, t.Channel))
	}
	if t.Lang != "fr" && t.Lang != "en" {
		es.add(invalid("language", ReasonUnknownChoice, t.Lang))
	}
	if strings.TrimSpace(t.Body) == "" {
		es.add(invalid("body", ReasonRequired, ""))
	}
	es.add(maxLen("subject", t.Subject, 300))
	es.add(maxLen("body", t.Body, 50000))
	return es.err()
}

// GetTemplate returns the edited template of (key, channel, lang), or
// ErrNotFound when the default applies.
func (s *Store) GetTemplate(ctx context.Context, key, channel, lang string) (TemplateText, error) {
	t := TemplateText{Key: key, Channel: channel, Lang: lang}
	var updated string
	err := s.reader().QueryRowContext(ctx, `SELECT subject, body, updated_at FROM templates
		WHERE key = ? AND channel = ? AND lang = ?`, key, channel, lang).Scan(&t.Subject, &t.Body, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("template %s/%s/%s: %w", key, channel, lang, ErrNotFound)
	}
	if err != nil {
		return t, fmt.Errorf("get template: %w", translate(err))
	}
	t.UpdatedAt, err = parseTimeText(updated)
	return t, err
}

// ListTemplates returns every edited template.
func (s *Store) ListTemplates(ctx context.Context) ([]TemplateText, error) {
	rows, err := s.reader().QueryContext(ctx, `SELECT key, channel, lang, subject, body, updated_at
		FROM templates ORDER BY key, channel, lang`)
	if err != nil {
		return nil, fmt.Errorf("list templates: %w", translate(err))
	}
	defer rows.Close()
	var out []TemplateText
	for rows.Next() {
		var t TemplateText
		var updated string
		if err := rows.Scan(&t.Key, &t.Channel, &t.Lang, &t.Subject, &t.Body, &updated); err != nil {
			return nil, err
		}
		if t.UpdatedAt, err = parseTimeText(updated); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// PutTemplate saves an edited template (the caller has checked that it
// parses: documents.Parse).
func (s *Store) PutTemplate(ctx context.Context, t *TemplateText) error {
	if err := t.validate(); err != nil {
		return err
	}
	t.UpdatedAt = s.Now()
	_, err := s.writer().ExecContext(ctx, `
		INSERT INTO templates (key, channel, lang, subject, body, updated_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (key, channel, lang) DO UPDATE SET subject = excluded.subject, body = excluded.body,
		       updated_at = excluded.updated_at`,
		t.Key, t.Channel, t.Lang, t.Subject, t.Body, timeText(t.UpdatedAt))
	if err != nil {
		return fmt.Errorf("save template: %w", translate(err))
	}
	return nil
}

// ResetTemplate forgets the owner's version: the default applies again.
func (s *Store) ResetTemplate(ctx context.Context, key, channel, lang string) error {
	if _, err := s.writer().ExecContext(ctx, `DELETE FROM templates WHERE key = ? AND channel = ? AND lang = ?`,
		key, channel, lang); err != nil {
		return fmt.Errorf("reset template: %w", translate(err))
	}
	return nil
}
