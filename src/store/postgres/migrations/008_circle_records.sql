-- 008 (PostgreSQL): checklist items and metrics added and ended between meetings. As
-- SQLite's 008.
ALTER TABLE checklist_items ADD COLUMN added_seq BIGINT REFERENCES org_log (seq),
                            ADD COLUMN ended_at TIMESTAMPTZ,
                            ADD COLUMN ended_seq BIGINT REFERENCES org_log (seq);
ALTER TABLE metrics ADD COLUMN added_seq BIGINT REFERENCES org_log (seq),
                    ADD COLUMN ended_at TIMESTAMPTZ,
                    ADD COLUMN ended_seq BIGINT REFERENCES org_log (seq);
