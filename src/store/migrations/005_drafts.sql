-- 005: the entry being put together on a meeting's screen (the open question and every
-- confirmed field), kept so that a program killed mid-entry resumes it. One per meeting;
-- JSON written by the program; not part of the record, and never in the minutes.
CREATE TABLE drafts (
    meeting_id INTEGER PRIMARY KEY REFERENCES meetings (id),
    payload    TEXT NOT NULL,
    saved_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
