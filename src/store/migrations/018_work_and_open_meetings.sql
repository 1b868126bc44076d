-- 018: what start-up reads of the meetings table by index rather than by a scan of every
-- meeting and entry: the work logs ("My work", whose entries are read whole at start) and
-- the meetings not yet ended (home marks them). After a year of a large organisation the
-- table holds 50,000 meetings and their log a million entries.
CREATE INDEX meetings_work ON meetings (id) WHERE kind = 'work';
CREATE INDEX meetings_open ON meetings (id) WHERE ended_at IS NULL AND circle_id IS NOT NULL;
