#!/bin/bash
# Conformance run over the shared corpus: every goroutine-debug2, panic and race file of
# CORPUS/MANIFEST.tsv goes through `BIN check --format json FILE`, and the goroutine count it
# reports (total + skipped + g0_stacks) is compared with the manifest's goroutine_headers=N fact
# (a row without that fact expects 0).
#
#   tests/corpus.sh BIN CORPUS
#
# Per file: OK, DIFF (counts differ), KNOWN (counts differ, listed in tests/corpus-known.tsv as
# FILE<TAB>reason), CRASH (exit status >= 3, a signal, or more than CORPUS_TIMEOUT (10) s),
# NOKEY (no "total" in the output), MISSING (file not in CORPUS). A crash is never KNOWN.
# Closing line `corpus: N passed, M failed`; exit status 1 on any failure.
#
# The JSON keys are read with sed, no JSON tool: the first `"total": N`, `"skipped": N` and
# `"g0_stacks": N` in the output are used, so put the top-level ones first.
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 BIN CORPUS" >&2
	exit 2
fi
BIN=$1
CORPUS=${2%/}
TIMEOUT=${CORPUS_TIMEOUT:-10}
KNOWN_FILE="$(cd "$(dirname "$0")" && pwd)/corpus-known.tsv"
if [ ! -x "$BIN" ]; then
	echo "corpus: not executable: $BIN" >&2
	exit 2
fi
if [ ! -f "$CORPUS/MANIFEST.tsv" ]; then
	echo "corpus: no MANIFEST.tsv in $CORPUS" >&2
	exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/corpus.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

# known_reason FILE: print the reason if FILE is listed in corpus-known.tsv.
known_reason() {
	[ -f "$KNOWN_FILE" ] || return 1
	awk -F'\t' -v f="$1" '!/^#/ && $1 == f { print ($2 == "" ? "listed" : $2); found = 1; exit }
		END { exit !found }' "$KNOWN_FILE"
}

# json_int KEY FILE: the first integer value of "KEY" in FILE, or nothing.
json_int() {
	grep -o "\"$1\"[[:space:]]*:[[:space:]]*[0-9][0-9]*" "$2" | head -n 1 | sed 's/.*:[[:space:]]*//'
}

pass=0
fail=0
known=0
# file<TAB>expected goroutine_headers, for the selected formats
awk -F'\t' 'NR > 1 && ($2 == "goroutine-debug2" || $2 == "panic" || $2 == "race") {
		n = 0
		if (match($6, /(^|[ \t])goroutine_headers=[0-9]+/)) {
			s = substr($6, RSTART, RLENGTH); sub(/.*=/, "", s); n = s + 0
		}
		print $1 "\t" n
	}' "$CORPUS/MANIFEST.tsv" >"$work/list"

while IFS=$'\t' read -r file want; do
	if [ ! -f "$CORPUS/$file" ]; then
		echo "MISSING $file"
		fail=$((fail + 1))
		continue
	fi
	# in a subshell whose stderr is dropped, so that bash's "Segmentation fault" note stays quiet
	(timeout -k 2 "$TIMEOUT" "$BIN" check --format json "$CORPUS/$file" \
		</dev/null >"$work/out" 2>"$work/err"; exit $?) 2>/dev/null
	rc=$?
	if [ "$rc" -ge 3 ]; then
		if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then why="timeout after ${TIMEOUT}s"
		elif [ "$rc" -gt 128 ]; then why="signal $((rc - 128))"
		else why="exit $rc"; fi
		echo "CRASH $file ($why)"
		tail -n 5 "$work/err" | sed 's/^/  | /'
		fail=$((fail + 1))
		continue
	fi
	total=$(json_int total "$work/out")
	if [ -z "$total" ]; then
		echo "NOKEY $file (exit $rc, no \"total\" in the output)"
		tail -n 5 "$work/err" | sed 's/^/  | /'
		fail=$((fail + 1))
		continue
	fi
	skipped=$(json_int skipped "$work/out")
	g0=$(json_int g0_stacks "$work/out")
	got=$((total + ${skipped:-0} + ${g0:-0}))
	detail="total=$total skipped=${skipped:-?} g0_stacks=${g0:-?}"
	reason=$(known_reason "$file")
	if [ "$got" -eq "$want" ]; then
		if [ -n "$reason" ]; then
			echo "OK $file ($got; listed in corpus-known.tsv but matches now)"
		else
			echo "OK $file ($got)"
		fi
		pass=$((pass + 1))
	elif [ -n "$reason" ]; then
		echo "KNOWN $file (got $got, manifest $want: $reason)"
		known=$((known + 1))
		pass=$((pass + 1))
	else
		echo "DIFF $file (got $got [$detail], manifest goroutine_headers=$want)"
		fail=$((fail + 1))
	fi
done <"$work/list"

[ "$known" -gt 0 ] && echo "($known known differences counted as passed, see tests/corpus-known.tsv)"
echo "corpus: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
