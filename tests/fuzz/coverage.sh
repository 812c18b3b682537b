#!/bin/bash
# Line coverage of parser/ by the fuzz corpora: tests/fuzz/coverage.sh OUT_DIR CC HARNESS...
#
# Each harness is built with clang's source-based coverage (-fprofile-instr-generate
# -fcoverage-mapping) and replay.c's main, then run over its seed corpus, its regressions and,
# when `make fuzz` has run, the corpus the fuzzer grew (OUT_DIR/../grown/H; COV_GROWN=0 leaves
# it out). The profiles are merged and `llvm-cov report` prints the lines of parser/ reached,
# per file and in total.
set -eu
if [ $# -lt 3 ]; then
	echo "usage: $0 OUT_DIR CC HARNESS..." >&2
	exit 2
fi
out=$1 cc=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
ver=$("$cc" --version | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -n 1)
profdata=$(command -v "llvm-profdata-$ver" || command -v llvm-profdata)
cov=$(command -v "llvm-cov-$ver" || command -v llvm-cov)
mkdir -p "$out"
rm -f "$out"/*.profraw
cd "$top"
objs=()
for h in "$@"; do
	"$cc" -D_GNU_SOURCE -Iparser -I"$here" -g -O1 -fprofile-instr-generate -fcoverage-mapping \
		-o "$out/fuzz_$h" "$here/fuzz_$h.c" "$here/fuzz_common.c" "$here/model_json.c" \
		"$here/replay.c" parser/*.c parser/*/*.c -lm
	dirs=("$here/corpus/$h")
	[ -d "$here/regressions/$h" ] && dirs+=("$here/regressions/$h")
	if [ "${COV_GROWN:-1}" != 0 ] && [ -d "$out/../grown/$h" ]; then
		# a snapshot: a running fuzzer replaces files of its corpus as it goes
		rm -rf "$out/work-$h"
		cp -r "$out/../grown/$h" "$out/work-$h" 2>/dev/null || true
		dirs+=("$out/work-$h")
	fi
	LLVM_PROFILE_FILE="$out/$h.profraw" "$out/fuzz_$h" "${dirs[@]}" >/dev/null
	if [ ${#objs[@]} -eq 0 ]; then objs=("$out/fuzz_$h"); else objs+=(-object "$out/fuzz_$h"); fi
done
"$profdata" merge -sparse -o "$out/all.profdata" "$out"/*.profraw
"$cov" report -instr-profile "$out/all.profdata" "${objs[@]}" parser/*.c parser/*/*.c | tee "$out/report.txt"
