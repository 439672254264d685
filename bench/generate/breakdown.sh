#!/usr/bin/env bash
# bench/generate/breakdown.sh URL: where the time of a cold generation goes.
#
# Run it against a database that bench/generate has seeded (make
# bench-generate with BENCH_KEEP=1 leaves one running). It times generation's
# own statement, as `jiuxiao schedule generate --print-sql` prints it from the
# code and the database's policy (the INSERT … SELECT of inspections with NOT
# EXISTS and ON CONFLICT DO NOTHING, as of BREAKDOWN_AS_OF, 2026-05-10), into
# an empty inspections table, with the floor (the same venues joined to the
# same periods, taken from that statement) beside it, and again with pieces of the
# schema taken away: each variant runs in a transaction that drops the piece,
# inserts, and rolls back, so the database is left as it was. Every variant
# starts from an empty inspections table (TRUNCATEd: never analyzed since),
# freshly vacuumed venues and a checkpoint, with autovacuum off for
# inspections meanwhile. The variants run in turn, BREAKDOWN_REPS (3) rounds
# of them, so that a busy spell on a shared machine hits them alike; the
# medians are reported: elapsed time, the CPU time of the backend (from its
# /proc/self/stat: the role must be a superuser) and the WAL written. Times
# are of the statement alone (no commit).
#
# It TRUNCATEs inspections: scratch databases only.
set -euo pipefail
url=${1:?usage: bench/generate/breakdown.sh DATABASE_URL}
reps=${BREAKDOWN_REPS:-3}
as_of=${BREAKDOWN_AS_OF:-2026-05-10}
PSQL=${PSQL:-psql}
command -v "$PSQL" >/dev/null || PSQL=/usr/lib/postgresql/15/bin/psql
q() { "$PSQL" "$url" -v ON_ERROR_STOP=1 -qAtX "$@"; }

# The generator's statement, from the code (schedules.RoutineAsOf).
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(mktemp)
(cd "$root" && go build -o "$bin" .)
insert=$(DATABASE_URL=$url APP_ENV=development "$bin" schedule generate --print-sql --as-of "$as_of")
rm -f "$bin"
generate=$insert
# The floor joins the same periods, taken from that statement.
periods=$(sed -n 's/.*JOIN (\(VALUES .*\)) AS p (risk_level.*/\1/p' <<<"$insert")
[ -n "$periods" ] || { echo "breakdown.sh: no VALUES list of periods in the generator's statement:" >&2; echo "$insert" >&2; exit 1; }
select="FROM venues v
	JOIN ($periods) AS p (risk_level, interval, period_start, period_end) ON p.risk_level = v.risk_level
	WHERE v.status = 'active'"
cols="venue_id, grid_id, kind, status, interval, period_start, opens_on, due_date"
vals="v.id, v.grid_id, 'routine', 'scheduled', p.interval, p.period_start, p.period_start, p.period_end"
# Generation as it was at commit e0b4d45: an audit row for each inspection.
audited="WITH made AS ($insert
	RETURNING id, venue_id, grid_id, kind, status, interval, period_start, opens_on, due_date)
	INSERT INTO audit_log (actor_id, action, entity, entity_id, grid_id, before, after, request_id)
	SELECT NULL::uuid, 'create', 'inspection', made.id, made.grid_id, NULL, to_jsonb(made), '' FROM made"
floor="INSERT INTO bench_floor ($cols) SELECT $vals $select"
rowfloor="DROP TABLE bench_floor; CREATE TABLE bench_floor (LIKE inspections INCLUDING DEFAULTS);"

fks="ALTER TABLE inspections DROP CONSTRAINT inspections_venue_id_fkey, DROP CONSTRAINT inspections_grid_id_fkey,
	DROP CONSTRAINT inspections_assignee_id_fkey, DROP CONSTRAINT inspections_reviewed_by_fkey,
	DROP CONSTRAINT inspections_created_by_fkey;"
four="DROP INDEX inspections_venue_idx, inspections_grid_due_idx, inspections_sync_idx, inspections_open_idx;"

