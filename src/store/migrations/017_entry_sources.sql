-- 017: the rows a meeting entry wrote, found by the entry. Taking an entry back deletes what
-- it wrote by (meeting_id, event_seq); without these indexes that read every metric value,
-- next action and project ever recorded (PostgreSQL has had them since its 002).
CREATE INDEX IF NOT EXISTS metric_values_source ON metric_values (meeting_id, event_seq);
CREATE INDEX IF NOT EXISTS next_actions_source ON next_actions (meeting_id, event_seq);
CREATE INDEX IF NOT EXISTS projects_source ON projects (meeting_id, event_seq);
