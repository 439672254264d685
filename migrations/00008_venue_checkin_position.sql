-- +goose Up
-- The position a check-in is measured against, when it differs from the
-- venue's lat/lng: an officer's change of a venue's position keeps the one
-- a supervisor approved here until a supervisor or an admin sets a position
-- (which clears it). NULL: lat/lng are approved. No backfill, so migrating
-- rewrites no venue (and resyncs no phone).
ALTER TABLE venues ADD COLUMN checkin_lat double precision, ADD COLUMN checkin_lng double precision,
    ADD CONSTRAINT venues_checkin_position_check CHECK ((checkin_lat IS NULL) = (checkin_lng IS NULL));

-- +goose Down
ALTER TABLE venues DROP COLUMN checkin_lat, DROP COLUMN checkin_lng;
