-- Every way a client may pay (issue 19): besides the transfer to the IBAN
-- already kept, a card or online payment link built per invoice from a
-- pattern with {{numero}} and {{montant_du}}, a cheque (payee and the
-- address to send it to), and a short text on direct debit. Empty: not
-- offered.
ALTER TABLE company ADD COLUMN payment_link_pattern TEXT NOT NULL DEFAULT '';
ALTER TABLE company ADD COLUMN cheque_payee TEXT NOT NULL DEFAULT '';
ALTER TABLE company ADD COLUMN cheque_address TEXT NOT NULL DEFAULT '';
ALTER TABLE company ADD COLUMN direct_debit_text TEXT NOT NULL DEFAULT '';

-- The early-payment discount (escompte): so many basis points off when
-- paid at least so many days before the due date; 0 basis points: none.
-- early_discount_since is the day the rule last changed: only invoices
-- issued from that day on get it.
ALTER TABLE company ADD COLUMN early_discount_bp INTEGER NOT NULL DEFAULT 0;
ALTER TABLE company ADD COLUMN early_discount_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE company ADD COLUMN early_discount_since DATE;

-- The discount an invoice's terms grant (Code de commerce L441-9: the
-- conditions d'escompte are stated on the invoice), copied from the
-- company's rule when the invoice is recorded, so that changing the rule
-- later never changes what an invoice already promised.
ALTER TABLE invoices ADD COLUMN discount_bp INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invoices ADD COLUMN discount_days INTEGER NOT NULL DEFAULT 0;

-- A credit note that is an early-payment discount granted to a payment
-- made in time: the invoice it settles counts as paid, not cancelled
-- (refreshSettled leaves it out of credit_closed).
ALTER TABLE credit_notes ADD COLUMN early_payment BOOLEAN NOT NULL DEFAULT FALSE;
