-- 006: the organisation's own log of changes between meetings (people joining, renamed and
-- leaving; the Lead assigning, focusing and ending role assignments), append-only like
-- meeting_events. Rows an entry creates or ends carry its sequence number, so that taking
-- the entry back finds them. Assignments carry when they began and ended, for "as of a date".
CREATE TABLE org_log (
    seq      INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    actor_id INTEGER REFERENCES people (id),
    payload  TEXT NOT NULL  -- JSON, an OrgChange
);

CREATE TRIGGER org_log_no_update BEFORE UPDATE ON org_log
BEGIN
    SELECT RAISE(ABORT, 'the organisation log is append-only');
END;

CREATE TRIGGER org_log_no_delete BEFORE DELETE ON org_log
BEGIN
    SELECT RAISE(ABORT, 'the organisation log is append-only');
END;

ALTER TABLE people ADD COLUMN left_at TEXT;
ALTER TABLE people ADD COLUMN added_seq INTEGER REFERENCES org_log (seq);
ALTER TABLE people ADD COLUMN left_seq INTEGER REFERENCES org_log (seq);

ALTER TABLE assignments ADD COLUMN started_at TEXT;
ALTER TABLE assignments ADD COLUMN ended_at TEXT;
ALTER TABLE assignments ADD COLUMN org_seq INTEGER REFERENCES org_log (seq);
ALTER TABLE assignments ADD COLUMN ended_org_seq INTEGER REFERENCES org_log (seq);
CREATE INDEX assignments_org_seq ON assignments (org_seq);
CREATE INDEX assignments_ended_org_seq ON assignments (ended_org_seq);

-- Elected fillers recorded before: their dates are those of the meeting entries.
UPDATE assignments SET started_at = (SELECT e.at FROM meeting_events e
    WHERE e.meeting_id = assignments.meeting_id AND e.seq = assignments.event_seq)
    WHERE meeting_id IS NOT NULL;
UPDATE assignments SET ended_at = (SELECT e.at FROM meeting_events e
    WHERE e.meeting_id = assignments.ended_meeting_id AND e.seq = assignments.ended_seq)
    WHERE ended_meeting_id IS NOT NULL;
