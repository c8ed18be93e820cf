-- The dashboard's reads of the recent past, through covering indexes so
-- that a book of years reads only its last months:
--   what was invoiced per day (the DSO's countback), by issue date;
--   what was received per day, and which invoices it paid, by payment day.
-- payments_day replaces payments_paid_on, of which it is an extension.
CREATE INDEX invoices_issued ON invoices (issue_date, amount_cents);
CREATE INDEX payments_day ON payments (paid_on, amount_cents, invoice_id);
DROP INDEX payments_paid_on;
