-- 004: the meeting kind is checked by the program, not by a CHECK that lists the kinds, so a
-- new kind of meeting needs no table rebuild. A meeting still belongs to exactly one circle
-- or (a solo review) one person. Rebuilt once here, keeping every row and its id; the
-- references to meetings from other tables resolve to the new table by name. (Migrations run
-- with foreign keys off and are checked with foreign_key_check before they commit.)

CREATE TABLE meetings_new (
    id         INTEGER PRIMARY KEY,
    circle_id  INTEGER REFERENCES circles (id),
    person_id  INTEGER REFERENCES people (id),
    kind       TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
    started_at TEXT NOT NULL,
    ended_at   TEXT,
    CHECK ((circle_id IS NULL) <> (person_id IS NULL))
);
INSERT INTO meetings_new (id, circle_id, person_id, kind, started_at, ended_at)
    SELECT id, circle_id, person_id, kind, started_at, ended_at FROM meetings;
DROP INDEX meetings_circle;
DROP TABLE meetings;
ALTER TABLE meetings_new RENAME TO meetings;
CREATE INDEX meetings_circle ON meetings (circle_id, kind, ended_at);
CREATE INDEX meetings_person ON meetings (person_id, kind, ended_at);
