# shellcheck shell=bash
# The API's clients that make test runs against a real server: the README's
# tour (scripts/tour.sh: curl and jq) and the typed TypeScript client's
# example visit (clients/typescript: tsc --strict, then node). Sourced by
# test.sh, after the test cluster started.

clients_log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

# clients_install installs jq with apt-get when it is missing, and the
# client's pinned npm packages (npm ci) when clients/typescript/node_modules
# is not what the lock says. npm itself comes with checkers_install.
clients_install() {
	if ! command -v jq >/dev/null; then
		clients_log "jq is missing; installing it with apt-get (for the README's tour)"
		local sudo=""
		[ "$(id -u)" -ne 0 ] && sudo=sudo
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
			$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends jq >/dev/null ||
			{ echo "could not install jq" >&2; return 1; }
	fi
	# npm's own node_modules/.package-lock.json is not a copy of the lock
	# file, so a copy made after npm ci says what is installed.
	if ! cmp -s clients/typescript/package-lock.json clients/typescript/node_modules/.jiuxiao-lock.json 2>/dev/null; then
		clients_log "installing the TypeScript client's packages (npm ci in clients/typescript)"
		(cd clients/typescript && npm ci --no-audit --no-fund --loglevel=error >/dev/null &&
			cp package-lock.json node_modules/.jiuxiao-lock.json) ||
			{ echo "npm ci in clients/typescript failed" >&2; return 1; }
	fi
}

# clients_free_port prints a port nothing listens on, from 18130 up.
clients_free_port() {
	local p
	for p in $(seq "${CLIENTS_PORT:-18131}" 18199); do
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
	done
	return 1
}

# clients_run PGDIR PGPORT: a server on a database of its own in the test
# cluster, seeded with the demo city; then the README's tour and the
# TypeScript example against it. The generated types must be what the
# document makes, and the README must show the tour as the script has it.
clients_run() {
	local pgdir=$1 pgport=$2 work port pid status=0
	clients_readme_check || return 1
	(cd clients/typescript && node generate.mjs --check) || return 1
	(cd clients/typescript && rm -rf build && npx tsc --strict -p .) ||
		{ echo "tsc --strict: the TypeScript client or its example does not type-check" >&2; return 1; }

	"$PG_BIN/createdb" -h "$pgdir/run" -p "$pgport" -U jiuxiao jiuxiao_clients
	work=$(mktemp -d /tmp/jiuxiao-clients.XXXXXX)
	port=$(clients_free_port) || { echo "no free port for the clients' server" >&2; return 1; }
	go build -o "$work/jiuxiao" . || return 1
	(
		export DATABASE_URL="postgres://jiuxiao@/jiuxiao_clients?host=$pgdir/run&port=$pgport&sslmode=disable"
		export PORT=$port DATA_DIR=$work/data JWT_SECRET=clients-check-secret-clients-check-secret LOG_LEVEL=info
		export TZ=${TZ:-Asia/Shanghai} SCHEDULE_CRON= METRICS_ADDR=
		"$work/jiuxiao" migrate up >/dev/null &&
			"$work/jiuxiao" seed --venues "${CLIENTS_SEED_VENUES:-200}" >/dev/null &&
			exec "$work/jiuxiao" serve
	) >"$work/serve.log" 2>&1 &
	pid=$!
	local ready=""
	for _ in $(seq 1 240); do
		curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && { ready=1; break; }
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.5
	done
	if [ -z "$ready" ]; then
		tail -n 30 "$work/serve.log" >&2
		echo "the clients' server did not start" >&2
		kill -TERM "$pid" 2>/dev/null
		rm -rf "$work"
		return 1
	fi

	if API=http://127.0.0.1:$port/api/v1 SERVER_LOG=$work/serve.log scripts/tour.sh >"$work/tour.log" 2>&1; then
		clients_log "README tour (scripts/tour.sh): ok through submit, review and the owner's path"
	else
		cat "$work/tour.log" >&2
		echo "scripts/tour.sh failed" >&2
		status=1
	fi
	if [ "$status" = 0 ]; then
		if (cd clients/typescript && JIUXIAO_URL=http://127.0.0.1:$port node build/examples/visit.js) >"$work/visit.log" 2>&1; then
			clients_log "TypeScript client (tsc --strict, generated types current): the example visit ran"
		else
			cat "$work/visit.log" >&2
			echo "the TypeScript example visit failed" >&2
			status=1
		fi
	fi
	kill -TERM "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ "$status" = 0 ] || tail -n 20 "$work/serve.log" >&2
	rm -rf "$work"
	return "$status"
}

# clients_readme_check: the README's tour block is the script's tour, line
# for line (from its "# The tour" line on).
clients_readme_check() {
	local want got
	want=$(sed -n '/^# The tour (the README shows it from here on)$/,$p' scripts/tour.sh)
	got=$(sed -n '/^<!-- tour: scripts\/tour.sh -->$/,/^```$/p' README.md | sed '1,2d;$d')
	if [ "$want" != "$got" ]; then
		diff <(echo "$want") <(echo "$got") >&2 || true
		echo "README.md: the tour differs from scripts/tour.sh (left: the script; copy it into the README)" >&2
		return 1
	fi
}
