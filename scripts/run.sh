#!/usr/bin/env bash
# make run: PostgreSQL (installed and started under DATA_DIR unless
# DATABASE_URL is set), migrations, the demo city the first time, then serve.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/pg.sh
. scripts/pg.sh

if [ -f .env ]; then set -a; . ./.env; set +a; fi
DATA_DIR=${DATA_DIR:-.data}
PORT=${PORT:-8080}
PG_PORT=${PG_PORT:-54329}
export SEED_PASSWORD=${SEED_PASSWORD:-jiuxiao-demo}

if [ -z "${DATABASE_URL:-}" ]; then
	pg_install
	mkdir -p "$DATA_DIR"
	pgdir="$(cd "$DATA_DIR" && pwd)/pg"
	pg_start "$pgdir" "$PG_PORT" tcp
	export DATABASE_URL
	DATABASE_URL=$(pg_url "$pgdir" "$PG_PORT")
	trap 'pg_log "stopping PostgreSQL"; pg_stop "$pgdir"' EXIT
	pg_log "PostgreSQL in $pgdir (also on 127.0.0.1:$PG_PORT, user jiuxiao)"
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

  Try:  curl -s localhost:$PORT/api/v1/auth/login -d '{"username":"admin","password":"$SEED_PASSWORD"}' -H 'Content-Type: application/json'

BANNER
bin/jiuxiao serve
