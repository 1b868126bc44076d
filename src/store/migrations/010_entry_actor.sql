-- 010: who made each meeting entry: the name the program was started with (`--as NAME` or
-- ROUNDTABLE_AS), or nothing when it was started without one (and for every entry written
-- before this version).
ALTER TABLE meeting_events ADD COLUMN actor TEXT;
