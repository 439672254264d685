#!/usr/bin/env bash
# make reliability: the reliability, security and load checks of
# docs/RELIABILITY.md against a throwaway, durable PostgreSQL cluster (fsync
# and synchronous_commit on, as in production), with the real binary run as
# several replicas. Each step appends its checks to results.jsonl; at the end
# the table is printed (and written to RESULTS.md) and the script exits
# non-zero if any check failed. The cluster is stopped and removed at the end.
#
#   scripts/reliability.sh [all | STEP...]
#   steps: fuzz access concurrency retries outage hostile uploads shutdown limits load nginx standby objectstore events
#
#   RELIABILITY_OUT       where logs and results go (.data/reliability/<time>)
#   RELIABILITY_PORT      the cluster's port (5439)
#   RELIABILITY_FUZZTIME  how long each fuzz target runs (10s)
#   RELIABILITY_PG_SET    cluster settings, "name=value ..." (ALTER SYSTEM)
#   RELIABILITY_KEEP=1    leave the cluster running at the end
#   JX_LOAD_VENUES, JX_LOAD_MONTHS, JX_LOAD_CITIES, JX_LOAD_SECONDS, JX_LOAD_TARGETS=report,
#   JX_HOSTILE_N, JX_CONC_VENUES, JX_RETRY_VISITS, JX_OUTAGE_SECONDS, JX_SHUTDOWN_VENUES, JX_NGINX_VENUES,
#   JX_LIMITS_VENUES, JX_LIMITS_SECONDS, JX_EVENTS_N
#   JX_S3_DOWN_SECONDS
#                         scale and length of the steps (bench/reliability)
#   JX_BLOB_STORE=s3      every step's replicas keep their photos in one bucket of an S3 server
#                         (gofakes3) the harness runs, instead of DATA_DIR
#   JX_PORTS=FIRST-LAST   the ports the replicas, receivers and the objectstore step's S3 server
#                         listen on (default: any free port)
#   JX_DEBUG=1            the hostile step prints its mean time per route
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/pg.sh
. scripts/pg.sh
export PATH="$PATH:/usr/local/go/bin"

all="fuzz access concurrency retries outage hostile uploads shutdown limits load nginx standby objectstore events"
steps="${*:-all}"
[ "$steps" = all ] && steps=$all
for s in $steps; do
	case " $all " in *" $s "*) ;; *) echo "unknown step $s (steps: $all)" >&2; exit 2 ;; esac
done
port=${RELIABILITY_PORT:-5439}
out=${RELIABILITY_OUT:-.data/reliability/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out" && out=$(cd "$out" && pwd)
fuzztime=${RELIABILITY_FUZZTIME:-10s}
started=$(date +%s)

pg_install || exit 1
if [[ " $steps " == *" load "* ]] && ! command -v wrk >/dev/null; then
	pg_log "wrk is not installed; installing it with apt-get"
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo=sudo
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null ||
		{ $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null; } ||
		{ echo "cannot install wrk" >&2; exit 1; }
fi

# nginx: Debian's package; the step runs its own nginx process on free ports
# (where no policy-rc.d forbids it, the package also starts the system's).
if [[ " $steps " == *" nginx "* ]] && ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
	pg_log "nginx is not installed; installing it with apt-get (a few MB, under a minute)"
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo=sudo
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null ||
		{ $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null; } ||
		{ echo "cannot install nginx" >&2; exit 1; }
fi

pgdir=$(mktemp -d /tmp/jiuxiao-reliability.XXXXXX)
chmod 755 "$pgdir"
cleanup() { pg_stop "$pgdir/pg"; rm -rf "$pgdir"; }
if [ "${RELIABILITY_KEEP:-}" != 1 ]; then
	trap cleanup EXIT
fi
pg_start "$pgdir/pg" "$port" socket || exit 1
psql_() { "$PG_BIN/psql" -h "$pgdir/pg/run" -p "$port" -U jiuxiao -v ON_ERROR_STOP=1 -qAt "$@"; }
for kv in ${RELIABILITY_PG_SET:-shared_buffers=2GB max_wal_size=8GB checkpoint_timeout=30min}; do
	psql_ -d postgres -c "ALTER SYSTEM SET ${kv%%=*} = '${kv#*=}'" || exit 1
done
pg_as "$PG_BIN/pg_ctl" -D "$pgdir/pg/data" -l "$pgdir/pg/postgres.log" -w -t 60 restart >/dev/null || exit 1
pg_log "reliability cluster at $pgdir/pg; results in $out"
pg_log "machine: $(nproc) CPUs, $(free -g | awk '/^Mem:/ {print $2 " GiB"}') of memory; $(psql_ -d postgres -c 'SHOW server_version')"
pg_log "settings: $(psql_ -d postgres -F ' ' -c "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ' ORDER BY name) FROM pg_settings
	WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'work_mem', 'max_wal_size', 'max_connections', 'jit')")"

