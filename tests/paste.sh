#!/bin/bash
# Dumps as they arrive in tickets and logs (README: "A dump pasted into a ticket"): each real
# dump is mangled the way a terminal, a chat client, an editor, a log driver or a log viewer
# does it, and must read as the clean dump does: the same groups, counts, states, ids,
# stacks (function and file:line) and creators (`show --by stack,creator --format csv`),
# with the note the form calls for.
#
#   tests/paste.sh BIN                 the goroutine dumps of samples/
#   tests/paste.sh BIN CORPUS          and every goroutine-debug2 and panic file of the shared
#                                      corpus (CORPUS/MANIFEST.tsv), as `make test-corpus` runs it
#
# Forms: wrap (fold -w 40, 57, 80, 132: a note per re-joined line), indentation lost,
# blank lines lost (alone, and with CRLF and a chat prefix), re-typed characters ('…', U+00A0,
# curly quotes: a note), Docker json-file entries, one JSON entry whose msg holds the dump,
# kubectl --timestamps and journalctl -o short-iso prefixes, newest line first (a note).
# A corpus file whose clean reading a form cannot keep is listed in tests/paste-known.tsv
# (FILE<TAB>FORM<TAB>reason) and counted KNOWN. Closing line `paste: N passed, M failed`.
#
# With CHUNKDIFF=PATH (the Makefile's build/tests/chunkdiff), every mangled file is also read
# whole, line by line, byte by byte and split between two readers (tests/fuzz/chunkdiff.c):
# the same model each way, notes and their line numbers included, known forms or not; and so
# are the debug=1 profiles and race reports of samples/ (and of CORPUS) mangled every way.
set -u

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 BIN [CORPUS]" >&2
	exit 2
fi
BIN=$1
TESTS_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$TESTS_DIR/.." && pwd)
KNOWN_FILE="$TESTS_DIR/paste-known.tsv"
if [ ! -x "$BIN" ]; then
	echo "paste: not executable: $BIN" >&2
	exit 2
fi
export LC_ALL=C NO_COLOR=1
work=$(mktemp -d "${TMPDIR:-/tmp}/paste.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

files=() others=()
for f in goroutine.debug2.txt panic.txt sigquit.txt repanic.txt; do
	[ -f "$ROOT/samples/$f" ] && files+=("$ROOT/samples/$f")
done
for f in goroutine.debug1.txt heap.debug1.txt allocs.debug1.txt mutex.debug1.txt block.debug1.txt \
	threadcreate.debug1.txt; do
	[ -f "$ROOT/samples/$f" ] && others+=("$ROOT/samples/$f")
done
if [ $# -eq 2 ]; then
	corpus=${2%/}
	if [ ! -f "$corpus/MANIFEST.tsv" ]; then
		echo "paste: no MANIFEST.tsv in $corpus" >&2
		exit 2
	fi
	while IFS=$'\t' read -r name format _; do
		case $format in
		goroutine-debug2|panic) files+=("$corpus/$name") ;;
		*-debug1|goroutineleak-debug2|race) others+=("$corpus/$name") ;;
		esac
	done < <(tail -n +2 "$corpus/MANIFEST.tsv")
fi

# JSON string body of stdin's lines, one a line (backslash, quote, tab, CR, other controls).
json_lines() {
	awk '{
		gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); gsub(/\r/, "\\r")
		gsub(/\033/, "\\u001b"); gsub(/\f/, "\\u000c"); gsub(/\v/, "\\u000b")
		print
	}'
}

# mangle FORM IN OUT: write IN as FORM leaves it.
mangle() {
	local form=$1 in=$2 out=$3
	case $form in
	fold40|fold57|fold80|fold132) fold -w "${form#fold}" "$in" > "$out" ;;
	noindent) sed 's/^[[:blank:]]*//' "$in" > "$out" ;;
	noblank) sed '/^[[:blank:]]*$/d' "$in" > "$out" ;;
	noblank_chat_crlf) sed '/^[[:blank:]]*$/d; s/^/alice: /; s/$/\r/' "$in" > "$out" ;;
	retyped)
		# an editor: "..." as U+2026, a tab as four U+00A0, "x" as curly quotes
		sed 's/\.\.\./\xe2\x80\xa6/g; s/^\t/\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0/;
		     s/"\([^"]*\)"/\xe2\x80\x9c\1\xe2\x80\x9d/g' "$in" > "$out" ;;
	docker)
		json_lines < "$in" | awk '{ printf "{\"log\":\"%s\\n\",\"stream\":\"stderr\",\"time\":\"2024-05-01T10:00:%02d.%09dZ\"}\n", $0, NR % 60, NR * 7919 % 1000000000 }' > "$out" ;;
	jsonmsg)
		json_lines < "$in" | awk 'BEGIN { printf "{\"level\":\"error\",\"ts\":1714557600.5,\"msg\":\"" }
			{ printf "%s\\n", $0 } END { printf "\",\"caller\":\"main.go:40\"}\n" }' > "$out" ;;
	kubectl)
		# RFC 3339 nano time, trailing zeros dropped: the width varies
		awk '{ ns = NR * 1000; sub(/0+$/, "", ns); printf "2024-05-01T10:00:00.%sZ %s\n", ns, $0 }' "$in" > "$out" ;;
	journal)
		awk '{ printf "2024-05-01T10:%02d:%02d+0000 web-%d app[%d]: %s\n", NR / 60 % 60, NR % 60, 7, 977, $0 }' "$in" > "$out" ;;
	reversed)
		# tac glues a last line with no newline to the one before it: give it one
		{ cat "$in"; [ -n "$(tail -c 1 "$in")" ] && echo; } | tac > "$out" ;;
	esac
}

