-- 009: sub-circles as governance changes them. A sub-circle is a role of its super-circle
-- broken down (4.1 §2.1; 5.0 §1.3.1), so it carries domains and accountabilities; it can be
-- removed softly and every governed change writes a version (4.1 §2.6-2.6.2; 5.0 §5.2). A
-- policy may sit on a role (5.0 §1.1).
ALTER TABLE circles ADD COLUMN domains TEXT NOT NULL DEFAULT '[]';  -- JSON array of strings
ALTER TABLE circles ADD COLUMN accountabilities TEXT NOT NULL DEFAULT '[]';
ALTER TABLE circles ADD COLUMN removed_at TEXT;
DROP INDEX circles_name;
CREATE UNIQUE INDEX circles_name ON circles (name COLLATE NOCASE) WHERE removed_at IS NULL;

ALTER TABLE policies ADD COLUMN role_id INTEGER REFERENCES roles (id);
ALTER TABLE policy_versions ADD COLUMN role_id INTEGER REFERENCES roles (id);

-- A role version records whether the role was a core role: a role expanded into a sub-circle
-- becomes its Lead (5.0 §1.4), and taking that back restores it. No role changed kind before
-- this migration, so earlier versions take their role's ('' for none).
ALTER TABLE role_versions ADD COLUMN core TEXT;
UPDATE role_versions SET core = coalesce((SELECT r.core FROM roles r WHERE r.id = role_versions.role_id), '');

CREATE TABLE circle_versions (
    id               INTEGER PRIMARY KEY,
    circle_id        INTEGER NOT NULL REFERENCES circles (id),
    -- The super-circle, whose governance made the change.
    parent_id        INTEGER REFERENCES circles (id),
    name             TEXT NOT NULL,
    purpose          TEXT NOT NULL,
    domains          TEXT NOT NULL,
    accountabilities TEXT NOT NULL,
    removed          INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
    baseline         INTEGER NOT NULL DEFAULT 0 CHECK (baseline IN (0, 1)),
    recorded_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    meeting_id       INTEGER REFERENCES meetings (id),
    event_seq        INTEGER
);
CREATE INDEX circle_versions_circle ON circle_versions (circle_id, id);
CREATE INDEX circle_versions_source ON circle_versions (meeting_id, event_seq);
