-- 012 (PostgreSQL): past meetings in the order they are listed, newest first. As SQLite's 012.
CREATE INDEX meetings_started ON meetings (started_at DESC, id DESC) WHERE circle_id IS NOT NULL;
