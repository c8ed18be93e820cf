-- An email "on hold": the account itself failed (the server refused the
-- sign-in, the certificate or the TLS setting is wrong, the server name
-- does not exist). It stays queued, keeps its steps, and is not retried by
-- itself: the owner fixes the account, then sends the held emails again in
-- one go. The cause is in error_cause, as for any failure.
ALTER TABLE outbox ADD COLUMN held BOOLEAN NOT NULL DEFAULT FALSE;
