-- 001: the organisation and everything attached to its roles.
CREATE TABLE organisation (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    name       TEXT NOT NULL,
    rule_set   TEXT NOT NULL CHECK (rule_set IN ('holacracy-4.1', 'holacracy-5.0')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE people (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL,
    email TEXT
);
CREATE UNIQUE INDEX people_name ON people (name COLLATE NOCASE);

CREATE TABLE circles (
    id        INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES circles (id),
    name      TEXT NOT NULL,
    purpose   TEXT NOT NULL DEFAULT '',
    strategy  TEXT
);
CREATE UNIQUE INDEX circles_name ON circles (name COLLATE NOCASE);
CREATE INDEX circles_parent ON circles (parent_id);

CREATE TABLE roles (
    id               INTEGER PRIMARY KEY,
    circle_id        INTEGER NOT NULL REFERENCES circles (id),
    name             TEXT NOT NULL,
    purpose          TEXT NOT NULL DEFAULT '',
    domains          TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
    accountabilities TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
    core             TEXT CHECK (core IN ('lead', 'facilitator', 'secretary', 'rep'))
);
CREATE UNIQUE INDEX roles_name ON roles (circle_id, name COLLATE NOCASE);

CREATE TABLE assignments (
    id        INTEGER PRIMARY KEY,
    role_id   INTEGER NOT NULL REFERENCES roles (id),
    person_id INTEGER NOT NULL REFERENCES people (id),
    focus     TEXT,
    term_end  TEXT
);
CREATE INDEX assignments_role ON assignments (role_id);
CREATE INDEX assignments_person ON assignments (person_id);

CREATE TABLE policies (
    id        INTEGER PRIMARY KEY,
    circle_id INTEGER NOT NULL REFERENCES circles (id),
    name      TEXT NOT NULL,
    text      TEXT NOT NULL
);
CREATE UNIQUE INDEX policies_name ON policies (circle_id, name COLLATE NOCASE);

CREATE TABLE checklist_items (
    id        INTEGER PRIMARY KEY,
    role_id   INTEGER NOT NULL REFERENCES roles (id),
    text      TEXT NOT NULL,
    frequency TEXT NOT NULL CHECK (frequency IN ('weekly', 'monthly', 'quarterly'))
);
CREATE INDEX checklist_items_role ON checklist_items (role_id);

CREATE TABLE metrics (
    id        INTEGER PRIMARY KEY,
    role_id   INTEGER NOT NULL REFERENCES roles (id),
    name      TEXT NOT NULL,
    unit      TEXT,
    frequency TEXT NOT NULL CHECK (frequency IN ('weekly', 'monthly', 'quarterly'))
);
CREATE INDEX metrics_role ON metrics (role_id);

CREATE TABLE metric_values (
    id          INTEGER PRIMARY KEY,
    metric_id   INTEGER NOT NULL REFERENCES metrics (id),
    period      TEXT NOT NULL,
    value       REAL NOT NULL,
    comment     TEXT,
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX metric_values_metric ON metric_values (metric_id, period);

CREATE TABLE projects (
    id         INTEGER PRIMARY KEY,
    role_id    INTEGER NOT NULL REFERENCES roles (id),
    person_id  INTEGER REFERENCES people (id),
    title      TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('current', 'waiting', 'done', 'archived')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX projects_role ON projects (role_id);

CREATE TABLE next_actions (
    id         INTEGER PRIMARY KEY,
    role_id    INTEGER REFERENCES roles (id),
    person_id  INTEGER NOT NULL REFERENCES people (id),
    text       TEXT NOT NULL,
    done       INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX next_actions_role ON next_actions (role_id);

CREATE TABLE tensions (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people (id),
    role_id    INTEGER REFERENCES roles (id),
    circle_id  INTEGER NOT NULL REFERENCES circles (id),
    text       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('tactical', 'governance')),
    status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'processed')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX tensions_circle ON tensions (circle_id);
