package data

import (
	"context"
	"fmt"
)

// GetCompany returns the company settings (a new database has the defaults).
func (s *Store) GetCompany(ctx context.Context) (Company, error) {
	var c Company
	var capital, tolerance int64
	err := s.reader().QueryRowContext(ctx, `
		SELECT legal_name, legal_form, capital_cents, siren, rcs_city, vat_number,
		       street, postal_code, city, country, email, phone, iban, bic,
		       signatory_name, signatory_role, payment_terms_days, due_soon_days, onboarded,
		       throttle_days, alsace_moselle, penalty_policy, penalty_rate_bp,
		       ecb_confirmed_year, ecb_confirmed_half, logo, signature,
		       window_left_mm10, window_top_mm10, window_width_mm10, window_height_mm10, imputation,
		       daily_message_limit, bank_fee_tolerance_cents, accountant_email,
		       payment_link_pattern, cheque_payee, cheque_address, direct_debit_text,
		       early_discount_bp, early_discount_days, early_discount_since
		FROM company WHERE id = 1`).Scan(
		&c.LegalName, &c.LegalForm, &capital, &c.SIREN, &c.RCSCity, &c.VATNumber,
		&c.Address.Street, &c.Address.PostalCode, &c.Address.City, &c.Address.Country,
		&c.Email, &c.Phone, &c.IBAN, &c.BIC,
		&c.SignatoryName, &c.SignatoryRole, &c.PaymentTermsDays, &c.DueSoonDays, &c.Onboarded,
		&c.ThrottleDays, &c.AlsaceMoselle, &c.Penalty.Kind, &c.Penalty.FixedBP,
		&c.ECBConfirmedYear, &c.ECBConfirmedHalf, &c.Logo, &c.Signature,
		&c.Window.LeftMM10, &c.Window.TopMM10, &c.Window.WidthMM10, &c.Window.HeightMM10, &c.Imputation,
		&c.DailyMessageLimit, &tolerance, &c.AccountantEmail,
		&c.Pay.LinkPattern, &c.Pay.ChequePayee, &c.Pay.ChequeAddress, &c.Pay.DirectDebit,
		&c.EarlyDiscount.Rate, &c.EarlyDiscount.Days, &c.EarlyDiscount.Since)
	if err != nil {
		return Company{}, fmt.Errorf("get company: %w", translate(err))
	}
	c.Capital, c.BankFeeTolerance = Money(capital), Money(tolerance)
	return c, nil
}

// UpdateCompany validates and saves the company settings. A changed
// early-payment discount takes effect today (EarlyDiscount.Since): the
// invoices issued before were issued under the former terms.
func (s *Store) UpdateCompany(ctx context.Context, c *Company) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Store) error {
		before, err := tx.GetCompany(ctx)
		if err != nil {
			return err
		}
		c.EarlyDiscount.Since = before.EarlyDiscount.Since
		if !before.EarlyDiscount.Same(c.EarlyDiscount) {
			c.EarlyDiscount.Since = tx.Today()
		}
		return tx.updateCompany(ctx, c)
	})
}

func (s *Store) updateCompany(ctx context.Context, c *Company) error {
	_, err := s.writer().ExecContext(ctx, `
		UPDATE company SET legal_name = ?, legal_form = ?, capital_cents = ?, siren = ?,
		       rcs_city = ?, vat_number = ?, street = ?, postal_code = ?, city = ?, country = ?,
		       email = ?, phone = ?, iban = ?, bic = ?, signatory_name = ?, signatory_role = ?,
		       payment_terms_days = ?, due_soon_days = ?, onboarded = ?,
		       throttle_days = ?, alsace_moselle = ?, penalty_policy = ?, penalty_rate_bp = ?,
		       ecb_confirmed_year = ?, ecb_confirmed_half = ?, logo = ?, signature = ?,
		       window_left_mm10 = ?, window_top_mm10 = ?, window_width_mm10 = ?, window_height_mm10 = ?,
		       imputation = ?, daily_message_limit = ?, bank_fee_tolerance_cents = ?, accountant_email = ?,
		       payment_link_pattern = ?, cheque_payee = ?, cheque_address = ?, direct_debit_text = ?,
		       early_discount_bp = ?, early_discount_days = ?, early_discount_since = ?
		WHERE id = 1`,
		c.LegalName, c.LegalForm, int64(c.Capital), c.SIREN, c.RCSCity, c.VATNumber,
		c.Address.Street, c.Address.PostalCode, c.Address.City, c.Address.Country,
		c.Email, c.Phone, NormaliseIBAN(c.IBAN), c.BIC, c.SignatoryName, c.SignatoryRole,
		c.PaymentTermsDays, c.DueSoonDays, c.Onboarded,
		c.ThrottleDays, c.AlsaceMoselle, c.Penalty.Kind, c.Penalty.FixedBP,
		c.ECBConfirmedYear, c.ECBConfirmedHalf, nilIfEmpty(c.Logo), nilIfEmpty(c.Signature),
		c.Window.LeftMM10, c.Window.TopMM10, c.Window.WidthMM10, c.Window.HeightMM10, c.Imputation,
		c.DailyMessageLimit, int64(c.BankFeeTolerance), c.AccountantEmail,
		c.Pay.LinkPattern, c.Pay.ChequePayee, c.Pay.ChequeAddress, c.Pay.DirectDebit,
		c.EarlyDiscount.Rate, c.EarlyDiscount.Days, c.EarlyDiscount.Since)
	if err != nil {
		return fmt.Errorf("update company: %w", translate(err))
	}
	return nil
}

// MarkOnboarded records that the first-start choice was made.
func (s *Store) MarkOnboarded(ctx context.Context) error {
	if _, err := s.writer().ExecContext(ctx, `UPDATE company SET onboarded = 1 WHERE id = 1`); err != nil {
		return fmt.Errorf("mark onboarded: %w", translate(err))
	}
	return nil
}

// IsEmpty reports whether the book has no client and no invoice yet.
//
// It asks whether a first row exists rather than counting them: on a book
// of 100,000 invoices a count reads a whole index at every start.
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	var some bool
	err := s.reader().QueryRowContext(ctx,
		`SELECT EXISTS (SELECT 1 FROM clients) OR EXISTS (SELECT 1 FROM invoices)`).Scan(&some)
	if err != nil {
		return false, fmt.Errorf("count records: %w", translate(err))
	}
	return !some, nil
}

// nilIfEmpty stores an empty image as NULL.
func nilIfEmpty(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return b
}
