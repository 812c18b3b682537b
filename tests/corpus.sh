#!/bin/bash
# Conformance run over the shared corpus: every goroutine-debug2, goroutineleak-debug2, panic
# and race file of CORPUS/MANIFEST.tsv goes through `BIN check --format json FILE`, and the
# goroutine count it reports (total + skipped + g0_stacks) is compared with the manifest's
# goroutine_headers=N fact (a row without that fact expects 0); so are, where the row has
# them, leaked_headers=N (the goroutines check counts "leaked": marked " (leaked)") and
# labeled_headers=N (those with labels, "labeled").
#
# Then every goroutine-debug1, goroutineleak-debug1, threadcreate-debug1, heap-debug1,
# mutex-debug1 and block-debug1 file, and every `other` file with a records=N fact (C++ and
# Java legacy profiles), goes
# through `BIN check --format json` and `BIN summary --format json`, and each fact the row has
# is compared: from check, header_total, records, sum_counts and sum_count (as "sum_count"),
# sum_cycles_or_delay ("sum_cycles"), sum_inuse_objs/bytes and sum_alloc_objs/bytes
# ("sum_inuse_objects" ...); from summary, the heap header's inuse_objs:N ... rate:KIND/N
# ("inuse_objects" ... "rate" of "header"), sampling_period, and records (the records the
# summary grouped). A count profile's summary must also group sum_counts goroutines ("total"),
# and a goroutineleak profile's all be leaked ("leaked" of summary is header_total).
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
# file<TAB>expected goroutine_headers<TAB>leaked_headers<TAB>labeled_headers ("-" when the
# row has no such fact: read collapses empty tab-separated fields), for the selected formats
awk -F'\t' 'function fact(name,   s) {
		if (match($6, "(^|[ \t])" name "=[0-9]+")) {
			s = substr($6, RSTART, RLENGTH); sub(/.*=/, "", s); return s
		}
		return ""
	}
	NR > 1 && ($2 == "goroutine-debug2" || $2 == "goroutineleak-debug2" || $2 == "panic" ||
	           $2 == "race") {
		n = fact("goroutine_headers")
		l = fact("leaked_headers"); b = fact("labeled_headers")
		print $1 "\t" (n == "" ? 0 : n + 0) "\t" (l == "" ? "-" : l) "\t" (b == "" ? "-" : b)
	}' "$CORPUS/MANIFEST.tsv" >"$work/list"

while IFS=$'\t' read -r file want want_leaked want_labeled; do
	[ "$want_leaked" = - ] && want_leaked=""
	[ "$want_labeled" = - ] && want_labeled=""
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
	facts=""
	if [ -n "$want_leaked" ] && [ "$(json_int leaked "$work/out")" != "$want_leaked" ]; then
		facts="$facts leaked=$(json_int leaked "$work/out") (manifest leaked_headers=$want_leaked)"
	fi
	if [ -n "$want_labeled" ] && [ "$(json_int labeled "$work/out")" != "$want_labeled" ]; then
		facts="$facts labeled=$(json_int labeled "$work/out") (manifest labeled_headers=$want_labeled)"
	fi
	[ -n "$want_leaked$want_labeled" ] && [ -z "$facts" ] && detail="$detail, leaked and labels as the manifest"
	reason=$(known_reason "$file")
	if [ -n "$facts" ]; then
		echo "DIFF $file:$facts"
		fail=$((fail + 1))
	elif [ "$got" -eq "$want" ]; then
		if [ -n "$reason" ]; then
			echo "OK $file ($got; listed in corpus-known.tsv but matches now)"
		elif [ -n "$want_leaked$want_labeled" ]; then
			echo "OK $file ($got; leaked ${want_leaked:--}, labeled ${want_labeled:--})"
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

