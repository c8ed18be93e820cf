-- What the owner did with what came back from the inbox (issue 15): a
-- bounced email stays on Today until the owner sends it again to a fixed
-- address or dismisses it (bounce_handled_at). The replies awaiting the
-- owner are the invoices a reply paused, found through their own index.
ALTER TABLE outbox ADD COLUMN bounce_handled_at TIMESTAMPTZ;
CREATE INDEX outbox_bounced_open ON outbox (id) WHERE bounced_at IS NOT NULL AND bounce_handled_at IS NULL;
CREATE INDEX invoices_replied ON invoices (id) WHERE paused = TRUE AND pause_reason = 'client_replied';
