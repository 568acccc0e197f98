-- 0004: data collection on the web. A study is open or closed; a respondent has a chosen
-- language, a page to return to and a submission time; researchers and municipal contacts
-- have accounts with server-side sessions.
-- PostgreSQL flavour; keep in step with ../sqlite/0004_collection.sql.

ALTER TABLE studies ADD COLUMN status TEXT NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'closed'));

ALTER TABLE respondents ADD COLUMN language TEXT CHECK (language IN ('nl', 'en'));
ALTER TABLE respondents ADD COLUMN last_section BIGINT;
ALTER TABLE respondents ADD COLUMN submitted_at TEXT;

CREATE INDEX respondents_study_municipality ON respondents (study_id, municipality_code);

CREATE TABLE users (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email             TEXT NOT NULL UNIQUE,
    password_hash     TEXT NOT NULL,
    role              TEXT NOT NULL CHECK (role IN ('researcher', 'contact')),
    study_id          BIGINT REFERENCES studies (id),
    municipality_code TEXT,
    created_at        TEXT NOT NULL,
    -- A contact belongs to one municipality of one study; a researcher to none.
    CHECK ((role = 'researcher' AND study_id IS NULL AND municipality_code IS NULL)
        OR (role = 'contact' AND study_id IS NOT NULL AND municipality_code IS NOT NULL)),
    FOREIGN KEY (study_id, municipality_code) REFERENCES municipalities (study_id, code)
);

-- Only the SHA-256 of a session id is stored, like respondent tokens.
CREATE TABLE sessions (
    id_sha256  TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
