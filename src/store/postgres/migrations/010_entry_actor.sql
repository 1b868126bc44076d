-- 010 (PostgreSQL): who made each meeting entry, as SQLite's 010: the name the program was
-- started with (`--as NAME` or ROUNDTABLE_AS), or nothing.
ALTER TABLE meeting_events ADD COLUMN actor TEXT;

-- Every reference may be checked at commit rather than at once when a transaction asks
-- (`SET CONSTRAINTS ALL DEFERRED`), as `roundtable db copy` does: people and the
-- organisation log refer to each other. Checked at once otherwise, as before.
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT conrelid::regclass AS tbl, conname FROM pg_constraint
             WHERE contype = 'f' AND NOT condeferrable
               AND connamespace = current_schema()::regnamespace
    LOOP
        EXECUTE format('ALTER TABLE %s ALTER CONSTRAINT %I DEFERRABLE INITIALLY IMMEDIATE',
                       c.tbl, c.conname);
    END LOOP;
END $$;
