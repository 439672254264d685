# shellcheck shell=bash
# The outside checkers that make test runs on the OpenAPI document: Redocly's
# and Spectral's linters, pinned in checks/package.json and its lock file,
# installed with npm into checks/node_modules when missing. Sourced by test.sh.

checkers_log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

# checkers_install installs Node.js with apt-get when npm is missing, then the
# pinned checkers (npm ci) when checks/node_modules is not what the lock says.
checkers_install() {
	if ! command -v npm >/dev/null; then
		checkers_log "npm is missing; installing nodejs and npm with apt-get (for the OpenAPI linters)"
		local sudo=""
		[ "$(id -u)" -ne 0 ] && sudo=sudo
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
			$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null ||
			{ echo "could not install nodejs and npm" >&2; return 1; }
	fi
	# npm's own node_modules/.package-lock.json differs from the lock file (no
	# root entry), so a copy made after npm ci says what is installed.
	if ! cmp -s checks/package-lock.json checks/node_modules/.jiuxiao-lock.json 2>/dev/null; then
		checkers_log "installing the OpenAPI linters (npm ci in checks/; a minute the first time)"
		(cd checks && npm ci --no-audit --no-fund --loglevel=error >/dev/null && cp package-lock.json node_modules/.jiuxiao-lock.json) ||
			{ echo "npm ci in checks/ failed" >&2; return 1; }
	fi
}

# checkers_run lints handlers/openapi.yaml with both; a warning fails too.
checkers_run() {
	local out
	out=$(checks/node_modules/.bin/redocly lint handlers/openapi.yaml --config checks/redocly.yaml 2>&1) ||
		{ echo "$out" >&2; echo "redocly lint: errors in handlers/openapi.yaml" >&2; return 1; }
	if grep -q "warning" <<<"$(grep -v -i deprecation <<<"$out")"; then
		echo "$out" >&2
		echo "redocly lint: warnings in handlers/openapi.yaml" >&2
		return 1
	fi
	checks/node_modules/.bin/spectral lint handlers/openapi.yaml --ruleset checks/spectral.yaml --fail-severity=warn --quiet ||
		{ echo "spectral lint: problems in handlers/openapi.yaml" >&2; return 1; }
	checkers_log "openapi.yaml: redocly and spectral clean"
}
