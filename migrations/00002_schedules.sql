-- +goose Up
-- Schedules: the inspection policy, the working-day calendar,
-- reclassifications and inspections.

CREATE TABLE policy (
    risk_level text PRIMARY KEY CHECK (risk_level IN ('red', 'yellow', 'green')),
    interval   text NOT NULL CHECK (interval IN ('monthly', 'quarterly', 'half_yearly', 'yearly', 'biennial', 'triennial')),
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by uuid REFERENCES users (id)
);
INSERT INTO policy (risk_level, interval) VALUES ('red', 'monthly'), ('yellow', 'quarterly'), ('green', 'half_yearly');

-- Days that break the Monday-to-Friday rule: public holidays, and weekend
-- days made working days (调休).
CREATE TABLE calendar_days (
    day  date PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('holiday', 'workday'))
);

CREATE TABLE reclassifications (
    id          uuid PRIMARY KEY DEFAULT uuid_v7(),
    venue_id    uuid NOT NULL REFERENCES venues (id),
    from_level  text NOT NULL CHECK (from_level IN ('red', 'yellow', 'green')),
    to_level    text NOT NULL CHECK (to_level IN ('red', 'yellow', 'green')),
    reason      text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    status      text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    filed_by    uuid REFERENCES users (id),
    decided_by  uuid REFERENCES users (id),
    comment     text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    decided_at  timestamptz,
    version     integer NOT NULL DEFAULT 1,
    CHECK (from_level <> to_level),
    CHECK ((status = 'pending') = (decided_at IS NULL))
);
-- One open proposal per venue at a time.
CREATE UNIQUE INDEX reclassifications_pending_key ON reclassifications (venue_id) WHERE status = 'pending';
CREATE INDEX reclassifications_status_idx ON reclassifications (status, id);
ALTER TABLE venue_level_changes
    ADD FOREIGN KEY (reclassification_id) REFERENCES reclassifications (id);

CREATE TABLE inspections (
    id               uuid PRIMARY KEY DEFAULT uuid_v7(),
    venue_id         uuid NOT NULL REFERENCES venues (id),
    grid_id          uuid NOT NULL REFERENCES org_units (id),
    kind             text NOT NULL CHECK (kind IN ('routine', 'reinspection', 'ad_hoc')),
    status           text NOT NULL DEFAULT 'scheduled'
                     CHECK (status IN ('scheduled', 'in_progress', 'submitted', 'approved', 'returned', 'cancelled')),
    -- routine inspections: the interval and period they were made for
    interval         text CHECK (interval IN ('monthly', 'quarterly', 'half_yearly', 'yearly', 'biennial', 'triennial')),
    period_start     date,
    opens_on         date NOT NULL,
    due_date         date NOT NULL,
    assignee_id      uuid REFERENCES users (id),
    started_at       timestamptz,
    start_lat        double precision,
    start_lng        double precision,
    start_accuracy_m double precision,
    start_distance_m double precision,
    off_site         boolean NOT NULL DEFAULT false,
    submitted_at     timestamptz,
    -- the date of submitted_at in the service's zone, for rule 1 of generation
    submitted_on     date,
    checklist        jsonb NOT NULL DEFAULT '[]',
    notes            text NOT NULL DEFAULT '',
    review_comment   text NOT NULL DEFAULT '',
    reviewed_by      uuid REFERENCES users (id),
    reviewed_at      timestamptz,
    created_by       uuid REFERENCES users (id),
    version          integer NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'routine') = (interval IS NOT NULL AND period_start IS NOT NULL)),
    CHECK (due_date >= opens_on),
    CHECK ((submitted_at IS NULL) = (submitted_on IS NULL))
);
-- Rule 3: one live routine inspection per venue and period, whoever runs
-- the generator and however often.
CREATE UNIQUE INDEX inspections_routine_period_key ON inspections (venue_id, interval, period_start)
    WHERE kind = 'routine' AND status <> 'cancelled';
-- Rule 1: visits made inside a period.
CREATE INDEX inspections_visit_idx ON inspections (venue_id, submitted_on)
    WHERE submitted_on IS NOT NULL AND kind IN ('routine', 'ad_hoc') AND status <> 'cancelled';
-- Task lists: open inspections of a grid by due date.
CREATE INDEX inspections_open_idx ON inspections (grid_id, due_date, id)
    WHERE status IN ('scheduled', 'in_progress', 'returned');
CREATE INDEX inspections_venue_idx ON inspections (venue_id, due_date);

-- Every generation run: when, for which date, what it did.
CREATE TABLE schedule_runs (
    id          uuid PRIMARY KEY DEFAULT uuid_v7(),
    as_of       date NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz NOT NULL DEFAULT now(),
    periods     jsonb NOT NULL,
    created     bigint NOT NULL,
    skipped     bigint NOT NULL,
    cancelled   bigint NOT NULL,
    escalated   bigint NOT NULL,
    run_by      uuid REFERENCES users (id)
);
CREATE INDEX schedule_runs_started_idx ON schedule_runs (started_at);

-- Venues changed since a time: the generator's sweep, and delta sync.
CREATE INDEX venues_updated_idx ON venues (updated_at);

-- +goose Down
DROP TABLE schedule_runs;
DROP INDEX venues_updated_idx;
DROP TABLE inspections;
ALTER TABLE venue_level_changes DROP CONSTRAINT venue_level_changes_reclassification_id_fkey;
DROP TABLE reclassifications;
DROP TABLE calendar_days;
DROP TABLE policy;
