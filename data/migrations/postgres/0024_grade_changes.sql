-- A client's kept grade orders Today's actions (dunning.Priority): a grade
-- that changes is a change of the client for the books a window keeps
-- open (book_changes), so that their next refresh reads it. Only a change:
-- the day's grading writes every client's grade again, most of them the
-- same, and those must not make a window read every client again.
CREATE FUNCTION book_changes_grade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO book_changes (part, client_id) VALUES ('client', NEW.client_id);
    RETURN NULL;
END $$;

CREATE TRIGGER book_changes_grade_insert AFTER INSERT ON client_grades FOR EACH ROW
    WHEN (NEW.grade <> '')
    EXECUTE FUNCTION book_changes_grade();
CREATE TRIGGER book_changes_grade_update AFTER UPDATE OF grade ON client_grades FOR EACH ROW
    WHEN (OLD.grade <> NEW.grade)
    EXECUTE FUNCTION book_changes_grade();
