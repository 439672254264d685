# shellcheck shell=bash
# A function that installs Debian's fonts-hanazono (HanaMinA and HanaMinB,
# Hanazono Font License or SIL OFL: /usr/share/doc/fonts-hanazono/copyright)
# when missing: the fallback fonts the legal documents' PDFs use for the
# characters the shipped fonts lack, such as 𠮷 (U+20BB7, CJK Ext-B).
# Sourced by run.sh and test.sh. Without them those characters print as
# their code point (〔U+20BB7〕), never as a box.

fonts_log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

# fonts_install installs fonts-hanazono with apt-get (noninteractive, with
# sudo when not root) unless FONT_PATH_EXTRA names other fonts. Where that
# fails it says so and goes on (the PDF test of 𠮷 skips itself), except in
# CI (CI set), where it is an error.
fonts_install() {
	local sudo=""
	if [ -n "${FONT_PATH_EXTRA:-}" ] || [ -f /usr/share/fonts/truetype/hanazono/HanaMinB.ttf ]; then
		return 0
	fi
	fonts_log "installing fonts-hanazono with apt-get, the fallback fonts of the documents' rare characters"
	if [ "$(id -u)" -ne 0 ]; then
		sudo="sudo"
		command -v sudo >/dev/null || sudo="false"
	fi
	if $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-hanazono >/dev/null 2>&1 ||
		{ $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
			$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-hanazono >/dev/null; }; then
		[ -f /usr/share/fonts/truetype/hanazono/HanaMinB.ttf ] && return 0
	fi
	if [ -n "${CI:-}" ]; then
		echo "could not install fonts-hanazono (the PDF test of 𠮷 needs it)" >&2
		return 1
	fi
	fonts_log "could not install fonts-hanazono (need root or sudo); characters beyond the shipped fonts print as 〔U+…〕"
}
