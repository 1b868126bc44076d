-- 020: the list of past meetings reads what is on screen, not the history. It counts its
-- meetings from a tally kept per kind as meetings start (a count(*) read all 50,000 after a
-- year of a large organisation), and reads a screenful newest first by index: of all
-- meetings, of one circle, of one kind, of a range of days, or of the open ones. Each index
-- holds what a row of the list shows, so a read does not visit the table.
CREATE TABLE meeting_counts (
    kind TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
);
INSERT INTO meeting_counts (kind, n)
    SELECT kind, count(*) FROM meetings WHERE circle_id IS NOT NULL GROUP BY kind;
CREATE TRIGGER meeting_counts_insert AFTER INSERT ON meetings WHEN NEW.circle_id IS NOT NULL
BEGIN
    INSERT INTO meeting_counts (kind, n) VALUES (NEW.kind, 1)
        ON CONFLICT (kind) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER meeting_counts_delete AFTER DELETE ON meetings WHEN OLD.circle_id IS NOT NULL
BEGIN
    UPDATE meeting_counts SET n = n - 1 WHERE kind = OLD.kind;
END;
CREATE TRIGGER meeting_counts_update AFTER UPDATE OF circle_id, kind ON meetings
BEGIN
    UPDATE meeting_counts SET n = n - 1 WHERE kind = OLD.kind AND OLD.circle_id IS NOT NULL;
    INSERT INTO meeting_counts (kind, n) SELECT NEW.kind, 1 WHERE NEW.circle_id IS NOT NULL
        ON CONFLICT (kind) DO UPDATE SET n = n + 1;
END;

DROP INDEX meetings_started;
CREATE INDEX meetings_newest ON meetings (started_at DESC, id DESC, circle_id, kind, ended_at)
    WHERE circle_id IS NOT NULL;
CREATE INDEX meetings_of_circle ON meetings (circle_id, started_at DESC, id DESC, kind, ended_at)
    WHERE circle_id IS NOT NULL;
CREATE INDEX meetings_of_kind ON meetings (kind, started_at DESC, id DESC, circle_id, ended_at)
    WHERE circle_id IS NOT NULL;
-- Led by ended_at (NULL in every row) so that the planner reads the open ones by it.
CREATE INDEX meetings_open_newest ON meetings (ended_at, started_at DESC, id DESC, circle_id, kind)
    WHERE ended_at IS NULL AND circle_id IS NOT NULL;
