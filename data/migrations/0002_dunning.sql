-- Dunning: scenarios and their steps, the categories that choose a scenario,
-- the steps done on invoices (actions), promises, payment plans, tasks, the
-- penalty rates, and the settings the planner reads.

CREATE TABLE scenarios (
    id         INTEGER PRIMARY KEY,
    key        TEXT    NOT NULL UNIQUE CHECK (key <> ''),
    name       TEXT    NOT NULL DEFAULT '', -- '' shows the translated name of a seeded key
    created_at TEXT    NOT NULL
);

CREATE TABLE steps (
    id                INTEGER PRIMARY KEY,
    scenario_id       INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    offset_days       INTEGER NOT NULL,
    channel           TEXT    NOT NULL CHECK (channel IN ('email', 'letter', 'registered_letter',
                                  'phone_call', 'task', 'legal_file', 'thank_you')),
    template_key      TEXT    NOT NULL DEFAULT '',
    attach_invoice    INTEGER NOT NULL DEFAULT 0,
    include_statement INTEGER NOT NULL DEFAULT 0,
    with_letter       INTEGER NOT NULL DEFAULT 0,
    deadline_days     INTEGER NOT NULL DEFAULT 0,
    auto_send         INTEGER NOT NULL DEFAULT 0,
    -- A step the user deleted after it was done on some invoice stays, retired,
    -- so that the timeline still says what was done.
    retired           INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX steps_scenario ON steps (scenario_id, position);

CREATE TABLE categories (
    key         TEXT    PRIMARY KEY,
    scenario_id INTEGER NOT NULL REFERENCES scenarios (id)
);

ALTER TABLE clients ADD COLUMN scenario_id INTEGER REFERENCES scenarios (id);
ALTER TABLE clients ADD COLUMN penalty_policy TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN penalty_rate_bp INTEGER NOT NULL DEFAULT 0;

-- paid_cents caches the sum of the invoice's payments, kept in the same
-- transaction as every payment write, so that "open invoices" is an indexed
-- query instead of an aggregate over every payment ever received.
ALTER TABLE invoices ADD COLUMN paid_cents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invoices ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invoices ADD COLUMN paused_until TEXT;
ALTER TABLE invoices ADD COLUMN pause_reason TEXT NOT NULL DEFAULT '';

UPDATE invoices SET paid_cents =
    (SELECT COALESCE(SUM(p.amount_cents), 0) FROM payments p WHERE p.invoice_id = invoices.id);

CREATE INDEX invoices_open ON invoices (due_date) WHERE paid_cents < amount_cents;
CREATE INDEX payments_paid_on ON payments (paid_on);

ALTER TABLE company ADD COLUMN throttle_days INTEGER NOT NULL DEFAULT 3;
ALTER TABLE company ADD COLUMN alsace_moselle INTEGER NOT NULL DEFAULT 0;
ALTER TABLE company ADD COLUMN penalty_policy TEXT NOT NULL DEFAULT 'ecb_plus_10';
ALTER TABLE company ADD COLUMN penalty_rate_bp INTEGER NOT NULL DEFAULT 0;
ALTER TABLE company ADD COLUMN ecb_confirmed_year INTEGER NOT NULL DEFAULT 2026;
ALTER TABLE company ADD COLUMN ecb_confirmed_half INTEGER NOT NULL DEFAULT 1;

CREATE TABLE payment_plans (
    id         INTEGER PRIMARY KEY,
    invoice_id INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    agreed_on  TEXT    NOT NULL,
    signed_on  TEXT,
    status     TEXT    NOT NULL DEFAULT 'active'
               CHECK (status IN ('active', 'completed', 'broken', 'cancelled')),
    created_at TEXT    NOT NULL
);

CREATE INDEX payment_plans_invoice ON payment_plans (invoice_id);

CREATE TABLE instalments (
    id           INTEGER PRIMARY KEY,
    plan_id      INTEGER NOT NULL REFERENCES payment_plans (id) ON DELETE CASCADE,
    due_date     TEXT    NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    missed_on    TEXT -- the day it was flagged as missed
);

CREATE INDEX instalments_plan ON instalments (plan_id, due_date);

CREATE TABLE actions (
    id              INTEGER PRIMARY KEY,
    invoice_id      INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    step_id         INTEGER NOT NULL REFERENCES steps (id) ON DELETE RESTRICT,
    instalment_id   INTEGER REFERENCES instalments (id) ON DELETE CASCADE,
    planned_on      TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    outcome         TEXT    NOT NULL DEFAULT '',
    note            TEXT    NOT NULL DEFAULT '',
    catch_up        INTEGER NOT NULL DEFAULT 0,
    done_at         TEXT    NOT NULL,
    done_on         TEXT    NOT NULL,
    tracking_number TEXT    NOT NULL DEFAULT '',
    sent_on         TEXT,
    received_on     TEXT,
    file            TEXT    NOT NULL DEFAULT ''
);

-- A step is done at most once per invoice (per instalment for a plan).
CREATE UNIQUE INDEX actions_once ON actions (invoice_id, step_id, COALESCE(instalment_id, 0));
CREATE INDEX actions_done_on ON actions (done_on);

CREATE TABLE promises (
    id           INTEGER PRIMARY KEY,
    invoice_id   INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    made_on      TEXT    NOT NULL,
    promised_on  TEXT    NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    channel      TEXT    NOT NULL DEFAULT 'phone_call',
    status       TEXT    NOT NULL DEFAULT 'open'
                 CHECK (status IN ('open', 'kept', 'broken', 'cancelled')),
    settled_on   TEXT,
    created_at   TEXT    NOT NULL
);

CREATE INDEX promises_invoice ON promises (invoice_id);

CREATE TABLE tasks (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER REFERENCES clients (id) ON DELETE CASCADE,
    invoice_id INTEGER REFERENCES invoices (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    note       TEXT    NOT NULL DEFAULT '',
    due_on     TEXT    NOT NULL,
    done_at    TEXT,
    created_at TEXT    NOT NULL
);

CREATE INDEX tasks_open ON tasks (due_on) WHERE done_at IS NULL;

CREATE TABLE ecb_rates (
    effective_on TEXT    PRIMARY KEY,
    rate_bp      INTEGER NOT NULL
);

CREATE TABLE legal_rates (
    year            INTEGER NOT NULL,
    half            INTEGER NOT NULL CHECK (half IN (1, 2)),
    professional_bp INTEGER NOT NULL,
    consumer_bp     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (year, half)
);

CREATE TABLE app_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Rates as published (LEGAL_FR.md): ECB main refinancing rate changes, and
-- the legal interest rate for a professional creditor per half-year.
INSERT INTO ecb_rates (effective_on, rate_bp) VALUES
    ('2022-12-21', 250), ('2023-02-08', 300), ('2023-03-22', 350), ('2023-05-10', 375),
    ('2023-06-21', 400), ('2023-08-02', 425), ('2023-09-20', 450), ('2024-06-12', 425),
    ('2024-09-18', 365), ('2024-10-23', 340), ('2024-12-18', 315), ('2025-02-05', 290),
    ('2025-03-12', 265), ('2025-04-23', 240), ('2025-06-11', 215);

INSERT INTO legal_rates (year, half, professional_bp, consumer_bp) VALUES
    (2023, 1, 206, 0), (2023, 2, 422, 0), (2024, 1, 507, 0), (2024, 2, 492, 0),
    (2025, 1, 371, 0), (2025, 2, 276, 0), (2026, 1, 262, 667);

-- The four scenarios of DESIGN.md. Template keys name the default templates.
INSERT INTO scenarios (id, key, created_at) VALUES
    (1, 'standard', CURRENT_TIMESTAMP), (2, 'good_payer', CURRENT_TIMESTAMP),
    (3, 'risky', CURRENT_TIMESTAMP), (4, 'key_account', CURRENT_TIMESTAMP);

INSERT INTO steps (scenario_id, position, offset_days, channel, template_key,
                   attach_invoice, include_statement, with_letter, deadline_days) VALUES
    -- Standard
    (1, 1,  -7, 'email',             'pre_due',       0, 0, 0, 0),
    (1, 2,   3, 'email',             'reminder_1',    1, 0, 0, 0),
    (1, 3,  10, 'phone_call',        'call',          0, 0, 0, 0),
    (1, 4,  15, 'email',             'reminder_2',    1, 1, 1, 0),
    (1, 5,  30, 'registered_letter', 'formal_notice', 1, 1, 0, 8),
    (1, 6,  50, 'legal_file',        'court_file',    0, 1, 0, 0),
    (1, 7,   0, 'thank_you',         'thank_you',     0, 0, 0, 0),
    -- Good payer: no phone call, softer words, notice at D+45
    (2, 1,  -7, 'email',             'pre_due',       0, 0, 0, 0),
    (2, 2,   5, 'email',             'reminder_1',    1, 0, 0, 0),
    (2, 3,  20, 'email',             'reminder_2',    1, 1, 0, 0),
    (2, 4,  45, 'registered_letter', 'formal_notice', 1, 1, 0, 8),
    (2, 5,  65, 'legal_file',        'court_file',    0, 1, 0, 0),
    (2, 6,   0, 'thank_you',         'thank_you',     0, 0, 0, 0),
    -- Risky: pre-due notice at D-10, phone at D+5, notice at D+21
    (3, 1, -10, 'email',             'pre_due',       0, 0, 0, 0),
    (3, 2,   1, 'email',             'reminder_1',    1, 0, 0, 0),
    (3, 3,   5, 'phone_call',        'call',          0, 0, 0, 0),
    (3, 4,  10, 'email',             'reminder_2',    1, 1, 1, 0),
    (3, 5,  21, 'registered_letter', 'formal_notice', 1, 1, 0, 8),
    (3, 6,  40, 'legal_file',        'court_file',    0, 1, 0, 0),
    (3, 7,   0, 'thank_you',         'thank_you',     0, 0, 0, 0),
    -- Key account: phone first, letters on request (a task to decide)
    (4, 1,  -5, 'phone_call',        'call',          0, 0, 0, 0),
    (4, 2,   5, 'phone_call',        'call',          0, 0, 0, 0),
    (4, 3,  15, 'email',             'reminder_1',    1, 0, 0, 0),
    (4, 4,  30, 'task',              'review',        0, 1, 0, 0),
    (4, 5,   0, 'thank_you',         'thank_you',     0, 0, 0, 0);

INSERT INTO categories (key, scenario_id) VALUES
    ('standard', 1), ('good_payer', 2), ('risky', 3), ('key_account', 4);
