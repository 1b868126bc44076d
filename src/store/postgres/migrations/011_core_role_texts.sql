-- 011 (PostgreSQL): as SQLite's 011. Core roles carry the constitution's own purpose,
-- domains and accountabilities per rule set (issue 14); the texts are written by the data
-- step of this migration (store::core_texts), whose versions name it.
ALTER TABLE role_versions ADD COLUMN migration TEXT;
ALTER TABLE policy_versions ADD COLUMN migration TEXT;
