-- +goose Up
-- Legal documents (法律文书): numbered notices, served and signed, and
-- deadline extensions (SPEC "Legal documents").

-- 机关代字: the agency code of a unit, inherited by the units below it; and
-- the station setting that a deadline_order waits for a supervisor.
ALTER TABLE org_units ADD COLUMN agency_code text CHECK (agency_code IS NULL OR length(agency_code) BETWEEN 1 AND 16);
ALTER TABLE org_units ADD COLUMN deadline_order_approval boolean NOT NULL DEFAULT false;

-- Each item's legal basis, quoted by the orders, and its usual fix.
ALTER TABLE checklist_items ADD COLUMN legal_basis text NOT NULL DEFAULT '' CHECK (length(legal_basis) <= 500);
ALTER TABLE checklist_items ADD COLUMN default_fix_mode text NOT NULL DEFAULT 'deadline' CHECK (default_fix_mode IN ('on_site', 'deadline'));
ALTER TABLE checklist_items ADD COLUMN version integer NOT NULL DEFAULT 1;
UPDATE checklist_items c SET legal_basis = b.basis, default_fix_mode = b.mode FROM (VALUES
('extinguisher',     '《中华人民共和国消防法》第十六条第一款第（二）项、第六十条第一款第（一）项', 'deadline'),
('evacuation_route', '《中华人民共和国消防法》第二十八条、第六十条第一款第（三）项', 'on_site'),
('emergency_light',  '《中华人民共和国消防法》第十六条第一款第（二）项、第六十条第一款第（一）项', 'deadline'),
('wiring',           '《中华人民共和国消防法》第二十七条、第六十六条', 'deadline'),
('ebike',            '《中华人民共和国消防法》第十六条第一款第（五）项、第二十八条', 'on_site'),
('three_in_one',     '《中华人民共和国消防法》第十九条第二款、第六十一条第二款', 'deadline'),
('gas',              '《中华人民共和国消防法》第二十七条、第六十六条', 'deadline'),
('window_bars',      '《中华人民共和国消防法》第二十八条、第六十条第一款第（五）项', 'deadline'),
('flammables',       '《中华人民共和国消防法》第二十三条、第六十二条第（一）项', 'on_site'),
('smoke_alarm',      '《中华人民共和国消防法》第十六条第一款第（二）项、第六十条第一款第（一）项', 'deadline'),
('sandwich_panel',   '《中华人民共和国消防法》第二十六条第一款、第六十五条第二款', 'deadline'),
('staff_training',   '《中华人民共和国消防法》第十六条第一款第（六）项、《消防监督检查规定》（公安部令第120号）第三十一条', 'deadline')
) AS b (code, basis, mode) WHERE c.code = b.code;

