-- 002: meetings (and solo role reviews) as append-only event logs, and the history their
-- entries write. A review belongs to a person rather than a circle.
CREATE TABLE meetings (
    id         INTEGER PRIMARY KEY,
    circle_id  INTEGER REFERENCES circles (id),
    person_id  INTEGER REFERENCES people (id),
    kind       TEXT NOT NULL CHECK (kind IN ('tactical', 'governance', 'review')),
    started_at TEXT NOT NULL,
    ended_at   TEXT,
    CHECK ((kind = 'review') = (person_id IS NOT NULL AND circle_id IS NULL))
);
CREATE INDEX meetings_circle ON meetings (circle_id, kind, ended_at);

CREATE TABLE meeting_events (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    seq        INTEGER NOT NULL,
    at         TEXT NOT NULL,
    payload    TEXT NOT NULL,  -- JSON, the meeting kind's event
    PRIMARY KEY (meeting_id, seq)
) WITHOUT ROWID;

CREATE TRIGGER meeting_events_no_update BEFORE UPDATE ON meeting_events
BEGIN
    SELECT RAISE(ABORT, 'meeting events are append-only');
END;

CREATE TRIGGER meeting_events_no_delete BEFORE DELETE ON meeting_events
BEGIN
    SELECT RAISE(ABORT, 'meeting events are append-only');
END;

CREATE TABLE checklist_answers (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES checklist_items (id),
    period      TEXT NOT NULL,
    checked     INTEGER NOT NULL CHECK (checked IN (0, 1)),
    meeting_id  INTEGER REFERENCES meetings (id),
    event_seq   INTEGER,
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX checklist_answers_item ON checklist_answers (item_id, period);
CREATE INDEX checklist_answers_source ON checklist_answers (meeting_id, event_seq);

CREATE TABLE project_updates (
    id            INTEGER PRIMARY KEY,
    project_id    INTEGER NOT NULL REFERENCES projects (id),
    update_text   TEXT,
    status_before TEXT NOT NULL,
    status_after  TEXT NOT NULL,
    meeting_id    INTEGER REFERENCES meetings (id),
    event_seq     INTEGER,
    recorded_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX project_updates_source ON project_updates (meeting_id, event_seq);

-- Rows a meeting entry created carry that entry's meeting and sequence number.
ALTER TABLE metric_values ADD COLUMN meeting_id INTEGER REFERENCES meetings (id);
ALTER TABLE metric_values ADD COLUMN event_seq INTEGER;
ALTER TABLE next_actions ADD COLUMN meeting_id INTEGER REFERENCES meetings (id);
ALTER TABLE next_actions ADD COLUMN event_seq INTEGER;
ALTER TABLE projects ADD COLUMN meeting_id INTEGER REFERENCES meetings (id);
ALTER TABLE projects ADD COLUMN event_seq INTEGER;
ALTER TABLE tensions ADD COLUMN meeting_id INTEGER REFERENCES meetings (id);
ALTER TABLE tensions ADD COLUMN event_seq INTEGER;
-- A tension taken onto an agenda: by which meeting entry.
ALTER TABLE tensions ADD COLUMN processed_meeting_id INTEGER REFERENCES meetings (id);
ALTER TABLE tensions ADD COLUMN processed_seq INTEGER;
