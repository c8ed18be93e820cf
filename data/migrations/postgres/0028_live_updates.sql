-- Live updates of a shared book: each statement that writes the change
-- log, the timeline, the outbox or the bank's lines notifies the channel
-- relance_book with the writer's application_name (each process has its
-- own, data.OpenServer), so that the other windows refresh and a window
-- skips its own writes. PostgreSQL delivers a notification when the
-- transaction commits, once per transaction for the same payload.
CREATE FUNCTION notify_book_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('relance_book', current_setting('application_name'));
    RETURN NULL;
END $$;

CREATE TRIGGER notify_book_changes AFTER INSERT ON book_changes
    FOR EACH STATEMENT EXECUTE FUNCTION notify_book_change();
CREATE TRIGGER notify_book_events AFTER INSERT ON events
    FOR EACH STATEMENT EXECUTE FUNCTION notify_book_change();
CREATE TRIGGER notify_book_outbox AFTER INSERT OR UPDATE ON outbox
    FOR EACH STATEMENT EXECUTE FUNCTION notify_book_change();
CREATE TRIGGER notify_book_bank_lines AFTER INSERT OR UPDATE ON bank_lines
    FOR EACH STATEMENT EXECUTE FUNCTION notify_book_change();
