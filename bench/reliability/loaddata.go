package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jiuxiao/jiuxiao/models/vocab"
)

// The load test's data: on top of the demo city of `jiuxiao seed --venues
// 0` (its accounts, checklist and calendar), a province of JX_LOAD_CITIES
// more cities of 5 districts × 6 stations × 10 grids, one officer per grid
// and a supervisor per station and per city (the seed's password), then
// JX_LOAD_VENUES venues spread over every grid, the routine inspections of
// the last JX_LOAD_MONTHS months, submitted (95% approved), a hazard found
// in one visit of twenty, and the current period's routine inspections, all
// inserted set-based in SQL. bench_officers numbers the officers for
// pgbench.
var loadSteps = []struct{ name, sql string }{
	{"cities", `INSERT INTO org_units (id, kind, code, name, parent_id, path)
		SELECT s.id, 'city', 'p' || lpad(s.c::text, 2, '0'), '示范省第' || s.c || '市', NULL, ARRAY[s.id]
		FROM (SELECT c, uuid_v7() AS id FROM generate_series(1, {cities}) c) s`},
	{"districts", `INSERT INTO org_units (id, kind, code, name, parent_id, path)
		SELECT s.id, 'district', s.code || '-d' || s.k, s.name || '第' || s.k || '区', s.pid, s.path || s.id
		FROM (SELECT p.id AS pid, p.code, p.name, p.path, k, uuid_v7() AS id
		      FROM org_units p, generate_series(1, 5) k WHERE p.kind = 'city' AND p.code LIKE 'p%') s`},
	{"stations", `INSERT INTO org_units (id, kind, code, name, parent_id, path)
		SELECT s.id, 'station', s.code || '-s' || s.k, s.name || '第' || s.k || '派出所', s.pid, s.path || s.id
		FROM (SELECT p.id AS pid, p.code, p.name, p.path, k, uuid_v7() AS id
		      FROM org_units p, generate_series(1, 6) k WHERE p.kind = 'district' AND p.code LIKE 'p%') s`},
	{"grids", `INSERT INTO org_units (id, kind, code, name, parent_id, path)
		SELECT s.id, 'grid', s.code || '-g' || lpad(s.k::text, 2, '0'), s.name || '第' || s.k || '网格', s.pid, s.path || s.id
		FROM (SELECT p.id AS pid, p.code, p.name, p.path, k, uuid_v7() AS id
		      FROM org_units p, generate_series(1, 10) k WHERE p.kind = 'station' AND p.code LIKE 'p%') s`},
	{"accounts", `INSERT INTO users (id, username, name, role, org_unit_id, password_hash)
		SELECT uuid_v7(), 'off-' || g.code, '网格员' || g.code, 'officer', g.parent_id, (SELECT password_hash FROM users WHERE username = 'admin')
		FROM org_units g WHERE g.kind = 'grid' AND g.code LIKE 'p%';
		INSERT INTO user_grids (user_id, grid_id)
		SELECT u.id, g.id FROM org_units g JOIN users u ON u.username = 'off-' || g.code WHERE g.kind = 'grid' AND g.code LIKE 'p%';
		INSERT INTO users (id, username, name, role, org_unit_id, password_hash)
		SELECT uuid_v7(), 'sup-' || u.code, '督导' || u.code, 'supervisor', u.id, (SELECT password_hash FROM users WHERE username = 'admin')
		FROM org_units u WHERE u.kind IN ('city', 'station') AND u.code LIKE 'p%'`},
	// Bulk inserts are cheaper without the secondary indexes, built once
	// after, and without the foreign-key triggers (the rows are made from
	// rows that exist; the role is the cluster's superuser).
	{"drop indexes", `SET maintenance_work_mem = '1GB';
		SET session_replication_role = replica;
		CREATE TABLE bench_saved_indexes AS SELECT indexname, indexdef FROM pg_indexes
		WHERE schemaname = 'public' AND tablename IN ('venues', 'inspections') AND indexname NOT LIKE '%_pkey';
		DO $$ DECLARE r record; BEGIN
		  FOR r IN SELECT indexname FROM bench_saved_indexes LOOP EXECUTE 'DROP INDEX ' || quote_ident(r.indexname); END LOOP;
		END $$`},
	{"venues", `WITH g AS (SELECT array_agg(id ORDER BY code) AS ids FROM org_units WHERE kind = 'grid'),
		s AS (SELECT i, random() AS r1, random() AS r2, random() AS r3 FROM generate_series(1, {venues}) i)
		INSERT INTO venues (id, name, category, risk_level, grid_id, address, lat, lng, contact_name, contact_phone)
		SELECT uuid_v7(),
		  (ARRAY['鑫源','福满','顺发','兴隆','金鼎','百姓','好运来','聚贤','华联','佳佳'])[1 + floor(s.r1 * 10)::int]
		    || (ARRAY['便利店','小吃店','宾馆','KTV','网吧','美发店','幼儿园','诊所','加工厂'])[1 + s.i % 9],
		  (ARRAY[{categories}])[1 + s.i % {ncategories}],
		  CASE WHEN s.r3 < 0.10 THEN 'red' WHEN s.r3 < 0.40 THEN 'yellow' ELSE 'green' END,
		  g.ids[1 + s.i % array_length(g.ids, 1)],
		  '示范路' || (1 + floor(s.r2 * 999)::int) || '号',
		  30 + (s.i % array_length(g.ids, 1)) * 0.002 + s.r1 * 0.01, 110 + (s.i % 97) * 0.01 + s.r2 * 0.01,
		  '王先生', '13800000000'
		FROM s, g`},
	{"past inspections", `INSERT INTO inspections (venue_id, grid_id, kind, status, interval, period_start, opens_on, due_date, assignee_id,
		  started_at, start_lat, start_lng, start_distance_m, submitted_at, submitted_on, checklist, notes, reviewed_by, reviewed_at, created_at, updated_at)
		SELECT v.id, v.grid_id, 'routine', CASE WHEN r.x < 0.95 THEN 'approved' ELSE 'submitted' END, p.iv, p.ps, p.ps, p.pe, ug.user_id,
		  s.at - interval '40 minutes', v.lat, v.lng, 12.5, s.at, (s.at AT TIME ZONE 'Asia/Shanghai')::date, '[]', '历史检查',
		  CASE WHEN r.x < 0.95 THEN sup.id END, CASE WHEN r.x < 0.95 THEN s.at + interval '1 day' END, p.ps, s.at
		FROM venues v
		JOIN user_grids ug ON ug.grid_id = v.grid_id
		JOIN org_units g ON g.id = v.grid_id
		JOIN users sup ON sup.org_unit_id = g.parent_id AND sup.role = 'supervisor'
		JOIN policy pol0 ON pol0.risk_level = v.risk_level
		JOIN LATERAL (
		  SELECT pol.iv, (b.base - make_interval(months => pol.m * k))::date AS ps,
		         (b.base - make_interval(months => pol.m * (k - 1)) - interval '1 day')::date AS pe
		  FROM (VALUES ('monthly', 1), ('quarterly', 3), ('half_yearly', 6), ('yearly', 12)) AS pol(iv, m)
		  CROSS JOIN LATERAL (SELECT make_date({year}, (({month} - 1) / pol.m) * pol.m + 1, 1)::timestamp AS base) b
		  CROSS JOIN generate_series(1, greatest({months} / pol.m, 1)) AS k
		  WHERE pol.iv = pol0.interval
		) p ON true
		CROSS JOIN LATERAL (SELECT random() AS x, random() AS y) r
		CROSS JOIN LATERAL (SELECT (p.ps + (r.y * (p.pe - p.ps))::int + time '10:00')::timestamp AT TIME ZONE 'Asia/Shanghai' AS at) s`},
	{"current period", currentPeriodSQL},
	{"rebuild indexes", `SET session_replication_role = DEFAULT;
		DO $$ DECLARE r record; BEGIN
		  FOR r IN SELECT indexdef FROM bench_saved_indexes LOOP EXECUTE r.indexdef; END LOOP;
		END $$;
		DROP TABLE bench_saved_indexes`},
	{"hazards", `INSERT INTO hazards (id, inspection_id, venue_id, grid_id, code, severity, description, fix_mode, status,
		  rectify_description, rectified_at, rectified_by, verified_at, verified_by, created_at, updated_at)
		SELECT gen_random_uuid(), i.id, i.venue_id, i.grid_id,
		  (ARRAY['extinguisher','evacuation_route','emergency_light','wiring','ebike'])[1 + floor(random() * 5)::int],
		  CASE WHEN random() < 0.1 THEN 'major' ELSE 'general' END, '历史隐患', 'on_site',
		  CASE WHEN i.status = 'approved' THEN 'verified' ELSE 'rectified' END, '当场整改', i.submitted_at, i.assignee_id,
		  CASE WHEN i.status = 'approved' THEN i.reviewed_at END, i.reviewed_by, i.submitted_at, i.submitted_at
		FROM inspections i WHERE i.submitted_at IS NOT NULL AND random() < 0.05`},
	// The venues and inspections went in with triggers off (replica mode):
	// count the figures' tables from the rows, as a migration would.
	{"figures' counts", `SELECT stats_rebuild()`},
	{"bench_officers", `CREATE TABLE bench_officers AS
		SELECT row_number() OVER (ORDER BY u.username)::int AS n, u.id AS user_id, u.org_unit_id, ug.grid_id
		FROM users u JOIN user_grids ug ON ug.user_id = u.id WHERE u.role = 'officer';
		ALTER TABLE bench_officers ADD PRIMARY KEY (n)`},
	// Freeze and flush now, so that the measurements do not pay for setting
	// hint bits and writing the load's dirty pages out.
	{"vacuum freeze analyze", `VACUUM (FREEZE, ANALYZE)`},
	{"checkpoint", `CHECKPOINT`},
}

