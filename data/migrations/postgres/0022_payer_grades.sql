-- Payer grades kept (issue 17): each client's last computed grade, the day
-- it was computed, and the category move it points to while that waits to
-- be confirmed. Computing grades reads the whole history (one to two
-- seconds on a book of 100,000 invoices); the client list reads them from
-- here instead. A table of its own rather than columns of clients: the
-- daily write of every client's grade must not fire the clients' change
-- triggers (book_changes), which would make a running window read every
-- client again; only an actual move of category updates clients.
--
-- grade    'A' to 'E', '' when the history is too short to say
-- pending  the category the grade points to, when not the client's own,
--          and pending_since the first day of the computations that point
--          to it (a move waits until they held for some days)
CREATE TABLE client_grades (
    client_id BIGINT PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
    grade         TEXT    NOT NULL CHECK (grade IN ('', 'A', 'B', 'C', 'D', 'E')),
    graded_on DATE    NOT NULL,
    pending       TEXT    NOT NULL DEFAULT '',
    pending_since DATE
);

-- A category the owner chose in the client's form is never moved by the
-- grade. Until now every category but the default was such a choice.
ALTER TABLE clients ADD COLUMN category_by_hand BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE clients SET category_by_hand = TRUE WHERE category <> 'standard';
