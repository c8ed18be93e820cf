-- Templates the owner edited (the defaults ship with the app and are not
-- stored), and where the recipient block of a letter goes for the owner's
-- window envelopes, in tenths of a millimetre.
CREATE TABLE templates (
    key        TEXT NOT NULL,  -- the step's template key: pre_due, reminder_1, formal_notice, ...
    channel    TEXT NOT NULL CHECK (channel IN ('email', 'letter')),
    lang       TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    subject    TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (key, channel, lang)
);

ALTER TABLE company ADD COLUMN window_left_mm10 BIGINT NOT NULL DEFAULT 1100;
ALTER TABLE company ADD COLUMN window_top_mm10 BIGINT NOT NULL DEFAULT 500;
ALTER TABLE company ADD COLUMN window_width_mm10 BIGINT NOT NULL DEFAULT 850;
ALTER TABLE company ADD COLUMN window_height_mm10 BIGINT NOT NULL DEFAULT 350;
