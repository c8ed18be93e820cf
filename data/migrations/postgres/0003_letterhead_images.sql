-- The company's logo and the signatory's signature, printed on letters.
-- Small images (PNG or JPEG), kept in the book so that a backup has them.
ALTER TABLE company ADD COLUMN logo BYTEA;
ALTER TABLE company ADD COLUMN signature BYTEA;
