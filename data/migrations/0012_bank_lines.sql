-- Bank statements (issue 13): every movement read from a statement, once
-- (its identity is unique, so a statement imported twice or two that
-- overlap bring each movement in once); the payments made of a credit;
-- the payers learnt from confirmed payments.

CREATE TABLE bank_lines (
    id            INTEGER PRIMARY KEY,
    import_id     INTEGER NOT NULL REFERENCES imports (id),
    identity      TEXT    NOT NULL UNIQUE,
    file_line     INTEGER NOT NULL DEFAULT 0,
    account       TEXT    NOT NULL DEFAULT '',
    booked_on     TEXT    NOT NULL,
    value_on      TEXT,
    amount_cents  INTEGER NOT NULL,            -- signed: > 0 money in
    currency      TEXT    NOT NULL DEFAULT 'EUR',
    name          TEXT    NOT NULL DEFAULT '',
    iban          TEXT    NOT NULL DEFAULT '',
    label         TEXT    NOT NULL DEFAULT '',
    reference     TEXT    NOT NULL DEFAULT '',
    end_to_end    TEXT    NOT NULL DEFAULT '',
    is_return     INTEGER NOT NULL DEFAULT 0,
    return_reason TEXT    NOT NULL DEFAULT '',
    return_of     TEXT    NOT NULL DEFAULT '',
    -- open: to decide (a credit, or a return whose payment was not found);
    -- matched: paid invoices; ignored: not a customer payment;
    -- reversed: a return that re-opened a payment; other: a debit.
    status        TEXT    NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'matched', 'ignored', 'reversed', 'other')),
    -- A return that re-opened a payment keeps that payment here (JSON), so
    -- that undoing the statement puts it back.
    reversed      TEXT    NOT NULL DEFAULT '',
    decided_at    TEXT
);

CREATE INDEX bank_lines_status ON bank_lines (status, booked_on);
CREATE INDEX bank_lines_import ON bank_lines (import_id);

-- A payment made of a bank credit names it (several payments when the
-- credit was split across invoices); fees_cents is what the payer's bank
-- kept of it, within the owner's tolerance: the invoice counts as paid.
ALTER TABLE payments ADD COLUMN bank_line_id INTEGER REFERENCES bank_lines (id);
ALTER TABLE payments ADD COLUMN fees_cents INTEGER NOT NULL DEFAULT 0;
CREATE INDEX payments_bank_line ON payments (bank_line_id) WHERE bank_line_id IS NOT NULL;

-- Who paid for a client before: the IBAN and the name a bank printed,
-- learnt when the owner confirmed a payment, to recognise the next one.
CREATE TABLE payers (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    iban        TEXT    NOT NULL DEFAULT '',
    name        TEXT    NOT NULL DEFAULT '',
    -- the bank line it was learnt from: undoing that statement forgets it
    bank_line_id INTEGER REFERENCES bank_lines (id) ON DELETE SET NULL,
    UNIQUE (client_id, iban, name)
);

-- The owner's tolerance for bank fees kept by the payer's bank, in cents.
ALTER TABLE company ADD COLUMN bank_fee_tolerance_cents INTEGER NOT NULL DEFAULT 500;
