# shellcheck shell=bash
# A function that installs Debian's Chromium, for the console's browser
# tests (web/console_test.go), when it is missing. Sourced by test.sh.
#
# A CJK font comes with it, so that the screenshots the tests take
# (UPDATE_SCREENSHOTS=1) show the console's Chinese rather than boxes.

CHROMIUM_BIN=/usr/bin/chromium
BROWSER_PACKAGES="chromium fonts-wqy-microhei"

browser_log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

# browser_install installs the packages that are missing with apt-get
# (noninteractive, with sudo when not root). Where that fails, the browser
# tests skip themselves, except in CI (CI set), where it is an error.
browser_install() {
	local missing="" p sudo=""
	for p in $BROWSER_PACKAGES; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
	done
	if [ -z "$missing" ] && [ -x "$CHROMIUM_BIN" ]; then
		return 0
	fi
	browser_log "installing${missing:- chromium} with apt-get, for the browser tests of the web console (some 300 MB: this may take a few minutes, once)"
	if [ "$(id -u)" -ne 0 ]; then
		sudo="sudo"
		command -v sudo >/dev/null || sudo="false"
	fi
	# shellcheck disable=SC2086 # one word per package
	if $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${missing:-chromium} >/dev/null &&
		[ -x "$CHROMIUM_BIN" ]; then
		return 0
	fi
	if [ -n "${CI:-}" ]; then
		echo "could not install${missing:- chromium} (the browser tests need $CHROMIUM_BIN)" >&2
		return 1
	fi
	browser_log "could not install chromium (need root or sudo); the browser tests will be skipped"
}
