-- Correcting mistakes (issue 10, item 17): credit notes that cancel all or
-- part of an invoice, and archived clients.
--
-- A credit note (avoir) is an accounting document: once issued it is not
-- edited or removed. It reduces what the client owes. RESTRICT: an invoice
-- with a credit note has a history and is never deleted.
CREATE TABLE credit_notes (
    id           INTEGER PRIMARY KEY,
    invoice_id   INTEGER NOT NULL REFERENCES invoices (id) ON DELETE RESTRICT,
    issued_on    TEXT    NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    reason       TEXT    NOT NULL CHECK (reason <> ''),
    created_at   TEXT    NOT NULL
);

CREATE INDEX credit_notes_invoice ON credit_notes (invoice_id);

-- paid_cents now caches what is SETTLED on the invoice: its payments plus
-- its credit notes. The open set (the partial index invoices_open, "paid_cents
-- < amount_cents") then drops a credited invoice exactly as it drops a paid
-- one, and "amount_cents - paid_cents" stays what is still owed everywhere
-- it is read. credited_cents is the credit notes' part of it; the payments
-- are paid_cents - credited_cents.
ALTER TABLE invoices ADD COLUMN credited_cents INTEGER NOT NULL DEFAULT 0;

-- 1 when a credit note, not a payment, settled the invoice (cancelled by a
-- full credit note): it is closed, never reminded and gets no thank-you.
ALTER TABLE invoices ADD COLUMN credit_closed INTEGER NOT NULL DEFAULT 0;

-- A client with a history is archived rather than deleted: it leaves the
-- lists and is never reminded until restored. NULL: not archived.
ALTER TABLE clients ADD COLUMN archived_at TEXT;

-- The planner leaves the archived clients' invoices out; the few archived
-- clients are read through this index.
CREATE INDEX clients_archived ON clients (id) WHERE archived_at IS NOT NULL;
