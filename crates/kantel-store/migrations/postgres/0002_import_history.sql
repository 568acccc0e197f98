-- 0002: import history (status, counts, replaced-by, event log) and data versions.
-- PostgreSQL flavour; keep in step with ../sqlite/0002_import_history.sql (which has to
-- rebuild `imports`; here the constraints are dropped and columns added in place).

-- imports: drop UNIQUE (study_id, kind, content_sha256), allow kind 'ratings', add the
-- history columns. The constraint names are PostgreSQL's defaults from 0001.
ALTER TABLE imports DROP CONSTRAINT imports_study_id_kind_content_sha256_key;
ALTER TABLE imports DROP CONSTRAINT imports_kind_check;
ALTER TABLE imports ADD CONSTRAINT imports_kind_check
    CHECK (kind IN ('answers', 'register_values', 'ratings'));
ALTER TABLE imports
    ADD COLUMN status                  TEXT NOT NULL DEFAULT 'active'
                                       CHECK (status IN ('active', 'replaced', 'removed')),
    ADD COLUMN status_changed_at       TEXT,
    ADD COLUMN replaced_by             BIGINT REFERENCES imports (id),
    ADD COLUMN respondents_created     BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN answers_written         BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN register_values_written BIGINT NOT NULL DEFAULT 0;
CREATE INDEX imports_study_content ON imports (study_id, kind, content_sha256);

ALTER TABLE studies ADD COLUMN data_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE respondents ADD COLUMN created_by_import BIGINT REFERENCES imports (id);
ALTER TABLE register_values ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE analysis_runs ADD COLUMN data_version BIGINT;

CREATE TABLE import_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    study_id                BIGINT NOT NULL REFERENCES studies (id),
    data_version            BIGINT NOT NULL,
    action                  TEXT NOT NULL CHECK (action IN ('import', 'replace', 'remove')),
    import_id               BIGINT NOT NULL REFERENCES imports (id),
    replaced_import_id      BIGINT REFERENCES imports (id),
    kind                    TEXT NOT NULL,
    file_name               TEXT NOT NULL,
    content_sha256          TEXT NOT NULL,
    respondents_added       BIGINT NOT NULL,
    answers_added           BIGINT NOT NULL,
    register_values_added   BIGINT NOT NULL,
    respondents_removed     BIGINT NOT NULL,
    answers_removed         BIGINT NOT NULL,
    register_values_removed BIGINT NOT NULL,
    created_at              TEXT NOT NULL,
    UNIQUE (study_id, data_version)
);

-- Existing data. Version 0001 stamped respondents created by an import with the import's
-- time and gave them no token; that identifies who created them.
UPDATE respondents SET created_by_import = (
    SELECT MIN(ir.import_id) FROM import_respondents ir JOIN imports i ON i.id = ir.import_id
    WHERE ir.respondent_id = respondents.id AND i.created_at = respondents.created_at
) WHERE token_sha256 IS NULL;
UPDATE register_values SET updated_at = (
    SELECT i.created_at FROM imports i WHERE i.id = register_values.import_id
);
UPDATE imports SET
    respondents_created = (SELECT COUNT(*) FROM respondents r WHERE r.created_by_import = imports.id),
    answers_written = (SELECT COUNT(*) FROM answers a WHERE a.import_id = imports.id),
    register_values_written = (SELECT COUNT(*) FROM register_values v WHERE v.import_id = imports.id);
-- One 'import' event per existing import, numbered per study in import order.
INSERT INTO import_events (study_id, data_version, action, import_id, replaced_import_id, kind,
    file_name, content_sha256, respondents_added, answers_added, register_values_added,
    respondents_removed, answers_removed, register_values_removed, created_at)
    SELECT study_id, ROW_NUMBER() OVER (PARTITION BY study_id ORDER BY id), 'import', id, NULL,
        kind, file_name, content_sha256, respondents_created, answers_written,
        register_values_written, 0, 0, 0, created_at
    FROM imports;
UPDATE studies SET data_version = (SELECT COUNT(*) FROM imports i WHERE i.study_id = studies.id);

CREATE INDEX respondents_created_by ON respondents (created_by_import);
CREATE INDEX respondents_municipality ON respondents (study_id, municipality_code);
CREATE INDEX register_values_updated ON register_values (import_id, updated_at);
