package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ListECBRates returns the ECB rate changes, oldest first.
func (s *Store) ListECBRates(ctx context.Context) ([]ECBRate, error) {
	rows, err := s.reader().QueryContext(ctx, `SELECT effective_on, rate_bp FROM ecb_rates ORDER BY effective_on`)
	if err != nil {
		return nil, fmt.Errorf("list ECB rates: %w", translate(err))
	}
	defer rows.Close()
	var out []ECBRate
	for rows.Next() {
		var r ECBRate
		if err := rows.Scan(&r.EffectiveOn, &r.RateBP); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// PutECBRate adds or corrects the rate that took effect on a day.
func (s *Store) PutECBRate(ctx context.Context, r ECBRate) error {
	if r.EffectiveOn.IsZero() {
		return FieldErrors{invalid("effective_on", ReasonRequired, "")}
	}
	if r.RateBP < -1000 || r.RateBP > 5000 {
		return FieldErrors{invalid("rate", ReasonOutOfRange, "")}
	}
	_, err := s.writer().ExecContext(ctx, `
		INSERT INTO ecb_rates (effective_on, rate_bp) VALUES (?, ?)
		ON CONFLICT (effective_on) DO UPDATE SET rate_bp = excluded.rate_bp`, r.EffectiveOn, r.RateBP)
	if err != nil {
		return fmt.Errorf("save ECB rate: %w", translate(err))
	}
	return nil
}

// DeleteECBRate removes the change of a day.
func (s *Store) DeleteECBRate(ctx context.Context, on Date) error {
	res, err := s.writer().ExecContext(ctx, `DELETE FROM ecb_rates WHERE effective_on = ?`, on)
	if err != nil {
		return fmt.Errorf("delete ECB rate: %w", translate(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("ECB rate of %s: %w", on, ErrNotFound)
	}
	return nil
}

// ListLegalRates returns the legal interest rates, oldest half-year first.
func (s *Store) ListLegalRates(ctx context.Context) ([]LegalRate, error) {
	rows, err := s.reader().QueryContext(ctx, `SELECT year, half, professional_bp, consumer_bp FROM legal_rates ORDER BY year, half`)
	if err != nil {
		return nil, fmt.Errorf("list legal rates: %w", translate(err))
	}
	defer rows.Close()
	var out []LegalRate
	for rows.Next() {
		var r LegalRate
		if err := rows.Scan(&r.Year, &r.Half, &r.ProfessionalBP, &r.ConsumerBP); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// PutLegalRate adds or corrects the legal rate of a half-year.
func (s *Store) PutLegalRate(ctx context.Context, r LegalRate) error {
	var es FieldErrors
	if r.Year < 2000 || r.Year > 2999 || (r.Half != 1 && r.Half != 2) {
		es.add(invalid("half_year", ReasonOutOfRange, ""))
	}
	if r.ProfessionalBP < 0 || r.ProfessionalBP > 5000 || r.ConsumerBP < 0 || r.ConsumerBP > 5000 {
		es.add(invalid("rate", ReasonOutOfRange, ""))
	}
	if err := es.err(); err != nil {
		return err
	}
	_, err := s.writer().ExecContext(ctx, `
		INSERT INTO legal_rates (year, half, professional_bp, consumer_bp) VALUES (?, ?, ?, ?)
		ON CONFLICT (year, half) DO UPDATE SET professional_bp = excluded.professional_bp, consumer_bp = excluded.consumer_bp`,
		r.Year, r.Half, r.ProfessionalBP, r.ConsumerBP)
	if err != nil {
		return fmt.Errorf("save legal rate: %w", translate(err))
	}
	return nil
}

// DeleteLegalRate removes the rate of a half-year.
func (s *Store) DeleteLegalRate(ctx context.Context, year, half int) error {
	res, err := s.writer().ExecContext(ctx, `DELETE FROM legal_rates WHERE year = ? AND half = ?`, year, half)
	if err != nil {
		return fmt.Errorf("delete legal rate: %w", translate(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("legal rate %d-%d: %w", year, half, ErrNotFound)
	}
	return nil
}

// GetState reads a value the app keeps between runs ("" when never set).
func (s *Store) GetState(ctx context.Context, key string) (string, error) {
	var v string
	err := s.reader().QueryRowContext(ctx, `SELECT value FROM app_state WHERE key = ?`, key).Scan(&v)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("read state %s: %w", key, translate(err))
	}
	return v, nil
}

// SetState stores a value the app keeps between runs.
func (s *Store) SetState(ctx context.Context, key, value string) error {
	_, err := s.writer().ExecContext(ctx, `
		INSERT INTO app_state (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("save state %s: %w", key, translate(err))
	}
	return nil
}
