-- 007 (PostgreSQL): a person's own work between meetings. As SQLite's 007: next actions
-- marked done and tensions dropped say by which log entry; tensions may be 'dropped'.
ALTER TABLE next_actions ADD COLUMN done_meeting_id BIGINT REFERENCES meetings (id),
                         ADD COLUMN done_seq BIGINT;
CREATE INDEX next_actions_done_source ON next_actions (done_meeting_id, done_seq);
ALTER TABLE tensions DROP CONSTRAINT tensions_status_check;
ALTER TABLE tensions ADD CONSTRAINT tensions_status_check
    CHECK (status IN ('open', 'processed', 'dropped'));
CREATE INDEX tensions_processed_source ON tensions (processed_meeting_id, processed_seq);
