#!/bin/bash
# The command's caps on hostile input, end to end: tests/caps.sh BIN
#  - a generator of endless distinct function names piped into `check -` under a small
#    GOSTACKS_MAX_MEMORY: one error naming the cap and a line, exit 1, and the reading
#    stops (the generator dies of SIGPIPE) instead of the machine's memory running out;
#  - --max-size on a file and on stdin: an error, what came before is read;
#  - a bad GOSTACKS_MAX_MEMORY: a warning, the default kept.
# Closing line `caps: N passed, M failed`.
set -u
if [ $# -ne 1 ] || [ ! -x "$1" ]; then
	echo "usage: $0 BIN" >&2
	exit 2
fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.." || exit 2
work=$(mktemp -d "${TMPDIR:-/tmp}/caps.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
pass=0 fail=0

check() { # NAME CONDITION-TEXT: report a result from the last status in $ok
	if [ "$ok" = 1 ]; then pass=$((pass + 1)); echo "ok   $1"
	else fail=$((fail + 1)); echo "FAIL $1: $2"; sed 's/^/  | /' "$work/err" | head -n 5; fi
}

# Distinct names forever: only the cap can stop it. 64 MiB of model is ~40 MB of input.
timeout -k 5 120 bash -c 'awk '\''BEGIN { for (i = 1; ; i++) printf "goroutine %d [running]:\nmain.f%d_distinct_name()\n\t/app/f%d.go:%d\n\n", i, i, i, i }'\'' |
	GOSTACKS_MAX_MEMORY=64M "$0" check - >"$1/out" 2>"$1/err"; echo "${PIPESTATUS[*]}" >"$1/rc"' \
	"$BIN" "$work"
read -r gen_rc bin_rc <"$work/rc" 2>/dev/null
errors=$(grep -c ': error: ' "$work/err")
ok=0
[ "${bin_rc:-}" = 1 ] && [ "$errors" = 1 ] && [ "${gen_rc:-}" = 141 ] &&
	grep -q '^gostacks: -:[0-9]*: error: memory cap reached: the model may use 64 MiB' "$work/err" && ok=1
check "memory cap: one error, exit 1, the generator stopped" \
	"exit ${bin_rc:-?} (want 1), generator ${gen_rc:-?} (want 141, SIGPIPE), $errors errors (want 1)"

"$BIN" check --max-size 4k samples/goroutine.debug2.txt >"$work/out" 2>"$work/err"
rc=$?
ok=0
[ $rc = 1 ] && grep -q 'samples/goroutine.debug2.txt: error: larger than --max-size (4096 bytes): read up to there' "$work/err" &&
	grep -q '^  4096 bytes' "$work/out" && ok=1
check "--max-size on a file" "exit $rc (want 1)"

"$BIN" check --max-size 100 - <samples/panic.txt >"$work/out" 2>"$work/err"
rc=$?
ok=0
[ $rc = 1 ] && grep -q -- '-: error: larger than --max-size (100 bytes)' "$work/err" && ok=1
check "--max-size on stdin" "exit $rc (want 1)"

"$BIN" check samples/panic.txt >"$work/out" 2>"$work/err"
rc=$?
ok=0
[ $rc = 0 ] && ! grep -q 'max-size' "$work/err" && ok=1
check "no cap on a file without --max-size" "exit $rc (want 0)"

GOSTACKS_MAX_MEMORY=lots "$BIN" check samples/panic.txt >"$work/out" 2>"$work/err"
rc=$?
ok=0
[ $rc = 0 ] && grep -q "warning: GOSTACKS_MAX_MEMORY='lots' is not a size" "$work/err" && ok=1
check "a bad GOSTACKS_MAX_MEMORY is a warning" "exit $rc (want 0)"

echo "caps: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
