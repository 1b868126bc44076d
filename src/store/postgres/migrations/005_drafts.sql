-- 005 (PostgreSQL): the entry being put together on a meeting's screen, kept so that a
-- program killed mid-entry resumes it, as SQLite's 005. Not part of the record.
CREATE TABLE drafts (
    meeting_id BIGINT PRIMARY KEY REFERENCES meetings (id),
    payload    TEXT NOT NULL,
    saved_at   TIMESTAMPTZ NOT NULL DEFAULT date_trunc('second', now())
);
