-- The archived files of a shared book (the .eml of each email sent, the
-- PDFs printed, court files, the documents and invoice PDFs attached),
-- each under the path the book names it by (events.file, outbox.eml,
-- invoices.attachment, ...: relative to the data folder, with forward
-- slashes). A book in a SQLite file keeps them in its data folder and
-- leaves this table empty; on a server every PC reads them from here,
-- its data folder only a cache (app/archive). A file is written once;
-- only a queued email's is written again, dated as it goes out.
CREATE TABLE files (
    path       TEXT        PRIMARY KEY,
    content    BYTEA       NOT NULL,
    size_bytes BIGINT      NOT NULL,
    added_at   TIMESTAMPTZ NOT NULL
);
