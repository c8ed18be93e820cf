-- Imports (issue 12): the books users bring from other tools. Each import
-- is recorded with what it added and what it changed, so that it can be
-- undone as a whole while nothing was done on its invoices since.

-- The buyer's intra-community VAT number, which e-invoices carry.
ALTER TABLE clients ADD COLUMN vat_number TEXT NOT NULL DEFAULT '';

CREATE TABLE imports (
    id            INTEGER PRIMARY KEY,
    kind          TEXT    NOT NULL,           -- csv, xlsx, fec, facturx
    files         TEXT    NOT NULL,           -- the files' base names, one per line
    at            TEXT    NOT NULL,           -- UTC instant
    added         INTEGER NOT NULL DEFAULT 0, -- invoices added
    updated       INTEGER NOT NULL DEFAULT 0,
    unchanged     INTEGER NOT NULL DEFAULT 0,
    skipped       INTEGER NOT NULL DEFAULT 0,
    -- The newest event once the import was written: an event on its
    -- invoices or its new clients after it means something was done since.
    last_event_id INTEGER NOT NULL DEFAULT 0,
    undone_at     TEXT                        -- NULL while it stands
);

-- What an import wrote, one row per record: added (undo deletes it) or
-- updated (undo puts back "before", the record as it was, in JSON).
CREATE TABLE import_items (
    import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    entity    TEXT    NOT NULL CHECK (entity IN ('client', 'invoice', 'payment', 'credit_note', 'action', 'file')),
    entity_id INTEGER NOT NULL,
    op        TEXT    NOT NULL CHECK (op IN ('added', 'updated')),
    before    TEXT    NOT NULL DEFAULT '',
    path      TEXT    NOT NULL DEFAULT ''     -- entity 'file': the file written, relative to the data dir
);

CREATE INDEX import_items_import ON import_items (import_id, entity);
