#!/usr/bin/env bash
# make run: PostgreSQL (installed and started for this checkout unless
# DATABASE_URL is set), migrations, the demo city the first time, then serve.
# make psql / make stop: a psql shell on that cluster / stop it.
#
#   scripts/run.sh [serve | psql | stop]
#
# The cluster lives in DATA_DIR/pg when the cluster's OS user can reach that
# folder, and otherwise (root in its 0700 home folder) in
# /var/lib/jiuxiao/<checkout>-<hash>/pg (scripts/pg.sh, pg_home); both are
# printed. TCP (127.0.0.1:PG_PORT) asks for the password kept in its
# "password" file (0600); the socket inside the 0700 folder is the cluster
# user's and root's alone.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/pg.sh
. scripts/pg.sh
# shellcheck source=scripts/fonts.sh
. scripts/fonts.sh

if [ -f .env ]; then set -a; . ./.env; set +a; fi
DATA_DIR=${DATA_DIR:-.data}
PORT=${PORT:-8080}
PG_PORT=${PG_PORT:-54329}
# The owner invitation the seed prints links here.
export PUBLIC_BASE_URL=${PUBLIC_BASE_URL:-http://localhost:$PORT}
export SEED_PASSWORD=${SEED_PASSWORD:-jiuxiao-demo}
# make run is a development run: the service accepts the example JWT_SECRET
# only when told so.
export APP_ENV=${APP_ENV:-development}

mkdir -p "$DATA_DIR"
pgdir=$(pg_home "$(cd "$DATA_DIR" && pwd)" "$PWD")

case ${1:-serve} in
psql)
	[ -z "${DATABASE_URL:-}" ] || exec psql "$DATABASE_URL"
	pg_as test -f "$pgdir/data/postmaster.pid" 2>/dev/null ||
		{ echo "no cluster runs in $pgdir: start it with make run" >&2; exit 1; }
	exec "$PG_BIN/psql" "$(pg_tcp_url "$pgdir" "$PG_PORT")"
	;;
stop)
	[ -z "${DATABASE_URL:-}" ] || { echo "DATABASE_URL is set: make run started no cluster" >&2; exit 0; }
	pg_log "stopping PostgreSQL in $pgdir"
	pg_stop "$pgdir"
	exit 0
	;;
serve) ;;
*)
	echo "usage: scripts/run.sh [serve | psql | stop]" >&2
	exit 2
	;;
esac

fonts_install

if [ -z "${DATABASE_URL:-}" ]; then
	pg_install
	pg_start "$pgdir" "$PG_PORT" tcp
	export DATABASE_URL
	DATABASE_URL=$(pg_tcp_url "$pgdir" "$PG_PORT")
	trap 'pg_log "stopping PostgreSQL"; pg_stop "$pgdir"' EXIT
	pg_log "PostgreSQL in $pgdir"
	pg_log "DATABASE_URL=$DATABASE_URL  (make psql opens a shell on it)"
fi

bin/jiuxiao migrate up
bin/jiuxiao seed --if-empty --venues "${SEED_VENUES:-2000}"

cat <<BANNER

  Jiuxiao is at http://localhost:$PORT
    supervisors' console: http://localhost:$PORT/
    API: http://localhost:$PORT/api/v1   (OpenAPI document: http://localhost:$PORT/openapi.json)

  Demo logins, all with the password "$SEED_PASSWORD":
    admin           the administrator
    sup-lc          the city's supervisor
    sup-dcf-1       a station's supervisor (sup-<station code>)
    off-dcf-1-g1    an officer of grid dcf-1-g1 (off-<grid code>)

  A venue owner's pages: open the invitation link the first seed printed above (or invite one:
  POST /api/v1/venues/{id}/owner-invites); the one-time code is in this log (SMS_DRIVER=log).

  Photos in $(cd "$DATA_DIR" && pwd)/photos. Stop with Ctrl-C (or SIGTERM), which stops PostgreSQL too.
  Try:  curl -s localhost:$PORT/api/v1/auth/login -d '{"username":"admin","password":"$SEED_PASSWORD"}' -H 'Content-Type: application/json'

BANNER

# serve runs in the background so that a SIGTERM or SIGINT to this script (a
# process manager, kill, make passing its own on) reaches it at once: the
# trap asks it to shut down, the wait sees it end, and the EXIT trap then
# stops the cluster. A foreground child would leave bash deaf until it ended.
bin/jiuxiao serve &
serve=$!
trap 'kill -TERM "$serve" 2>/dev/null || true' TERM INT HUP
status=0
while kill -0 "$serve" 2>/dev/null; do
	wait "$serve" && status=0 || status=$?
done
exit "$status"
