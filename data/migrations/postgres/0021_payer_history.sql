-- Payer profiles (issue 17) read which invoices were ever disputed or taken
-- to court from the state changes alone, through their own index, instead
-- of every event of every invoice.
CREATE INDEX events_state_changed ON events (invoice_id) WHERE kind = 'state_changed';
