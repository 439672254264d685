-- +goose Up
-- Field work: the checklist catalogue, photos, hazards, stored responses
-- for Idempotency-Key, and change tracking for delta sync.

CREATE TABLE checklist_items (
    code       text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,63}$'),
    label_zh   text NOT NULL,
    label_en   text NOT NULL,
    categories text[] NOT NULL,
    position   integer NOT NULL
);
INSERT INTO checklist_items (code, label_zh, label_en, categories, position) VALUES
('extinguisher',     '灭火器缺失、过期或失效',         'Fire extinguishers missing or expired', '{shop,restaurant,hotel,entertainment,internet_cafe,beauty_bath,school,clinic,workshop}', 1),
('evacuation_route', '疏散通道、安全出口堵塞或锁闭',   'Evacuation route or exit blocked or locked', '{shop,restaurant,hotel,entertainment,internet_cafe,beauty_bath,school,clinic,workshop}', 2),
('emergency_light',  '应急照明、疏散指示标志缺失或损坏', 'Emergency lighting or exit signs missing or broken', '{shop,restaurant,hotel,entertainment,internet_cafe,beauty_bath,school,clinic,workshop}', 3),
('wiring',           '私拉乱接电线',                   'Improvised electrical wiring', '{shop,restaurant,hotel,entertainment,internet_cafe,beauty_bath,school,clinic,workshop}', 4),
('ebike',            '电动自行车室内停放或充电',         'E-bike parked or charged indoors', '{shop,restaurant,hotel,entertainment,internet_cafe,beauty_bath,school,clinic,workshop}', 5),
('three_in_one',     '住宿与经营、储存场所混合设置（三合一）', 'Living quarters mixed with business or storage (three-in-one)', '{shop,restaurant,hotel,entertainment,internet_cafe,beauty_bath,workshop}', 6),
('gas',              '燃气使用不规范',                 'Gas used unsafely', '{restaurant,hotel,beauty_bath,school,workshop}', 7),
('window_bars',      '防盗窗等影响逃生和灭火救援',       'Anti-theft bars blocking escape windows', '{shop,restaurant,hotel,entertainment,internet_cafe,beauty_bath,school,clinic,workshop}', 8),
('flammables',       '易燃易爆物品违规存放',           'Flammable goods stored improperly', '{shop,restaurant,hotel,entertainment,internet_cafe,beauty_bath,school,clinic,workshop}', 9),
('smoke_alarm',      '未安装独立式感烟火灾探测报警器',   'No standalone smoke alarm', '{shop,restaurant,hotel,entertainment,internet_cafe,beauty_bath,school,clinic,workshop}', 10),
('sandwich_panel',   '使用易燃可燃彩钢板分隔',         'Flammable sandwich-panel (colour steel plate) partitions', '{shop,restaurant,hotel,entertainment,internet_cafe,beauty_bath,school,clinic,workshop}', 11),
('staff_training',   '员工不会使用灭火器、不会组织疏散', 'Staff unable to use an extinguisher or lead an evacuation', '{shop,restaurant,hotel,entertainment,internet_cafe,beauty_bath,school,clinic,workshop}', 12);

