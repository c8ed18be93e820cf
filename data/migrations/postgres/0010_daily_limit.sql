-- At most so many messages (emails and letters) a day, all clients
-- together (issue 12): an import of 300 late invoices is sent over the
-- following days, the oldest first, rather than in one morning. 0: no limit.
ALTER TABLE company ADD COLUMN daily_message_limit BIGINT NOT NULL DEFAULT 20;
