-- 016: Cross Links (4.1 §2.7). A Cross Link Role is a role of the Target Circle (roles); this
-- says where it comes from: another circle of the organisation, or an entity or group named
-- here. The entry that adopted the Cross Link Policy is named, so taking it back removes it.
CREATE TABLE cross_links (
    role_id        INTEGER PRIMARY KEY REFERENCES roles (id),
    from_circle_id INTEGER REFERENCES circles (id),
    from_name      TEXT,
    meeting_id     INTEGER REFERENCES meetings (id),
    event_seq      INTEGER
);
CREATE INDEX cross_links_source ON cross_links (meeting_id, event_seq);
