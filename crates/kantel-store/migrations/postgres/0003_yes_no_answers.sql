-- Yes/no items are stored as answered: 0 (nee) or 1 (ja); Likert items as 1-5. The store
-- accepts 0-5 and leaves the check per item kind to the import, which knows the codebook.
ALTER TABLE answers DROP CONSTRAINT answers_value_check;
ALTER TABLE answers ADD CONSTRAINT answers_value_check CHECK (value BETWEEN 0 AND 5);
