-- Yes/no items are stored as answered: 0 (nee) or 1 (ja); Likert items as 1-5. The store
-- accepts 0-5 and leaves the check per item kind to the import, which knows the codebook.
-- SQLite cannot change a CHECK constraint in place: rebuild the table.
CREATE TABLE answers_new (
    id            INTEGER PRIMARY KEY,
    respondent_id BIGINT NOT NULL REFERENCES respondents (id),
    item_id       TEXT NOT NULL,
    value         BIGINT CHECK (value BETWEEN 0 AND 5),
    updated_at    TEXT NOT NULL,
    import_id     BIGINT REFERENCES imports (id),
    UNIQUE (respondent_id, item_id)
);
INSERT INTO answers_new (id, respondent_id, item_id, value, updated_at, import_id)
    SELECT id, respondent_id, item_id, value, updated_at, import_id FROM answers;
DROP TABLE answers;
ALTER TABLE answers_new RENAME TO answers;
CREATE INDEX answers_import ON answers (import_id);
