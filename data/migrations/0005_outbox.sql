-- Mail: the owner's SMTP account (never its password: that is in the OS
-- keychain) and the outbox, every email Relance sends, with its state.

CREATE TABLE mail_account (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    from_name       TEXT    NOT NULL DEFAULT '',
    from_address    TEXT    NOT NULL DEFAULT '',
    reply_to        TEXT    NOT NULL DEFAULT '',
    host            TEXT    NOT NULL DEFAULT '',
    port            INTEGER NOT NULL DEFAULT 587,
    security        TEXT    NOT NULL DEFAULT 'starttls' CHECK (security IN ('ssl', 'starttls', 'none')),
    allow_plaintext INTEGER NOT NULL DEFAULT 0,
    username        TEXT    NOT NULL DEFAULT '',
    auth            TEXT    NOT NULL DEFAULT 'auto',
    bcc_self        INTEGER NOT NULL DEFAULT 0,
    sent_copy       INTEGER NOT NULL DEFAULT 0,
    imap_host       TEXT    NOT NULL DEFAULT '',
    imap_port       INTEGER NOT NULL DEFAULT 993,
    imap_security   TEXT    NOT NULL DEFAULT 'ssl' CHECK (imap_security IN ('ssl', 'starttls', 'none')),
    imap_folder     TEXT    NOT NULL DEFAULT '',
    preset          TEXT    NOT NULL DEFAULT '',
    updated_at      TEXT    NOT NULL
);

-- One row per email. The state moves queued -> sending -> sent, or to failed
-- (permanent refusal) or cancelled (the owner discarded it, or the invoice
-- was paid meanwhile). A row left in 'sending' by a process that died is
-- "interrupted": shown to the owner, never resent by itself. claimed_by names
-- the process run that queued it, then the one that moved it to sending.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    client_id       INTEGER REFERENCES clients (id) ON DELETE CASCADE,
    template_key    TEXT    NOT NULL DEFAULT '',
    state           TEXT    NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
    message_id      TEXT    NOT NULL UNIQUE,
    mail_from       TEXT    NOT NULL,
    recipients      TEXT    NOT NULL, -- JSON list: To, Cc and Bcc, as given to RCPT TO
    to_list         TEXT    NOT NULL DEFAULT '',
    cc_list         TEXT    NOT NULL DEFAULT '',
    subject         TEXT    NOT NULL DEFAULT '',
    eml             TEXT    NOT NULL DEFAULT '', -- the archived message, relative to the data dir
    auto            INTEGER NOT NULL DEFAULT 0,  -- queued by `relance send-due`
    attempts        INTEGER NOT NULL DEFAULT 0,
    error_cause     TEXT    NOT NULL DEFAULT '',
    error_code      INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT    NOT NULL DEFAULT '', -- the server's words
    next_attempt_at TEXT    NOT NULL,
    claimed_by      TEXT    NOT NULL DEFAULT '',
    queued_at       TEXT    NOT NULL,
    sending_at      TEXT,
    sent_at         TEXT,
    sent_copy       TEXT    NOT NULL DEFAULT '', -- '', 'done' or the IMAP error
    note            TEXT    NOT NULL DEFAULT '', -- why it was cancelled
    seen            INTEGER NOT NULL DEFAULT 0   -- the window reported it
);

CREATE INDEX outbox_state ON outbox (state, next_attempt_at);

-- The dunning steps an email fulfils. While live, an (invoice, step) belongs
-- to one email only: the index is what keeps a reminder from being queued
-- twice. A cancelled email releases its steps (live = 0).
CREATE TABLE outbox_items (
    outbox_id     INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    invoice_id    INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    step_id       INTEGER NOT NULL REFERENCES steps (id) ON DELETE CASCADE,
    instalment_id INTEGER,
    planned_on    TEXT    NOT NULL,
    catch_up      INTEGER NOT NULL DEFAULT 0,
    passed        TEXT    NOT NULL DEFAULT '[]', -- JSON list of the earlier step ids it stands for
    live          INTEGER NOT NULL DEFAULT 1
);

CREATE INDEX outbox_items_outbox ON outbox_items (outbox_id);
CREATE UNIQUE INDEX outbox_items_once ON outbox_items (invoice_id, step_id, COALESCE(instalment_id, 0))
    WHERE live = 1;
