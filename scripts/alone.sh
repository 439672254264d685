#!/usr/bin/env bash
# scripts/alone.sh [PACKAGE] [FILTER]: runs every subtest of a test package
# by itself (`-run '^TestX$/^sub$'`) and lists those that fail alone, so a
# subtest that leans on an earlier one is found. Slow (one run per
# subtest), so not part of make test. It needs TEST_DATABASE_URL, as
# `make test` sets it; FILTER (a -run pattern) limits the tests listed.
# ALONE_JOBS runs that many at once (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
pkg=${1:-./handlers}
filter=${2:-.}
: "${TEST_DATABASE_URL:?set TEST_DATABASE_URL (make test starts a cluster and sets it)}"
work=$(mktemp -d /tmp/jiuxiao-alone.XXXXXX)
trap 'rm -rf "$work"' EXIT

go test -c -o "$work/pkg.test" "$pkg"
# Every test and subtest the package runs, as Go names them.
(cd "$pkg" && "$work/pkg.test" -test.run "$filter" -test.v -test.count=1) |
	sed -n 's/^ *=== RUN *//p' | sort -u >"$work/names"

# pattern NAME: each element of the name, quoted and anchored.
pattern() {
	local IFS=/ out="" e
	for e in $1; do
		e=$(printf '%s' "$e" | sed 's/[][\\.^$*+?(){}|#-]/\\&/g')
		out="$out${out:+/}^$e\$"
	done
	printf '%s' "$out"
}
export -f pattern
export work pkg

# one NAME: run it alone; print it when it fails or runs nothing.
one() {
	local p log
	p=$(pattern "$1")
	log="$work/$(printf '%s' "$1" | md5sum | cut -c1-12).log"
	if ! (cd "$pkg" && "$work/pkg.test" -test.run "$p" -test.count=1 -test.v) >"$log" 2>&1; then
		printf 'FAIL %s\n' "$1"
		sed 's/^/    /' "$log" | grep -v '^    === \|^    --- PASS' | tail -15
	elif ! grep -qF -e "--- PASS: $1 (" -e "--- SKIP: $1 (" "$log"; then
		printf 'NOT RUN %s\n' "$1"
	fi
}
export -f one

n=$(wc -l <"$work/names")
echo "running $n tests and subtests of $pkg one at a time" >&2
tr '\n' '\0' <"$work/names" | xargs -0 -n1 -P "${ALONE_JOBS:-2}" bash -c 'one "$1"' _ | tee "$work/failed"
if grep -q '^FAIL\|^NOT RUN' "$work/failed"; then
	echo "$(grep -c '^FAIL\|^NOT RUN' "$work/failed") of $n fail or do not run alone" >&2
	exit 1
fi
echo "all $n pass alone" >&2
