-- The dunning book's change log (issue 14): every write that can change
-- what the planner decides leaves a row here, in the same transaction, by
-- trigger, so that a running app brings the book it holds in memory up to
-- date by reading what changed since it read it (a handful of invoices)
-- instead of reading every open invoice, its actions and its payments
-- again. Triggers, not store code: no write path (an import, a bank
-- statement, a correction, the command line in another process) can forget
-- to say what it changed.
--
-- part says what changed:
--   invoice  one invoice: the invoice, its actions, payments, promises,
--            payment plans and instalments, its acknowledgments of debt
--   client   one client (its category, scenario, pause, archive)
--   tasks    the open tasks (read whole: a few)
--   book     the rules the whole book is planned with (company settings,
--            scenarios and steps, categories, rates, imports): read it all
-- seq only grows (AUTOINCREMENT): a book read at seq S is up to date once
-- it has applied every row above S. Rows are pruned once a day
-- (app_state 'book_changes.pruned_through' says up to where: a book read
-- before that is read again whole).
CREATE TABLE book_changes (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    part       TEXT    NOT NULL CHECK (part IN ('invoice', 'client', 'tasks', 'book')),
    invoice_id INTEGER,
    client_id  INTEGER
);

CREATE TRIGGER book_changes_invoices_insert AFTER INSERT ON invoices BEGIN
    INSERT INTO book_changes (part, invoice_id, client_id) VALUES ('invoice', NEW.id, NEW.client_id);
END;
CREATE TRIGGER book_changes_invoices_update AFTER UPDATE ON invoices BEGIN
    INSERT INTO book_changes (part, invoice_id, client_id) VALUES ('invoice', NEW.id, NEW.client_id);
    -- Moved to another client: the former one's last message may change.
    INSERT INTO book_changes (part, invoice_id, client_id)
        SELECT 'invoice', OLD.id, OLD.client_id WHERE OLD.client_id <> NEW.client_id;
END;
CREATE TRIGGER book_changes_invoices_delete AFTER DELETE ON invoices BEGIN
    INSERT INTO book_changes (part, invoice_id, client_id) VALUES ('invoice', OLD.id, OLD.client_id);
END;

CREATE TRIGGER book_changes_actions_insert AFTER INSERT ON actions BEGIN
    INSERT INTO book_changes (part, invoice_id) VALUES ('invoice', NEW.invoice_id);
END;
CREATE TRIGGER book_changes_actions_update AFTER UPDATE ON actions BEGIN
    INSERT INTO book_changes (part, invoice_id) VALUES ('invoice', NEW.invoice_id);
END;
CREATE TRIGGER book_changes_actions_delete AFTER DELETE ON actions BEGIN
    INSERT INTO book_changes (part, invoice_id) VALUES ('invoice', OLD.invoice_id);
END;

CREATE TRIGGER book_changes_payments_insert AFTER INSERT ON payments BEGIN
    INSERT INTO book_changes (part, invoice_id) VALUES ('invoice', NEW.invoice_id);
END;
CREATE TRIGGER book_changes_payments_update AFTER UPDATE ON payments BEGIN
    INSERT INTO book_changes (part, invoice_id) VALUES ('invoice', NEW.invoice_id);
    INSERT INTO book_changes (part, invoice_id) SELECT 'invoice', OLD.invoice_id WHERE OLD.invoice_id <> NEW.invoice_id;
END;
CREATE TRIGGER book_changes_payments_delete AFTER DELETE ON payments BEGIN
    INSERT INTO book_changes (part, invoice_id) VALUES ('invoice', OLD.invoice_id);
END;

CREATE TRIGGER book_changes_promises_insert AFTER INSERT ON promises BEGIN
    INSERT INTO book_changes (part, invoice_id) VALUES ('invoice', NEW.invoice_id);
END;
CREATE TRIGGER book_changes_promises_update AFTER UPDATE ON promises BEGIN
    INSERT INTO book_changes (part, invoice_id) VALUES ('invoice', NEW.invoice_id);
END;
CREATE TRIGGER book_changes_promises_delete AFTER DELETE ON promises BEGIN
    INSERT INTO book_changes (part, invoice_id) VALUES ('invoice', OLD.invoice_id);
END;

CREATE TRIGGER book_changes_payment_plans_insert AFTER INSERT ON payment_plans BEGIN
    INSERT INTO book_changes (part, invoice_id) VALUES ('invoice', NEW.invoice_id);
END;
CREATE TRIGGER book_changes_payment_plans_update AFTER UPDATE ON payment_plans BEGIN
    INSERT INTO book_changes (part, invoice_id) VALUES ('invoice', NEW.invoice_id);
END;
CREATE TRIGGER book_changes_payment_plans_delete AFTER DELETE ON payment_plans BEGIN
    INSERT INTO book_changes (part, invoice_id) VALUES ('invoice', OLD.invoice_id);
END;

