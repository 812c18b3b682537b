#!/bin/bash
# Golden tests: run every tests/golden/NAME.args and compare with the expected files.
#
#   tests/golden.sh BIN [NAME...]        (BIN: the gostacks binary; NAMEs: only these cases)
#   GOLDEN_UPDATE=1 tests/golden.sh BIN  rewrite the expected files from the current output
#
# NAME.args  one line: the arguments, paths relative to tests/ (e.g.
#            `summary --format json ../samples/goroutine.debug2.txt`). Words are split on
#            blanks; '...' and "..." quote a word literally (no expansion, no escapes).
# NAME.out   expected stdout (required)
# NAME.rc    expected exit status (optional, default 0)
# NAME.err   expected stderr (optional; only compared, and only rewritten, when it exists)
# NAME.stdin fed to standard input (optional, default /dev/null)
# NAME.env   VAR=VALUE words for its environment (optional: COLUMNS=80 for a width)
# Each case runs in tests/ with NO_COLOR=1, LC_ALL=C and a timeout of GOLDEN_TIMEOUT (30) s.
set -u

if [ $# -lt 1 ]; then
	echo "usage: $0 BIN [NAME...]" >&2
	exit 2
fi
bin_dir=$(cd "$(dirname "$1")" 2>/dev/null && pwd) || { echo "golden: no such binary: $1" >&2; exit 2; }
BIN="$bin_dir/$(basename "$1")"
shift
if [ ! -x "$BIN" ]; then
	echo "golden: not executable: $BIN" >&2
	exit 2
fi
TESTS_DIR=$(cd "$(dirname "$0")" && pwd)
GOLDEN_DIR="$TESTS_DIR/golden"
UPDATE=${GOLDEN_UPDATE:-0}
TIMEOUT=${GOLDEN_TIMEOUT:-30}

work=$(mktemp -d "${TMPDIR:-/tmp}/golden.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

# split_args LINE: fill the array ARGS from LINE (blanks separate; quotes are literal).
split_args() {
	local line=$1 word="" have=0 quote="" c i
	ARGS=()
	for ((i = 0; i < ${#line}; i++)); do
		c=${line:i:1}
		if [ -n "$quote" ]; then
			if [ "$c" = "$quote" ]; then quote=""; else word+=$c; fi
		elif [ "$c" = "'" ] || [ "$c" = '"' ]; then
			quote=$c; have=1
		elif [ "$c" = " " ] || [ "$c" = $'\t' ]; then
			if [ $have = 1 ]; then ARGS+=("$word"); word=""; have=0; fi
		else
			word+=$c; have=1
		fi
	done
	if [ -n "$quote" ]; then return 1; fi
	if [ $have = 1 ]; then ARGS+=("$word"); fi
	return 0
}

cases=()
if [ $# -gt 0 ]; then
	for name in "$@"; do cases+=("$GOLDEN_DIR/${name%.args}.args"); done
else
	shopt -s nullglob
	cases=("$GOLDEN_DIR"/*.args)
	shopt -u nullglob
fi

pass=0
fail=0
for args_file in "${cases[@]}"; do
	name=$(basename "$args_file" .args)
	base="${args_file%.args}"
	if [ ! -f "$args_file" ]; then
		echo "FAIL $name: no such case ($args_file)"
		fail=$((fail + 1))
		continue
	fi
	line=$(head -n 1 "$args_file" | tr -d '\r')
	if ! split_args "$line"; then
		echo "FAIL $name: unbalanced quote in $name.args"
		fail=$((fail + 1))
		continue
	fi
	stdin=/dev/null
	[ -f "$base.stdin" ] && stdin="$base.stdin"
	# COLUMNS asks text tables for a width: only a case's NAME.env sets it
	envs=()
	if [ -f "$base.env" ]; then read -r -a envs <"$base.env"; fi
	(cd "$TESTS_DIR" && env -u COLUMNS NO_COLOR=1 LC_ALL=C "${envs[@]}" \
		timeout -k 5 "$TIMEOUT" "$BIN" "${ARGS[@]}" <"$stdin" >"$work/out" 2>"$work/err")
	rc=$?

	if [ "$UPDATE" = 1 ]; then
		cp "$work/out" "$base.out"
		if [ "$rc" -ne 0 ]; then echo "$rc" >"$base.rc"; else rm -f "$base.rc"; fi
		[ -f "$base.err" ] && cp "$work/err" "$base.err"
		echo "UPDATED $name (exit $rc)"
		pass=$((pass + 1))
		continue
	fi

	ok=1
	want_rc=0
	[ -f "$base.rc" ] && want_rc=$(tr -d ' \r\n' <"$base.rc")
	if [ "$rc" != "$want_rc" ]; then
		echo "FAIL $name: exit status $rc, expected $want_rc"
		[ "$rc" -ge 124 ] && echo "  (timeout or signal)"
		ok=0
	fi
	if [ ! -f "$base.out" ]; then
		echo "FAIL $name: missing $name.out (run with GOLDEN_UPDATE=1 to create it)"
		ok=0
	elif ! diff -u --label "$name.out (expected)" --label "$name.out (actual)" "$base.out" "$work/out"; then
		echo "FAIL $name: stdout differs"
		ok=0
	fi
	if [ -f "$base.err" ] &&
		! diff -u --label "$name.err (expected)" --label "$name.err (actual)" "$base.err" "$work/err"; then
		echo "FAIL $name: stderr differs"
		ok=0
	fi
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		if [ ! -f "$base.err" ] && [ -s "$work/err" ]; then
			echo "  stderr was:"
			head -n 20 "$work/err" | sed 's/^/  | /'
		fi
		fail=$((fail + 1))
	fi
done

echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
