-- The planner asks of each open invoice whether an import brought it in
-- (its steps start the next business day): a lookup by record.
CREATE INDEX import_items_entity ON import_items (entity, entity_id);
