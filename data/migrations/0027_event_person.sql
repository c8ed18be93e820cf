-- Who did it, on a shared book: the name of the person at the PC that
-- recorded the event (sharedbook.Connection.Person, else the server
-- role). Empty on a book one person keeps: "user" says enough there.
ALTER TABLE events ADD COLUMN person TEXT NOT NULL DEFAULT '';