# the note FORM must give for IN ('' none asked)
note_for() {
	local form=$1 in=$2
	case $form in
	fold*)
		# a dump's file or function line wider than the fold, tabs at 8 columns (other text
		# is not re-joined: no wrap's piece of it can be told from a line of its own)
		if expand "$in" | awk -v w="${form#fold}" 'length($0) > w && (/^        [^ ]*:[0-9]/ || /^[A-Za-z_][^ ]*\(.*\)$/) { found = 1 } END { exit !found }'; then
			echo "line wrapped"
		fi ;;
	retyped)
		if grep -q -e '\.\.\.' -e "$(printf '^\t')" -e '"' "$in"; then
			echo "re-typed by an editor"
		fi ;;
	reversed)
		# an order can be told only from a frame: a header under a file line
		if [ "$(grep -c '^goroutine [0-9]' "$in")" -gt 1 ] && grep -q "$(printf '^\t')" "$in"; then
			echo "newest line first"
		fi ;;
	esac
}

known() {
	[ -f "$KNOWN_FILE" ] && awk -F'\t' -v f="$1" -v m="$2" '$1 == f && $2 == m { found = 1 } END { exit !found }' "$KNOWN_FILE"
}

forms="fold40 fold57 fold80 fold132 noindent noblank noblank_chat_crlf retyped docker jsonmsg kubectl journal reversed"
pass=0 fail=0 knowns=0 nfile=0
mkdir "$work/mangled"
for f in "${files[@]}"; do
	nfile=$((nfile + 1))
	name=${f#"$ROOT/"}
	[ $# -eq 2 ] && name=${name#"$corpus/"}
	if [ ! -f "$f" ]; then
		echo "MISSING $name"
		fail=$((fail + 1))
		continue
	fi
	"$BIN" show --by stack,creator --format csv "$f" > "$work/clean.csv" 2>/dev/null
	for form in $forms; do
		mangle "$form" "$f" "$work/in"
		[ -n "${CHUNKDIFF:-}" ] && cp "$work/in" "$work/mangled/$nfile.$form"
		"$BIN" show --by stack,creator --format csv "$work/in" > "$work/got.csv" 2> "$work/err"
		want=$(note_for "$form" "$f")
		why=""
		if ! cmp -s "$work/clean.csv" "$work/got.csv"; then
			why="groups differ"
		elif [ -n "$want" ] && ! grep -q "note: .*$want" "$work/err"; then
			why="no note '$want'"
		fi
		if [ -z "$why" ] && known "$name" "$form"; then
			# the list says what is not read yet: an entry read right is out of date
			fail=$((fail + 1))
			echo "FAIL $name $form: read as the clean file, but listed in $(basename "$KNOWN_FILE"): take the line out"
		elif [ -z "$why" ]; then
			pass=$((pass + 1))
		elif known "$name" "$form"; then
			knowns=$((knowns + 1))
		else
			fail=$((fail + 1))
			echo "FAIL $name $form: $why"
			if [ "$why" = "groups differ" ]; then
				diff "$work/clean.csv" "$work/got.csv" | head -6 | sed 's/^/  /'
			fi
		fi
	done
done
if [ -n "${CHUNKDIFF:-}" ]; then
	# the other formats (debug=1 profiles, races) pasted the same ways: read alike every way
	# (their groups are not compared with the clean file's: no form here is promised for them)
	for f in "${others[@]}"; do
		nfile=$((nfile + 1))
		for form in $forms; do
			mangle "$form" "$f" "$work/mangled/$nfile.$form"
		done
	done
	# one call for every file: a chunkdiff line names each failure and the way it was read
	if ! (cd "$work/mangled" && "$CHUNKDIFF" $(ls | LC_ALL=C sort -t. -k1,1n -k2) > "$work/chunks" 2>&1); then
		grep -o 'FAIL [^ ]* [a-z ]* differs .*' "$work/chunks" | head -20
		fail=$((fail + $(grep -o 'FAIL [^ ]* [a-z ]* differs' "$work/chunks" | wc -l)))
	fi
	tail -1 "$work/chunks" | sed 's/^/paste: /'
fi
echo "paste: $pass passed, $fail failed${knowns:+, $knowns known}"
[ "$fail" -eq 0 ]
