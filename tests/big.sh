#!/bin/bash
# tests/big.sh BIN - large inputs through the binary: the two-thread readers
# (cli/input/split.c, and grep's in cli/commands/cmd_grep.c) and the reader of plain and gzip
# files (cli/input/stream.c) must
# give what one thread and the plain file give, byte for byte, for every command. The dumps are
# made here by samples/gen in a temporary directory (removed at the end). Skips (exit 0)
# only when `go` is missing; `make deps` installs it.
set -u

NAME=big
. "$(dirname "$0")/go-env.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gostacks-big.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM


(cd ../samples/gen && go build -o "$tmp/gen" .) || { echo "big: go build samples/gen failed" >&2; exit 1; }
"$tmp/gen" -bench-dump "$tmp/one.txt" -size-mb 24 -stacks 300 >/dev/null || exit 1
"$tmp/gen" -bench-dump "$tmp/half.txt" -size-mb 12 -stacks 200 >/dev/null || exit 1
# two dumps of one process back to back: ids repeat, so the second is a second dump; the
# cut near the middle falls at its first header, where the two threads must not merge
cat "$tmp/half.txt" "$tmp/half.txt" >"$tmp/two.txt"
# a dump with an error in its second half (line 500000 of ~670000; the cut is near the
# middle): the diagnostic keeps its line number
awk 'NR >= 500000 && !done && /^\t/ { print "\tnot a file line"; done = 1; next } { print }' \
	"$tmp/one.txt" >"$tmp/bad.txt"

# These dumps are below the size split.c takes on its own (64 MiB): asked for, it cuts them
# from 8 MiB on. Every run below is on two threads unless it says otherwise.
export GOSTACKS_THREADS=2

# run NAME ARGS...: stdout, stderr and exit status of one run, in $tmp/NAME.*
run() {
	local name=$1
	shift
	"$BIN" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	echo $? >"$tmp/$name.rc"
}

# same WHAT ARGS...: one thread, two and three give the same output, errors and status
same() {
	local what=$1 n
	shift
	GOSTACKS_THREADS=1 run one "$@"
	for n in two three; do
		if [ $n = two ]; then GOSTACKS_THREADS=2 run $n "$@"; else GOSTACKS_THREADS=3 run $n "$@"; fi
		if cmp -s "$tmp/one.out" "$tmp/$n.out" && cmp -s "$tmp/one.err" "$tmp/$n.err" &&
			cmp -s "$tmp/one.rc" "$tmp/$n.rc" && [ -s "$tmp/one.out" ]; then
			ok "$what: $n threads = one thread"
		else
			not_ok "$what: $n threads = one thread" "$(diff "$tmp/one.out" "$tmp/$n.out" | head -5)" \
				"$(diff "$tmp/one.err" "$tmp/$n.err" | head -3)"
		fi
	done
}

for f in one two bad; do
	same "summary $f" summary "$tmp/$f.txt"
	same "summary json $f" summary --format json --by state,wait=exact,stack "$tmp/$f.txt"
	same "check $f" check "$tmp/$f.txt"
done
# a memory-cap stop: the same lines and bytes read (sources[].bytes counts up to the line
# it stopped on, not the chunks one or two readers were fed)
GOSTACKS_MAX_MEMORY=1M same "summary json, stopped by the memory cap" summary --format json "$tmp/one.txt"
if grep -q 'memory cap reached' "$tmp/one.err"; then
	ok "GOSTACKS_MAX_MEMORY=1M stops one.txt (after the first piece)"
else
	not_ok "GOSTACKS_MAX_MEMORY=1M stops one.txt (after the first piece)" "$(head -c 300 "$tmp/one.err")"
fi
# summary's text and CSV fold equal goroutines (waits as ranges; exact with wait=exact):
# on one thread and on two (each reader folds its part) the same as an entry a goroutine
for n in 1 2; do
	# (half and two: 36 MB, 36 runs of each; under TSan, test-tsan, about 2 minutes a pass)
	if GOSTACKS_THREADS=$n "$TESTS/folded.sh" "$BIN" "$tmp/half.txt" "$tmp/two.txt" \
		>"$tmp/folded.log" 2>&1; then
		ok "$n thread(s): $(tail -1 "$tmp/folded.log")"
	else
		not_ok "$n thread(s): folded = an entry a goroutine" "$(grep -A3 -m1 DIFF "$tmp/folded.log")"
	fi
