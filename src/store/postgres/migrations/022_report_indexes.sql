-- 022 (PostgreSQL): as SQLite's 022, a role's metric values and checklist answers read in
-- period order from indexes that carry what the read selects, replacing the ones they extend.
CREATE INDEX IF NOT EXISTS checklist_answers_report
    ON checklist_answers (item_id, period, id) INCLUDE (checked);
CREATE INDEX IF NOT EXISTS metric_values_report
    ON metric_values (metric_id, period, id) INCLUDE (value, comment);
DROP INDEX IF EXISTS checklist_answers_item;
DROP INDEX IF EXISTS metric_values_metric;
