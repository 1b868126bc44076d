-- 019: a row a meeting entry wrote carries that entry's time, so that start-up reads next
-- actions, projects, tensions and the moves of project statuses without looking each entry
-- up among all of them (two lookups per next action: 50 ms of start-up after a year of a
-- large organisation, growing with every meeting). NULL where no entry made it (an
-- organisation file's rows). The times are copied from the entries the rows already name.
ALTER TABLE next_actions ADD COLUMN entry_at TEXT;
ALTER TABLE next_actions ADD COLUMN done_at TEXT;
ALTER TABLE projects ADD COLUMN entry_at TEXT;
ALTER TABLE tensions ADD COLUMN entry_at TEXT;
ALTER TABLE tensions ADD COLUMN processed_at TEXT;
ALTER TABLE project_updates ADD COLUMN entry_at TEXT;
UPDATE next_actions SET
    entry_at = (SELECT e.at FROM meeting_events e
                WHERE e.meeting_id = next_actions.meeting_id AND e.seq = next_actions.event_seq),
    done_at = (SELECT e.at FROM meeting_events e
               WHERE e.meeting_id = next_actions.done_meeting_id AND e.seq = next_actions.done_seq)
WHERE meeting_id IS NOT NULL OR done_meeting_id IS NOT NULL;
UPDATE projects SET entry_at = (SELECT e.at FROM meeting_events e
                                WHERE e.meeting_id = projects.meeting_id AND e.seq = projects.event_seq)
WHERE meeting_id IS NOT NULL;
UPDATE tensions SET
    entry_at = (SELECT e.at FROM meeting_events e
                WHERE e.meeting_id = tensions.meeting_id AND e.seq = tensions.event_seq),
    processed_at = (SELECT e.at FROM meeting_events e
                    WHERE e.meeting_id = tensions.processed_meeting_id AND e.seq = tensions.processed_seq)
WHERE meeting_id IS NOT NULL OR processed_meeting_id IS NOT NULL;
UPDATE project_updates SET entry_at = (SELECT e.at FROM meeting_events e
                                       WHERE e.meeting_id = project_updates.meeting_id AND e.seq = project_updates.event_seq)
WHERE meeting_id IS NOT NULL;
-- The moves of a status, in time order, read at start without the updates that kept it.
CREATE INDEX project_updates_moves ON project_updates (entry_at, id)
    WHERE status_before <> status_after AND entry_at IS NOT NULL;