-- The wording of each kind: a province edits it without a release.
CREATE TABLE document_templates (
    kind       text PRIMARY KEY CHECK (kind IN ('inspection_record', 'immediate_order', 'deadline_order', 'reinspection_opinion', 'extension_decision')),
    title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    kind_word  text NOT NULL CHECK (length(kind_word) BETWEEN 1 AND 4),
    authority  text NOT NULL CHECK (length(authority) BETWEEN 1 AND 200),
    opening    text NOT NULL CHECK (length(opening) <= 2000),
    "order"    text NOT NULL CHECK (length("order") <= 2000),
    appeal     text NOT NULL CHECK (length(appeal) <= 2000),
    closing    text NOT NULL CHECK (length(closing) <= 2000),
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO document_templates (kind, title, kind_word, authority, opening, "order", appeal, closing) VALUES
('inspection_record', '消防监督检查记录', '检', '{city}公安局{station}',
 '检查对象：{venue}（{address}）；负责人：{person}；统一社会信用代码：{license_no}。{officer}于{inspected_on}依据《消防监督检查规定》（公安部令第120号）对该单位进行了消防监督检查，检查情况如下：',
 '', '', '被检查单位对检查记录无异议的，在下方签收。'),
('immediate_order', '责令立即改正通知书', '即', '{city}公安局{station}',
 '{venue}（{address}）：我所于{inspected_on}对你单位进行消防监督检查，发现你单位存在下列违反消防法律法规的行为：',
 '根据《中华人民共和国消防法》第五十三条、《消防监督检查规定》（公安部令第120号）第三十一条的规定，责令你单位立即改正上述行为。',
 '如不服本通知，可以在收到本通知书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。', ''),
('deadline_order', '责令限期改正通知书', '限', '{city}公安局{station}',
 '{venue}（{address}）：我所于{inspected_on}对你单位进行消防监督检查，发现你单位存在下列违反消防法律法规的行为：',
 '根据《中华人民共和国消防法》第五十三条、《消防监督检查规定》（公安部令第120号）第三十一条的规定，责令你单位于{deadline}前改正上述违法行为。改正期间，你单位应当采取必要的防范措施，确保消防安全。',
 '如不服本通知，可以在收到本通知书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。', ''),
('reinspection_opinion', '复查意见书', '复', '{city}公安局{station}',
 '{venue}（{address}）：我所于{inspected_on}对你单位消防安全隐患整改情况进行了复查，复查情况如下：',
 '对未改正的违法行为，将依照《中华人民共和国消防法》第六十条等规定依法处理。',
 '如不服本意见，可以在收到本意见书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。', ''),
('extension_decision', '同意／不同意延期整改通知书', '延', '{city}公安局{station}',
 '{venue}（{address}）：你单位于{requested_on}提出延期整改申请，请求将下列隐患的整改期限延至{requested_deadline}。',
 '经审查，{decision}',
 '如不服本决定，可以在收到本通知书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。', '');

-- Gapless numbers: one counter row per issuing station, kind and year,
-- moved on (and so locked) in the issuing transaction: a rollback takes its
-- number back, and two issues of one station and kind take turns.
CREATE TABLE document_counters (
    station_id uuid NOT NULL REFERENCES org_units (id),
    kind       text NOT NULL CHECK (kind IN ('inspection_record', 'immediate_order', 'deadline_order', 'reinspection_opinion', 'extension_decision')),
    year       integer NOT NULL,
    last       integer NOT NULL CHECK (last > 0),
    PRIMARY KEY (station_id, kind, year)
);

-- 送达地址确认书: a venue's consent to electronic service.
CREATE TABLE service_consents (
    venue_id    uuid PRIMARY KEY REFERENCES venues (id),
    address     text NOT NULL CHECK (length(address) BETWEEN 1 AND 200),
    recorded_by uuid REFERENCES users (id),
    recorded_at timestamptz NOT NULL DEFAULT now()
);

-- 延期整改: a request to move a hazard's deadline, decided by a supervisor.
CREATE TABLE extensions (
    id                 uuid PRIMARY KEY DEFAULT uuid_v7(),
    hazard_id          uuid NOT NULL REFERENCES hazards (id),
    venue_id           uuid NOT NULL REFERENCES venues (id),
    grid_id            uuid NOT NULL REFERENCES org_units (id),
    old_deadline       date NOT NULL,
    requested_on       date NOT NULL,
    requested_deadline date NOT NULL CHECK (requested_deadline > old_deadline),
    reason             text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    decide_by          date NOT NULL,
    filed_by           uuid REFERENCES users (id),
    decided_by         uuid REFERENCES users (id),
    decided_at         timestamptz,
    comment            text NOT NULL DEFAULT '',
    version            integer NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT extensions_decider_not_filer CHECK (decided_by IS NULL OR filed_by IS NULL OR decided_by <> filed_by)
);
-- One request at a time per hazard.
CREATE UNIQUE INDEX extensions_pending_idx ON extensions (hazard_id) WHERE status = 'pending';
CREATE INDEX extensions_grid_idx ON extensions (grid_id, status);

CREATE TABLE documents (
    id                 uuid PRIMARY KEY DEFAULT uuid_v7(),
    kind               text NOT NULL CHECK (kind IN ('inspection_record', 'immediate_order', 'deadline_order', 'reinspection_opinion', 'extension_decision')),
    status             text NOT NULL CHECK (status IN ('draft', 'issued', 'served', 'void')),
    station_id         uuid NOT NULL REFERENCES org_units (id),
    grid_id            uuid NOT NULL REFERENCES org_units (id),
    venue_id           uuid NOT NULL REFERENCES venues (id),
    inspection_id      uuid REFERENCES inspections (id),
    extension_id       uuid REFERENCES extensions (id),
    hazard_ids         uuid[] NOT NULL DEFAULT '{}',
    -- What the paper says, fixed when it is made: a venue renamed later does
    -- not change a notice it was served.
    content            jsonb NOT NULL,
    year               integer,
    seq                integer,
    number             text,
    issued_at          timestamptz,
    issued_by          uuid REFERENCES users (id),
    serve_by           date,
    service_method     text CHECK (service_method IN ('in_person', 'left_at_premises', 'electronic')),
    received_by        text,
    received_at        timestamptz,
    signature_photo_id uuid REFERENCES photos (id),
    witness            text,
    service_photo_ids  uuid[] NOT NULL DEFAULT '{}',
    served_by          uuid REFERENCES users (id),
    served_at          timestamptz,
    void_reason        text,
    voided_by          uuid REFERENCES users (id),
    voided_at          timestamptz,
    created_by         uuid REFERENCES users (id),
    version            integer NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT documents_number_key UNIQUE (station_id, kind, year, seq),
    -- A number from issue on, never before; a void one keeps its number.
    CONSTRAINT documents_numbered CHECK ((number IS NULL) = (issued_at IS NULL) AND (status NOT IN ('issued', 'served') OR number IS NOT NULL)),
    CONSTRAINT documents_served CHECK ((status = 'served') = (served_at IS NOT NULL) AND (served_at IS NULL OR service_method IS NOT NULL)),
    CONSTRAINT documents_void_reason CHECK ((status = 'void') = (void_reason IS NOT NULL))
);
CREATE INDEX documents_inspection_idx ON documents (inspection_id);
CREATE INDEX documents_venue_idx ON documents (venue_id, created_at);
CREATE INDEX documents_grid_idx ON documents (grid_id, status);
CREATE INDEX documents_unserved_idx ON documents (serve_by) WHERE status IN ('draft', 'issued');

-- +goose Down
DROP TABLE documents;
DROP TABLE extensions;
DROP TABLE service_consents;
DROP TABLE document_counters;
DROP TABLE document_templates;
ALTER TABLE checklist_items DROP COLUMN version;
ALTER TABLE checklist_items DROP COLUMN default_fix_mode;
ALTER TABLE checklist_items DROP COLUMN legal_basis;
ALTER TABLE org_units DROP COLUMN deadline_order_approval;
ALTER TABLE org_units DROP COLUMN agency_code;