done
same "show --all" show --all --group 3 "$tmp/one.txt"
same "top --by func" top --by func -n 0 "$tmp/one.txt"
same "fold" fold "$tmp/one.txt"
same "diff" diff --format json "$tmp/half.txt" "$tmp/one.txt"
same "grep" grep 'Cond' "$tmp/one.txt"
same "grep -c" grep -c 'Wait' "$tmp/one.txt"
same "grep --color=always" grep --color=always 'select' "$tmp/one.txt"
same "grep -c with filters" grep -c --state select 'main' "$tmp/one.txt"
same "grep over three sources" grep 'Cond' "$tmp/one.txt" ../samples/goroutine.debug2.txt "$tmp/two.txt"
# a log prefix learned in the first half is in force at the cut: both readers must decline
awk 'NR <= 300000 { print "2024-05-01T10:00:00Z stderr F " $0; next } { print }' \
	"$tmp/one.txt" >"$tmp/prefixed.txt"
same "summary, prefix in the first half" summary --format json "$tmp/prefixed.txt"
same "grep, prefix in the first half" grep 'Cond' "$tmp/prefixed.txt"
# dumps, profiles and a crash one after another (42 MB): pieces are refused, two in a row
# make the main reader go on alone, reading pieces never handed out
for i in $(seq 150); do
	cat ../samples/goroutine.debug2.txt ../samples/heap.debug1.txt ../samples/sigquit.txt \
		../samples/incident.two-dumps.txt
done >"$tmp/mixed.txt"
same "summary, dumps and profiles mixed" summary --format json "$tmp/mixed.txt"
same "check, dumps and profiles mixed" check "$tmp/mixed.txt"
same "grep, dumps and profiles mixed" grep -c 'main' "$tmp/mixed.txt"
# past the memory cap the second thread's half is refused: the same error at the same line
GOSTACKS_MAX_MEMORY=1M same "memory cap" summary "$tmp/one.txt"

# the two dumps stay two, with all their goroutines
n=$(grep -c '^goroutine ' "$tmp/two.txt")
run two summary --format json "$tmp/two.txt"
if grep -q "\"total\": $n," "$tmp/two.out" && grep -q '"dumps": 2' "$tmp/two.out"; then
	ok "two dumps: $n goroutines in 2 dumps"
else
	not_ok "two dumps: $n goroutines in 2 dumps" "$(grep -E '"(total|dumps)"' "$tmp/two.out" | head -3)"
fi
run bad check "$tmp/bad.txt"
line=$(grep -n '^	not a file line$' "$tmp/bad.txt" | cut -d: -f1)
if grep -q ":$line: " "$tmp/bad.err"; then
	ok "the diagnostic of the second half names line $line"
else
	not_ok "the diagnostic of the second half names line $line" "$(head -3 "$tmp/bad.err")"
fi

# gzip: one member, two members, a cut member; stdin
gzip -c "$tmp/one.txt" >"$tmp/one.txt.gz"
run plain summary --format json "$tmp/one.txt"
run gz summary --format json "$tmp/one.txt.gz"
sed 's/one\.txt\.gz/one.txt/g' "$tmp/gz.out" >"$tmp/gz.norm"
cmp -s "$tmp/plain.out" "$tmp/gz.norm" && ok ".gz reads as the plain file" ||
	not_ok ".gz reads as the plain file" "$(diff "$tmp/plain.out" "$tmp/gz.norm" | head -5)"
{ gzip -c "$tmp/half.txt"; gzip -c "$tmp/half.txt"; } >"$tmp/two.txt.gz"
run plain summary "$tmp/two.txt"
run gz summary "$tmp/two.txt.gz"
sed 's/two\.txt\.gz/two.txt/g' "$tmp/gz.out" >"$tmp/gz.norm"
cmp -s "$tmp/plain.out" "$tmp/gz.norm" && ok "two gzip members read as one file, as gunzip does" ||
	not_ok "two gzip members" "$(diff "$tmp/plain.out" "$tmp/gz.norm" | head -5)"
