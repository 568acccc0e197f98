-- kantel store schema, SQLite flavour. Keep in step with ../postgres/0001_init.sql:
-- the two files differ only in how the surrogate key is declared.
-- Booleans are INTEGER 0/1, timestamps RFC 3339 TEXT, JSON TEXT (the sqlx Any driver maps no more).

CREATE TABLE studies (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    definition_toml TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE municipalities (
    id                 INTEGER PRIMARY KEY,
    study_id           BIGINT NOT NULL REFERENCES studies (id),
    code               TEXT NOT NULL,
    name               TEXT NOT NULL,
    inhabitants        BIGINT NOT NULL CHECK (inhabitants >= 0),
    municipality_group TEXT,
    UNIQUE (study_id, code)
);

CREATE TABLE respondents (
    id                INTEGER PRIMARY KEY,
    study_id          BIGINT NOT NULL REFERENCES studies (id),
    external_id       TEXT NOT NULL,
    municipality_code TEXT NOT NULL,
    respondent_group  TEXT NOT NULL,
    token_sha256      TEXT UNIQUE,
    created_at        TEXT NOT NULL,
    UNIQUE (study_id, external_id),
    FOREIGN KEY (study_id, municipality_code) REFERENCES municipalities (study_id, code)
);

CREATE TABLE imports (
    id             INTEGER PRIMARY KEY,
    study_id       BIGINT NOT NULL REFERENCES studies (id),
    kind           TEXT NOT NULL CHECK (kind IN ('answers', 'register_values')),
    file_name      TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    row_count      BIGINT NOT NULL,
    created_at     TEXT NOT NULL,
    UNIQUE (study_id, kind, content_sha256)
);

CREATE TABLE import_respondents (
    import_id     BIGINT NOT NULL REFERENCES imports (id),
    respondent_id BIGINT NOT NULL REFERENCES respondents (id),
    row_number    BIGINT NOT NULL,
    PRIMARY KEY (import_id, respondent_id)
);

CREATE TABLE answers (
    id            INTEGER PRIMARY KEY,
    respondent_id BIGINT NOT NULL REFERENCES respondents (id),
    item_id       TEXT NOT NULL,
    value         BIGINT CHECK (value BETWEEN 1 AND 5),
    updated_at    TEXT NOT NULL,
    import_id     BIGINT REFERENCES imports (id),
    UNIQUE (respondent_id, item_id)
);

CREATE TABLE register_values (
    id                INTEGER PRIMARY KEY,
    study_id          BIGINT NOT NULL REFERENCES studies (id),
    municipality_code TEXT NOT NULL,
    indicator         TEXT NOT NULL,
    year              BIGINT NOT NULL,
    value             DOUBLE PRECISION,
    source            TEXT NOT NULL,
    import_id         BIGINT NOT NULL REFERENCES imports (id),
    UNIQUE (study_id, municipality_code, indicator, year)
);

CREATE TABLE analysis_runs (
    id            INTEGER PRIMARY KEY,
    study_id      BIGINT NOT NULL REFERENCES studies (id),
    kind          TEXT NOT NULL,
    settings_json TEXT NOT NULL,
    result_json   TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

CREATE INDEX answers_import ON answers (import_id);
CREATE INDEX register_values_import ON register_values (import_id);
CREATE INDEX import_respondents_respondent ON import_respondents (respondent_id);
CREATE INDEX analysis_runs_study ON analysis_runs (study_id);
