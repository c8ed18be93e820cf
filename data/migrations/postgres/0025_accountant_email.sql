-- The accountant's address: "Send to my accountant" mails the open items
-- there (exports.ReportAccountant), without asking each time.
ALTER TABLE company ADD COLUMN accountant_email TEXT NOT NULL DEFAULT '';
