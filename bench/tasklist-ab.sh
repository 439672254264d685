#!/usr/bin/env bash
# The task list of two or more builds of the service, in turn, on the data
# of a kept `make reliability-load` (docs/BENCHMARKS.md): each binary serves
# the load's database, is warmed for 3 s, then wrk -t2 -c8 runs for
# JX_AB_SECONDS (10) with the load's tokens; the line printed is its rate,
# its p99 and the service's CPU a request (from /proc). Builds are compared
# within one run only: the machine's speed moves from one run to the next.
#
# With JX_AB_RATE (requests a second) each build gets the same offered
# load instead, from bench/openloop, whose latencies count from when each
# request was due: the fair way to compare two builds' tails, since in
# wrk's closed loop the faster build also loads the database more.
#
#   RELIABILITY_KEEP=1 JX_LOAD_TARGETS=report make reliability-load
#   go build -o /tmp/a/jiuxiao . ; git checkout … ; go build -o /tmp/b/jiuxiao .
#   bench/tasklist-ab.sh .data/reliability/<run> /tmp/a/jiuxiao /tmp/b/jiuxiao /tmp/a/jiuxiao /tmp/b/jiuxiao
set -euo pipefail
out=$(cd "$1" && pwd)
shift
run=$(ls -d /tmp/jiuxiao-reliability.*/pg/run 2>/dev/null | head -1)
if [ -z "$run" ] || [ ! -f "$out/tasklist.lua" ]; then
	echo "tasklist-ab: needs a kept load run (RELIABILITY_KEEP=1 make reliability-load) and its output folder" >&2
	exit 2
fi
secs=${JX_AB_SECONDS:-10}
port=${JX_AB_PORT:-18080}
url="http://127.0.0.1:$port/api/v1/inspections?mine=true"
rate=${JX_AB_RATE:-}
if [ -n "$rate" ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	openloop=$tmp/openloop
	(cd "$(dirname "$0")/.." && go build -o "$openloop" ./bench/openloop)
fi
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for bin in "$@"; do
	DATABASE_URL="postgres://jiuxiao@/rel_load?host=$run&port=5439&sslmode=disable" PORT=$port APP_ENV=development \
		JWT_SECRET=reliability-secret-0123456789abcdef LOG_LEVEL=warn DATA_DIR="$out/data-rel_load" MIGRATE_ON_START=false \
		"$bin" serve >"$out/tasklist-ab.log" 2>&1 &
	pid=$!
	for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
	wrk -t2 -c8 -d3s -s "$out/tasklist.lua" "$url" >/dev/null
	before=$(ticks $pid)
	status=0
	if [ -n "$rate" ]; then
		res=$("$openloop" -tokens "$out/load-tokens.txt" -rate "$rate" -c 8 -for "${secs}s" "$url") || status=$?
	else
		res=$(wrk -t2 -c8 -d"${secs}s" --latency -s "$out/tasklist.lua" "$url") || status=$?
	fi
	after=$(ticks $pid)
	kill $pid
	wait $pid 2>/dev/null || true
	if [ "$status" != 0 ]; then
		echo "tasklist-ab: $bin: ${res:-the client failed} (its log: $out/tasklist-ab.log)" >&2
		exit 1
	fi
	if [ -n "$rate" ]; then
		echo "$res" | awk -v bin="$bin" -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" '
			{printf "%s: %s, the service %.3f ms of CPU a request\n", bin, $0, t * 1000 / hz / $1}'
	else
		echo "$res" | awk -v bin="$bin" -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" '
			/Requests\/sec/ {rate = $2} $1 == "50%" {p50 = $2} $1 == "90%" {p90 = $2} $1 == "99%" {p99 = $2} /requests in/ {n = $1}
			END {printf "%s: %.0f req/s, p50 %s, p90 %s, p99 %s, the service %.3f ms of CPU a request\n", bin, rate, p50, p90, p99, t * 1000 / hz / n}'
	fi
done