// currentPeriodSQL makes the current period's routine inspections, still
// to do.
const currentPeriodSQL = `INSERT INTO inspections (venue_id, grid_id, kind, status, interval, period_start, opens_on, due_date)
		SELECT v.id, v.grid_id, 'routine', 'scheduled', pol.interval, p.ps, p.ps, p.pe
		FROM venues v JOIN policy pol ON pol.risk_level = v.risk_level
		JOIN LATERAL (SELECT b.base::date AS ps, (b.base + make_interval(months => m.m) - interval '1 day')::date AS pe
		  FROM (SELECT CASE pol.interval WHEN 'monthly' THEN 1 WHEN 'quarterly' THEN 3 WHEN 'half_yearly' THEN 6 ELSE 12 END AS m) m
		  CROSS JOIN LATERAL (SELECT make_date({year}, (({month} - 1) / m.m) * m.m + 1, 1)::timestamp AS base) b) p ON true
		WHERE v.status = 'active'`

// buildLoadData runs the steps and reports how long each took.
func buildLoadData(ctx context.Context, conn *pgx.Conn, cities, venues, months int, today time.Time, logf func(string, ...any)) (string, error) {
	r := strings.NewReplacer("{cities}", fmt.Sprint(cities), "{venues}", fmt.Sprint(venues), "{months}", fmt.Sprint(months),
		"{year}", fmt.Sprint(today.Year()), "{month}", fmt.Sprint(int(today.Month())),
		"{categories}", "'"+strings.Join(vocab.Categories.Strings(), "', '")+"'", "{ncategories}", fmt.Sprint(len(vocab.Categories.Values())))
	var took []string
	for _, s := range loadSteps {
		t0 := time.Now()
		if _, err := conn.Exec(ctx, r.Replace(s.sql)); err != nil {
			return "", fmt.Errorf("load data, %s: %w", s.name, err)
		}
		d := time.Since(t0).Round(100 * time.Millisecond)
		logf("load: %s in %s", s.name, d)
		took = append(took, fmt.Sprintf("%s %s", s.name, d))
	}
	return strings.Join(took, ", "), nil
}
