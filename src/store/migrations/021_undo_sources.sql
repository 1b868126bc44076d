-- 021: the assignments and update requests an entry started or ended, found by the entry.
-- Taking an entry back (any entry: a checklist answer as well as an election) ends nothing
-- and deletes nothing it did not write, but without these indexes finding that out read
-- every assignment ever made, twice, and every update request.
CREATE INDEX IF NOT EXISTS assignments_source ON assignments (meeting_id, event_seq);
CREATE INDEX IF NOT EXISTS assignments_ended_source ON assignments (ended_meeting_id, ended_seq);
CREATE INDEX IF NOT EXISTS update_requests_ended_source
    ON update_requests (ended_meeting_id, ended_seq);
-- A project taken back (one a next action or a meeting created) checks no update names it.
CREATE INDEX IF NOT EXISTS project_updates_project ON project_updates (project_id);
