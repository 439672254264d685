-- +goose Up
-- Completion is about the schedule: an officer's ad hoc visits no longer
-- count as due and done (forty visits to one venue lifted a station's
-- completion rate). They are counted on their own, as ad_hoc (made) and
-- ad_hoc_done (submitted or approved), by the same rule of 00006.
ALTER TABLE stats_inspections ADD COLUMN ad_hoc bigint NOT NULL DEFAULT 0,
    ADD COLUMN ad_hoc_done bigint NOT NULL DEFAULT 0;

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION stats_sql(tbl text, op text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    cols text;
    changes text;
BEGIN
    cols := CASE tbl
        WHEN 'venues' THEN 'grid_id, risk_level, category, status'
        WHEN 'inspections' THEN 'grid_id, due_date, status, submitted_on, kind'
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
        -- due, done, on_time and open are the schedule's (every kind but
        -- ad hoc); ad hoc visits are counted on their own.
        RETURN 'INSERT INTO stats_inspections AS t (grid_id, due_date, due, done, on_time, open, ad_hoc, ad_hoc_done)
            SELECT grid_id, due_date, sum(s * planned), sum(s * planned * done), sum(s * planned * on_time), sum(s * planned * open),
                sum(s * (1 - planned)), sum(s * (1 - planned) * done)
            FROM (SELECT s, grid_id, due_date,
                    (kind <> ''ad_hoc'')::int AS planned,
                    (status IN (''submitted'', ''approved''))::int AS done,
                    (status IN (''submitted'', ''approved'') AND coalesce(submitted_on <= due_date, false))::int AS on_time,
                    (status IN (''scheduled'', ''in_progress'', ''returned''))::int AS open
                FROM (' || changes || ') c
                WHERE status <> ''cancelled'') c
            GROUP BY 1, 2
            HAVING (sum(s * planned), sum(s * planned * done), sum(s * planned * on_time), sum(s * planned * open),
                sum(s * (1 - planned)), sum(s * (1 - planned) * done)) <> (0, 0, 0, 0, 0, 0)
            ORDER BY 1, 2
            ON CONFLICT (grid_id, due_date) DO UPDATE SET
                due = t.due + excluded.due, done = t.done + excluded.done,
                on_time = t.on_time + excluded.on_time, open = t.open + excluded.open,
                ad_hoc = t.ad_hoc + excluded.ad_hoc, ad_hoc_done = t.ad_hoc_done + excluded.ad_hoc_done';
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

SELECT stats_install();
SELECT stats_rebuild();

-- +goose Down
-- The rule of 00006 again.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION stats_sql(tbl text, op text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
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

SELECT stats_install();
ALTER TABLE stats_inspections DROP COLUMN ad_hoc, DROP COLUMN ad_hoc_done;
SELECT stats_rebuild();
