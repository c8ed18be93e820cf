-- The other ways to reach a client: a mobile number for a text message and
-- a LinkedIn profile (Today's call line shows them, "Copy message" writes
-- the text to send there).
ALTER TABLE clients ADD COLUMN mobile TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN linkedin TEXT NOT NULL DEFAULT '';
-- Why the invoice is unpaid, as the client said it (data.DelayReason:
-- forgotten, cash_difficulty, invoice_error, missing_po, dispute, other);
-- '' until known. The payer profile counts them.
ALTER TABLE invoices ADD COLUMN delay_reason TEXT NOT NULL DEFAULT '';
