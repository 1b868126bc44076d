-- 008: a role's checklist items and metrics added and ended between meetings, as entries of
-- the organisation's log. An ended one stays (its answers and values, and the minutes that
-- name it, still read); the entries that added or ended it are named, so taking an entry
-- back reverses exactly it.
ALTER TABLE checklist_items ADD COLUMN added_seq INTEGER REFERENCES org_log (seq);
ALTER TABLE checklist_items ADD COLUMN ended_at TEXT;
ALTER TABLE checklist_items ADD COLUMN ended_seq INTEGER REFERENCES org_log (seq);
ALTER TABLE metrics ADD COLUMN added_seq INTEGER REFERENCES org_log (seq);
ALTER TABLE metrics ADD COLUMN ended_at TEXT;
ALTER TABLE metrics ADD COLUMN ended_seq INTEGER REFERENCES org_log (seq);
