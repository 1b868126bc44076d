-- 014 (PostgreSQL): the adoption being put together on the welcome screens, kept so that a
-- program killed mid-adoption resumes it, as SQLite's 013. Not part of the record.
CREATE TABLE adoption_draft (
    id       BIGINT PRIMARY KEY CHECK (id = 1),
    payload  TEXT NOT NULL,
    saved_at TIMESTAMPTZ NOT NULL DEFAULT date_trunc('second', now())
);
