-- 019 (PostgreSQL): as SQLite's 019, a row a meeting entry wrote carries that entry's time,
-- so start-up reads them without looking the entries up (PostgreSQL hashed every entry of
-- every meeting to find when next actions were done).
ALTER TABLE next_actions ADD COLUMN entry_at timestamptz;
ALTER TABLE next_actions ADD COLUMN done_at timestamptz;
ALTER TABLE projects ADD COLUMN entry_at timestamptz;
ALTER TABLE tensions ADD COLUMN entry_at timestamptz;
ALTER TABLE tensions ADD COLUMN processed_at timestamptz;
ALTER TABLE project_updates ADD COLUMN entry_at timestamptz;
UPDATE next_actions a SET entry_at = e.at FROM meeting_events e
WHERE e.meeting_id = a.meeting_id AND e.seq = a.event_seq;
UPDATE next_actions a SET done_at = e.at FROM meeting_events e
WHERE e.meeting_id = a.done_meeting_id AND e.seq = a.done_seq;
UPDATE projects p SET entry_at = e.at FROM meeting_events e
WHERE e.meeting_id = p.meeting_id AND e.seq = p.event_seq;
UPDATE tensions t SET entry_at = e.at FROM meeting_events e
WHERE e.meeting_id = t.meeting_id AND e.seq = t.event_seq;
UPDATE tensions t SET processed_at = e.at FROM meeting_events e
WHERE e.meeting_id = t.processed_meeting_id AND e.seq = t.processed_seq;
UPDATE project_updates u SET entry_at = e.at FROM meeting_events e
WHERE e.meeting_id = u.meeting_id AND e.seq = u.event_seq;
CREATE INDEX project_updates_moves ON project_updates (entry_at, id)
    WHERE status_before <> status_after AND entry_at IS NOT NULL;
