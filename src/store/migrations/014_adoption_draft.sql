-- 014: the adoption being put together on the welcome screens (the ratifiers' initial
-- structure, not yet adopted), kept so that a program killed mid-adoption resumes it. One at
-- most; JSON written by the program; forgotten in the transaction that records the adoption.
CREATE TABLE adoption_draft (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    payload  TEXT NOT NULL,
    saved_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
