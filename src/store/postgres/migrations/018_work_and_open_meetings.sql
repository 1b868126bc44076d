-- 018 (PostgreSQL): the work logs and the meetings not yet ended, by index. As SQLite's 018.
CREATE INDEX meetings_work ON meetings (id) WHERE kind = 'work';
CREATE INDEX meetings_open ON meetings (id) WHERE ended_at IS NULL AND circle_id IS NOT NULL;
