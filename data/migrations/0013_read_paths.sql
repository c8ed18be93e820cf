-- Indexes shaped by what the planner decides (issue 14): on a book with
-- years of history, what is due depends on open invoices and their last
-- actions, not on every event ever recorded.

-- The acknowledgments of debt of the open invoices, without reading all
-- their other events (~50,000 rows on a 100k-invoice book).
CREATE INDEX events_acknowledged ON events (invoice_id) WHERE kind = 'debt_acknowledged';

-- An invoice's actions in the order the planner reads them, with the
-- columns it reads (planActionColumns): the ~24,000 actions of the open
-- invoices come out of the index alone, sorted, without a visit to the
-- table.
CREATE INDEX actions_invoice_done ON actions (invoice_id, done_at, id, step_id, instalment_id, status, done_on,
    sent_on, received_on, presented_on);

-- The unpaid invoices with the columns the planner and the invoice list
-- read of them (planInvoiceColumns, the list's lines), in due-date order:
-- the few thousand open invoices of a large book come out of this index
-- alone, already sorted, without visiting their rows scattered through
-- the table.
CREATE INDEX invoices_open_plan ON invoices (due_date, id, client_id, number, issue_date, delivery_date,
    amount_cents, credited_cents, paid_cents, credit_closed, state, paused, paused_until, created_at)
    WHERE paid_cents < amount_cents;

-- An invoice's payments as the planner reads them (the day and the
-- amount), from the index alone.
CREATE INDEX payments_invoice_plan ON payments (invoice_id, paid_on, id, amount_cents);
