-- 003: governance history. Roles and policies are removed softly, every governed change
-- writes a version, and elected fillers record which meeting entry assigned or replaced them.
ALTER TABLE roles ADD COLUMN removed_at TEXT;
ALTER TABLE policies ADD COLUMN removed_at TEXT;
DROP INDEX roles_name;
CREATE UNIQUE INDEX roles_name ON roles (circle_id, name COLLATE NOCASE) WHERE removed_at IS NULL;
DROP INDEX policies_name;
CREATE UNIQUE INDEX policies_name ON policies (circle_id, name COLLATE NOCASE) WHERE removed_at IS NULL;

CREATE TABLE role_versions (
    id               INTEGER PRIMARY KEY,
    role_id          INTEGER NOT NULL REFERENCES roles (id),
    circle_id        INTEGER NOT NULL REFERENCES circles (id),
    name             TEXT NOT NULL,
    purpose          TEXT NOT NULL,
    domains          TEXT NOT NULL,
    accountabilities TEXT NOT NULL,
    removed          INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
    -- The role as it was before its first governed change.
    baseline         INTEGER NOT NULL DEFAULT 0 CHECK (baseline IN (0, 1)),
    recorded_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    meeting_id       INTEGER REFERENCES meetings (id),
    event_seq        INTEGER
);
CREATE INDEX role_versions_role ON role_versions (role_id, id);
CREATE INDEX role_versions_source ON role_versions (meeting_id, event_seq);

CREATE TABLE policy_versions (
    id          INTEGER PRIMARY KEY,
    policy_id   INTEGER NOT NULL REFERENCES policies (id),
    circle_id   INTEGER NOT NULL REFERENCES circles (id),
    name        TEXT NOT NULL,
    text        TEXT NOT NULL,
    removed     INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
    baseline    INTEGER NOT NULL DEFAULT 0 CHECK (baseline IN (0, 1)),
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    meeting_id  INTEGER REFERENCES meetings (id),
    event_seq   INTEGER
);
CREATE INDEX policy_versions_policy ON policy_versions (policy_id, id);
CREATE INDEX policy_versions_source ON policy_versions (meeting_id, event_seq);

ALTER TABLE assignments ADD COLUMN meeting_id INTEGER REFERENCES meetings (id);
ALTER TABLE assignments ADD COLUMN event_seq INTEGER;
ALTER TABLE assignments ADD COLUMN ended_meeting_id INTEGER REFERENCES meetings (id);
ALTER TABLE assignments ADD COLUMN ended_seq INTEGER;
