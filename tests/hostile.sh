#!/bin/bash
# What an unlucky operator or an attacker does to the command, end to end: tests/hostile.sh BIN
#  - stdout that cannot be written (/dev/full, a full file system when one can be mounted):
#    every command says `gostacks: stdout: error: No space left on device` and exits 1 (grep 2);
#  - output proportional to its input on every format, whatever the cells hold;
#  - sums past 64 bits, CSV formulas, escapes in messages, bidi controls, endless inputs.
# Closing line `hostile: N passed, M failed`.
set -u
if [ $# -ne 1 ] || [ ! -x "$1" ]; then
	echo "usage: $0 BIN" >&2
	exit 2
fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.." || exit 2
work=$(mktemp -d "${TMPDIR:-/tmp}/hostile.XXXXXX") || exit 2
mounted=""
cleanup() {
	[ -n "$mounted" ] && umount "$mounted" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
pass=0 fail=0
export LC_ALL=C NO_COLOR=1

check() { # NAME WHY: a result from $ok (1 passed)
	if [ "$ok" = 1 ]; then pass=$((pass + 1)); echo "ok   $1"
	else fail=$((fail + 1)); echo "FAIL $1: $2"; sed 's/^/  | /' "$work/err" 2>/dev/null | head -n 5; fi
}

S=samples/goroutine.debug2.txt
H=samples/heap.debug1.txt

# --- 1. write errors -----------------------------------------------------------------
full_case() { # WANT-RC ARGS...: the command into /dev/full
	local want=$1
	shift
	"$BIN" "$@" >/dev/full 2>"$work/err"
	rc=$?
	ok=0
	[ $rc = "$want" ] && grep -qx 'gostacks: stdout: error: No space left on device' "$work/err" && ok=1
	check "/dev/full: $*" "exit $rc (want $want)"
}
for f in text json md csv html; do
	full_case 1 summary --format $f $S
	full_case 1 show --format $f $S
done
full_case 1 top $H
full_case 1 top --format json $H
full_case 1 fold $S
full_case 1 check $S
full_case 1 check --format json $S
full_case 2 grep main $S
full_case 1 diff --format json $S $S
full_case 1 trend --format json $S $S
full_case 1 --help
full_case 1 summary --help

# A full file system: a small tmpfs when this runs as root and may mount, else skipped.
mkdir -p "$work/mnt"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k tmpfs "$work/mnt" 2>/dev/null; then
	mounted="$work/mnt"
	dd if=/dev/zero of="$work/mnt/fill" bs=1k count=56 2>/dev/null
	"$BIN" summary --format json $S >"$work/mnt/report.json" 2>"$work/err"
	rc=$?
	ok=0
	[ $rc = 1 ] && grep -qx 'gostacks: stdout: error: No space left on device' "$work/err" && ok=1
	check "a full file system: exit 1 and said" "exit $rc (want 1)"
	umount "$mounted" && mounted=""
else
	echo "skip a full file system (cannot mount a tmpfs here; /dev/full above)"
fi

# --- 2. output proportional to input --------------------------------------------------
# One function name of nearly the 1 MiB line cap among 2000 small goroutines: padding every
# row to its width made 2 GB of summary and 4 GB of show. Every format stays within 8x.
{
	printf 'goroutine 1 [running]:\nmain.'
	head -c 1048000 /dev/zero | tr '\0' x
	printf '()\n\t/a/b.go:1 +0x1\n\n'
	awk 'BEGIN { for (i = 2; i < 2000; i++) printf "goroutine %d [chan receive]:\nmain.f%d()\n\t/a/c.go:%d +0x1\n\n", i, i, i }'
} >"$work/bigname.txt"
in_size=$(wc -c <"$work/bigname.txt")
for cmd in summary show; do
	for f in text json md csv html; do
		out_size=$(timeout 60 "$BIN" $cmd --format $f "$work/bigname.txt" 2>"$work/err" | head -c 100000000 | wc -c)
		ok=0
		[ "$out_size" -le $((8 * in_size)) ] && [ "$out_size" -gt 0 ] && ok=1
		check "$cmd --format $f: output within 8x its input" "$out_size bytes from $in_size"
	done
done
"$BIN" summary "$work/bigname.txt" 2>"$work/err" | grep -q '^    1  running  .*main\.xxxx*…xxxx* a/b\.go:1 ' && ok=1 || ok=0
check "a huge cell: its middle elided, both ends kept" "no main.xxx…xxx a/b.go:1 cell"

# --- 3. sums past 64 bits -----------------------------------------------------------
# Three records of INT64_MAX: totals held at the largest number with a warning, never
# wrapped to a small or negative one.
held='gostacks: warning: a total passed the largest 64-bit number and was held there'
sum_case() { # NAME WANT-REGEX ARGS...
	local name=$1 want=$2
	shift 2
	"$BIN" "$@" >"$work/out" 2>"$work/err"
	ok=0
	grep -q -- "$want" "$work/out" && grep -q "^$held" "$work/err" &&
		! grep -q -- '-[0-9][0-9.]*%\|: -[0-9]\|before: -' "$work/out" && ok=1
	check "$name" "$(grep -m1 -- "$want" "$work/out" || head -n 3 "$work/out")"
}
sum_case "summary: 3 x INT64_MAX held" '^18446744073709551615 goroutines in 3 groups' summary tests/sums.txt
sum_case "check: 3 x INT64_MAX held" '18446744073709551615 goroutines' check tests/sums.txt
sum_case "top: 100%, not negative" 'of 9223372036854775807 total (100.00%)' top tests/sums.txt
sum_case "top heap: held" '100.00%' top tests/sums-heap.txt
sum_case "diff: before is not negative" 'after: 9223372036854775807' diff samples/goroutine.debug1.txt tests/sums.txt
sum_case "summary json: held" '"total": 18446744073709551615' summary --format json tests/sums.txt
"$BIN" summary --format html tests/sums.txt >"$work/out" 2>"$work/err"
ok=0
[ "$(grep -c '<rect' "$work/out")" -ge 3 ] && ok=1
check "the icicle graph of held sums is drawn" "$(grep -c '<rect' "$work/out") rects"
"$BIN" --strict summary tests/sums.txt >/dev/null 2>"$work/err"
rc=$?
ok=0
[ $rc = 1 ] && ok=1
check "--strict: a held sum exits 1" "exit $rc"

# --- 8, 9. what reaches a terminal ------------------------------------------------------
no_raw() { # NAME FILE: no ESC, BEL or bidi override in FILE
	ok=0
	! grep -q $'\e\|\a\|\xe2\x80\xae' "$2" && ok=1
	check "$1" "$(od -c "$2" | head -n 3)"
}
osc=$'\e]0;pwned\a'
"$BIN" summary "$work/a${osc}.txt" >/dev/null 2>"$work/err"
no_raw "a file name in an error is escaped" "$work/err"
grep -qF 'a\x1b]0;pwned\x07.txt: error: No such file' "$work/err" && ok=1 || ok=0
check "... as \\x1b" "$(cat "$work/err")"
"$BIN" fetch "http://h${osc}/x" >/dev/null 2>"$work/err"
no_raw "a URL target in an error is escaped" "$work/err"
printf 'h:1\nbad%s line\n' "$osc" >"$work/hosts"
"$BIN" fetch -f "$work/hosts" >/dev/null 2>"$work/err"
no_raw "a hosts-file line in an error is escaped" "$work/err"
"$BIN" diff "x${osc}" >/dev/null 2>"$work/err"
no_raw "a usage error naming an argument is escaped" "$work/err"
printf 'goroutine 1 [running]:\nmain.\xe2\x80\xaelive()\n\t/a.go:1\n' >"$work/bidi.txt"
for cmd in summary show "grep live" fold check; do
	# shellcheck disable=SC2086
	"$BIN" $cmd "$work/bidi.txt" >"$work/out" 2>"$work/err"
	no_raw "bidi override escaped: $cmd" "$work/out"
done
"$BIN" summary "$work/bidi.txt" | grep -q 'main\.\\u202elive' && ok=1 || ok=0
check "... as \\u202e" "$("$BIN" summary "$work/bidi.txt" 2>&1 | head -n 2)"

# --- 10. endless inputs ---------------------------------------------------------------
# Binary input stops on the 512-byte rule whatever it comes from; the hosts file is capped.
for src in /dev/zero /dev/urandom; do
	for cmd in check summary "grep x" fold; do
		# shellcheck disable=SC2086
		timeout 20 "$BIN" $cmd "$src" >/dev/null 2>"$work/err"
		rc=$?
		ok=0
		[ $rc != 124 ] && grep -q 'input is .*binary data' "$work/err" && ok=1
		check "$cmd $src stops on the binary rule" "exit $rc"
	done
	timeout 20 "$BIN" check - <"$src" >/dev/null 2>"$work/err"
	rc=$?
	ok=0
	[ $rc = 1 ] && grep -q 'binary data' "$work/err" && ok=1
	check "check - <$src stops" "exit $rc"
done
timeout 20 bash -c 'ulimit -v 262144; exec "$0" fetch -f /dev/zero' "$BIN" >/dev/null 2>"$work/err"
rc=$?
ok=0
[ $rc = 2 ] && grep -q '/dev/zero: error: larger than 16 MiB: not a hosts file' "$work/err" && ok=1
check "fetch -f /dev/zero: the hosts file is capped" "exit $rc"

# --- 11. the smaller ones -------------------------------------------------------------
"$BIN" show --group 18446744073709551616 samples/panic.txt >/dev/null 2>"$work/err"
rc=$?
ok=0
[ $rc = 2 ] && grep -q "group '18446744073709551616': a group number" "$work/err" && ok=1
check "--group 2^64 is refused, not group 2^64-1" "exit $rc"
GOSTACKS_MAX_MEMORY=1 "$BIN" summary samples/panic.txt >/dev/null 2>"$work/err"
rc=$?
ok=0
[ $rc = 1 ] && grep -q 'samples/panic.txt: error: memory cap reached' "$work/err" && ! grep -q 'out of memory' "$work/err" && ok=1
check "GOSTACKS_MAX_MEMORY=1 says the cap was reached" "exit $rc"

gzip -c samples/goroutine.debug2.txt >"$work/bad.gz"
size=$(wc -c <"$work/bad.gz")
printf '\377' | dd of="$work/bad.gz" bs=1 seek=$((size - 8)) conv=notrunc 2>/dev/null
"$BIN" summary "$work/bad.gz" >"$work/out" 2>"$work/err"
rc=$?
ok=0
[ $rc = 1 ] && grep -q '^101 goroutines in 23 groups' "$work/out" && grep -q 'incorrect data check' "$work/err" && ok=1
check "a .gz with a bad CRC keeps what was decoded" "exit $rc, $(tail -n 1 "$work/out")"

for i in $(seq 1 2000); do printf 'goroutine 1 [running]:\nmain.f()\n\t/a.go:1\n\n'; done >"$work/many.txt"
"$BIN" check "$work/many.txt" >"$work/out" 2>"$work/err"
ok=0
grep -qx "$work/many.txt: goroutine (2000 dumps)" "$work/out" && [ "$(wc -L <"$work/out")" -lt 200 ] && ok=1
check "check: 2000 dumps summarized by kind, not a line of 2000" "$(head -c 200 "$work/out")"

printf 'goroutine profile: total 2\n2 @ 0x1\n# labels: {"k":"a", "k":"b", "z":"1"}\n#\t0x1\tmain.f+0x1\t/a.go:1\n\n' >"$work/labels.txt"
"$BIN" summary --format json --by labels "$work/labels.txt" >"$work/out" 2>"$work/err"
ok=0
[ "$(grep -c '"k": ' "$work/out")" = 1 ] && grep -A3 '"k": \[' "$work/out" | grep -q '"b"' && ok=1
check "a repeated label key: one JSON key, its values an array" "$(grep -A4 '"labels": {' "$work/out" | head -n 5)"
for v in a b; do
	"$BIN" summary --label k=$v "$work/labels.txt" >"$work/out" 2>"$work/err"
	ok=0
	grep -q '^2 goroutines in 1 group' "$work/out" && ok=1
	check "--label k=$v matches a repeated key's any value" "$(tail -n 1 "$work/out")"
done

sed 's/^# HeapAlloc = .*/# HeapAlloc = -5/' samples/heap.debug1.txt >"$work/neg.txt"
"$BIN" summary "$work/neg.txt" >/dev/null 2>"$work/err"
ok=0
grep -q "warning: a negative MemStats value.*near '# HeapAlloc = -5'" "$work/err" && ok=1
check "a negative MemStats field is a warning" "$(head -n 2 "$work/err")"

echo "hostile: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
