#!/bin/bash
# tests/folded.sh BIN PATH... - summary's text and CSV, fold, diff and trend read a dump's equal
# goroutines as one entry with a count (parser/model.h: fold_repeats); GOSTACKS_FOLD=0 keeps
# an entry per goroutine. For every file under each PATH, and every way of asking below,
# both must print the same bytes on stdout and stderr and exit the same: the fold is an
# economy of memory, never a change of answer. The ways cover both kinds of fold: waits
# folded as a range of one bucket (the default keys, stack/creator/labels keys, --sort
# wait, CSV, fold) and waits kept exact (--by wait=exact, --min-wait, --max-wait), and
# the options that keep an entry a goroutine (--id, --by object).
#
# Closing line `folded: N passed, M failed`; exit status 1 on any failure.
set -u
if [ $# -lt 2 ]; then
	echo "usage: tests/folded.sh BIN PATH..." >&2
	exit 2
fi
BIN=$1
shift
export LC_ALL=C NO_COLOR=1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gostacks-folded.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

ways=(
	"summary"
	"summary --format csv"
	"summary --by stack,creator,labels --sort wait"
	"summary --by state,wait,func,creator --format csv --sort where"
	"summary --by wait=exact,where"
	"summary --min-wait 1m --by stack"
	"summary --max-wait 10m --format csv"
	"summary --by source,dump,state,wait --leaked"
	"summary --where runtime --match main"
	"summary --id 1-40 --format csv"
	"summary --by object,where"
	"fold"
	"fold --by-state --exclude Cond"
	"diff {} {}"
	"diff --format json --by stack,wait @ {}"
	"diff --format csv --by wait=exact,func {} @"
	"trend --format json @ {} @"
	"trend --by state,where {} {}"
)

# A way names the file as {} (else it comes last); @ is the first file of all, the other
# side of a diff or a trend.
pass=0 fail=0 files=0 ref=
while IFS= read -r f; do
	files=$((files + 1))
	[ -n "$ref" ] || ref=$f
	for way in "${ways[@]}"; do
		read -r -a args <<<"$way"
		case "$way" in *"{}"*) ;; *) args+=("{}") ;; esac
		for i in "${!args[@]}"; do
			case "${args[$i]}" in "{}") args[i]=$f ;; "@") args[i]=$ref ;; esac
		done
		"$BIN" "${args[@]}" >"$tmp/a.out" 2>"$tmp/a.err"
		echo $? >"$tmp/a.rc"
		GOSTACKS_FOLD=0 "$BIN" "${args[@]}" >"$tmp/b.out" 2>"$tmp/b.err"
		echo $? >"$tmp/b.rc"
		if [ "$(cat "$tmp/a.rc")" -ge 3 ]; then
			fail=$((fail + 1))
			echo "CRASH $f $way: exit $(cat "$tmp/a.rc")"
		elif cmp -s "$tmp/a.out" "$tmp/b.out" && cmp -s "$tmp/a.err" "$tmp/b.err" &&
			cmp -s "$tmp/a.rc" "$tmp/b.rc"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "DIFF $f $way"
			diff "$tmp/b.out" "$tmp/a.out" | head -6 | sed 's/^/#   /'
			diff "$tmp/b.err" "$tmp/a.err" | head -3 | sed 's/^/#   /'
		fi
	done
done < <(find "$@" -type f ! -name MANIFEST.tsv ! -name README.md ! -name '*.go' \
	! -name '*.facts' ! -name 'go.mod' | LC_ALL=C sort)

echo "folded: $pass passed, $fail failed ($files files, ${#ways[@]} ways each)"
[ "$fail" -eq 0 ]
