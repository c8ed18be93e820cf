-- The client list's invoice counts (issue 14): each client's number of
-- invoices, kept by trigger as invoices are written, so that the list of
-- 10,000 clients reads one row per client instead of counting their
-- 100,000 invoices through an index at every showing. A client with no
-- invoice has no row (it counts 0). Bulk loads, which drop the triggers,
-- count again once the rows are in (data.Store.BulkLoad).
CREATE TABLE client_invoice_counts (
    client_id BIGINT PRIMARY KEY,
    invoices BIGINT NOT NULL
);

INSERT INTO client_invoice_counts (client_id, invoices)
    SELECT client_id, COUNT(*) FROM invoices GROUP BY client_id;

-- On PostgreSQL, one function keeps the counts for the three triggers.
CREATE FUNCTION client_invoice_counts_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE client_invoice_counts SET invoices = invoices - 1 WHERE client_id = OLD.client_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO client_invoice_counts (client_id, invoices) VALUES (NEW.client_id, 1)
            ON CONFLICT (client_id) DO UPDATE SET invoices = client_invoice_counts.invoices + 1;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER client_invoice_counts_insert AFTER INSERT ON invoices FOR EACH ROW
    EXECUTE FUNCTION client_invoice_counts_keep();
CREATE TRIGGER client_invoice_counts_delete AFTER DELETE ON invoices FOR EACH ROW
    EXECUTE FUNCTION client_invoice_counts_keep();
CREATE TRIGGER client_invoice_counts_move AFTER UPDATE OF client_id ON invoices FOR EACH ROW
    WHEN (OLD.client_id <> NEW.client_id)
    EXECUTE FUNCTION client_invoice_counts_keep();
