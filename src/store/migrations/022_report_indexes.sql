-- 022: a role's metric values and checklist answers read from their indexes alone.
-- Showing a role reads every value and answer of its metrics and items, in period order. The
-- rows were written meeting by meeting over the years, so each lies on a page of its own: at a
-- decade, one role's 364 answers took 339 page reads, which a key press onto the role waited
-- for when the file was not cached. These indexes hold what that read selects, in its order,
-- so it walks a few adjacent index pages. They replace the indexes they extend.
CREATE INDEX IF NOT EXISTS checklist_answers_report
    ON checklist_answers (item_id, period, id, checked);
CREATE INDEX IF NOT EXISTS metric_values_report
    ON metric_values (metric_id, period, id, value, comment);
DROP INDEX IF EXISTS checklist_answers_item;
DROP INDEX IF EXISTS metric_values_metric;
