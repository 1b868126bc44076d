-- 016 (PostgreSQL): Cross Links (4.1 §2.7). As SQLite's 016.
CREATE TABLE cross_links (
    role_id        BIGINT PRIMARY KEY REFERENCES roles (id) DEFERRABLE INITIALLY IMMEDIATE,
    from_circle_id BIGINT REFERENCES circles (id) DEFERRABLE INITIALLY IMMEDIATE,
    from_name      TEXT,
    meeting_id     BIGINT REFERENCES meetings (id) DEFERRABLE INITIALLY IMMEDIATE,
    event_seq      BIGINT
);
CREATE INDEX cross_links_source ON cross_links (meeting_id, event_seq);
