-- 023: everyone's own work ("My work") read by the role or circle it is about, not whole.
-- Until now every entry of every work log was read at start-up, so start-up and memory grew
-- with every entry anyone made between meetings. Each entry, and each taking back of one,
-- now has a row here naming the role it is about (NULL: a person's own action outside any
-- role) and, for a tension noted or dropped, the tension's circle. A role's entries are read
-- when a screen shows the role; tensions' and own actions' with the organisation (as the
-- tensions and own actions themselves are).
CREATE TABLE work_index (
    log_id    INTEGER NOT NULL REFERENCES meetings (id),
    seq       INTEGER NOT NULL,
    role_id   INTEGER,
    circle_id INTEGER,
    PRIMARY KEY (log_id, seq)
);

-- The entries already written: the role and circle each names, or those of the next action,
-- project or tension it names.
INSERT INTO work_index (log_id, seq, role_id, circle_id)
SELECT e.meeting_id, e.seq,
       CASE json_extract(e.payload, '$.entry.entry')
           WHEN 'next_action_done' THEN
               (SELECT role_id FROM next_actions WHERE id = json_extract(e.payload, '$.entry.action'))
           WHEN 'project_status' THEN
               (SELECT role_id FROM projects WHERE id = json_extract(e.payload, '$.entry.project'))
           WHEN 'tension_dropped' THEN
               (SELECT role_id FROM tensions WHERE id = json_extract(e.payload, '$.entry.tension'))
           ELSE json_extract(e.payload, '$.entry.role')
       END,
       CASE json_extract(e.payload, '$.entry.entry')
           WHEN 'tension' THEN json_extract(e.payload, '$.entry.circle')
           WHEN 'tension_dropped' THEN
               (SELECT circle_id FROM tensions WHERE id = json_extract(e.payload, '$.entry.tension'))
       END
FROM meeting_events e
WHERE e.meeting_id IN (SELECT id FROM meetings WHERE kind = 'work')
  AND json_extract(e.payload, '$.type') = 'recorded';

-- A taking back is about what the entry it takes back is about.
INSERT INTO work_index (log_id, seq, role_id, circle_id)
SELECT e.meeting_id, e.seq, w.role_id, w.circle_id
FROM meeting_events e
JOIN work_index w ON w.log_id = e.meeting_id AND w.seq = json_extract(e.payload, '$.seq')
WHERE e.meeting_id IN (SELECT id FROM meetings WHERE kind = 'work')
  AND json_extract(e.payload, '$.type') = 'retracted';

-- A role's entries (those of tensions aside), and what is read with the organisation.
CREATE INDEX work_index_role ON work_index (role_id, log_id, seq) WHERE circle_id IS NULL;
CREATE INDEX work_index_read_whole ON work_index (log_id, seq)
    WHERE role_id IS NULL OR circle_id IS NOT NULL;
