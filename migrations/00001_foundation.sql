-- +goose Up
-- Foundation: org tree, users and their grids, sessions, login throttling,
-- venues, their level history, and the audit trail.

CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Time-ordered UUIDs (version 7) for ids the server makes: 48 bits of Unix
-- milliseconds, then random bits, so that new rows land at the right end of
-- the primary-key index instead of all over it.
-- +goose StatementBegin
CREATE FUNCTION uuid_v7() RETURNS uuid
LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
              PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
              FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;
-- +goose StatementEnd

CREATE TABLE org_units (
    id         uuid PRIMARY KEY DEFAULT uuid_v7(),
    kind       text NOT NULL CHECK (kind IN ('city', 'district', 'station', 'grid')),
    code       text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$'),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    parent_id  uuid REFERENCES org_units (id),
    -- ids from the root down to this unit, itself included: the subtree of X
    -- is every unit whose path contains X.
    path       uuid[] NOT NULL,
    version    integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT org_units_code_key UNIQUE (code),
    CONSTRAINT org_units_id_kind_key UNIQUE (id, kind),
    CONSTRAINT org_units_root_is_city CHECK ((parent_id IS NULL) = (kind = 'city'))
);
CREATE INDEX org_units_parent_idx ON org_units (parent_id);
CREATE INDEX org_units_path_idx ON org_units USING gin (path);

CREATE TABLE users (
    id            uuid PRIMARY KEY DEFAULT uuid_v7(),
    username      text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    role          text NOT NULL CHECK (role IN ('officer', 'supervisor', 'admin')),
    org_unit_id   uuid NOT NULL REFERENCES org_units (id),
    password_hash text NOT NULL,
    active        boolean NOT NULL DEFAULT true,
    version       integer NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_username_key UNIQUE (username)
);
CREATE INDEX users_org_unit_idx ON users (org_unit_id);

-- The grids an officer patrols. grid_kind pins the foreign key to units of
-- kind 'grid'.
CREATE TABLE user_grids (
    user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    grid_id   uuid NOT NULL,
    grid_kind text NOT NULL DEFAULT 'grid' CHECK (grid_kind = 'grid'),
    PRIMARY KEY (user_id, grid_id),
    FOREIGN KEY (grid_id, grid_kind) REFERENCES org_units (id, kind)
);
CREATE INDEX user_grids_grid_idx ON user_grids (grid_id);

-- Refresh tokens, stored as SHA-256 hashes. A token is used once: refreshing
-- rotates it to a new token of the same family; presenting a used token
-- again revokes the whole family.
CREATE TABLE refresh_tokens (
    id          uuid PRIMARY KEY DEFAULT uuid_v7(),
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id   uuid NOT NULL,
    token_hash  bytea NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT refresh_tokens_hash_key UNIQUE (token_hash)
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

-- Failed-login counters, shared by every replica.
CREATE TABLE login_attempts (
    key          text PRIMARY KEY,
    failures     integer NOT NULL,
    window_start timestamptz NOT NULL
);

CREATE TABLE venues (
    id            uuid PRIMARY KEY DEFAULT uuid_v7(),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    category      text NOT NULL CHECK (category IN ('shop', 'restaurant', 'hotel', 'entertainment',
                      'internet_cafe', 'beauty_bath', 'school', 'clinic', 'workshop')),
    risk_level    text NOT NULL CHECK (risk_level IN ('red', 'yellow', 'green')),
    grid_id       uuid NOT NULL,
    grid_kind     text NOT NULL DEFAULT 'grid' CHECK (grid_kind = 'grid'),
    address       text NOT NULL CHECK (length(address) BETWEEN 1 AND 500),
    lat           double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng           double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
    contact_name  text NOT NULL DEFAULT '',
    contact_phone text NOT NULL DEFAULT '',
    license_no    text CHECK (license_no ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
    status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    version       integer NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (grid_id, grid_kind) REFERENCES org_units (id, kind)
);
CREATE INDEX venues_grid_idx ON venues (grid_id, risk_level);
CREATE INDEX venues_earth_idx ON venues USING gist (ll_to_earth(lat, lng));
CREATE INDEX venues_name_trgm_idx ON venues USING gin (name gin_trgm_ops);
CREATE INDEX venues_address_trgm_idx ON venues USING gin (address gin_trgm_ops);

-- Every level a venue has had, with who set it and why.
CREATE TABLE venue_level_changes (
    id                 uuid PRIMARY KEY DEFAULT uuid_v7(),
    venue_id           uuid NOT NULL REFERENCES venues (id),
    from_level         text CHECK (from_level IN ('red', 'yellow', 'green')),
    to_level           text NOT NULL CHECK (to_level IN ('red', 'yellow', 'green')),
    reason             text NOT NULL,
    changed_by         uuid REFERENCES users (id),
    reclassification_id uuid,
    changed_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX venue_level_changes_venue_idx ON venue_level_changes (venue_id, changed_at);

-- The audit trail: one row per change, written in the change's transaction.
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor_id    uuid,
    action      text NOT NULL,
    entity      text NOT NULL,
    entity_id   uuid NOT NULL,
    -- the grid the entity belongs to, when it belongs to one, for scope
    grid_id     uuid,
    before      jsonb,
    after       jsonb,
    request_id  text NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, id);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE venue_level_changes;
DROP TABLE venues;
DROP TABLE login_attempts;
DROP TABLE refresh_tokens;
DROP TABLE user_grids;
DROP TABLE users;
DROP TABLE org_units;
DROP FUNCTION uuid_v7();
