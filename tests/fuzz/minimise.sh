#!/bin/bash
# Keeps what the fuzzers grew: tests/fuzz/minimise.sh BIN_DIR HARNESS...
#
# For each harness, libFuzzer's merge (-merge=1) reads the committed corpus tests/fuzz/corpus/H
# first, then what `make fuzz` or `make fuzz-long` grew in BIN_DIR/../grown/H, and copies into
# the committed corpus only the grown inputs that reach edges the corpus does not
# (-use_counters=0: hit counts are not new code; with them a 20 s run of fuzz_goroutine added
# 1,159 inputs, 7 MiB, without them 210). The seeds keep their names.
#
# Size policy: only grown inputs of at most FUZZ_KEEP_MAX bytes (default 2048) are offered to
# the merge. Measured on a 10-minute run of lines and records, the inputs under 2 KiB carry
# 99-100% of the new edges (lines 526 of 526, records 965 of 988) in a tenth of the bytes,
# and `make test` replays every committed input twice (plain and sanitized). A merge that
# adds more than FUZZ_ADD_MAX bytes (default 262144) to a harness's corpus is reported, not
# trimmed: merge again with a smaller FUZZ_KEEP_MAX (cli's was merged at 1024), or say in
# review which inputs go. The sizes before and after are printed (bytes of the files, not blocks);
# commit the new files (`make fuzz-replay` replays them from then on).
set -u
if [ $# -lt 2 ]; then
	echo "usage: $0 BIN_DIR HARNESS..." >&2
	exit 2
fi
bin=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$bin/.." && pwd)
keep_max=${FUZZ_KEEP_MAX:-2048}
add_max=${FUZZ_ADD_MAX:-262144}
offer=$(mktemp -d)
trap 'rm -rf "$offer"' EXIT
bytes() { find "$1" -type f -exec cat {} + | wc -c; }
rc=0
for h in "$@"; do
	grown="$top/grown/$h"
	if [ ! -d "$grown" ]; then
		echo "minimise: $h: nothing grown (run make fuzz first)"
		continue
	fi
	rm -rf "${offer:?}/$h"
	mkdir -p "$offer/$h"
	# a fuzzer still running may remove a grown input between find and cp: not an error
	find "$grown" -type f -size "-$((keep_max + 1))c" -exec cp {} "$offer/$h/" \; 2>/dev/null
	before=$(find "$here/corpus/$h" -type f | wc -l)
	bbefore=$(bytes "$here/corpus/$h")
	if ! nice -n 10 "$bin/fuzz_$h" -merge=1 -use_counters=0 -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
		"$here/corpus/$h" "$offer/$h" >"$top/logs/$h.merge.log" 2>&1; then
		echo "minimise: $h: the merge failed; see $top/logs/$h.merge.log" >&2
		rc=1
		continue
	fi
	after=$(find "$here/corpus/$h" -type f | wc -l)
	bafter=$(bytes "$here/corpus/$h")
	edges=$(sed -n 's/.* \([0-9]*\) new coverage edges.*/\1/p' "$top/logs/$h.merge.log" | tail -1)
	echo "minimise: $h: $before -> $after inputs, $bbefore -> $bafter bytes, ${edges:-0} new edges"
	if [ $((bafter - bbefore)) -gt "$add_max" ]; then
		echo "minimise: $h: the merge added more than $add_max bytes: review before committing" >&2
	fi
done
exit $rc
