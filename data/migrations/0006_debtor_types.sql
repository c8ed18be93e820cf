-- The law of the debtor, not just professional or consumer (LEGAL_FR.md,
-- "Debtor types"): commercial, civil, public buyer or consumer. It sets the
-- court, the form and the rate.
--
-- The old column `kind` keeps its CHECK ('professional' | 'consumer'):
-- SQLite cannot change a CHECK without rebuilding the table, and rebuilding
-- `clients` would cascade-delete its events and tasks. `kind` stays as the
-- business/consumer split, derived from debtor_type on every write; the
-- application reads debtor_type. Existing professional clients become
-- commercial debtors (the client form says so until the user confirms).
ALTER TABLE clients ADD COLUMN debtor_type TEXT NOT NULL DEFAULT 'commercial'
    CHECK (debtor_type IN ('commercial', 'civil', 'public', 'consumer'));
UPDATE clients SET debtor_type = 'consumer' WHERE kind = 'consumer';
-- 1 while the type was migrated from 'professional' and not confirmed by
-- the user: the client form asks to check it.
ALTER TABLE clients ADD COLUMN debtor_type_migrated INTEGER NOT NULL DEFAULT 0;
UPDATE clients SET debtor_type_migrated = 1 WHERE kind = 'professional';

-- The contact person's civility ('mme', 'm' or ''), for "Madame Rousseau,".
ALTER TABLE clients ADD COLUMN contact_civility TEXT NOT NULL DEFAULT ''
    CHECK (contact_civility IN ('', 'mme', 'm'));

-- How a partial payment is imputed in a penalty statement: first on the
-- accrued interest (Code civil 1343-1, the default) or on the principal.
ALTER TABLE company ADD COLUMN imputation TEXT NOT NULL DEFAULT 'interest_first'
    CHECK (imputation IN ('interest_first', 'principal'));

-- The owner gave up the penalties and the 40 € of an invoice (paid late or
-- not): the formal notice and the court file no longer claim them.
ALTER TABLE invoices ADD COLUMN penalties_waived INTEGER NOT NULL DEFAULT 0;

-- A registered letter's first presentation ("avis de passage"), when the
-- client did not sign for it: its deadline counts from that day.
ALTER TABLE actions ADD COLUMN presented_on TEXT;

-- The documents a court file needs besides the invoice: proof of the
-- contract (signed quote, order, contract, accepted terms of sale), of
-- delivery or acceptance, the debtor's Kbis. Attached to an invoice, or to
-- the client (then valid for all its invoices). path is relative to the
-- data folder.
CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    invoice_id  INTEGER REFERENCES invoices (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('contract', 'delivery', 'kbis', 'other')),
    title       TEXT    NOT NULL DEFAULT '',
    path        TEXT    NOT NULL CHECK (path <> ''),
    doc_date    TEXT,
    created_at  TEXT    NOT NULL
);

CREATE INDEX attachments_client ON attachments (client_id);
CREATE INDEX attachments_invoice ON attachments (invoice_id);

-- ECB history back to 2016 (LEGAL_FR.md), so that a claim due in 2022,
-- still within five years, counts its 2022 days. A change the user already
-- entered for one of these days is kept.
INSERT INTO ecb_rates (effective_on, rate_bp) VALUES
    ('2016-03-16', 0), ('2022-07-27', 50), ('2022-09-14', 125), ('2022-11-02', 200)
    ON CONFLICT (effective_on) DO NOTHING;
