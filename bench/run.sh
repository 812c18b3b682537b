#!/bin/bash
# make bench: generate a big goroutine dump with samples/gen, then time `wc -l`, `grep -c`
# and `gostacks summary` on it and print a markdown table. See bench/README.md.
#
# Environment: BENCH_MB (1024) dump size, BENCH_RUNS (5) runs per command (the median is
# reported), BENCH_STACKS (1000) distinct stacks, BENCH_FILE (an existing dump: skip generation),
# BIN (build/gostacks), RSS (build/bench/rss), TMPDIR (where the dump goes; removed at the end).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BIN=${BIN:-build/gostacks}
RSS=${RSS:-build/bench/rss}
FLOOR=${FLOOR:-build/bench/floor}
MB=${BENCH_MB:-1024}
RUNS=${BENCH_RUNS:-5}
STACKS=${BENCH_STACKS:-1000}

for f in "$BIN" "$RSS" "$FLOOR"; do
	[ -x "$f" ] || { echo "bench: $f is missing; run 'make bench'" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gostacks-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if [ -n "${BENCH_FILE:-}" ]; then
	dump=$BENCH_FILE
	echo "bench: using $dump"
else
	command -v go >/dev/null || { echo "bench: go is needed to build samples/gen (make deps)" >&2; exit 2; }
	avail_kb=$(df -Pk "$tmp" | awk 'NR == 2 { print $4 }')
	if [ "$avail_kb" -lt $((MB * 1024 + 65536)) ]; then
		echo "bench: $((avail_kb / 1024)) MB free in $tmp, need about $MB MB (set TMPDIR or BENCH_MB)" >&2
		exit 2
	fi
	echo "bench: building samples/gen"
	# GOTOOLCHAIN=local: never download a toolchain. Works with or without a go.mod in samples/gen.
	if [ -f samples/gen/go.mod ]; then
		(cd samples/gen && GOTOOLCHAIN=local GOFLAGS=-mod=mod go build -o "$tmp/gen" .)
	else
		(cd samples/gen && GOTOOLCHAIN=local GO111MODULE=off go build -o "$tmp/gen" .)
	fi
	dump="$tmp/bench-dump.txt"
	echo "bench: generating a $MB MB dump with $STACKS stacks"
	"$tmp/gen" -bench-dump "$dump" -size-mb "$MB" -stacks "$STACKS"
fi

bytes=$(wc -c <"$dump")
size_mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
goroutines=$(grep -c '^goroutine ' "$dump" || true)
cat "$dump" >/dev/null # warm the page cache so that every command reads from memory

# measure NAME CMD...: run CMD RUNS times under rss; sets MEDIAN (s) and PEAK (KB, max of runs).
measure() {
	local name=$1 times=() peak=0 i line wall kb status
	shift
	for ((i = 0; i < RUNS; i++)); do
		# Not /dev/null: GNU grep stops at the first match when its output is /dev/null.
		"$RSS" -o "$tmp/rss.txt" "$@" >"$tmp/out.txt" || {
			echo "bench: $name failed: $*" >&2
			exit 1
		}
		read -r wall kb status <"$tmp/rss.txt"
		times+=("$wall")
		[ "$kb" -gt "$peak" ] && peak=$kb
	done
	MEDIAN=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ t[NR] = $1 }
		END { if (NR % 2) print t[(NR + 1) / 2]; else printf "%.6f\n", (t[NR / 2] + t[NR / 2 + 1]) / 2 }')
	PEAK=$peak
	echo "bench: $name: median ${MEDIAN}s of $RUNS runs, peak RSS $((peak / 1024)) MB" >&2
}

