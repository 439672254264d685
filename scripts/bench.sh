#!/usr/bin/env bash
# make bench-generate: a throwaway PostgreSQL cluster, durable (fsync,
# synchronous_commit and full_page_writes on, as in production: not the
# "fast" mode of the tests), and the schedule-generation benchmark
# (bench/generate) in a fresh database for each venue count. The cluster is
# stopped and removed at the end, whatever happens.
#
#   BENCH_VENUES   venue counts to run, in turn (default "75276 1200000")
#   BENCH_REPS     repetitions of each measurement; medians are reported (3)
#   BENCH_FAST=1   run the cluster in the tests' "fast" mode instead
#   BENCH_PG_SET   settings for the cluster, "name=value ..." (ALTER SYSTEM,
#                  then a restart), e.g. BENCH_PG_SET="shared_buffers=2GB"
#   BENCH_FLAGS    more flags for bench/generate, e.g. "-trap 0 -as-of 2026-07-01"
#   BENCH_KEEP=1   leave the cluster and its databases running, for EXPLAIN
#                  and bench/generate/breakdown.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/pg.sh
. scripts/pg.sh

venues=${BENCH_VENUES:-75276 1200000}
reps=${BENCH_REPS:-3}
port=${BENCH_PORT:-5433}
speed=""
[ "${BENCH_FAST:-}" = 1 ] && speed=fast

pg_install
pgdir=$(mktemp -d /tmp/jiuxiao-bench.XXXXXX)
chmod 755 "$pgdir"
cleanup() { pg_stop "$pgdir/pg"; rm -rf "$pgdir"; }
if [ "${BENCH_KEEP:-}" != 1 ]; then
	trap cleanup EXIT
fi
pg_start "$pgdir/pg" "$port" socket $speed
psql_() { "$PG_BIN/psql" -h "$pgdir/pg/run" -p "$port" -U jiuxiao -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ -n "${BENCH_PG_SET:-}" ]; then
	for kv in $BENCH_PG_SET; do
		psql_ -d postgres -c "ALTER SYSTEM SET ${kv%%=*} = '${kv#*=}'"
	done
	pg_as "$PG_BIN/pg_ctl" -D "$pgdir/pg/data" -l "$pgdir/pg/postgres.log" -w -t 60 restart >/dev/null
fi

pg_log "benchmark cluster at $pgdir/pg ($([ -n "$speed" ] && echo "fast: fsync off" || echo durable))"
pg_log "machine: $(nproc) CPUs, $(free -g | awk '/^Mem:/ {print $2 " GiB"}') of memory, $(psql_ -d postgres -c 'SELECT version()')"
pg_log "settings: $(psql_ -d postgres -F ' ' -c "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ' ORDER BY name) FROM pg_settings
	WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'work_mem', 'maintenance_work_mem', 'max_wal_size', 'wal_level')")"

go build -o "$pgdir/bench-generate" ./bench/generate
header=-header
for n in $venues; do
	db="bench_$n"
	psql_ -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
	pg_log "$n venues: database $db"
	DATABASE_URL="postgres://jiuxiao@/$db?host=$pgdir/pg/run&port=$port&sslmode=disable" \
		"$pgdir/bench-generate" -venues "$n" -reps "$reps" $header ${BENCH_FLAGS:-}
	header=""
done
if [ "${BENCH_KEEP:-}" = 1 ]; then
	pg_log "cluster left running: psql -h $pgdir/pg/run -p $port -U jiuxiao bench_<venues>; stop it with: . scripts/pg.sh && pg_stop $pgdir/pg && rm -rf $pgdir"
fi
