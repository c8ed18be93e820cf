-- A client's kept grade orders Today's actions (dunning.Priority): a grade
-- that changes is a change of the client for the books a window keeps
-- open (book_changes), so that their next refresh reads it. Only a change:
-- the day's grading writes every client's grade again, most of them the
-- same, and those must not make a window read every client again.
CREATE TRIGGER book_changes_grade_insert AFTER INSERT ON client_grades WHEN NEW.grade <> '' BEGIN
    INSERT INTO book_changes (part, client_id) VALUES ('client', NEW.client_id);
END;
CREATE TRIGGER book_changes_grade_update AFTER UPDATE OF grade ON client_grades WHEN OLD.grade <> NEW.grade BEGIN
    INSERT INTO book_changes (part, client_id) VALUES ('client', NEW.client_id);
END;