# the machine's floor: read(2) into 64 KiB alone (the kernel's copy), then with a newline count
measure "read()" "$FLOOR" -r "$dump"
rd_s=$MEDIAN rd_kb=$PEAK
measure "read() + newline count" "$FLOOR" "$dump"
fl_s=$MEDIAN fl_kb=$PEAK
measure "wc -l" wc -l "$dump"
wc_s=$MEDIAN wc_kb=$PEAK
measure "grep -c" grep -c '^goroutine ' "$dump"
grep_s=$MEDIAN grep_kb=$PEAK
measure "gostacks summary" "$BIN" summary "$dump"
gs_s=$MEDIAN gs_kb=$PEAK
# one thread: the reader of stdin, pipes and .gz, and any file with GOSTACKS_THREADS=1
measure "gostacks summary, 1 thread" env GOSTACKS_THREADS=1 "$BIN" summary "$dump"
gs1_s=$MEDIAN gs1_kb=$PEAK
measure "gostacks show" "$BIN" show "$dump"
show_s=$MEDIAN show_kb=$PEAK
# grep streams whole goroutines (no model), the pattern on every line; two threads as summary
measure "gostacks grep -c" "$BIN" grep -c 'sync\.\(\*Cond\)\.Wait' "$dump"
grep2_s=$MEDIAN grep2_kb=$PEAK
# a pattern that is plain text is one memmem a goroutine; a regex takes the PCRE2 path
measure "gostacks grep -c (regex)" "$BIN" grep -c 'Cond\)\.Wait|Mutex\)\.Lock' "$dump"
grep3_s=$MEDIAN grep3_kb=$PEAK
# diff reads its input twice (A and B): its budget is two summary runs
measure "gostacks diff" "$BIN" diff "$dump" "$dump"
diff_s=$MEDIAN diff_kb=$PEAK

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
echo
version=$("$BIN" --version 2>/dev/null | head -n 1 || true)
stacks_note=""
[ -z "${BENCH_FILE:-}" ] && stacks_note=", $STACKS distinct stacks"
echo "Input: ${size_mb} MB, $goroutines goroutines$stacks_note; median of $RUNS runs"
echo "Machine: ${cpu:-unknown CPU}, $(nproc) CPUs; ${version:-gostacks}"
echo
echo "| command | median s | MB/s | time vs wc -l | time vs grep -c | peak RSS MB | RSS / input |"
echo "|---|---:|---:|---:|---:|---:|---:|"
row() {
	awk -v n="$1" -v s="$2" -v kb="$3" -v mb="$size_mb" -v wc="$wc_s" -v gr="$grep_s" 'BEGIN {
		printf "| %s | %.3f | %.0f | %.2fx | %.2fx | %.1f | %.3f |\n",
			n, s, (s > 0 ? mb / s : 0), (wc > 0 ? s / wc : 0), (gr > 0 ? s / gr : 0),
			kb / 1024, (mb > 0 ? kb / 1024 / mb : 0) }'
}
row '`read()` into 64 KiB, nothing else (the kernel'"'"'s copy; `bench/floor.c -r`)' "$rd_s" "$rd_kb"
row '`read()` + newline count, one thread (the floor; `bench/floor.c`)' "$fl_s" "$fl_kb"
row '`wc -l`' "$wc_s" "$wc_kb"
row "\`grep -c '^goroutine '\`" "$grep_s" "$grep_kb"
row "\`gostacks summary\` (default: $(nproc 2>/dev/null || echo '?') CPUs, at most 8 threads)" "$gs_s" "$gs_kb"
row '`gostacks summary` (one thread: GOSTACKS_THREADS=1)' "$gs1_s" "$gs1_kb"
row '`gostacks show`' "$show_s" "$show_kb"
row "\`gostacks grep -c 'sync\\.\\(\\*Cond\\)\\.Wait'\` (two threads, streaming; plain text)" "$grep2_s" "$grep2_kb"
row "\`gostacks grep -c 'Cond\\)\\.Wait\\|Mutex\\)\\.Lock'\` (a regex, not plain text; '\\|' is markdown's escape)" "$grep3_s" "$grep3_kb"
row '`gostacks diff` (the dump against itself: reads it twice)' "$diff_s" "$diff_kb"
awk -v one="$gs1_s" -v two="$gs_s" -v show="$show_s" -v gr="$grep2_s" -v gr3="$grep3_s" -v d="$diff_s" 'BEGIN {
	if (two > 0)
		printf "\ndefault threads / one: %.2fx faster; show / summary: %.2f; grep / summary: %.2f (regex: %.2f); diff / (2 x summary): %.2f\n",
			one / two, show / two, gr / two, gr3 / two, d / (2 * two) }'

# Profiles: small inputs, where the whole process counts, start-up included. A heap profile
# (at the usual heap/1048576 rate, so pprof's scaling runs) and a goroutine?debug=1 profile
# of BENCH_PROFILE_MB (5) MB are grown from the real samples by bench/grow_profile.awk in
# the temp dir. `gostacks --help` is the start-up alone (loading the shared libraries).
PMB=${BENCH_PROFILE_MB:-5}
# a 10 kB dump: samples/goroutine.debug2.txt up to the last goroutine that ends before 10240 bytes
awk -v k="$(awk '{ n += length($0) + 1; if (n > 10240) exit; if ($0 == "") k = NR } END { print k }' \
	samples/goroutine.debug2.txt)" 'NR <= k' samples/goroutine.debug2.txt >"$tmp/small.txt"
awk -v target=$((PMB * 1048576)) -v rate=1048576 -f bench/grow_profile.awk \
	samples/heap.debug1.txt >"$tmp/heap.debug1.txt"
awk -v target=$((PMB * 1048576)) -f bench/grow_profile.awk \
	samples/goroutine.debug1.txt >"$tmp/goroutine.debug1.txt"
cat "$tmp/heap.debug1.txt" "$tmp/goroutine.debug1.txt" >/dev/null
prow() { # NAME FILE CMD...: one row of the profile table
	local name=$1 file=$2 mb
	shift 2
	measure "$name" "$@"
	mb=$(awk -v b="$(wc -c <"$file")" 'BEGIN { printf "%.1f", b / 1048576 }')
	awk -v n="$name" -v s="$MEDIAN" -v kb="$PEAK" -v mb="$mb" 'BEGIN {
		printf "| %s | %s | %.1f | %.0f | %.1f |\n", n, mb, s * 1000, (s > 0 && mb > 0 ? mb / s : 0), kb / 1024 }'
}
{
	echo
	echo "Profiles, whole process (median of $RUNS runs; target: a 5 MB heap profile in under 10 ms):"
	echo
	echo "| command | input MB | median ms | MB/s | peak RSS MB |"
	echo "|---|---:|---:|---:|---:|"
	prow '`true` (the machine: fork, exec, exit)' /dev/null true
	prow '`gostacks --help` (start-up only)' /dev/null "$BIN" --help
	prow '`gostacks summary` of a 10 kB dump' "$tmp/small.txt" "$BIN" summary "$tmp/small.txt"
	prow '`gostacks summary` heap' "$tmp/heap.debug1.txt" "$BIN" summary "$tmp/heap.debug1.txt"
	prow '`gostacks top` heap' "$tmp/heap.debug1.txt" "$BIN" top "$tmp/heap.debug1.txt"
	prow '`gostacks summary` goroutine debug=1' "$tmp/goroutine.debug1.txt" "$BIN" summary "$tmp/goroutine.debug1.txt"
	prow '`gostacks top --by func` goroutine debug=1' "$tmp/goroutine.debug1.txt" "$BIN" top --by func "$tmp/goroutine.debug1.txt"
}
