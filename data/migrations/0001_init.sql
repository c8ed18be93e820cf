-- The first schema: company settings, clients, invoices, payments and the
-- event timeline. Dates are 'YYYY-MM-DD' text, instants RFC 3339 UTC text,
-- money integer cents. Plain SQL, so that the same schema can later run on
-- PostgreSQL.

CREATE TABLE company (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    legal_name         TEXT    NOT NULL DEFAULT '',
    legal_form         TEXT    NOT NULL DEFAULT '',
    capital_cents      INTEGER NOT NULL DEFAULT 0,
    siren              TEXT    NOT NULL DEFAULT '',
    rcs_city           TEXT    NOT NULL DEFAULT '',
    vat_number         TEXT    NOT NULL DEFAULT '',
    street             TEXT    NOT NULL DEFAULT '',
    postal_code        TEXT    NOT NULL DEFAULT '',
    city               TEXT    NOT NULL DEFAULT '',
    country            TEXT    NOT NULL DEFAULT 'FR',
    email              TEXT    NOT NULL DEFAULT '',
    phone              TEXT    NOT NULL DEFAULT '',
    iban               TEXT    NOT NULL DEFAULT '',
    bic                TEXT    NOT NULL DEFAULT '',
    signatory_name     TEXT    NOT NULL DEFAULT '',
    signatory_role     TEXT    NOT NULL DEFAULT '',
    payment_terms_days INTEGER NOT NULL DEFAULT 30,
    due_soon_days      INTEGER NOT NULL DEFAULT 7,
    onboarded          INTEGER NOT NULL DEFAULT 0
);

INSERT INTO company (id) VALUES (1);

CREATE TABLE clients (
    id               INTEGER PRIMARY KEY,
    name             TEXT    NOT NULL CHECK (name <> ''),
    kind             TEXT    NOT NULL CHECK (kind IN ('professional', 'consumer')),
    siren            TEXT    NOT NULL DEFAULT '',
    contact_name     TEXT    NOT NULL DEFAULT '',
    email            TEXT    NOT NULL DEFAULT '',
    email_cc         TEXT    NOT NULL DEFAULT '',
    phone            TEXT    NOT NULL DEFAULT '',
    street           TEXT    NOT NULL DEFAULT '',
    postal_code      TEXT    NOT NULL DEFAULT '',
    city             TEXT    NOT NULL DEFAULT '',
    country          TEXT    NOT NULL DEFAULT 'FR',
    category         TEXT    NOT NULL DEFAULT 'standard',
    language         TEXT    NOT NULL DEFAULT 'fr',
    notes            TEXT    NOT NULL DEFAULT '',
    reminders_paused INTEGER NOT NULL DEFAULT 0,
    paused_reason    TEXT    NOT NULL DEFAULT '',
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);

CREATE INDEX clients_name ON clients (name);

CREATE TABLE invoices (
    id            INTEGER PRIMARY KEY,
    number        TEXT    NOT NULL UNIQUE CHECK (number <> ''),
    client_id     INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    issue_date    TEXT    NOT NULL,
    delivery_date TEXT,
    due_date      TEXT    NOT NULL,
    amount_cents  INTEGER NOT NULL CHECK (amount_cents > 0),
    currency      TEXT    NOT NULL DEFAULT 'EUR',
    po_ref        TEXT    NOT NULL DEFAULT '',
    attachment    TEXT    NOT NULL DEFAULT '',
    state         TEXT    NOT NULL DEFAULT 'open'
                  CHECK (state IN ('open', 'disputed', 'written_off', 'in_litigation')),
    notes         TEXT    NOT NULL DEFAULT '',
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);

CREATE INDEX invoices_client ON invoices (client_id);
CREATE INDEX invoices_due ON invoices (due_date);

CREATE TABLE payments (
    id           INTEGER PRIMARY KEY,
    invoice_id   INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    paid_on      TEXT    NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    method       TEXT    NOT NULL DEFAULT 'transfer',
    bank_ref     TEXT,
    created_at   TEXT    NOT NULL
);

CREATE INDEX payments_invoice ON payments (invoice_id);
-- A bank line is imported once: its reference is unique when known.
CREATE UNIQUE INDEX payments_bank_ref ON payments (bank_ref) WHERE bank_ref IS NOT NULL;

CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    at         TEXT    NOT NULL,
    client_id  INTEGER REFERENCES clients (id) ON DELETE CASCADE,
    invoice_id INTEGER REFERENCES invoices (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    params     TEXT    NOT NULL DEFAULT '{}',
    file       TEXT    NOT NULL DEFAULT '',
    actor      TEXT    NOT NULL DEFAULT 'user'
);

CREATE INDEX events_invoice ON events (invoice_id, at);
CREATE INDEX events_client ON events (client_id, at);
