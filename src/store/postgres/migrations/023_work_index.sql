-- 023 (PostgreSQL): as SQLite's 023, everyone's own work read by the role or circle it is
-- about: a row per entry and per taking back, naming the role (NULL: an own action outside
-- any role) and, for a tension noted or dropped, the tension's circle.
CREATE TABLE work_index (
    log_id    BIGINT NOT NULL REFERENCES meetings (id),
    seq       BIGINT NOT NULL,
    role_id   BIGINT,
    circle_id BIGINT,
    PRIMARY KEY (log_id, seq)
);

INSERT INTO work_index (log_id, seq, role_id, circle_id)
SELECT e.meeting_id, e.seq,
       CASE e.payload::jsonb -> 'entry' ->> 'entry'
           WHEN 'next_action_done' THEN
               (SELECT role_id FROM next_actions WHERE id = (e.payload::jsonb -> 'entry' ->> 'action')::bigint)
           WHEN 'project_status' THEN
               (SELECT role_id FROM projects WHERE id = (e.payload::jsonb -> 'entry' ->> 'project')::bigint)
           WHEN 'tension_dropped' THEN
               (SELECT role_id FROM tensions WHERE id = (e.payload::jsonb -> 'entry' ->> 'tension')::bigint)
           ELSE (e.payload::jsonb -> 'entry' ->> 'role')::bigint
       END,
       CASE e.payload::jsonb -> 'entry' ->> 'entry'
           WHEN 'tension' THEN (e.payload::jsonb -> 'entry' ->> 'circle')::bigint
           WHEN 'tension_dropped' THEN
               (SELECT circle_id FROM tensions WHERE id = (e.payload::jsonb -> 'entry' ->> 'tension')::bigint)
       END
FROM meeting_events e
WHERE e.meeting_id IN (SELECT id FROM meetings WHERE kind = 'work')
  AND e.payload::jsonb ->> 'type' = 'recorded';

INSERT INTO work_index (log_id, seq, role_id, circle_id)
SELECT e.meeting_id, e.seq, w.role_id, w.circle_id
FROM meeting_events e
JOIN work_index w ON w.log_id = e.meeting_id AND w.seq = (e.payload::jsonb ->> 'seq')::bigint
WHERE e.meeting_id IN (SELECT id FROM meetings WHERE kind = 'work')
  AND e.payload::jsonb ->> 'type' = 'retracted';

CREATE INDEX work_index_role ON work_index (role_id, log_id, seq) WHERE circle_id IS NULL;
CREATE INDEX work_index_read_whole ON work_index (log_id, seq)
    WHERE role_id IS NULL OR circle_id IS NOT NULL;
