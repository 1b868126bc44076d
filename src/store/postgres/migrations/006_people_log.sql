-- 006 (PostgreSQL): the organisation's own log of changes between meetings, append-only like
-- meeting_events, and the dates of people leaving and of assignments. As SQLite's 006.
CREATE TABLE org_log (
    seq      BIGINT PRIMARY KEY,
    at       TIMESTAMPTZ NOT NULL,
    actor_id BIGINT REFERENCES people (id),
    payload  TEXT NOT NULL  -- JSON, an OrgChange, kept as written
);

CREATE FUNCTION org_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the organisation log is append-only';
END $$;
CREATE TRIGGER org_log_no_change BEFORE UPDATE OR DELETE ON org_log
    FOR EACH ROW EXECUTE FUNCTION org_log_append_only();

ALTER TABLE people ADD COLUMN left_at TIMESTAMPTZ,
                   ADD COLUMN added_seq BIGINT REFERENCES org_log (seq),
                   ADD COLUMN left_seq BIGINT REFERENCES org_log (seq);

ALTER TABLE assignments ADD COLUMN started_at TIMESTAMPTZ,
                        ADD COLUMN ended_at TIMESTAMPTZ,
                        ADD COLUMN org_seq BIGINT REFERENCES org_log (seq),
                        ADD COLUMN ended_org_seq BIGINT REFERENCES org_log (seq);
CREATE INDEX assignments_org_seq ON assignments (org_seq);
CREATE INDEX assignments_ended_org_seq ON assignments (ended_org_seq);

-- Elected fillers recorded before: their dates are those of the meeting entries.
UPDATE assignments SET started_at = (SELECT e.at FROM meeting_events e
    WHERE e.meeting_id = assignments.meeting_id AND e.seq = assignments.event_seq)
    WHERE meeting_id IS NOT NULL;
UPDATE assignments SET ended_at = (SELECT e.at FROM meeting_events e
    WHERE e.meeting_id = assignments.ended_meeting_id AND e.seq = assignments.ended_seq)
    WHERE ended_meeting_id IS NOT NULL;
