# shellcheck shell=bash
# Checks of the Prometheus alert rules in deploy/prometheus with promtool,
# from Debian's prometheus package, installed when missing. Sourced by
# test.sh. Where the install fails the check is skipped, except in CI (CI
# set), where it is an error.

promtool_log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

# promtool_check installs promtool if needed, then checks the rules and runs
# their unit tests.
promtool_check() {
	local sudo=""
	if ! command -v promtool >/dev/null; then
		promtool_log "installing prometheus with apt-get (about 30 MB, a minute), for promtool to check deploy/prometheus"
		if [ "$(id -u)" -ne 0 ]; then
			sudo="sudo"
			command -v sudo >/dev/null || sudo="false"
		fi
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null 2>&1 ||
			{ $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
				$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null; }
	fi
	if ! command -v promtool >/dev/null; then
		if [ -n "${CI:-}" ]; then
			echo "could not install prometheus (promtool checks deploy/prometheus)" >&2
			return 1
		fi
		promtool_log "could not install prometheus (need root or sudo); the alert rules are not checked"
		return 0
	fi
	promtool check rules deploy/prometheus/jiuxiao.rules.yml >/dev/null &&
		(cd deploy/prometheus && promtool test rules jiuxiao.rules.test.yml >/dev/null) ||
		{ promtool check rules deploy/prometheus/jiuxiao.rules.yml; (cd deploy/prometheus && promtool test rules jiuxiao.rules.test.yml); return 1; }
	promtool_log "deploy/prometheus: alert rules checked and their unit tests pass (promtool)"
}
