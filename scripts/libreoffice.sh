# shellcheck shell=bash
# A function that installs Debian's libreoffice-calc (soffice) and
# python3-uno (its Python bridge) when missing, for the test that opens the
# XLSX ledgers in a real spreadsheet (handlers/ledgers_office_test.go,
# through handlers/testdata/ledger_office.py). Sourced by test.sh.

libreoffice_log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

# libreoffice_install installs both with apt-get (noninteractive,
# with sudo when not root). Where that fails, the LibreOffice check skips
# itself, except in CI (CI set), where it is an error.
libreoffice_install() {
	local sudo=""
	if command -v soffice >/dev/null && /usr/bin/python3 -c "import uno" 2>/dev/null; then
		return 0
	fi
	libreoffice_log "installing libreoffice-calc and python3-uno with apt-get, for the test that opens the XLSX ledgers"
	if [ "$(id -u)" -ne 0 ]; then
		sudo="sudo"
		command -v sudo >/dev/null || sudo="false"
	fi
	if $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-calc python3-uno >/dev/null &&
		command -v soffice >/dev/null; then
		return 0
	fi
	if [ -n "${CI:-}" ]; then
		echo "could not install libreoffice-calc (the ledger test needs soffice and python3-uno)" >&2
		return 1
	fi
	libreoffice_log "could not install libreoffice-calc or python3-uno (need root or sudo); the LibreOffice ledger check will be skipped"
}
