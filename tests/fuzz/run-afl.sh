#!/bin/bash
# Runs the AFL++ builds of the harnesses: tests/fuzz/run-afl.sh BIN_DIR SECONDS HARNESS...
# One afl-fuzz at a time under `nice -n 10`, SECONDS each, from the seed corpus with the
# dictionary; findings in BIN_DIR/out/H. Exit status 1 when a harness has crashes.
set -u
if [ $# -lt 3 ]; then
	echo "usage: $0 BIN_DIR SECONDS HARNESS..." >&2
	exit 2
fi
bin=$1 secs=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
crashed=0
# containers cannot tune core_pattern or the CPU governor; AFL++ asks for both otherwise
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 \
	AFL_NO_AFFINITY=1 AFL_SKIP_CRASHES=1
for h in "$@"; do
	out="$bin/out/$h"
	rm -rf "$out"
	mkdir -p "$out"
	echo "fuzz-afl: $h for ${secs}s"
	nice -n 10 afl-fuzz -i "$here/corpus/$h" -o "$out" -x "$here/gostacks.dict" -V "$secs" \
		-- "$bin/fuzz_$h" >"$out.log" 2>&1
	execs=$(sed -n 's/^execs_done *: *//p' "$out"/default/fuzzer_stats 2>/dev/null)
	n=$(find "$out"/default/crashes -type f -name 'id:*' 2>/dev/null | wc -l)
	echo "fuzz-afl: $h: ${execs:-?} executions, $n crashes"
	if [ "$n" -gt 0 ]; then
		crashed=1
		echo "fuzz-afl: $h crashed; inputs in $out/default/crashes/" >&2
	fi
	[ -n "$execs" ] || { echo "fuzz-afl: $h did not run; see $out.log" >&2; tail -n 5 "$out.log" >&2; crashed=1; }
done
exit $crashed
