#!/bin/bash
# Rebuilds the seed corpora tests/fuzz/corpus/HARNESS/ from our own samples (samples/, cut
# into pieces of at most 12 KiB at blank lines) and the hand-written cases in seeds/.
#   tests/fuzz/mkcorpus.sh        (from anywhere; replaces the corpus directories)
# Each seed is the two control bytes of fuzz_common.h, then the text without the header the
# harness feeds itself (a count seed starts at the total, a heap seed after "heap profile: ").
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
samples=$top/samples
work=$(mktemp -d "${TMPDIR:-/tmp}/mkcorpus.XXXXXX")
trap 'rm -rf "$work"' EXIT

# ctrl MODE VARIANT ANALYSES SEED: the two control bytes (fuzz_common.h)
ctrl() {
	printf "\\$(printf '%03o' $(($1 | ($2 << 3) | ($3 << 5))))\\$(printf '%03o' "$4")"
}

# seed HARNESS NAME MODE VARIANT ANALYSES STRIP FILE: corpus/HARNESS/NAME = control bytes
# + FILE without its first STRIP bytes
seed() {
	local out="$here/corpus/$1/$2"
	{ ctrl "$3" "$4" "$5" 7; tail -c +"$(($6 + 1))" "$7"; } >"$out"
}

# pieces FILE PREFIX: FILE cut at blank lines into pieces of at most 12 KiB, $work/PREFIX.NN
pieces() {
	awk -v max=12000 -v out="$work/$2" '
		function flush() { if (buf != "") { f = sprintf("%s.%02d", out, n++); printf "%s", buf > f; close(f); buf = "" } }
		{ line = $0 "\n" }
		length(buf) + length(line) > max { flush() }
		{ buf = buf line }
		/^[ \t]*$/ && length(buf) > max / 2 { flush() }
		END { flush() }' "$1"
}

for h in goroutine count heap contention lines records; do
	rm -rf "$here/corpus/$h"
	mkdir -p "$here/corpus/$h"
done

# goroutine dumps: whole small files, pieces of the big ones, every chunking mode once
i=0
for f in panic.txt sigquit.txt series/localhost_6060.goroutine.20261128T161410Z.txt; do
	seed goroutine "sample-$(basename "$f" .txt)" $((i % 8)) 3 $((i % 8)) 0 "$samples/$f"
	i=$((i + 1))
done
for f in goroutine.debug2.txt incident.truncated.txt incident.two-dumps.txt; do
	pieces "$samples/$f" "${f%.txt}"
done
for p in "$work"/goroutine.debug2.* "$work"/incident.truncated.* "$work"/incident.two-dumps.*; do
	seed goroutine "piece-$(basename "$p")" $((i % 8)) 3 $((i % 8)) 0 "$p"
	i=$((i + 1))
done
for f in ancestors.txt headers.txt race.txt crash.txt ansi-crlf.txt fences.md; do
	seed goroutine "case-${f%.*}" $((i % 8)) 3 $((i % 8)) 0 "$here/seeds/$f"
	i=$((i + 1))
done

# count profiles: the header's "... total " is the harness's
seed count goroutine-debug1 1 0 0 25 "$samples/goroutine.debug1.txt"
seed count goroutine-debug1-lines 4 0 3 25 "$samples/goroutine.debug1.txt"
seed count threadcreate 2 1 1 28 "$samples/threadcreate.debug1.txt"
seed count series-goroutine1 3 0 2 25 "$samples/series/localhost_6060.goroutine1.20261128T161422Z.txt"
seed count case-labels 5 0 4 25 "$here/seeds/labels.debug1.txt"
seed count case-labels-prefix 6 2 5 25 "$here/seeds/labels.debug1.txt"

# heap and allocs: after "heap profile: "
pieces "$samples/heap.debug1.txt" heap
pieces "$samples/allocs.debug1.txt" allocs
seed heap heap-head 1 1 0 14 "$work/heap.00"
seed heap allocs-head 2 2 1 14 "$work/allocs.00"
# the MemStats trailer, behind a small record
{ head -n 8 "$samples/heap.debug1.txt"; sed -n '/^# runtime.MemStats/,$p' "$samples/heap.debug1.txt"; } >"$work/heap-trailer"
seed heap heap-trailer 3 0 2 14 "$work/heap-trailer"
seed heap case-heap-v2 4 0 3 14 "$here/seeds/heap_v2.txt"
seed heap case-heap-v2-indented 5 3 4 14 "$here/seeds/heap_v2.txt"
n=0
for p in "$work"/heap.0[1-3] "$work"/allocs.0[1-3]; do
	[ -f "$p" ] || continue
	# a piece from the middle: the harness's header line is completed by a made-up one
	{ printf '1: 2 [3: 4] @ heap/1048576\n'; cat "$p"; } >"$work/mid"
	seed heap "piece-$(basename "$p")" $((n % 8)) $((n % 3)) $((n % 8)) 0 "$work/mid"
	n=$((n + 1))
done

# mutex and block: after the "--- mutex:" / "--- contention:" line
seed contention mutex 1 0 0 11 "$samples/mutex.debug1.txt"
seed contention block 2 1 1 16 "$samples/block.debug1.txt"
seed contention block-lines 4 1 2 16 "$samples/block.debug1.txt"
seed contention case-attrs 3 1 3 16 "$here/seeds/contention.txt"
seed contention case-attrs-prefixed 6 3 4 16 "$here/seeds/contention.txt"

# the line reader: every kind of paste, at every line cap
j=0
for f in incident.bom.txt incident.crlf.txt incident.indented.md incident.logprefix.txt \
	incident.tabs-as-spaces.txt; do
	head -c 6000 "$samples/$f" >"$work/lines-$f"
	seed lines "sample-${f%.*}" $((j % 8)) $((j % 4)) $((j % 8)) 0 "$work/lines-$f"
	j=$((j + 1))
done
for f in ansi-crlf.txt fences.md; do
	seed lines "case-${f%.*}" $((j % 8)) $((j % 4)) 0 0 "$here/seeds/$f"
	j=$((j + 1))
done
head -c 3000 "$samples/series/leak.log" >"$work/leak"
seed lines series-leak-log 3 2 7 0 "$work/leak"

# the record splitter: dumps and profiles as they come (variant 0: no header fed)
k=0
for f in panic.txt threadcreate.debug1.txt mutex.debug1.txt block.debug1.txt \
	series/localhost_6060.goroutine.20261128T161413Z.txt; do
	seed records "sample-$(basename "$f" .txt)" $((k % 8)) 0 $((k % 8)) 0 "$samples/$f"
	k=$((k + 1))
done
seed records goroutine-debug1 3 0 7 0 "$samples/goroutine.debug1.txt"
seed records heap-piece 5 0 0 0 "$work/heap.00"
for f in ancestors.txt headers.txt labels.debug1.txt heap_v2.txt contention.txt crash.txt; do
	seed records "case-${f%.*}" $((k % 8)) 0 $((k % 8)) 0 "$here/seeds/$f"
	k=$((k + 1))
done

for h in goroutine count heap contention lines records; do
	printf '%-12s %3d files %7d bytes\n' "$h" "$(ls "$here/corpus/$h" | wc -l)" \
		"$(cat "$here/corpus/$h"/* | wc -c)"
done
