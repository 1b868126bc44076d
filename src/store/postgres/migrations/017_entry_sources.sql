-- 017 (PostgreSQL): as SQLite's 017, which adds the indexes PostgreSQL has had since 002;
-- here it only keeps the two schemas numbered alike.
CREATE INDEX IF NOT EXISTS metric_values_source ON metric_values (meeting_id, event_seq);
CREATE INDEX IF NOT EXISTS next_actions_source ON next_actions (meeting_id, event_seq);
CREATE INDEX IF NOT EXISTS projects_source ON projects (meeting_id, event_seq);
