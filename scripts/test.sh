#!/usr/bin/env bash
# make test: a throwaway PostgreSQL cluster (socket only, no durability),
# then the whole test suite against it; the cluster is stopped and removed
# at the end, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/pg.sh
. scripts/pg.sh
# shellcheck source=scripts/browser.sh
. scripts/browser.sh
# shellcheck source=scripts/poppler.sh
. scripts/poppler.sh
# shellcheck source=scripts/checkers.sh
. scripts/checkers.sh
# shellcheck source=scripts/promtool.sh
. scripts/promtool.sh
# shellcheck source=scripts/clients.sh
. scripts/clients.sh

pg_install
browser_install
poppler_install
checkers_install
checkers_run
clients_install
promtool_check
# A newcomer's first command (scripts/firstrun_check.sh), before the suite so
# that go test's summary stays the last line.
if [ "${JIUXIAO_FIRSTRUN_CHECK:-1}" != 0 ]; then
	scripts/firstrun_check.sh
fi
pgdir=$(mktemp -d /tmp/jiuxiao-test.XXXXXX)
chmod 755 "$pgdir"
cleanup() { pg_stop "$pgdir/replica"; pg_stop "$pgdir/primary"; pg_stop "$pgdir/pg"; rm -rf "$pgdir"; }
trap cleanup EXIT
pg_start "$pgdir/pg" 5432 socket fast
export TEST_DATABASE_URL
TEST_DATABASE_URL=$(pg_url "$pgdir/pg" 5432)
pg_log "test cluster at $pgdir/pg"
# The README's tour and the TypeScript client against a real server
# (scripts/clients.sh; JIUXIAO_CLIENTS_CHECK=0 skips them), before go test
# so that its summary stays last.
if [ "${JIUXIAO_CLIENTS_CHECK:-1}" != 0 ]; then
	clients_run "$pgdir/pg" 5432
fi
# DATABASE_REPLICA_URL's tests on a primary and a streaming replica of
# their own (the main cluster's whole suite is not replayed on a replica).
pg_start "$pgdir/primary" 5434 socket fast
pg_replica_start "$pgdir/primary" 5434 "$pgdir/replica" 5435 fast
pg_log "read replica tests: $pgdir/primary and its streaming replica $pgdir/replica"
TEST_DATABASE_URL=$(pg_url "$pgdir/primary" 5434) TEST_REPLICA_URL=$(pg_url "$pgdir/replica" 5435) \
	go test -count=1 ${GOTESTFLAGS:-} ./replica/
pg_stop "$pgdir/replica"
pg_stop "$pgdir/primary"
go test -count=1 ${GOTESTFLAGS:-} ./... "$@"
