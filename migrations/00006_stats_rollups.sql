-- +goose Up
-- Counts kept per grid (and day) for the figures of GET /stats/*, so that a
-- city's or a province's figures sum a few thousand rows instead of counting
-- millions of inspections on each request.
--
-- Statement-level triggers with transition tables keep them: one aggregated
-- upsert per statement, so a generation run that inserts a million
-- inspections makes one upsert of a few thousand rows, not a million. The
-- upserts take their row locks in key order. Figures that depend on "today"
-- (overdue) are not stored: they are read off the key (an inspection's due
-- date) or off the few open hazards.
--
-- The days are days in the zone kept in stats_zone, whoever writes: the
-- service's TZ, recorded here by the migration and checked by every
-- `jiuxiao migrate up` and `serve` start (stats_use_zone: a change of TZ
-- recounts).

-- The zone of the counts' days: one row.
CREATE TABLE stats_zone (
    one  boolean PRIMARY KEY DEFAULT true CHECK (one),
    zone text NOT NULL
);
INSERT INTO stats_zone (zone) VALUES (current_setting('TimeZone'));

-- Active venues of a grid by level and category.
CREATE TABLE stats_venues (
    grid_id    uuid NOT NULL,
    risk_level text NOT NULL,
    category   text NOT NULL,
    n          bigint NOT NULL,
    PRIMARY KEY (grid_id, risk_level, category)
);

-- Inspections of a grid that are not cancelled, by due date.
CREATE TABLE stats_inspections (
    grid_id  uuid NOT NULL,
    due_date date NOT NULL,
    due      bigint NOT NULL, -- not cancelled
    done     bigint NOT NULL, -- submitted or approved
    on_time  bigint NOT NULL, -- done, submitted on or before the due date
    open     bigint NOT NULL, -- scheduled, in progress or returned
    PRIMARY KEY (grid_id, due_date)
);

-- Hazards of a grid by the day they were found.
CREATE TABLE stats_hazards (
    grid_id           uuid NOT NULL,
    found_on          date NOT NULL,
    found             bigint NOT NULL,
    fixed_on_site     bigint NOT NULL, -- fixed on site and not open again
    fixed_by_deadline bigint NOT NULL, -- fixed on or before the deadline and not open again
    rectified         bigint NOT NULL,
    verified          bigint NOT NULL,
    open              bigint NOT NULL,
    PRIMARY KEY (grid_id, found_on)
);
-- Overdue hazards are counted from the open ones, a small set.
CREATE INDEX hazards_open_deadline_idx ON hazards (grid_id, deadline) WHERE status = 'open';

-- stats_sql(tbl, op) is the upsert that adds to tbl's counts what one
-- statement did: the rows it changed come from the trigger's transition
-- tables (new_rows as +1, old_rows as -1, so an UPDATE adds its rows as they
-- are now and takes them away as they were), or, for op 'REBUILD', the whole
-- table. Groups whose counts do not move are left alone, and the upsert takes
-- its row locks in key order.
-- +goose StatementBegin
CREATE FUNCTION stats_sql(tbl text, op text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    cols text;
    changes text;
BEGIN
    cols := CASE tbl
        WHEN 'venues' THEN 'grid_id, risk_level, category, status'
        WHEN 'inspections' THEN 'grid_id, due_date, status, submitted_on'
        WHEN 'hazards' THEN 'grid_id, status, fix_mode, deadline, created_at, rectified_at'
    END;
    changes := CASE op
        WHEN 'INSERT' THEN 'SELECT 1 AS s, ' || cols || ' FROM new_rows'
        WHEN 'DELETE' THEN 'SELECT -1 AS s, ' || cols || ' FROM old_rows'
        WHEN 'UPDATE' THEN 'SELECT 1 AS s, ' || cols || ' FROM new_rows UNION ALL SELECT -1, ' || cols || ' FROM old_rows'
        WHEN 'REBUILD' THEN 'SELECT 1 AS s, ' || cols || ' FROM ' || tbl
    END;
    IF cols IS NULL OR changes IS NULL THEN
        RAISE EXCEPTION 'stats_sql: no counts for % %', tbl, op;
    END IF;
    IF tbl = 'venues' THEN
        RETURN 'INSERT INTO stats_venues AS t (grid_id, risk_level, category, n)
            SELECT grid_id, risk_level, category, sum(s)
            FROM (' || changes || ') c
            WHERE status = ''active''
            GROUP BY 1, 2, 3 HAVING sum(s) <> 0
            ORDER BY 1, 2, 3
            ON CONFLICT (grid_id, risk_level, category) DO UPDATE SET n = t.n + excluded.n';
    ELSIF tbl = 'inspections' THEN
        RETURN 'INSERT INTO stats_inspections AS t (grid_id, due_date, due, done, on_time, open)
            SELECT grid_id, due_date, sum(s), sum(s * done), sum(s * on_time), sum(s * open)
            FROM (SELECT s, grid_id, due_date,
                    (status IN (''submitted'', ''approved''))::int AS done,
                    (status IN (''submitted'', ''approved'') AND coalesce(submitted_on <= due_date, false))::int AS on_time,
                    (status IN (''scheduled'', ''in_progress'', ''returned''))::int AS open
                FROM (' || changes || ') c
                WHERE status <> ''cancelled'') c
            GROUP BY 1, 2 HAVING (sum(s), sum(s * done), sum(s * on_time), sum(s * open)) <> (0, 0, 0, 0)
            ORDER BY 1, 2
            ON CONFLICT (grid_id, due_date) DO UPDATE SET
                due = t.due + excluded.due, done = t.done + excluded.done,
                on_time = t.on_time + excluded.on_time, open = t.open + excluded.open';
    END IF;
    RETURN 'INSERT INTO stats_hazards AS t (grid_id, found_on, found, fixed_on_site, fixed_by_deadline, rectified, verified, open)
        SELECT grid_id, found_on, sum(s), sum(s * fixed_on_site), sum(s * fixed_by_deadline),
            sum(s * rectified), sum(s * verified), sum(s * open)
        FROM (SELECT s, grid_id,
                (created_at AT TIME ZONE (SELECT zone FROM stats_zone))::date AS found_on,
                (fix_mode = ''on_site'' AND status <> ''open'')::int AS fixed_on_site,
                (fix_mode = ''deadline'' AND status <> ''open''
                    AND coalesce((rectified_at AT TIME ZONE (SELECT zone FROM stats_zone))::date <= deadline, false))::int AS fixed_by_deadline,
                (status = ''rectified'')::int AS rectified,
                (status = ''verified'')::int AS verified,
                (status = ''open'')::int AS open
            FROM (' || changes || ') c) c
        GROUP BY 1, 2
        HAVING (sum(s), sum(s * fixed_on_site), sum(s * fixed_by_deadline), sum(s * rectified), sum(s * verified), sum(s * open))
            <> (0, 0, 0, 0, 0, 0)
        ORDER BY 1, 2
        ON CONFLICT (grid_id, found_on) DO UPDATE SET
            found = t.found + excluded.found,
            fixed_on_site = t.fixed_on_site + excluded.fixed_on_site,
            fixed_by_deadline = t.fixed_by_deadline + excluded.fixed_by_deadline,
            rectified = t.rectified + excluded.rectified,
            verified = t.verified + excluded.verified,
            open = t.open + excluded.open';
END
$$;
-- +goose StatementEnd

-- A TRUNCATE (scratch databases, benchmarks) empties the counts with the table.
-- +goose StatementBegin
CREATE FUNCTION stats_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('DELETE FROM %I', 'stats_' || TG_TABLE_NAME);
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- Counts everything again, with writes held off meanwhile (and another
-- rebuild: SHARE ROW EXCLUSIVE conflicts with itself), in the zone of the
-- session that asks, which becomes the counts' zone: `jiuxiao stats rebuild`.
-- +goose StatementBegin
CREATE FUNCTION stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    tbl text;
BEGIN
    LOCK TABLE venues, inspections, hazards IN SHARE ROW EXCLUSIVE MODE;
    UPDATE stats_zone SET zone = current_setting('TimeZone');
    FOREACH tbl IN ARRAY ARRAY['venues', 'inspections', 'hazards'] LOOP
        EXECUTE format('DELETE FROM %I', 'stats_' || tbl);
        EXECUTE stats_sql(tbl, 'REBUILD');
    END LOOP;
END
$$;
-- +goose StatementEnd

-- stats_use_zone() recounts when the session's zone (the service's TZ) is
-- not the counts' zone any more, and says whether it did. The service calls
-- it after migrating.
-- +goose StatementBegin
CREATE FUNCTION stats_use_zone() RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT zone FROM stats_zone) = current_setting('TimeZone') THEN
        RETURN false;
    END IF;
    LOCK TABLE venues, inspections, hazards IN SHARE ROW EXCLUSIVE MODE;
    -- Another process may have recounted while this one waited.
    IF (SELECT zone FROM stats_zone) = current_setting('TimeZone') THEN
        RETURN false;
    END IF;
    PERFORM stats_rebuild();
    RETURN true;
END
$$;
-- +goose StatementEnd

-- stats_install() (re)creates the triggers: for each table and each of
-- INSERT, UPDATE and DELETE, a trigger function whose body is stats_sql()'s
-- upsert as static SQL, so that PL/pgSQL plans it once per connection (as
-- dynamic SQL it was planned on every statement: 0.2 ms a write, measured).
-- A later change to stats_sql() runs stats_install() again.
-- +goose StatementBegin
CREATE FUNCTION stats_install() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    tbl text;
    op text;
    fn text;
BEGIN
    FOREACH tbl IN ARRAY ARRAY['venues', 'inspections', 'hazards'] LOOP
        FOREACH op IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
            fn := 'stats_' || tbl || '_' || lower(op);
            EXECUTE format('CREATE OR REPLACE FUNCTION %I() RETURNS trigger LANGUAGE plpgsql AS %L',
                fn, 'BEGIN ' || stats_sql(tbl, op) || '; RETURN NULL; END');
            EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', tbl || '_stats_' || lower(op), tbl);
            EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                tbl || '_stats_' || lower(op), op, tbl,
                CASE op WHEN 'INSERT' THEN 'NEW TABLE AS new_rows'
                        WHEN 'DELETE' THEN 'OLD TABLE AS old_rows'
                        ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
                fn);
        END LOOP;
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', tbl || '_stats_truncate', tbl);
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION stats_truncate()',
            tbl || '_stats_truncate', tbl);
    END LOOP;
END
$$;
-- +goose StatementEnd

SELECT stats_install();
SELECT stats_rebuild();

-- +goose Down
-- +goose StatementBegin
DO $$
DECLARE
    tbl text;
    op text;
BEGIN
    FOREACH tbl IN ARRAY ARRAY['venues', 'inspections', 'hazards'] LOOP
        FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete', 'truncate'] LOOP
            EXECUTE format('DROP TRIGGER %I ON %I', tbl || '_stats_' || op, tbl);
            IF op <> 'truncate' THEN
                EXECUTE format('DROP FUNCTION %I()', 'stats_' || tbl || '_' || op);
            END IF;
        END LOOP;
    END LOOP;
END
$$;
-- +goose StatementEnd
DROP FUNCTION stats_install();
DROP FUNCTION stats_use_zone();
DROP FUNCTION stats_rebuild();
DROP FUNCTION stats_truncate();
DROP FUNCTION stats_sql(text, text);
DROP INDEX hazards_open_deadline_idx;
DROP TABLE stats_hazards;
DROP TABLE stats_inspections;
DROP TABLE stats_venues;
DROP TABLE stats_zone;
