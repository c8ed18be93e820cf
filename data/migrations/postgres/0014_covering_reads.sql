-- Covering indexes for the planner's and the invoice list's reads (issue
-- 14): the few thousand unpaid invoices of a large book, their actions and
-- their payments come out of an index alone, in the order read, without
-- visiting rows scattered through the tables. The indexes are dropped
-- first: books made while these reads were being shaped hold earlier
-- versions of them under the same names.
DROP INDEX IF EXISTS actions_invoice_done;
DROP INDEX IF EXISTS invoices_open_plan;
DROP INDEX IF EXISTS payments_invoice_plan;

-- An invoice's actions in the order the planner reads them, with the
-- columns it reads (planActionColumns).
CREATE INDEX actions_invoice_done ON actions (invoice_id, done_at, id, step_id, instalment_id, status, done_on,
    sent_on, received_on, presented_on);

-- The unpaid invoices with the columns the planner and the invoice list
-- read of them (planInvoiceColumns, the list's lines), in due-date order.
CREATE INDEX invoices_open_plan ON invoices (due_date, id, client_id, number, issue_date, delivery_date,
    amount_cents, credited_cents, paid_cents, credit_closed, state, paused, paused_until, created_at)
    WHERE paid_cents < amount_cents;

-- An invoice's payments as the planner reads them (the day and the
-- amount).
CREATE INDEX payments_invoice_plan ON payments (invoice_id, paid_on, id, amount_cents);
