-- What comes back from the inbox (issue 15): an email a mail server
-- returned as undeliverable keeps why (the reason in a few kinds, the
-- address and the server's words), until the owner fixes the address and
-- sends again. Replies are events on the invoices' timelines.
ALTER TABLE outbox ADD COLUMN bounced_at TIMESTAMPTZ;
ALTER TABLE outbox ADD COLUMN bounce_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN bounce_recipient TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN bounce_words TEXT NOT NULL DEFAULT '';