labels=() setups=() stmts=()
add() { labels+=("$1"); setups+=("$2"); stmts+=("$3"); }
add "floor: bare insert into an unindexed 8-column table" "" "$floor"
add "row floor: an unindexed table with all of inspections' columns and defaults" "$rowfloor" "$floor"
add "row floor, id from gen_random_uuid() instead of uuid_v7()" "$rowfloor ALTER TABLE bench_floor ALTER id SET DEFAULT gen_random_uuid();" "$floor"
add "row floor, no id" "$rowfloor ALTER TABLE bench_floor ALTER id DROP NOT NULL, ALTER id DROP DEFAULT;" "$floor"
add "generation, as models.Generate runs it" "" "$generate"
add "generation with an audit row for each inspection (as at commit e0b4d45)" "" "$audited"
add "generation without the 5 foreign keys" "$fks" "$generate"
add "generation without the 3 foreign keys of NULL columns (assignee, reviewer, creator)" \
	"ALTER TABLE inspections DROP CONSTRAINT inspections_assignee_id_fkey, DROP CONSTRAINT inspections_reviewed_by_fkey, DROP CONSTRAINT inspections_created_by_fkey;" "$generate"
add "generation without the grid foreign key" "ALTER TABLE inspections DROP CONSTRAINT inspections_grid_id_fkey;" "$generate"
add "generation without inspections_venue_idx" "DROP INDEX inspections_venue_idx;" "$generate"
add "generation without inspections_grid_due_idx" "DROP INDEX inspections_grid_due_idx;" "$generate"
add "generation without inspections_sync_idx" "DROP INDEX inspections_sync_idx;" "$generate"
add "generation without inspections_open_idx" "DROP INDEX inspections_open_idx;" "$generate"
add "generation without those 4 indexes" "$four" "$generate"
add "generation without those 4 indexes and the 5 foreign keys" "$four $fks" "$generate"
add "generation without ON CONFLICT DO NOTHING (for comparison only)" "" "${generate/ON CONFLICT DO NOTHING/}"
# Analyzed while empty, inspections is planned as certainly empty: without
# enable_nestloop = off, the NOT EXISTS may become a nested loop over a
# sequential scan of the table the INSERT fills (quadratic; bench/generate
# times that case, with a time limit).
add "generation after ANALYZE of the empty table, SET LOCAL enable_nestloop = off" \
	"ANALYZE inspections; SET LOCAL enable_nestloop = off;" "$generate"
add "generation, SET LOCAL enable_nestloop = off" "SET LOCAL enable_nestloop = off;" "$generate"

# once SETUP STATEMENT prints "milliseconds cpu-centiseconds wal-bytes".
once() {
	q -c "TRUNCATE inspections CASCADE" -c "DROP TABLE IF EXISTS bench_floor" -c "VACUUM venues" -c "CHECKPOINT" 2>/dev/null
	q <<SQL
BEGIN;
CREATE TABLE bench_floor (venue_id uuid, grid_id uuid, kind text, status text, interval text, period_start date, opens_on date, due_date date);
$1
SELECT pg_current_wal_lsn() AS w0, split_part(split_part(pg_read_file('/proc/self/stat'), ') ', 2), ' ', 12)::int
	+ split_part(split_part(pg_read_file('/proc/self/stat'), ') ', 2), ' ', 13)::int AS c0 \gset
SELECT clock_timestamp() AS t0 \gset
$2;
SELECT round(extract(epoch FROM clock_timestamp() - :'t0') * 1000),
	split_part(split_part(pg_read_file('/proc/self/stat'), ') ', 2), ' ', 12)::int
	+ split_part(split_part(pg_read_file('/proc/self/stat'), ') ', 2), ' ', 13)::int - :c0,
	pg_wal_lsn_diff(pg_current_wal_lsn(), :'w0')::bigint;
ROLLBACK;
SQL
}

tmp=$(mktemp -d)
q -c "ALTER TABLE inspections SET (autovacuum_enabled = off)"
trap 'q -c "ALTER TABLE inspections RESET (autovacuum_enabled)"; rm -rf "$tmp"' EXIT
for ((r = 1; r <= reps; r++)); do
	for i in "${!labels[@]}"; do
		once "${setups[$i]}" "${stmts[$i]}" >>"$tmp/$i"
	done
	echo "round $r of $reps done (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
done

med() { sort -n | sed -n "$(((reps + 1) / 2))p"; }
echo "| $(q -c "SELECT to_char(count(*), 'FM9,999,999') FROM venues") venues | time | backend CPU | WAL | runs (ms) |"
echo "| --- | ---: | ---: | ---: | --- |"
for i in "${!labels[@]}"; do
	t=$(cut -d'|' -f1 "$tmp/$i" | med)
	c=$(cut -d'|' -f2 "$tmp/$i" | med)
	w=$(cut -d'|' -f3 "$tmp/$i" | med)
	printf '| %s | %s ms | %s ms | %s MB | %s |\n' "${labels[$i]}" "$t" "$((c * 10))" "$((w / 1000000))" "$(cut -d'|' -f1 "$tmp/$i" | paste -sd/)"
done
