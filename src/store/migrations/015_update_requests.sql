-- 015: a circle member's explicit request for updates on a project, which binds its filler to
-- report on it in every tactical meeting's progress updates (4.1 §4.2.3(d): "until it's
-- either completed or dropped"; 5.0 §2.1(f): "until you determine they are no longer
-- useful", when the filler ends it). The entry that asked (or ended it) is named, so taking
-- that entry back removes (or reopens) it.
CREATE TABLE update_requests (
    id           INTEGER PRIMARY KEY,
    project_id   INTEGER NOT NULL REFERENCES projects (id),
    person_id    INTEGER NOT NULL REFERENCES people (id),
    requested_at TEXT NOT NULL,
    meeting_id   INTEGER REFERENCES meetings (id),
    event_seq    INTEGER,
    ended_at     TEXT,
    ended_meeting_id INTEGER REFERENCES meetings (id),
    ended_seq    INTEGER
);
CREATE INDEX update_requests_project ON update_requests (project_id);
CREATE INDEX update_requests_source ON update_requests (meeting_id, event_seq);
-- A process breakdown declared between meetings (4.1 §3.5.2; 5.0 §5.5) names the entry of
-- the organisation's log that declared it, so taking that entry back removes it.
ALTER TABLE process_breakdowns ADD COLUMN declared_seq INTEGER REFERENCES org_log (seq);
