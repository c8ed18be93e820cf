-- The client list's invoice counts (issue 14): each client's number of
-- invoices, kept by trigger as invoices are written, so that the list of
-- 10,000 clients reads one row per client instead of counting their
-- 100,000 invoices through an index at every showing. A client with no
-- invoice has no row (it counts 0). Bulk loads, which drop the triggers,
-- count again once the rows are in (data.Store.BulkLoad).
CREATE TABLE client_invoice_counts (
    client_id INTEGER PRIMARY KEY,
    invoices  INTEGER NOT NULL
);

INSERT INTO client_invoice_counts (client_id, invoices)
    SELECT client_id, COUNT(*) FROM invoices GROUP BY client_id;

CREATE TRIGGER client_invoice_counts_insert AFTER INSERT ON invoices BEGIN
    INSERT INTO client_invoice_counts (client_id, invoices) VALUES (NEW.client_id, 1)
        ON CONFLICT (client_id) DO UPDATE SET invoices = invoices + 1;
END;
CREATE TRIGGER client_invoice_counts_delete AFTER DELETE ON invoices BEGIN
    UPDATE client_invoice_counts SET invoices = invoices - 1 WHERE client_id = OLD.client_id;
END;
CREATE TRIGGER client_invoice_counts_move AFTER UPDATE OF client_id ON invoices
WHEN OLD.client_id <> NEW.client_id BEGIN
    UPDATE client_invoice_counts SET invoices = invoices - 1 WHERE client_id = OLD.client_id;
    INSERT INTO client_invoice_counts (client_id, invoices) VALUES (NEW.client_id, 1)
        ON CONFLICT (client_id) DO UPDATE SET invoices = invoices + 1;
END;