CREATE TABLE photos (
    id           uuid PRIMARY KEY,
    sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/heic')),
    bytes        bigint NOT NULL CHECK (bytes > 0),
    uploaded_by  uuid NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX photos_sha256_idx ON photos (sha256);

-- Change tracking for delta sync: the id of the transaction that last wrote
-- each row. A reader takes the rows of transactions that had ended before
-- its snapshot, so a row from a slower transaction is never skipped.
-- +goose StatementBegin
CREATE FUNCTION touch_sync_txid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.sync_txid := pg_current_xact_id();
    RETURN NEW;
END
$$;
-- +goose StatementEnd

ALTER TABLE venues ADD COLUMN sync_txid xid8 NOT NULL DEFAULT pg_current_xact_id();
-- the grid a venue was in before it last moved, to tell its old officers
ALTER TABLE venues ADD COLUMN prev_grid_id uuid;
CREATE TRIGGER venues_sync BEFORE UPDATE ON venues FOR EACH ROW EXECUTE FUNCTION touch_sync_txid();
CREATE INDEX venues_sync_idx ON venues (grid_id, sync_txid);

ALTER TABLE inspections ADD COLUMN sync_txid xid8 NOT NULL DEFAULT pg_current_xact_id();
-- a hash of the submitted body, so that a retried submit is recognised
ALTER TABLE inspections ADD COLUMN submit_hash text;
CREATE TRIGGER inspections_sync BEFORE UPDATE ON inspections FOR EACH ROW EXECUTE FUNCTION touch_sync_txid();
CREATE INDEX inspections_sync_idx ON inspections (grid_id, sync_txid);

CREATE TABLE hazards (
    id              uuid PRIMARY KEY,
    inspection_id   uuid NOT NULL REFERENCES inspections (id),
    venue_id        uuid NOT NULL REFERENCES venues (id),
    grid_id         uuid NOT NULL REFERENCES org_units (id),
    code            text NOT NULL REFERENCES checklist_items (code),
    severity        text NOT NULL CHECK (severity IN ('general', 'major')),
    description     text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
    fix_mode        text NOT NULL CHECK (fix_mode IN ('on_site', 'deadline')),
    deadline        date,
    status          text NOT NULL CHECK (status IN ('open', 'rectified', 'verified')),
    reinspection_id uuid REFERENCES inspections (id),
    rectify_description text,
    rectified_at    timestamptz,
    rectified_by    uuid REFERENCES users (id),
    verified_at     timestamptz,
    verified_by     uuid REFERENCES users (id),
    review_comment  text NOT NULL DEFAULT '',
    escalated_at    timestamptz,
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    sync_txid       xid8 NOT NULL DEFAULT pg_current_xact_id(),
    CHECK ((fix_mode = 'deadline') = (deadline IS NOT NULL)),
    CHECK ((fix_mode = 'deadline') = (reinspection_id IS NOT NULL)),
    CHECK ((status = 'open') OR rectified_at IS NOT NULL)
);
CREATE TRIGGER hazards_sync BEFORE UPDATE ON hazards FOR EACH ROW EXECUTE FUNCTION touch_sync_txid();
CREATE INDEX hazards_inspection_idx ON hazards (inspection_id);
CREATE INDEX hazards_reinspection_idx ON hazards (reinspection_id);
CREATE INDEX hazards_venue_idx ON hazards (venue_id) WHERE status = 'open';
CREATE INDEX hazards_grid_idx ON hazards (grid_id, status);
CREATE INDEX hazards_sync_idx ON hazards (grid_id, sync_txid);

CREATE TABLE hazard_photos (
    hazard_id uuid NOT NULL REFERENCES hazards (id),
    photo_id  uuid NOT NULL REFERENCES photos (id),
    role      text NOT NULL CHECK (role IN ('finding', 'rectification')),
    position  integer NOT NULL,
    PRIMARY KEY (hazard_id, role, photo_id)
);
CREATE INDEX hazard_photos_photo_idx ON hazard_photos (photo_id);

-- Stored responses for the Idempotency-Key header, per caller and key.
CREATE TABLE idempotency_keys (
    user_id       uuid NOT NULL,
    key           text NOT NULL,
    request_hash  bytea NOT NULL,
    status        integer,
    content_type  text,
    body          bytea,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- +goose Down
DROP TABLE idempotency_keys;
DROP TABLE hazard_photos;
DROP TABLE hazards;
DROP TRIGGER inspections_sync ON inspections;
ALTER TABLE inspections DROP COLUMN sync_txid, DROP COLUMN submit_hash;
DROP TRIGGER venues_sync ON venues;
ALTER TABLE venues DROP COLUMN sync_txid, DROP COLUMN prev_grid_id;
DROP FUNCTION touch_sync_txid();
DROP TABLE photos;
DROP TABLE checklist_items;
