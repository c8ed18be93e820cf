-- Indexes shaped by what the planner decides (issue 14): on a book with
-- years of history, what is due depends on open invoices and their last
-- actions, not on every event ever recorded.

-- The acknowledgments of debt of the open invoices, without reading all
-- their other events (~50,000 rows on a 100k-invoice book).
CREATE INDEX events_acknowledged ON events (invoice_id) WHERE kind = 'debt_acknowledged';

-- An invoice's actions in the order the planner reads them: no sort of
-- the ~21,000 actions of the open invoices.
CREATE INDEX actions_invoice_done ON actions (invoice_id, done_at, id);
