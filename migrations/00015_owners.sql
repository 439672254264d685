-- +goose Up
-- Venue owners (场所负责人) in the loop (SPEC "Venue owners and the public"):
-- invitations with a one-time code to the phone on file, owner sessions for
-- one venue, the owner's fix and early 复查 application, and the monthly
-- self-inspection (自查).

-- An invitation: a one-time link (its token kept as a SHA-256 hash), sent
-- to the venue's person in charge, who confirms the phone on file with a
-- one-time code (kept as a SHA-256 hash of the token and the code, so that
-- a reader of this table cannot try the million codes without the link).
CREATE TABLE owner_invites (
    id              uuid PRIMARY KEY DEFAULT uuid_v7(),
    venue_id        uuid NOT NULL REFERENCES venues (id),
    grid_id         uuid NOT NULL REFERENCES org_units (id),
    token_hash      bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    phone           text NOT NULL CHECK (phone ~ '^1[3-9][0-9]{9}$'),
    created_by      uuid NOT NULL REFERENCES users (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    used_at         timestamptz,
    revoked_at      timestamptz,
    revoked_by      uuid REFERENCES users (id),
    code_hash       bytea CHECK (code_hash IS NULL OR length(code_hash) = 32),
    code_expires_at timestamptz,
    code_sent_at    timestamptz,
    code_sends      integer NOT NULL DEFAULT 0 CHECK (code_sends >= 0),
    code_failures   integer NOT NULL DEFAULT 0 CHECK (code_failures >= 0)
);
CREATE INDEX owner_invites_venue_idx ON owner_invites (venue_id, created_at DESC);

-- An owner session: a cookie's token (kept hashed) for one venue.
CREATE TABLE owner_sessions (
    id           uuid PRIMARY KEY DEFAULT uuid_v7(),
    venue_id     uuid NOT NULL REFERENCES venues (id),
    grid_id      uuid NOT NULL REFERENCES org_units (id),
    invite_id    uuid NOT NULL UNIQUE REFERENCES owner_invites (id),
    phone        text NOT NULL,
    token_hash   bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    revoked_by   uuid REFERENCES users (id)
);
CREATE INDEX owner_sessions_venue_idx ON owner_sessions (venue_id, created_at DESC);

-- The audit trail says who acted: a user, or an owner (actor_id is then
-- the owner session).
ALTER TABLE audit_log ADD COLUMN actor_kind text NOT NULL DEFAULT 'user' CHECK (actor_kind IN ('user', 'owner'));

-- An owner's photo belongs to the venue, not to a user (a public report's
-- photo, 00014, to neither).
ALTER TABLE photos ADD COLUMN owner_venue_id uuid REFERENCES venues (id);
ALTER TABLE photos ADD CONSTRAINT photos_uploader CHECK (uploaded_by IS NULL OR owner_venue_id IS NULL);

-- The owner's fix (整改回执) and 复查 application, and the owner's extension request.
ALTER TABLE hazards ADD COLUMN rectified_by_owner boolean NOT NULL DEFAULT false;
ALTER TABLE hazards ADD COLUMN reinspection_requested_on date;
CREATE INDEX hazards_owner_fix_idx ON hazards (grid_id) WHERE status = 'rectified' AND rectified_by_owner;
ALTER TABLE extensions ADD COLUMN filed_by_owner boolean NOT NULL DEFAULT false;

-- The monthly self-inspection (自查): one per venue per month.
CREATE TABLE self_inspections (
    id         uuid PRIMARY KEY,
    venue_id   uuid NOT NULL REFERENCES venues (id),
    grid_id    uuid NOT NULL REFERENCES org_units (id),
    month      date NOT NULL CHECK (extract(day FROM month) = 1),
    checklist  jsonb NOT NULL,
    failed     text[] NOT NULL DEFAULT '{}',
    notes      text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
    session_id uuid NOT NULL REFERENCES owner_sessions (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (venue_id, month)
);

-- +goose Down
DROP TABLE self_inspections;
ALTER TABLE extensions DROP COLUMN filed_by_owner;
DROP INDEX hazards_owner_fix_idx;
ALTER TABLE hazards DROP COLUMN reinspection_requested_on;
ALTER TABLE hazards DROP COLUMN rectified_by_owner;
ALTER TABLE photos DROP CONSTRAINT photos_uploader;
ALTER TABLE photos DROP COLUMN owner_venue_id;
ALTER TABLE audit_log DROP COLUMN actor_kind;
DROP TABLE owner_sessions;
DROP TABLE owner_invites;