# file<TAB>checks for the profile rows; a check is TOOL:KEY:VALUE (TOOL c = check, s = summary;
# KEY the JSON key whose first integer value must be VALUE)
awk -F'\t' 'function fact(name,   s) {
		if (match($6, "(^|[ \t])" name "=[0-9]+")) {
			s = substr($6, RSTART, RLENGTH); sub(/.*=/, "", s); return s
		}
		return ""
	}
	function sub_fact(name,   s) { # inside header=...: name:N
		if (match($6, "(^|[ \t=])" name ":[0-9]+")) {
			s = substr($6, RSTART, RLENGTH); sub(/.*:/, "", s); return s
		}
		return ""
	}
	function add(tool, key, v) { if (v != "") out = out " " tool ":" key ":" v }
	NR > 1 && ($2 ~ /^(goroutine|goroutineleak|threadcreate|heap|mutex|block)-debug1$/ ||
	           ($2 == "other" && fact("records") != "")) {
		out = ""
		add("c", "header_total", fact("header_total"))
		add("c", "records", fact("records"))
		add("s", "records", fact("records"))
		add("c", "sum_count", fact("sum_counts"))
		add("s", "total", fact("sum_counts"))
		add("c", "sum_count", fact("sum_count"))
		add("c", "sum_cycles", fact("sum_cycles_or_delay"))
		add("c", "sum_inuse_objects", fact("sum_inuse_objs"))
		add("c", "sum_inuse_space", fact("sum_inuse_bytes"))
		add("c", "sum_alloc_objects", fact("sum_alloc_objs"))
		add("c", "sum_alloc_space", fact("sum_alloc_bytes"))
		add("s", "inuse_objects", sub_fact("inuse_objs"))
		add("s", "inuse_space", sub_fact("inuse_bytes"))
		add("s", "alloc_objects", sub_fact("alloc_objs"))
		add("s", "alloc_space", sub_fact("alloc_bytes"))
		if (match($6, /rate:[a-z_0-9]+\/[0-9]+/)) {
			r = substr($6, RSTART, RLENGTH); sub(/.*\//, "", r); add("s", "rate", r)
		}
		add("s", "sampling_period", fact("sampling_period"))
		if ($2 == "goroutineleak-debug1")
			add("s", "leaked", fact("header_total"))
		print $1 "\t" substr(out, 2)
	}' "$CORPUS/MANIFEST.tsv" >"$work/profiles"

# run_json TOOL FILE OUT: BIN check|summary --format json FILE > OUT; prints why on a crash.
run_json() {
	(timeout -k 2 "$TIMEOUT" "$BIN" "$1" --format json "$2" </dev/null >"$3" 2>"$work/err"
		exit $?) 2>/dev/null
	local rc=$?
	if [ "$rc" -ge 3 ]; then
		if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then echo "timeout after ${TIMEOUT}s"
		elif [ "$rc" -gt 128 ]; then echo "signal $((rc - 128))"
		else echo "exit $rc"; fi
		return 1
	fi
	return 0
}

while IFS=$'\t' read -r file checks; do
	if [ ! -f "$CORPUS/$file" ]; then
		echo "MISSING $file"
		fail=$((fail + 1))
		continue
	fi
	why=$(run_json check "$CORPUS/$file" "$work/c.json") &&
		why=$(run_json summary "$CORPUS/$file" "$work/s.json")
	if [ -n "$why" ]; then
		echo "CRASH $file ($why)"
		tail -n 5 "$work/err" | sed 's/^/  | /'
		fail=$((fail + 1))
		continue
	fi
	diffs="" n=0
	for check in $checks; do
		tool=${check%%:*} rest=${check#*:}
		key=${rest%%:*} want=${rest#*:}
		got=$(json_int "$key" "$work/$tool.json")
		n=$((n + 1))
		if [ "$got" != "$want" ]; then
			[ "$tool" = c ] && tool=check || tool=summary
			diffs="$diffs $tool:$key=${got:-none} (manifest $want);"
		fi
	done
	reason=$(known_reason "$file")
	if [ -z "$diffs" ]; then
		if [ -n "$reason" ]; then
			echo "OK $file ($n facts; listed in corpus-known.tsv but matches now)"
		else
			echo "OK $file ($n facts)"
		fi
		pass=$((pass + 1))
	elif [ -n "$reason" ]; then
		echo "KNOWN $file (${diffs% }; $reason)"
		known=$((known + 1))
		pass=$((pass + 1))
	else
		echo "DIFF $file:${diffs%;}"
		fail=$((fail + 1))
	fi
done <"$work/profiles"

[ "$known" -gt 0 ] && echo "($known known differences counted as passed, see tests/corpus-known.tsv)"
echo "corpus: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
