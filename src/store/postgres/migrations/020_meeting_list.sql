-- 020 (PostgreSQL): as SQLite's 020, the list of past meetings counts its meetings from a
-- tally kept per kind as meetings start, and reads a screenful newest first by index: of
-- all meetings, of one circle, of one kind, or of the open ones (a range of days is one of
-- all).
CREATE TABLE meeting_counts (
    kind TEXT PRIMARY KEY,
    n    BIGINT NOT NULL
);
INSERT INTO meeting_counts (kind, n)
    SELECT kind, count(*) FROM meetings WHERE circle_id IS NOT NULL GROUP BY kind;
CREATE FUNCTION meeting_counts_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.circle_id IS NOT NULL THEN
        UPDATE meeting_counts SET n = n - 1 WHERE kind = OLD.kind;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.circle_id IS NOT NULL THEN
        INSERT INTO meeting_counts (kind, n) VALUES (NEW.kind, 1)
            ON CONFLICT (kind) DO UPDATE SET n = meeting_counts.n + 1;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER meeting_counts_keep AFTER INSERT OR DELETE OR UPDATE OF circle_id, kind
    ON meetings FOR EACH ROW EXECUTE FUNCTION meeting_counts_keep();

DROP INDEX meetings_started;
CREATE INDEX meetings_newest ON meetings (started_at DESC, id DESC)
    INCLUDE (circle_id, kind, ended_at) WHERE circle_id IS NOT NULL;
CREATE INDEX meetings_of_circle ON meetings (circle_id, started_at DESC, id DESC)
    INCLUDE (kind, ended_at) WHERE circle_id IS NOT NULL;
CREATE INDEX meetings_of_kind ON meetings (kind, started_at DESC, id DESC)
    INCLUDE (circle_id, ended_at) WHERE circle_id IS NOT NULL;
CREATE INDEX meetings_open_newest ON meetings (started_at DESC, id DESC)
    WHERE ended_at IS NULL AND circle_id IS NOT NULL;
