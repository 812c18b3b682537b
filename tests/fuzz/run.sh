#!/bin/bash
# Runs the libFuzzer harnesses: tests/fuzz/run.sh BIN_DIR SECONDS JOBS HARNESS...
#
# Each harness runs SECONDS under `nice -n 10` (JOBS at a time), reading the seed corpus
# tests/fuzz/corpus/H and the dictionary, writing new inputs to BIN_DIR/../grown/H (the
# committed seeds stay as they are) and crashes to BIN_DIR/../crashes/H/. A table of
# executions and CPU seconds per harness closes the run, and each run is appended to
# BIN_DIR/../stats.tsv (date, harness, seconds, executions, CPU seconds, crashes, libFuzzer's
# edge count; tests/fuzz/stats.sh adds them up). Exit status 1 when any harness crashed: copy the file named into
# tests/fuzz/regressions/H/, fix the bug, and `make test` replays it from then on.
set -u
if [ $# -lt 4 ]; then
	echo "usage: $0 BIN_DIR SECONDS JOBS HARNESS..." >&2
	exit 2
fi
bin=$1 secs=$2 jobs=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$bin/.." && pwd)
mkdir -p "$top/logs"

run_one() {
	local h=$1 work="$top/grown/$1" crashes="$top/crashes/$1" log="$top/logs/$1.log"
	mkdir -p "$work" "$crashes"
	touch "$top/logs/$h.start"
	local TIMEFORMAT='%U %S'
	{ time nice -n 10 "$bin/fuzz_$h" -max_total_time="$secs" -dict="$here/gostacks.dict" \
		-max_len=16384 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$crashes/" "$work" "$here/corpus/$h" >"$log" 2>&1; } 2>"$top/logs/$h.cpu"
}

running=0
for h in "$@"; do
	if [ ! -x "$bin/fuzz_$h" ]; then
		echo "fuzz: no harness $bin/fuzz_$h" >&2
		exit 2
	fi
	echo "fuzz: $h for ${secs}s"
	run_one "$h" &
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait -n
		running=$((running - 1))
	fi
done
wait

crashed=0
printf '%-12s %12s %10s %10s %8s\n' harness executions cpu_s exec/s crashes
for h in "$@"; do
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$top/logs/$h.log" | tail -n 1)
	cpu=$(awk '{ printf "%.1f", $1 + $2 }' "$top/logs/$h.cpu" 2>/dev/null)
	n=$(find "$top/crashes/$h" -type f -newer "$top/logs/$h.start" | wc -l)
	rate=$(awk -v e="${execs:-0}" -v c="${cpu:-0}" 'BEGIN { printf "%d", (c > 0 ? e / c : 0) }')
	printf '%-12s %12s %10s %10s %8s\n' "$h" "${execs:-?}" "${cpu:-?}" "$rate" "$n"
	# libFuzzer's coverage counter (edges of the instrumented code) at the end of the run
	cov=$(grep -o 'cov: [0-9]*' "$top/logs/$h.log" | tail -n 1 | sed 's/cov: //')
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$h" "$secs" \
		"${execs:-0}" "${cpu:-0}" "$n" "${cov:-0}" >>"$top/stats.tsv"
	if [ "$n" -gt 0 ] || grep -q '^==[0-9]*==ERROR\|^SUMMARY: \|deadly signal' "$top/logs/$h.log"; then
		crashed=1
		echo "fuzz: $h crashed; see $top/logs/$h.log and $top/crashes/$h/" >&2
		grep -m 3 'ERROR\|SUMMARY\|Test unit written' "$top/logs/$h.log" | sed 's/^/  | /' >&2
	fi
done
exit $crashed
