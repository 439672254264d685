-- +goose Up
-- Events out (issue 13): a transactional outbox, webhook subscriptions, their
-- deliveries, and text messages queued on the same delivery table.

-- One row per event, written by models.auditEach in the statement that
-- writes the audit row it comes from, so an event commits or rolls back with
-- its change. Its data is that audit row's after (or before, for a
-- deletion), read when it is sent rather than copied; data is set only for
-- an event of no audit row (webhook.test). relayed_at is when a dispatcher
-- fanned it out to the subscriptions (a delivery each); until then it is in
-- the partial index.
CREATE TABLE events (
    id           uuid PRIMARY KEY DEFAULT uuid_v7(),
    type         text NOT NULL,
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    org_unit_id  uuid,
    subject_type text NOT NULL,
    subject_id   uuid NOT NULL,
    sequence     bigint NOT NULL CHECK (sequence > 0),
    data         jsonb,
    audit_id     bigint,
    relayed_at   timestamptz
);
CREATE INDEX events_unrelayed_idx ON events (id) WHERE relayed_at IS NULL;
-- A subject's events (subject ids are UUIDs: one column is enough). Their
-- numbers come from event_sequences, so no unique index checks them again.
CREATE INDEX events_subject_idx ON events (subject_id, sequence);

-- The last sequence number given to each subject's events. The upsert locks
-- the subject's row until its transaction ends, so a subject's sequence
-- numbers follow the order its changes commit in.
CREATE TABLE event_sequences (
    subject_type text NOT NULL,
    subject_id   uuid NOT NULL,
    last         bigint NOT NULL,
    PRIMARY KEY (subject_type, subject_id)
);

-- Subscriptions, managed by admins. An event of a grid goes to those of that
-- grid or of any unit above it; org_unit_id NULL takes every event, also
-- those of no grid. The secret signs (Standard Webhooks); while
-- previous_until is ahead, the previous secret signs as well.
CREATE TABLE webhooks (
    id              uuid PRIMARY KEY,
    url             text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
    event_types     text[] NOT NULL CHECK (cardinality(event_types) > 0),
    org_unit_id     uuid REFERENCES org_units (id),
    active          boolean NOT NULL DEFAULT true,
    secret          text NOT NULL CHECK (secret LIKE 'whsec\_%'),
    previous_secret text CHECK (previous_secret LIKE 'whsec\_%'),
    previous_until  timestamptz,
    version         integer NOT NULL DEFAULT 1,
    created_by      uuid REFERENCES users (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- A text message to send: one-time codes, deadline reminders, outcomes.
-- dedupe_key makes a reminder once each.
CREATE TABLE sms_messages (
    id         uuid PRIMARY KEY DEFAULT uuid_v7(),
    phone      text NOT NULL,
    template   text NOT NULL,
    params     jsonb NOT NULL DEFAULT '{}',
    dedupe_key text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- One event to one subscription, or one text message to the gateway. A
-- dispatcher claims due rows with FOR UPDATE SKIP LOCKED and leases them by
-- moving next_attempt_at past its request's timeout (lease names the claim),
-- so a dispatcher that dies mid-delivery leaves the row due again once the
-- lease runs out: at least once, never lost. retry_from starts the window of
-- retries (at least 24 hours), reset by a manual retry.
CREATE TABLE deliveries (
    id              uuid PRIMARY KEY DEFAULT uuid_v7(),
    event_id        uuid REFERENCES events (id),
    webhook_id      uuid REFERENCES webhooks (id) ON DELETE CASCADE,
    sms_id          uuid REFERENCES sms_messages (id) ON DELETE CASCADE,
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    retry_from      timestamptz NOT NULL DEFAULT now(),
    lease           uuid,
    last_status     integer,
    last_error      text NOT NULL DEFAULT '',
    last_attempt_at timestamptz,
    delivered_at    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((webhook_id IS NOT NULL AND event_id IS NOT NULL AND sms_id IS NULL)
        OR (webhook_id IS NULL AND event_id IS NULL AND sms_id IS NOT NULL))
);
CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_webhook_idx ON deliveries (webhook_id, id);
CREATE INDEX deliveries_sms_idx ON deliveries (sms_id);
CREATE INDEX deliveries_delivered_idx ON deliveries (delivered_at) WHERE status = 'delivered';

-- +goose Down
DROP TABLE deliveries;
DROP TABLE sms_messages;
DROP TABLE webhooks;
DROP TABLE event_sequences;
DROP TABLE events;