head -c 100000 "$tmp/one.txt.gz" >"$tmp/cut.txt.gz"
run cut summary "$tmp/cut.txt.gz"
if [ "$(cat "$tmp/cut.rc")" = 1 ] && grep -q 'cut.txt.gz: error: the gzip data ends early' "$tmp/cut.err" &&
	grep -q '^ *[0-9]' "$tmp/cut.out"; then
	ok "a cut .gz: what it held is summarized, the error names the file, exit 1"
else
	not_ok "a cut .gz" "rc=$(cat "$tmp/cut.rc")" "$(head -3 "$tmp/cut.err")"
fi
# the inflater on a thread of its own (stream.c) gives what it gives on this one: whole,
# two members, cut, a bad CRC, past --max-size, grep, stdin
size=$(wc -c <"$tmp/one.txt.gz")
cp "$tmp/one.txt.gz" "$tmp/crc.txt.gz"
printf '\377' | dd of="$tmp/crc.txt.gz" bs=1 seek=$((size - 8)) conv=notrunc 2>/dev/null
for f in one two cut crc; do
	same "gzip $f" summary --format json --by state,wait=exact,stack "$tmp/$f.txt.gz"
done
if grep -q 'crc.txt.gz: error: incorrect data check: read up to there' "$tmp/two.err" &&
	[ "$(cat "$tmp/two.rc")" = 1 ]; then
	ok "a bad CRC, inflated on a thread: said once, after what was decoded, exit 1"
else
	not_ok "a bad CRC, inflated on a thread" "rc=$(cat "$tmp/two.rc")" "$(head -3 "$tmp/two.err")"
fi
same "gzip past --max-size" summary --max-size 5M "$tmp/one.txt.gz"
same "gzip grep" grep -c 'main\.bench' "$tmp/one.txt.gz"
same "gzip grep -l, stopped at the first match" grep -l 'main\.bench' "$tmp/two.txt.gz"
for n in 1 2; do
	GOSTACKS_THREADS=$n "$BIN" summary - <"$tmp/cut.txt.gz" >"$tmp/stdin$n.out" 2>"$tmp/stdin$n.err"
	echo $? >"$tmp/stdin$n.rc"
done
# a pipe is inflated on the reader's thread: a stop does not wait for a writer that has
# gone quiet (the inflater would sit in read())
gzip -c ../samples/goroutine.debug2.txt >"$tmp/small.txt.gz"
{ cat "$tmp/small.txt.gz"; sleep 8; } | GOSTACKS_THREADS=2 timeout 5 "$BIN" grep -l 'main\.' - >"$tmp/pipe.out" 2>&1
rc=${PIPESTATUS[1]}
if [ "$rc" = 0 ] && grep -qx -- '-' "$tmp/pipe.out"; then
	ok "grep -l on a gzip pipe ends at its first match, whatever the writer does"
else
	not_ok "grep -l on a gzip pipe ends at its first match" "rc=$rc" "$(head -3 "$tmp/pipe.out")"
fi
if cmp -s "$tmp/stdin1.out" "$tmp/stdin2.out" && cmp -s "$tmp/stdin1.err" "$tmp/stdin2.err" &&
	cmp -s "$tmp/stdin1.rc" "$tmp/stdin2.rc" && grep -q 'stdin.*ends early\|-: error: the gzip' "$tmp/stdin2.err"; then
	ok "a cut .gz on stdin: two threads = one thread"
else
	not_ok "a cut .gz on stdin: two threads = one thread" "$(diff "$tmp/stdin1.err" "$tmp/stdin2.err" | head -3)"
fi
"$BIN" summary - <"$tmp/one.txt.gz" >"$tmp/stdin.out" 2>"$tmp/stdin.err"
run plain summary "$tmp/one.txt"
sed "s|$tmp/one.txt|-|g" "$tmp/plain.out" >"$tmp/plain.norm"
cmp -s "$tmp/plain.norm" "$tmp/stdin.out" && ok "gzip on stdin" ||
	not_ok "gzip on stdin" "$(diff "$tmp/plain.norm" "$tmp/stdin.out" | head -5)"
run max summary --max-size 1M "$tmp/one.txt"
if [ "$(cat "$tmp/max.rc")" = 1 ] && grep -q 'larger than --max-size' "$tmp/max.err"; then
	ok "--max-size stops a large file (no second thread past the cap)"
else
	not_ok "--max-size stops a large file" "rc=$(cat "$tmp/max.rc")" "$(head -3 "$tmp/max.err")"
fi

echo "big: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
