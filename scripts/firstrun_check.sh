#!/usr/bin/env bash
# A newcomer's first command, checked: a fresh clone of this checkout in a
# folder closed to other users (mode 0700, like root's home), `make run` in
# it, and then:
#   - the service answers /readyz, with the cluster where its user reaches it;
#   - TCP to the cluster without the password is refused (no trust);
#   - `make psql` reaches the database;
#   - a SIGTERM to make stops the service and the cluster.
# make test runs it first (JIUXIAO_FIRSTRUN_CHECK=0 skips it); it prints one
# line per check and exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/pg.sh
. scripts/pg.sh

port=${FIRSTRUN_PORT:-18199}
pgport=${FIRSTRUN_PG_PORT:-54399}
work=$(mktemp -d /tmp/jiuxiao-firstrun.XXXXXX) # mktemp makes it 0700
clone=$work/jiuxiao
log=$work/run.log
pgdir=""
make_pid=""

ok() { printf 'firstrun: ok   %s\n' "$*"; }
fail() {
	printf 'firstrun: FAIL %s\n' "$*" >&2
	[ -f "$log" ] && tail -n 30 "$log" >&2
	exit 1
}
cleanup() {
	[ -n "$make_pid" ] && kill -TERM "$make_pid" 2>/dev/null && wait "$make_pid" 2>/dev/null
	[ -n "$pgdir" ] && { pg_stop "$pgdir"; case $pgdir in /var/lib/jiuxiao/*) rm -rf "$(dirname "$pgdir")" ;; esac; }
	rm -rf "$work"
}
trap cleanup EXIT

git clone -q . "$clone"
[ "$(stat -c %a "$work")" = 700 ] || fail "the clone's parent folder is not 0700"
# The working tree as it is, committed or not (changes to tracked files and
# new files git does not ignore), so the check checks what is being changed.
git diff HEAD --binary | (cd "$clone" && git apply --allow-empty)
git ls-files --others --exclude-standard -z | tar -c --null -T - | tar -x -C "$clone"

(cd "$clone" && PORT=$port PG_PORT=$pgport SEED_VENUES=30 DATA_DIR= exec make run) >"$log" 2>&1 &
make_pid=$!
for _ in $(seq 1 240); do
	curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
	kill -0 "$make_pid" 2>/dev/null || fail "make run ended before serving"
	sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || fail "make run did not serve within 120 s"
pgdir=$(sed -n 's/.*PostgreSQL in \(.*\)$/\1/p' "$log" | head -1)
[ -n "$pgdir" ] || fail "make run did not say where PostgreSQL lives"
ok "make run serves from a 0700 folder as $(id -un); cluster in $pgdir"
grep -q 'DATABASE_URL=postgres://jiuxiao:' "$log" || fail "make run did not print its DATABASE_URL"
n=$(grep -c 'database at version' "$log" || true)
[ "$n" = 1 ] || fail "make run said the database's version $n times, not once"

if PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -w -h 127.0.0.1 -p "$pgport" -U jiuxiao -d jiuxiao -c 'SELECT 1' >/dev/null 2>&1; then
	fail "TCP without a password was let in"
fi
ok "TCP without the password is refused"
[ "$(cd "$clone" && PG_PORT=$pgport make -s psql <<<'SELECT count(*) FROM venues' 2>&1 | sed -n 3p | tr -d ' ')" = 30 ] ||
	fail "make psql did not reach the seeded database"
ok "make psql reaches the database"

kill -TERM "$make_pid"
for _ in $(seq 1 60); do
	kill -0 "$make_pid" 2>/dev/null || break
	sleep 0.5
done
kill -0 "$make_pid" 2>/dev/null && fail "make run still runs 30 s after SIGTERM"
make_pid=""
pg_as "$PG_BIN/pg_ctl" -D "$pgdir/data" status >/dev/null 2>&1 && fail "the cluster still runs after make run ended"
ok "SIGTERM to make run stops the service and the cluster"
