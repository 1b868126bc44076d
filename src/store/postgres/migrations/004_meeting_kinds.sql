-- 004 (PostgreSQL): the meeting kind is checked by the program, not by a CHECK listing the
-- kinds, as SQLite's 004. A meeting still belongs to exactly one circle or (a solo review)
-- one person. PostgreSQL changes the constraints in place.
ALTER TABLE meetings DROP CONSTRAINT meetings_kind,
                     DROP CONSTRAINT meetings_owner,
                     ADD CONSTRAINT meetings_kind CHECK (length(kind) BETWEEN 1 AND 40),
                     ADD CONSTRAINT meetings_owner CHECK ((circle_id IS NULL) <> (person_id IS NULL));
CREATE INDEX meetings_person ON meetings (person_id, kind, ended_at);
