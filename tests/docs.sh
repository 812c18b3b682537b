#!/bin/bash
# Every command and option that `gostacks help` lists is in the man page and in README.md,
# and so is every command's list of formats.
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
# The formats each command takes (its --format help, made from the formats table) are the
# ones README's Output formats table and the man page's OUTPUT FORMATS list give it.
words() { tr ' ' '\n' | grep . | sort | tr '\n' ' '; }
for c in $cmds; do
	want=$("$BIN" help "$c" | sed -n 's/^ *--format FORMAT *//p' |
		sed -e 's/ (default)//' -e 's/,//g' -e 's/ or / /' | words)
	in_readme=$(awk '/^## Output formats/ { on = 1; next } on && /^## / { exit } on' README.md |
		grep "^| \`$c\` |" | cut -d'|' -f3 | tr -d '`' | words)
	in_man=$(awk -v it=".It Cm $c" '/^\.Sh OUTPUT FORMATS/ { on = 1; next }
		on && /^\.Sh / { exit } on && take { print; exit } on && $0 == it { take = 1 }' gostacks.1 |
		sed -e 's/^\.Cm //' -e 's/ , / /g' | words)
	if [ "$in_readme" = "$want" ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "README.md, Output formats: $c takes '$want', the table says '$in_readme'"; fi
	if [ "$in_man" = "$want" ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "gostacks.1, OUTPUT FORMATS: $c takes '$want', the list says '$in_man'"; fi
done
echo "docs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
