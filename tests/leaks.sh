#!/bin/bash
# tests/leaks.sh BIN [CORPUS] - the goroutineleak profile over HTTP, on 127.0.0.1 only:
#   - tests/leakserver serves saved goroutineleak outputs at
#     /debug/pprof/goroutineleak?debug=1|2: tests/leak/'s hand-written ones, or with CORPUS
#     the real ones of CORPUS/modern/go1.26 and go1.27. `summary --leaked host:port` must
#     show exactly the goroutines the runtime marked; -p goroutineleak1, fetch's file names
#     and an older server's 404 (the pprof handlers of the Go that built the server, before
#     1.26) are checked too;
#   - with a Go 1.26 or later toolchain (GO127=path/to/bin/go, else what `make deps-go127`
#     unpacked, else a `go` that new), tests/leakprog, a real leaking program, is built and
#     its own pprof server asked the same; without one that part is skipped.
# Skips (exit 0) only when `go` is missing; `make deps` installs it.
set -u

NAME=leaks
CORPUS=${2:-}
[ -n "$CORPUS" ] && CORPUS=$(cd "$CORPUS" && pwd)
. "$(dirname "$0")/go-env.sh" "$1"
. "$TESTS/servers.sh"

# leaked_ids FILE: the ids of the goroutines a debug=2 dump marks leaked, sorted
leaked_ids() {
	sed -n 's/^goroutine \([0-9]*\) [^[]*\[[^]]* (leaked).*/\1/p' "$1" | sort -n
}
# json_ids: the goroutine ids of every group of $tmp/out (a gostacks.summary/1), sorted
json_ids() {
	sed -n 's/^ *"ids": \[\(.*\)\],*$/\1/p' "$tmp/out" | tr ',' '\n' | tr -d ' ' | grep . | sort -n
}
json_int() { # KEY: the first integer value of KEY in $tmp/out
	grep -o "\"$1\": [0-9]*" "$tmp/out" | head -1 | sed 's/.*: //'
}

# serve NAME DEBUG1 DEBUG2: the checks against a leakserver serving the two files
serve() {
	local name=$1 d1=$2 d2=$3 addr old want n d f
	start "$name" "$tmp/leakserver" -leak1 "$d1" -leak2 "$d2" -timeout 5m
	addr=$(sed -n 's/^listening on //p' "$tmp/$name.out")
	old=$(sed -n 's/^pprof on //p' "$tmp/$name.out")

	leaked_ids "$d2" >"$tmp/want"
	n=$(wc -l <"$tmp/want")
	g summary --leaked --format json "$addr"
	json_ids >"$tmp/got"
	if [ "$rc" -eq 0 ] && [ "$n" -gt 0 ] && diff -q "$tmp/want" "$tmp/got" >/dev/null &&
		[ "$(json_int total)" = "$n" ] && [ "$(json_int leaked)" = "$n" ]; then
		ok "$name: summary --leaked host:port: exactly the $n goroutines marked (leaked)"
	else
		not_ok "$name: summary --leaked host:port" "rc=$rc want $n ids, got $(wc -l <"$tmp/got")"
	fi
	g summary --leaked "$addr"
	grep -q "^$n goroutines proven leaked by the runtime$" "$tmp/out" &&
		ok "$name: the footer counts them" || not_ok "$name: the footer counts them" "rc=$rc"

	want=$(sed -n 's/^goroutineleak profile: total //p' "$d1")
	g summary -p goroutineleak1 --format json "$addr"
	if [ "$rc" -eq 0 ] && grep -q '"kind": "goroutineleak"' "$tmp/out" &&
		[ "$(json_int total)" = "$want" ] && [ "$(json_int leaked)" = "$want" ]; then
		ok "$name: -p goroutineleak1: a goroutineleak profile of $want, all leaked"
	else
		not_ok "$name: -p goroutineleak1" "rc=$rc total $(json_int total), want $want"
	fi

	d="$tmp/$name.fetched"
	for k in goroutineleak goroutineleak1; do
		g fetch -o "$d" -p "$k" "$addr"
		f=$(ls "$d"/127.0.0.1_"${addr#*:}"."$k".*Z.txt 2>/dev/null | head -1)
		[ "$k" = goroutineleak ] && want=$d2 || want=$d1
		if [ "$rc" -eq 0 ] && [ -n "$f" ] && cmp -s "$f" "$want"; then
			ok "$name: fetch -p $k: saved as $(basename "$f"), byte for byte"
		else
			not_ok "$name: fetch -p $k" "rc=$rc file=$f"
		fi
	done

	# the Go that built leakserver: a server before 1.26 has no such profile
	case $(go env GOVERSION) in
	go1.1[0-9]* | go1.2[0-5] | go1.2[0-5].*)
		g summary --leaked "$old"
		if [ "$rc" -eq 1 ] && grep -q 'HTTP status 404' "$tmp/err" &&
			grep -q 'no goroutineleak profile: Go 1.27 and later serve it' "$tmp/err"; then
			ok "$name: a $(go env GOVERSION) server's 404 says which servers have it"
		else
			not_ok "$name: an older server's 404" "rc=$rc"
		fi ;;
	*) echo "ok - $name: an older server's 404 # SKIP go is $(go env GOVERSION)" ;;
	esac
}

