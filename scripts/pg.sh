# shellcheck shell=bash
# Functions that install PostgreSQL 15 when it is missing and run a private
# cluster from its own binaries. Sourced by run.sh and test.sh.
#
# PostgreSQL refuses to run as root, and CI runs as root: then the cluster
# runs as the unprivileged "postgres" user (which Debian's package creates),
# or as a "jiuxiao" system user made here when that does not exist.

PG_VERSION=${PG_VERSION:-15}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/$PG_VERSION/bin}

pg_log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

# pg_install installs PostgreSQL (server and contrib extensions) with apt-get
# when its binaries are missing.
pg_install() {
	if [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ]; then
		return 0
	fi
	pg_log "PostgreSQL $PG_VERSION is not installed; installing postgresql-$PG_VERSION and postgresql-client with apt-get (about 60 MB: this may take a minute or two, once)"
	local sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null || { echo "need root (or sudo) to apt-get install postgresql-$PG_VERSION" >&2; return 1; }
		sudo="sudo"
	fi
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"postgresql-$PG_VERSION" postgresql-client >/dev/null
	[ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL installed, but $PG_BIN/initdb is missing" >&2; return 1; }
}

# pg_os_user prints the OS user the cluster runs as (empty: the current one).
pg_os_user() {
	if [ "$(id -u)" -ne 0 ]; then
		return 0
	fi
	if id postgres >/dev/null 2>&1; then
		echo postgres
		return 0
	fi
	id jiuxiao >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin jiuxiao
	echo jiuxiao
}

# pg_as runs a command as the cluster's OS user.
pg_as() {
	local u
	u=$(pg_os_user)
	if [ -n "$u" ]; then
		# From /, which it can always enter (the caller's folder may be closed to it).
		(cd / && runuser -u "$u" -- "$@")
	else
		"$@"
	fi
}

# pg_reachable DIR: whether the cluster's OS user can create and enter DIR
# (every existing parent must be searchable by it). Root's home folder
# (mode 0700) is the common case where it cannot.
pg_reachable() {
	local dir=$1 u p
	u=$(pg_os_user)
	[ -z "$u" ] && return 0
	p=$dir
	while [ ! -e "$p" ]; do p=$(dirname "$p"); done
	(cd / && runuser -u "$u" -- test -x "$p")
}

# pg_home DATA_DIR CHECKOUT: the folder of make run's cluster. It is
# DATA_DIR/pg when the cluster's OS user can reach it; otherwise (root in a
# folder closed to other users) a folder of its own in the system's state
# space, named after the checkout: /var/lib/jiuxiao/<name>-<hash of its path>.
pg_home() {
	local data=$1 checkout=$2 name
	if pg_reachable "$data/pg"; then
		echo "$data/pg"
		return 0
	fi
	name=$(basename "$checkout" | tr -c 'A-Za-z0-9._\n-' '_')
	echo "/var/lib/jiuxiao/$name-$(printf '%s' "$checkout" | sha256sum | cut -c1-8)/pg"
}

# pg_hba DIR writes the cluster's client authentication: the socket (in
# DIR/run, inside the 0700 cluster folder, so only the cluster's OS user and
# root reach it) trusts its peers; TCP asks for the password (SCRAM).
pg_hba() {
	pg_as tee "$1/data/pg_hba.conf" >/dev/null <<-'HBA'
		# Written by scripts/pg.sh at every start.
		local all all               trust
		local replication all       trust
		host  all all 127.0.0.1/32  scram-sha-256
		host  all all ::1/128       scram-sha-256
	HBA
}

# pg_password DIR prints the password of the cluster's jiuxiao role, kept in
# DIR/password (mode 0600, the cluster's OS user); made on first use.
pg_password() {
	local f=$1/password
	if ! pg_as test -s "$f"; then
		(umask 077 && head -c 18 /dev/urandom | base64 | tr '+/' '-_' | pg_as tee "$f" >/dev/null)
	fi
	pg_as cat "$f"
}

# pg_start DIR PORT [tcp|socket] [fast]: initialise DIR when it holds no
# cluster, then start it. "tcp" listens on 127.0.0.1:PORT as well as a socket
# in DIR/run, with a generated password (pg_password) for TCP; "fast" turns
# off durability, for throwaway test clusters.
pg_start() {
	local dir=$1 port=$2 mode=${3:-tcp} speed=${4:-}
	local u
	u=$(pg_os_user)
	mkdir -p "$dir"
	if [ -n "$u" ]; then
		chown "$u" "$dir"
		if ! (cd / && runuser -u "$u" -- test -w "$dir"); then
			echo "the $u user cannot reach $dir (a parent folder is closed to it); set DATA_DIR to a folder it can reach" >&2
			return 1
		fi
	fi
	chmod 700 "$dir"
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		pg_log "creating a PostgreSQL cluster in $dir/data"
		pg_as "$PG_BIN/initdb" -D "$dir/data" -U jiuxiao --auth-local=trust --auth-host=scram-sha-256 \
			--encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
			{ cat "$dir/initdb.log" >&2; return 1; }
	fi
	pg_hba "$dir"
	pg_as mkdir -p "$dir/run"
	local listen="''"
	[ "$mode" = tcp ] && listen=127.0.0.1
	local opts="-p $port -k $dir/run -c listen_addresses=$listen -c max_connections=200"
	[ "$speed" = fast ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
	if pg_as "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
		pg_log "PostgreSQL is already running in $dir"
		pg_as "$PG_BIN/pg_ctl" -D "$dir/data" reload >/dev/null
	else
		pg_as "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -o "$opts" -w -t 60 start >/dev/null ||
			{ tail -n 20 "$dir/postgres.log" >&2; return 1; }
	fi
	if [ "$mode" = tcp ]; then
		# Set from the file at every start, so a cluster made before passwords
		# (or a lost file) gets one; the password never appears in ps.
		local pw
		pw=$(pg_password "$dir")
		"$PG_BIN/psql" -h "$dir/run" -p "$port" -U jiuxiao -d postgres -qAt -v ON_ERROR_STOP=1 -v pw="$pw" \
			>/dev/null <<<"ALTER ROLE jiuxiao PASSWORD :'pw'" || return 1
	fi
	"$PG_BIN/psql" -h "$dir/run" -p "$port" -U jiuxiao -d postgres -qAtc \
		"SELECT 1 FROM pg_database WHERE datname = 'jiuxiao'" | grep -q 1 ||
		"$PG_BIN/createdb" -h "$dir/run" -p "$port" -U jiuxiao jiuxiao
}

# pg_replica_start PRIMARY_DIR PRIMARY_PORT DIR PORT [fast]: a streaming
# replica of the cluster in PRIMARY_DIR (pg_basebackup -R over the primary's
# socket the first time), listening on its own socket in DIR/run only. For
# the tests and the reliability harness of DATABASE_REPLICA_URL.
pg_replica_start() {
	local primary=$1 pport=$2 dir=$3 port=$4 speed=${5:-}
	local u
	u=$(pg_os_user)
	mkdir -p "$dir"
	[ -n "$u" ] && chown "$u" "$dir"
	chmod 700 "$dir"
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		pg_log "making a streaming replica of $primary in $dir/data"
		pg_as "$PG_BIN/pg_basebackup" -h "$primary/run" -p "$pport" -U jiuxiao -D "$dir/data" \
			-R -X stream -c fast >"$dir/basebackup.log" 2>&1 ||
			{ cat "$dir/basebackup.log" >&2; return 1; }
	fi
	pg_hba "$dir"
	pg_as mkdir -p "$dir/run"
	local opts="-p $port -k $dir/run -c listen_addresses='' -c max_connections=200 -c hot_standby_feedback=on"
	[ "$speed" = fast ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
	if ! pg_as "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
		pg_as "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -o "$opts" -w -t 60 start >/dev/null ||
			{ tail -n 20 "$dir/postgres.log" >&2; return 1; }
	fi
}

# pg_url DIR PORT prints the URL of the cluster's jiuxiao database (socket).
pg_url() {
	echo "postgres://jiuxiao@/jiuxiao?host=$1/run&port=$2&sslmode=disable"
}

# pg_tcp_url DIR PORT prints the URL of the jiuxiao database over TCP, with
# the cluster's password.
pg_tcp_url() {
	echo "postgres://jiuxiao:$(pg_password "$1")@127.0.0.1:$2/jiuxiao?sslmode=disable"
}

# pg_stop DIR stops the cluster in DIR, if it runs.
pg_stop() {
	local dir=$1
	[ -f "$dir/data/PG_VERSION" ] || return 0
	pg_as "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}
