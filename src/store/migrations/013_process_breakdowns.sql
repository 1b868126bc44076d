-- 013: a process breakdown is a state of the circle (4.1 §3.5; 5.0 §5.5), not only how one
-- proposal ended: declared in a governance meeting (the entry that declared it is named, so
-- taking that entry back removes it), and lasting until the super-circle's Facilitator
-- concludes that due process is restored (4.1 §3.5.3; 5.0 §5.5.2), an entry of the
-- organisation's log.
CREATE TABLE process_breakdowns (
    id           INTEGER PRIMARY KEY,
    circle_id    INTEGER NOT NULL REFERENCES circles (id),
    declared_at  TEXT NOT NULL,
    -- The declarer's name as the meeting knew them.
    declared_by  TEXT NOT NULL,
    reason       TEXT NOT NULL,
    meeting_id   INTEGER REFERENCES meetings (id),
    event_seq    INTEGER,
    restored_at  TEXT,
    restored_seq INTEGER REFERENCES org_log (seq),
    restored_by  INTEGER REFERENCES people (id)
);
CREATE INDEX process_breakdowns_circle ON process_breakdowns (circle_id);
CREATE INDEX process_breakdowns_source ON process_breakdowns (meeting_id, event_seq);
