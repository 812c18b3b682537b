#!/bin/bash
# Keeps what the fuzzers grew: tests/fuzz/minimise.sh BIN_DIR HARNESS...
#
# For each harness, libFuzzer's merge (-merge=1) reads the committed corpus tests/fuzz/corpus/H
# first, then what `make fuzz` or `make fuzz-long` grew in BIN_DIR/../grown/H, and copies into
# the committed corpus only the grown inputs that reach edges the corpus does not
# (-use_counters=0: hit counts are not new code; with them a 20 s run of fuzz_goroutine added
# 1,159 inputs, 7 MiB, without them 210, 1.2 MiB): the seeds keep their names, and the
# corpus grows by the inputs that add coverage, not by every input the fuzzer kept. The sizes before and after are printed; commit the new
# files (`make fuzz-replay` replays them from then on).
set -u
if [ $# -lt 2 ]; then
	echo "usage: $0 BIN_DIR HARNESS..." >&2
	exit 2
fi
bin=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$bin/.." && pwd)
rc=0
for h in "$@"; do
	grown="$top/grown/$h"
	if [ ! -d "$grown" ]; then
		echo "minimise: $h: nothing grown (run make fuzz first)"
		continue
	fi
	before=$(find "$here/corpus/$h" -type f | wc -l)
	if ! nice -n 10 "$bin/fuzz_$h" -merge=1 -use_counters=0 -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
		"$here/corpus/$h" "$grown" >"$top/logs/$h.merge.log" 2>&1; then
		echo "minimise: $h: the merge failed; see $top/logs/$h.merge.log" >&2
		rc=1
		continue
	fi
	after=$(find "$here/corpus/$h" -type f | wc -l)
	echo "minimise: $h: $before -> $after inputs ($(du -sk "$here/corpus/$h" | cut -f1) KiB)"
done
exit $rc
