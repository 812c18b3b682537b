#!/bin/bash
# Every command and option that `gostacks help` lists is in the man page and in README.md.
# usage: tests/docs.sh BIN   (run from the repository root)
set -u
BIN=$1
# mandoc renders the page when installed; else the mdoc source is read with its Fl
# macros turned into dashes (make deps does not install mandoc).
if command -v mandoc >/dev/null && command -v col >/dev/null && [ -z "${DOCS_NO_MANDOC:-}" ]; then
	man=$(mandoc -Tascii gostacks.1 | col -b)
else
	man=$(sed -e 's/Fl \\-/--/g' -e 's/Fl /-/g' -e 's/\\-/-/g' gostacks.1)
fi
readme=$(cat README.md)
pass=0 fail=0
check() { # check WHAT WORD
	if grep -qF -- "$2" <<<"$man"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "missing in gostacks.1: $1 $2"; fi
	if grep -qF -- "$2" <<<"$readme"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "missing in README.md: $1 $2"; fi
}
cmds=$("$BIN" --help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { exit }')
[ -n "$cmds" ] || { echo "docs: no commands in --help"; exit 1; }
for c in $cmds; do
	check command "$c"
	for o in $("$BIN" help "$c" | grep -oE -- '(^|[ [,])--[a-zA-Z][-a-zA-Z]*' | tr -d ' [,' | sort -u); do
		check "$c" "$o"
	done
done
for o in $("$BIN" --help | grep -oE -- '(^|[ [,])--[a-zA-Z][-a-zA-Z]*' | tr -d ' [,' | sort -u); do
	check global "$o"
done
echo "docs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
