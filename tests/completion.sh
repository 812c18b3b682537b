#!/bin/bash
# The bash completion offers the binary's own commands and options (it asks `gostacks help`).
# usage: tests/completion.sh BIN
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
ln -s "$BIN" "$dir/gostacks"
export PATH="$dir:$PATH"
# shellcheck source=/dev/null
source "$(dirname "$0")/../completions/gostacks.bash"
pass=0 fail=0
expect() { # expect "WORDS..." WORD-THAT-MUST-BE-OFFERED
	local line=$1 want=$2
	read -r -a COMP_WORDS <<<"$line"
	[[ $line == *' ' ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_gostacks
	if printf '%s\n' "${COMPREPLY[@]}" | grep -qx -- "$want"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: '$line' does not offer '$want' (got: ${COMPREPLY[*]:0:12})"
	fi
}
expect "gostacks su" summary
expect "gostacks tr" trend
expect "gostacks help fe" fetch
expect "gostacks summary --wh" --where
expect "gostacks diff --exit" --exit-code
expect "gostacks fetch --par" --parallel
expect "gostacks top -p h" heap
expect "gostacks summary --by state,wh" state,where
expect "gostacks summary --by sou" source
expect "gostacks summary --sort w" wait
expect "gostacks show --so" --sort
expect "gostacks show --format ht" html
expect "gostacks top --format c" csv
expect "gostacks diff --format fo" folded
expect "gostacks check --format " md
expect "gostacks trend --format m" md
expect "gostacks grep --files" --files-with-matches
# a format the command does not take is not offered
read -r -a COMP_WORDS <<<"gostacks summary --format "
COMP_WORDS+=("")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMPREPLY=()
_gostacks
if printf '%s\n' "${COMPREPLY[@]}" | grep -qx folded; then
	fail=$((fail + 1)); echo "FAIL: summary --format offers folded"
else
	pass=$((pass + 1))
fi
echo "completion: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
