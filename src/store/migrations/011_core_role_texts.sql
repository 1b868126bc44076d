-- 011: core roles carry the constitution's own purpose, domains and accountabilities per
-- rule set (issue 14). The texts are written by the data step of this migration
-- (store::core_texts); a version it writes names it here instead of a meeting entry.
ALTER TABLE role_versions ADD COLUMN migration TEXT;
ALTER TABLE policy_versions ADD COLUMN migration TEXT;