go build -ldflags "-X main.version=$(git describe --always --dirty 2>/dev/null || echo dev)" -o bin/jiuxiao . || exit 1
go build -o "$out/reliability" ./bench/reliability || exit 1
export JX_ROOT=$PWD JX_BIN=$PWD/bin/jiuxiao JX_OUT=$out JX_PG_DIR=$pgdir/pg JX_PG_PORT=$port JX_PG_MODE=socket JX_PG_SPEED=""
export TEST_DATABASE_URL
TEST_DATABASE_URL=$(pg_url "$pgdir/pg" "$port")
rel="$out/reliability"

# fuzz: every fuzz target for $fuzztime (their seed corpora also run in make test).
fuzz() {
	local pkg target log ok execs
	for spec in models:FuzzDecodeCursor models:FuzzValidUSCC models:FuzzSniffPhoto models:FuzzInspectionJSONValue \
		schedules:FuzzParseDate schedules:FuzzPeriodOf schedules:FuzzAddWorkingDays \
		handlers:FuzzRequestBody handlers:FuzzListQuery handlers:FuzzFilter handlers:FuzzCursor \
		handlers:FuzzSyncCursor handlers:FuzzPhotoUpload; do
		pkg=${spec%%:*} target=${spec#*:} log="$out/fuzz-$target.log"
		pg_log "fuzz: $target for $fuzztime"
		ok=true
		go test -run '^$' -fuzz "^$target\$" -fuzztime "$fuzztime" "./$pkg" >"$log" 2>&1 || ok=false
		execs=$(grep -o 'execs: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
		"$rel" record -test "fuzz: $target" -fault "go test -fuzz for $fuzztime ($pkg)" \
			-figure "${execs:-0} executions; $($ok && echo "no failure" || { grep -m1 -E 'fuzz_test.go|panic:' "$log" || grep -m1 FAIL "$log"; } | cut -c1-300)" \
			-ok=$ok -command "make reliability-fuzz"
	done
}

# access: the generated BOLA and bad-token tests over every route, then
# login throttling under parallel attempts on live replicas.
access() {
	local log="$out/access-go-test.log" ok=true
	pg_log "access: go test -run 'TestBOLA|TestBadTokens' ./handlers"
	go test -count=1 -v -run '^(TestBOLA|TestBadTokens)$' ./handlers >"$log" 2>&1 || ok=false
	"$rel" record -test "access: BOLA and bad tokens (generated from app.GetRoutes)" \
		-fault "every route with an {id}, as an officer of another grid and supervisors of another station / district; every authenticated route with 20 bad tokens" \
		-figure "$(grep -c -- '--- PASS: TestBOLA/' "$log") BOLA cases pass, $(grep -c -- '--- FAIL' "$log") fail; TestBadTokens: $(grep -m1 -o -- '--- [A-Z]*: TestBadTokens' "$log" | cut -d' ' -f2 | tr -d :)" \
		-lost "no" -ok=$ok -command "go test -run 'TestBOLA|TestBadTokens' ./handlers (make reliability-access)"
	JX_COMMAND="make reliability-access" "$rel" access
}

failed=0
for step in $steps; do
	pg_log "step $step"
	case $step in
	fuzz) fuzz ;;
	access) access || failed=1 ;;
	*) JX_COMMAND="make reliability-$step" "$rel" "$step" || failed=1 ;;
	esac
done
echo
"$rel" report "$out" || failed=1
pg_log "reliability: $(($(date +%s) - started)) s for: $steps; table in $out/RESULTS.md"
if [ "${RELIABILITY_KEEP:-}" = 1 ]; then
	pg_log "cluster left running: psql -h $pgdir/pg/run -p $port -U jiuxiao rel_<step>; stop it with: . scripts/pg.sh && pg_stop $pgdir/pg && rm -rf $pgdir"
fi
exit $failed
