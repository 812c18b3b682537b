#!/bin/bash
# The whole command built with ASan+UBSan over inputs: tests/santool.sh BIN FILE-OR-DIR...
#
# Each file goes alone through the commands whose output differs most by input (summary's
# JSON, show's HTML with its icicle graph, fold), and every third one is diffed against the
# next; then all the files at once through
# every command in every format, with leak checking (a leak check per file would double
# the time: about 50 ms a run). Any sanitizer report fails the run. BIN must be the sanitizer build (make test-santool builds build/san/gostacks). The
# exit statuses of the commands themselves are not looked at: hostile inputs exit 1.
# Closing line `santool: N passed, M failed`.
set -u
if [ $# -lt 2 ] || [ ! -x "$1" ]; then
	echo "usage: $0 BIN FILE-OR-DIR..." >&2
	exit 2
fi
BIN=$1
shift
work=$(mktemp -d "${TMPDIR:-/tmp}/santool.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=detect_leaks=0:exitcode=97 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=98
export LC_ALL=C NO_COLOR=1 GOSTACKS_THREADS=1
pass=0 fail=0

files=$(for a in "$@"; do
	if [ -d "$a" ]; then find "$a" -type f ! -name MANIFEST.tsv ! -name README.md ! -name '*.go'; else echo "$a"; fi
done | LC_ALL=C sort)

run() { # LABEL ARGS...: one run; sets bad when a sanitizer spoke
	local label=$1
	shift
	timeout 120 "$BIN" "$@" >/dev/null 2>"$work/err"
	rc=$?
	if [ $rc = 97 ] || [ $rc = 98 ] || [ $rc -ge 124 ] ||
		grep -v '^gostacks: ' "$work/err" | grep -q 'runtime error\|AddressSanitizer\|LeakSanitizer'; then
		# (a line of ours may quote a dump that holds sanitizer text: clusterfuzz's do)
		bad="$label: $* (exit $rc)"
	fi
}
report() { # NAME: counts the result of the runs since bad was cleared
	if [ -z "$bad" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $1: $bad" | cut -c1-300
		grep -v '^gostacks: ' "$work/err" | grep -m 5 'runtime error\|ERROR\|SUMMARY\|#[0-4] ' |
			sed 's/^/  | /'
	fi
}

for f in $files; do
	bad=""
	for cmd in "summary --format json" "show --format html" "fold"; do
		# shellcheck disable=SC2086
		run "$f" $cmd "$f"
		[ -n "$bad" ] && break
	done
	report "$f"
done

# shellcheck disable=SC2086
set -- $files
export ASAN_OPTIONS=detect_leaks=1:exitcode=97
for cmd in summary show top check; do
	for fmt in text json md csv html; do
		bad=""
		run all $cmd --format $fmt "$@"
		report "$cmd --format $fmt (all files)"
	done
done
for cmd in "fold" "grep -c ." "trend --format json" "trend --format html"; do
	bad=""
	# shellcheck disable=SC2086
	run all $cmd "$@"
	report "$cmd (all files)"
done
# gzip files once more with the inflater on a thread of its own (stream.c), leaks checked
gz=$(for f in $files; do [ "$(head -c 2 "$f" | od -An -tx1 | tr -d ' ')" = 1f8b ] && echo "$f"; done)
if [ -n "$gz" ]; then
	bad=""
	# shellcheck disable=SC2086
	GOSTACKS_THREADS=2 run gzip summary --format json $gz
	# shellcheck disable=SC2086
	[ -z "$bad" ] && GOSTACKS_THREADS=2 run gzip grep -c . $gz
	report "the gzip files with the inflater on its own thread (GOSTACKS_THREADS=2)"
fi
# diff takes two: every third file against the next (each run costs ~50 ms of start-up)
prev="" i=0
bad=""
for f in $files; do
	[ -n "$prev" ] && [ -z "$bad" ] && [ $((i % 3)) = 0 ] && run diff diff --format json "$prev" "$f"
	prev=$f i=$((i + 1))
done
report "diff --format json (every third file against the next)"
echo "santool: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
