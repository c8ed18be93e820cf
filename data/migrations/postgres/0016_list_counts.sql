-- The invoice list's counts (issue 14): the clients whose reminders are
-- paused, a handful, read through their own index rather than by a visit
-- to each unpaid invoice's client.
CREATE INDEX clients_paused ON clients (id) WHERE reminders_paused = TRUE;
