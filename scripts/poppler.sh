# shellcheck shell=bash
# A function that installs Debian's poppler-utils (pdftotext, pdftoppm)
# when missing, for the tests that read the text of the legal documents'
# PDFs (forms/, handlers/documents_walk_test.go). Sourced by test.sh.

poppler_log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

# poppler_install installs poppler-utils with apt-get (noninteractive, with
# sudo when not root). Where that fails, the PDF text checks skip
# themselves, except in CI (CI set), where it is an error.
poppler_install() {
	local sudo=""
	if command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null; then
		return 0
	fi
	poppler_log "installing poppler-utils with apt-get, for the tests of the documents' PDFs"
	if [ "$(id -u)" -ne 0 ]; then
		sudo="sudo"
		command -v sudo >/dev/null || sudo="false"
	fi
	if $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils >/dev/null &&
		command -v pdftotext >/dev/null; then
		return 0
	fi
	if [ -n "${CI:-}" ]; then
		echo "could not install poppler-utils (the PDF tests need pdftotext)" >&2
		return 1
	fi
	poppler_log "could not install poppler-utils (need root or sudo); the PDF text checks will be skipped"
}