-- An instalment's invoice is its plan's (a plan deleted takes its
-- instalments with it: the plan's own trigger names the invoice).
CREATE TRIGGER book_changes_instalments_insert AFTER INSERT ON instalments BEGIN
    INSERT INTO book_changes (part, invoice_id)
        SELECT 'invoice', invoice_id FROM payment_plans WHERE id = NEW.plan_id;
END;
CREATE TRIGGER book_changes_instalments_update AFTER UPDATE ON instalments BEGIN
    INSERT INTO book_changes (part, invoice_id)
        SELECT 'invoice', invoice_id FROM payment_plans WHERE id = NEW.plan_id;
END;
CREATE TRIGGER book_changes_instalments_delete AFTER DELETE ON instalments BEGIN
    INSERT INTO book_changes (part, invoice_id)
        SELECT 'invoice', invoice_id FROM payment_plans WHERE id = OLD.plan_id;
END;

-- Of the timeline, only the acknowledgments of debt are planned with (they
-- restart the limitation period).
CREATE TRIGGER book_changes_events_insert AFTER INSERT ON events
    WHEN NEW.kind = 'debt_acknowledged' AND NEW.invoice_id IS NOT NULL BEGIN
    INSERT INTO book_changes (part, invoice_id) VALUES ('invoice', NEW.invoice_id);
END;
CREATE TRIGGER book_changes_events_delete AFTER DELETE ON events
    WHEN OLD.kind = 'debt_acknowledged' AND OLD.invoice_id IS NOT NULL BEGIN
    INSERT INTO book_changes (part, invoice_id) VALUES ('invoice', OLD.invoice_id);
END;

CREATE TRIGGER book_changes_clients_insert AFTER INSERT ON clients BEGIN
    INSERT INTO book_changes (part, client_id) VALUES ('client', NEW.id);
END;
CREATE TRIGGER book_changes_clients_update AFTER UPDATE ON clients BEGIN
    INSERT INTO book_changes (part, client_id) VALUES ('client', NEW.id);
END;
CREATE TRIGGER book_changes_clients_delete AFTER DELETE ON clients BEGIN
    INSERT INTO book_changes (part, client_id) VALUES ('client', OLD.id);
END;

CREATE TRIGGER book_changes_tasks_insert AFTER INSERT ON tasks BEGIN
    INSERT INTO book_changes (part) VALUES ('tasks');
END;
CREATE TRIGGER book_changes_tasks_update AFTER UPDATE ON tasks BEGIN
    INSERT INTO book_changes (part) VALUES ('tasks');
END;
CREATE TRIGGER book_changes_tasks_delete AFTER DELETE ON tasks BEGIN
    INSERT INTO book_changes (part) VALUES ('tasks');
END;

-- The rules: rare writes (Settings, the yearly rates, an import or its
-- undo), after which the book is read whole.
CREATE TRIGGER book_changes_company_update AFTER UPDATE ON company BEGIN
    INSERT INTO book_changes (part) VALUES ('book');
END;
CREATE TRIGGER book_changes_scenarios_insert AFTER INSERT ON scenarios BEGIN
    INSERT INTO book_changes (part) VALUES ('book');
END;
CREATE TRIGGER book_changes_scenarios_update AFTER UPDATE ON scenarios BEGIN
    INSERT INTO book_changes (part) VALUES ('book');
END;
CREATE TRIGGER book_changes_scenarios_delete AFTER DELETE ON scenarios BEGIN
    INSERT INTO book_changes (part) VALUES ('book');
END;
CREATE TRIGGER book_changes_steps_insert AFTER INSERT ON steps BEGIN
    INSERT INTO book_changes (part) VALUES ('book');
END;
CREATE TRIGGER book_changes_steps_update AFTER UPDATE ON steps BEGIN
    INSERT INTO book_changes (part) VALUES ('book');
END;
CREATE TRIGGER book_changes_steps_delete AFTER DELETE ON steps BEGIN
    INSERT INTO book_changes (part) VALUES ('book');
END;
CREATE TRIGGER book_changes_categories_insert AFTER INSERT ON categories BEGIN
    INSERT INTO book_changes (part) VALUES ('book');
END;
CREATE TRIGGER book_changes_categories_update AFTER UPDATE ON categories BEGIN
    INSERT INTO book_changes (part) VALUES ('book');
END;
CREATE TRIGGER book_changes_categories_delete AFTER DELETE ON categories BEGIN
    INSERT INTO book_changes (part) VALUES ('book');
END;
CREATE TRIGGER book_changes_ecb_rates_insert AFTER INSERT ON ecb_rates BEGIN
    INSERT INTO book_changes (part) VALUES ('book');
END;
CREATE TRIGGER book_changes_ecb_rates_update AFTER UPDATE ON ecb_rates BEGIN
    INSERT INTO book_changes (part) VALUES ('book');
END;
CREATE TRIGGER book_changes_ecb_rates_delete AFTER DELETE ON ecb_rates BEGIN
    INSERT INTO book_changes (part) VALUES ('book');
END;
CREATE TRIGGER book_changes_legal_rates_insert AFTER INSERT ON legal_rates BEGIN
    INSERT INTO book_changes (part) VALUES ('book');
END;
CREATE TRIGGER book_changes_legal_rates_update AFTER UPDATE ON legal_rates BEGIN
    INSERT INTO book_changes (part) VALUES ('book');
END;
CREATE TRIGGER book_changes_legal_rates_delete AFTER DELETE ON legal_rates BEGIN
    INSERT INTO book_changes (part) VALUES ('book');
END;
CREATE TRIGGER book_changes_imports_insert AFTER INSERT ON imports BEGIN
    INSERT INTO book_changes (part) VALUES ('book');
END;
CREATE TRIGGER book_changes_imports_update AFTER UPDATE ON imports BEGIN
    INSERT INTO book_changes (part) VALUES ('book');
END;
CREATE TRIGGER book_changes_imports_delete AFTER DELETE ON imports BEGIN
    INSERT INTO book_changes (part) VALUES ('book');
END;
