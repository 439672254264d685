-- +goose Up
-- The venue's public code (场所码), the stations' phone numbers, and
-- reports (举报投诉) with their legal clock (SPEC "Venue owners and the
-- public").

-- 32 random bytes (two UUIDs' worth, 244 random bits) as base64url: the
-- default for rows written outside the API (the seed, bulk imports) and the
-- backfill; the API sets 16 bytes of crypto/rand (22 characters).
-- +goose StatementBegin
CREATE FUNCTION new_public_code() RETURNS text
LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT translate(encode(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()), 'base64'), '+/=', '-_')
$$;
-- +goose StatementEnd

ALTER TABLE venues ADD COLUMN public_code text;
UPDATE venues SET public_code = new_public_code();
ALTER TABLE venues ALTER COLUMN public_code SET NOT NULL;
ALTER TABLE venues ALTER COLUMN public_code SET DEFAULT new_public_code();
ALTER TABLE venues ADD CONSTRAINT venues_public_code_format CHECK (public_code ~ '^[A-Za-z0-9_-]{22,64}$');
CREATE UNIQUE INDEX venues_public_code_key ON venues (public_code);

-- The phone a station's sticker and public page show.
ALTER TABLE org_units ADD COLUMN phone text NOT NULL DEFAULT '' CHECK (phone ~ '^[0-9+() -]{0,32}$');

-- A photo sent with a public report has no uploader.
ALTER TABLE photos ALTER COLUMN uploaded_by DROP NOT NULL;

ALTER TABLE inspections DROP CONSTRAINT inspections_kind_check;
ALTER TABLE inspections ADD CONSTRAINT inspections_kind_check CHECK (kind IN ('routine', 'reinspection', 'ad_hoc', 'complaint'));
-- Task lists put complaints first, then by due date.
CREATE INDEX inspections_open_first_idx ON inspections (grid_id, (kind <> 'complaint'), due_date, id)
    WHERE status IN ('scheduled', 'in_progress', 'returned');

CREATE TABLE reports (
    id             uuid PRIMARY KEY DEFAULT uuid_v7(),
    venue_id       uuid REFERENCES venues (id),
    -- the grid that checks it: the venue's, or the nearest venue's
    grid_id        uuid NOT NULL REFERENCES org_units (id),
    address        text NOT NULL DEFAULT '' CHECK (length(address) <= 500),
    lat            double precision CHECK (lat BETWEEN -90 AND 90),
    lng            double precision CHECK (lng BETWEEN -180 AND 180),
    kind           text NOT NULL CHECK (kind IN ('blocked_exit', 'fire_facility', 'wiring', 'flammables', 'living_in', 'other')),
    text           text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    photo_ids      uuid[] NOT NULL DEFAULT '{}',
    reporter_phone text NOT NULL DEFAULT '' CHECK (reporter_phone ~ '^(1[3-9][0-9]{9})?$'),
    source         text NOT NULL CHECK (source IN ('public', 'hotline', 'grid_worker')),
    -- SHA-256 of the tracking code the reporter holds; the code itself is
    -- not kept. tracking_hint is its first 6 characters, for the SMS.
    tracking_hash  bytea NOT NULL,
    tracking_hint  text NOT NULL,
    status         text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'checked')),
    received_at    timestamptz NOT NULL DEFAULT now(),
    due_at         timestamptz NOT NULL,
    checked_at     timestamptz,
    outcome        text NOT NULL DEFAULT '',
    inspection_id  uuid REFERENCES inspections (id),
    created_by     uuid REFERENCES users (id),
    version        integer NOT NULL DEFAULT 1,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT reports_tracking_key UNIQUE (tracking_hash),
    CHECK (venue_id IS NOT NULL OR (lat IS NOT NULL AND lng IS NOT NULL AND address <> '')),
    CHECK ((status = 'checked') = (checked_at IS NOT NULL))
);
CREATE INDEX reports_grid_idx ON reports (grid_id, id);
CREATE INDEX reports_open_due_idx ON reports (due_at) WHERE status = 'received';
CREATE INDEX reports_inspection_idx ON reports (inspection_id) WHERE inspection_id IS NOT NULL;
CREATE INDEX reports_venue_idx ON reports (venue_id) WHERE venue_id IS NOT NULL;

-- +goose Down
DROP TABLE reports;
DROP INDEX inspections_open_first_idx;
ALTER TABLE inspections DROP CONSTRAINT inspections_kind_check;
ALTER TABLE inspections ADD CONSTRAINT inspections_kind_check CHECK (kind IN ('routine', 'reinspection', 'ad_hoc'));
ALTER TABLE org_units DROP COLUMN phone;
DROP INDEX venues_public_code_key;
ALTER TABLE venues DROP COLUMN public_code;
DROP FUNCTION new_public_code();
