-- 007: a person's own work between meetings. A next action marked done, and a tension
-- dropped, say by which log entry (a person's "work" log, or a meeting), so that taking the
-- entry back reopens exactly them. Tensions gain the status 'dropped' (rebuilt once to
-- widen its CHECK, keeping every row and its id).
ALTER TABLE next_actions ADD COLUMN done_meeting_id INTEGER REFERENCES meetings (id);
ALTER TABLE next_actions ADD COLUMN done_seq INTEGER;
CREATE INDEX next_actions_done_source ON next_actions (done_meeting_id, done_seq);

CREATE TABLE tensions_new (
    id                   INTEGER PRIMARY KEY,
    person_id            INTEGER NOT NULL REFERENCES people (id),
    role_id              INTEGER REFERENCES roles (id),
    circle_id            INTEGER NOT NULL REFERENCES circles (id),
    text                 TEXT NOT NULL,
    kind                 TEXT NOT NULL CHECK (kind IN ('tactical', 'governance')),
    status               TEXT NOT NULL DEFAULT 'open'
                         CHECK (status IN ('open', 'processed', 'dropped')),
    created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    meeting_id           INTEGER REFERENCES meetings (id),
    event_seq            INTEGER,
    processed_meeting_id INTEGER REFERENCES meetings (id),
    processed_seq        INTEGER
);
INSERT INTO tensions_new (id, person_id, role_id, circle_id, text, kind, status, created_at,
                          meeting_id, event_seq, processed_meeting_id, processed_seq)
    SELECT id, person_id, role_id, circle_id, text, kind, status, created_at,
           meeting_id, event_seq, processed_meeting_id, processed_seq FROM tensions;
DROP TABLE tensions;
ALTER TABLE tensions_new RENAME TO tensions;
CREATE INDEX tensions_circle ON tensions (circle_id);
CREATE INDEX tensions_source ON tensions (meeting_id, event_seq);
CREATE INDEX tensions_processed_source ON tensions (processed_meeting_id, processed_seq);