echo "$NAME: building tests/leakserver"
(cd leakserver && go build -o "$tmp/leakserver" .) || { echo "$NAME: go build leakserver failed" >&2; exit 1; }

if [ -n "$CORPUS" ]; then
	for v in go1.26 go1.27; do
		serve "corpus_${v/./_}" "$CORPUS/modern/$v/goroutineleak.debug1.txt" \
			"$CORPUS/modern/$v/goroutineleak.debug2.txt"
	done
else
	serve handwritten leak/shop_6060.goroutineleak1.20261201T101000Z.txt \
		leak/shop_6060.goroutineleak.20261201T101000Z.txt
fi

# ------------------------------------------------------------- a real leaking program

# A Go 1.26 or later: GO127, what `make deps-go127` unpacked, or the go on PATH.
newgo=""
for c in "${GO127:-}" "${GO127_DIR:-/tmp/gostacks-go127}/usr/lib/go-1.27/bin/go" go; do
	[ -n "$c" ] && command -v "$c" >/dev/null 2>&1 || continue
	case $("$c" env GOVERSION 2>/dev/null) in
	go1.2[6-9]* | go1.[3-9][0-9]*) newgo=$c; break ;;
	esac
done
if [ -z "$newgo" ]; then
	echo "ok - a real leaking program's pprof server # SKIP no Go 1.26+ (make deps-go127)"
else
	v=$("$newgo" env GOVERSION)
	exp=""
	case $v in go1.26*) exp=goroutineleakprofile ;; esac
	if (cd leakprog && GOEXPERIMENT=$exp GOTOOLCHAIN=local "$newgo" build -o "$tmp/leakprog" .); then
		start leakprog "$tmp/leakprog" -leak 7 -live 3 -timeout 5m
		addr=$(sed -n 's/^listening on //p' "$tmp/leakprog.out")
		g summary --leaked --by func --format json "$addr"
		if [ "$rc" -eq 0 ] && [ "$(json_int total)" = 7 ] && [ "$(json_int leaked)" = 7 ] &&
			grep -q '"main.leakySend"' "$tmp/out" && ! grep -q '"main.liveReceive"' "$tmp/out"; then
			ok "$v program: summary --leaked shows its 7 leaked senders, not the 3 live receivers"
		else
			not_ok "$v program: summary --leaked" "rc=$rc total $(json_int total)"
		fi
		g summary -p goroutineleak1 --format json "$addr"
		[ "$rc" -eq 0 ] && [ "$(json_int total)" = 7 ] &&
			ok "$v program: -p goroutineleak1 counts 7" ||
			not_ok "$v program: -p goroutineleak1" "rc=$rc total $(json_int total)"
		# the marks stay: a plain goroutine dump taken afterwards shows them too
		g summary --format json "$addr"
		[ "$rc" -eq 0 ] && [ "$(json_int leaked)" = 7 ] &&
			ok "$v program: goroutine?debug=2 afterwards keeps the 7 marks" ||
			not_ok "$v program: goroutine?debug=2 afterwards" "rc=$rc leaked $(json_int leaked)"
	else
		not_ok "$v: go build tests/leakprog"
	fi
fi

echo "$NAME: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
