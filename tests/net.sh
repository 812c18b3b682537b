#!/bin/bash
# tests/net.sh BIN - URL sources and `gostacks fetch` against real servers on 127.0.0.1:
#   - samples/gen -serve: a real Go net/http/pprof server with the sites parked;
#   - tests/faultserver: every way a fetch goes wrong, a TLS port, a fleet of 50 ports.
# Both are built here and started here with their stdin on a pipe this script holds, so
# they exit with it (and after their own timeout at the latest). Nothing but 127.0.0.1 is
# contacted: proxy variables are cleared, and the proxy tests use the fault server as the
# proxy. Skips (exit 0) only when `go` is missing; `make deps` installs it.
set -u

NAME=net
. "$(dirname "$0")/go-env.sh"
unset http_proxy https_proxy HTTPS_PROXY HTTP_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gostacks-net.XXXXXX") || exit 1
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM


now_ms() { date +%s%3N; }

# hits PATH KEY: how often the fault server was asked for PATH?key=KEY (bash's /dev/tcp,
# so the count is read without a proxy and without another client)
hits() {
	local reply
	exec 9<>"/dev/tcp/${FS%:*}/${FS#*:}" || return 1
	printf 'GET /hits?path=%s&key=%s HTTP/1.0\r\nHost: %s\r\n\r\n' "$1" "$2" "$FS" >&9
	reply=$(cat <&9)
	exec 9<&-
	printf '%s\n' "$reply" | tail -1 | tr -d '\r'
}

# g ARGS...: runs gostacks (at most 60 s); sets rc and ms, stdout in $tmp/out, stderr in $tmp/err
g() {
	local t0
	t0=$(now_ms)
	timeout 60 "$BIN" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	ms=$(($(now_ms) - t0))
}

# start NAME CMD...: runs CMD in the background, stdin on a fifo held open by this script;
# waits for its first stdout line
start() {
	local name=$1 i
	shift
	mkfifo "$tmp/$name.in"
	"$@" <"$tmp/$name.in" >"$tmp/$name.out" 2>"$tmp/$name.err" &
	pids="$pids $!"
	eval "exec {fd_$name}>\"\$tmp/\$name.in\""
	for i in $(seq 1 200); do
		[ -s "$tmp/$name.out" ] && return 0
		sleep 0.1
	done
	echo "net: $name did not start:" >&2
	cat "$tmp/$name.err" >&2
	exit 1
}

echo "net: building samples/gen and tests/faultserver"
(cd ../samples/gen && go build -o "$tmp/gen" .) || { echo "net: go build samples/gen failed" >&2; exit 1; }
(cd faultserver && go build -o "$tmp/faultserver" .) || { echo "net: go build faultserver failed" >&2; exit 1; }

start pprof "$tmp/gen" -serve 127.0.0.1:0 -serve-timeout 5m
start fault "$tmp/faultserver" -dump ../samples/goroutine.debug2.txt -fleet 50 -delay 300ms \
	-tls-cert "$tmp/cert.pem" -timeout 5m
for i in $(seq 1 50); do grep -q '^fleet' "$tmp/fault.out" && break; sleep 0.1; done
PP=$(sed -n 's/^listening on //p' "$tmp/pprof.out")
FS=$(sed -n 's/^listening on //p' "$tmp/fault.out")
TLS=$(sed -n 's/^tls on //p' "$tmp/fault.out")
FLEET=$(sed -n 's/^fleet //p' "$tmp/fault.out")
echo "net: pprof server $PP, fault server $FS (tls $TLS, fleet of $(echo $FLEET | wc -w))"

# ---------------------------------------------------------------- the real pprof server

# expected: per first user frame, the goroutines samples/gen parks (the facts' start lines)
awk '$1 == "start" { n[$(NF-1)] += $3 } END { for (f in n) print n[f], f }' \
	../samples/goroutine.facts | sort -k2 >"$tmp/want"

# count FUNC pairs of the groups of `summary --by func --where user --format json`
groups() {
	awk '/"count":/ { c = $2; want = 1 }
	     /"where": \{/ { inw = 1 }
	     /"func":/ { if (inw && want) { gsub(/[",]/, "", $2); print c + 0, $2; want = 0; inw = 0 } }' "$1" |
		grep ' main\.' | grep -v ' main\.runServe' | sort -k2
}

check_sites() { # NAME: $tmp/out against $tmp/want
	groups "$tmp/out" >"$tmp/got"
	if [ "$rc" -eq 0 ] && diff "$tmp/want" "$tmp/got" >"$tmp/diff"; then
		ok "$1"
	else
		not_ok "$1" "rc=$rc" "$(head -5 "$tmp/diff")"
	fi
}

g summary --by func --where user --format json "$PP"
check_sites "summary host:port reads goroutine?debug=2: every parked site with its count"
g summary --by func --where user --format json "http://$PP"
check_sites "summary http://host:port (no path) means goroutine?debug=2"
g summary --by func --where user --format json -p goroutine1 "$PP"
check_sites "summary -p goroutine1: the debug=1 counts equal what was started"
g summary --by func --where user --format json "http://$PP/debug/pprof/goroutine?debug=1"
check_sites "summary with an explicit goroutine?debug=1 URL"
g "$PP" --by func --where user --format json
check_sites "a bare host:port alone means summary"
g summary --by func --format json "$PP/debug/pprof/goroutine?debug=2"
check_sites "host:port/path with no scheme is a URL, as wget and curl take it"
g --by func --format json "$PP/debug/pprof/goroutine"
check_sites "a profile URL without ?debug= asks for debug=2 (goroutine), options before the implied summary"
grep -q "note: no ?debug= in the URL: asking for http://$PP/debug/pprof/goroutine?debug=2" "$tmp/err" &&
	ok "... and says so in a note" || not_ok "... and says so in a note" "$(head -2 "$tmp/err")"
g summary "http://$PP/debug/pprof/"
[ "$rc" -eq 1 ] && grep -q "index page, not a profile; it offers goroutine, goroutine1" "$tmp/err" &&
	ok "the /debug/pprof/ index page is refused with the profiles it offers" ||
	not_ok "the /debug/pprof/ index page is refused with the profiles it offers" "rc=$rc $(head -2 "$tmp/err")"
g -p heap "$PP"
[ "$rc" -eq 0 ] && grep -q '^heap profile: ' "$tmp/out" &&
	ok "gostacks -p heap host:port: an option before the implied summary" ||
	not_ok "gostacks -p heap host:port: an option before the implied summary" "rc=$rc"

kind_of() { sed -n 's/^ *"format": "\(.*\)",$/\1/p' "$tmp/out" | head -1; }
for k in heap allocs mutex block threadcreate goroutine1 goroutine; do
	want=$k
	[ "$k" = goroutine1 ] && want=goroutine-debug1
	g check --format json -p "$k" "$PP"
	got=$(kind_of)
	if [ "$rc" -eq 0 ] && [ "$got" = "$want" ]; then
		ok "check -p $k: detected $want"
	else
		not_ok "check -p $k: detected $want" "rc=$rc got '$got'"
	fi
done
g check --format json "http://$PP/debug/pprof/allocs?debug=1"
got=$(kind_of)
[ "$rc" -eq 0 ] && [ "$got" = allocs ] && ok "an allocs URL is read as allocs (kind hint)" ||
	not_ok "an allocs URL is read as allocs (kind hint)" "rc=$rc got '$got'"

g summary "http://$PP/debug/pprof/heap?debug=0"
grep -q 'debug=0' "$tmp/err" && grep -q 'gzip' "$tmp/err" && [ "$rc" -eq 1 ] &&
	ok "a debug=0 (gzip protobuf) reply is named, with what to ask for" ||
	not_ok "a debug=0 (gzip protobuf) reply is named, with what to ask for" "rc=$rc"

d="$tmp/kinds"
g fetch -o "$d" -p heap "$PP"
hf=$(ls "$d"/127.0.0.1_"${PP#*:}".heap.*Z.txt 2>/dev/null | head -1)
if [ "$rc" -eq 0 ] && [ -n "$hf" ] &&
	grep -A1 '^16: 16777216 \[16: 16777216\] @' "$hf" | grep -q 'main.serveRetainHeap'; then
	ok "fetch -p heap: saved, with the 16 retained 1 MiB objects of main.serveRetainHeap"
else
	not_ok "fetch -p heap: saved, with the 16 retained 1 MiB objects of main.serveRetainHeap" "rc=$rc file=$hf"
fi
for k in allocs mutex block threadcreate goroutine1 goroutine; do
	g fetch -o "$d" -p "$k" "$PP"
	f=$(ls "$d"/127.0.0.1_"${PP#*:}"."$k".*Z.txt 2>/dev/null | head -1)
	case $k in
	allocs) pat='main.serveRetainHeap' ;;
	mutex) pat='main.serveContendMutex.func1' ;;
	block) pat='main.serveBlockOnChan.func1' ;;
	threadcreate) pat='^threadcreate profile: total [1-9]' ;;
	goroutine1) pat='^goroutine profile: total 1[0-9][0-9]' ;;
	goroutine) pat='main.recvWorker' ;;
	esac
	if [ "$rc" -eq 0 ] && [ -n "$f" ] && grep -q "$pat" "$f" &&
		grep -qx "Saved profile in $f" "$tmp/out"; then
		ok "fetch -p $k: $(basename "$f") holds $pat"
	else
		not_ok "fetch -p $k" "rc=$rc file=$f"
	fi
done

# the mutex and block events samples/gen -serve made: contention counts per site
events() { # FILE FUNC: the sum of the counts of records whose stack holds FUNC
	awk -v fn="$2" '/^[0-9]+ [0-9]+ @/ { c = $2 } $3 ~ "^" fn "\\+" { n += c } END { print n + 0 }' "$1"
}
mf=$(ls "$d"/*.mutex.*Z.txt 2>/dev/null | head -1)
bf=$(ls "$d"/*.block.*Z.txt 2>/dev/null | head -1)
m1=$(events "$mf" main.serveContendMutex)
m2=$(events "$mf" 'main.serveContendMutex.func1')
b1=$(events "$bf" 'main.serveBlockOnChan.func1')
b2=$(events "$bf" 'main.serveContendMutex.func1')
[ $((m1 + m2)) -eq 4 ] && ok "mutex profile: the 4 contended waits serve.go made" ||
	not_ok "mutex profile: the 4 contended waits serve.go made" "got $m1 + $m2"
[ "$b1" -eq 3 ] && [ "$b2" -eq 4 ] && ok "block profile: 3 channel receives and 4 mutex waits" ||
	not_ok "block profile: 3 channel receives and 4 mutex waits" "got $b1 and $b2"

d="$tmp/series"
g fetch -o "$d" --every 1s --count 3 "$PP"
n=$(ls "$d" | grep -c '^127\.0\.0\.1_'"${PP#*:}"'\.goroutine\.[0-9]\{8\}T[0-9]\{6\}Z\.txt$')
stamps=$(ls "$d" | sed 's/.*goroutine\.\(.*\)Z\.txt/\1/' | sort -u | wc -l)
good=0
for f in "$d"/*; do
	"$BIN" check "$f" 2>/dev/null | grep -q '1 dump, 10[0-9] goroutines' && good=$((good + 1))
done
if [ "$rc" -eq 0 ] && [ "$n" -eq 3 ] && [ "$stamps" -eq 3 ] && [ "$good" -eq 3 ] &&
	[ "$(grep -c '^Saved profile in ' "$tmp/out")" -eq 3 ] && [ "$ms" -ge 2000 ]; then
	ok "fetch --every 1s --count 3: three goroutine dumps, three timestamps (${ms} ms)"
else
	not_ok "fetch --every 1s --count 3" "rc=$rc files=$n stamps=$stamps good=$good ms=$ms" "$(ls "$d")"
fi
if "$BIN" --help | grep -q '^  trend '; then
	g trend "$d"/*
	[ "$rc" -eq 0 ] && ok "trend reads the fetched series" || not_ok "trend reads the fetched series" "rc=$rc"
else
	echo "ok - trend on the fetched series # SKIP 'gostacks trend' is not in --help yet"
fi

# --------------------------------------------------------------------- the fault server

# fails NAME WANT_RC ERR_REGEX MAX_MS ARGS...: fetch into an empty directory; checks the
# exit status, the message, the time, and that nothing (not even a temporary) is left
fails() {
	local name=$1 want=$2 re=$3 max=$4 d="$tmp/f.$RANDOM$RANDOM"
	shift 4
	mkdir "$d"
	g fetch -o "$d" "$@"
	local left
	left=$(ls -A "$d")
	if [ "$rc" -eq "$want" ] && grep -Eq "$re" "$tmp/err" && [ -z "$left" ] && [ "$ms" -le "$max" ]; then
		ok "$name ($(grep -E -m1 "$re" "$tmp/err" | cut -c1-110); ${ms} ms)"
	else
		not_ok "$name" "rc=$rc (want $want) ms=$ms (max $max) left='$left' want /$re/"
	fi
}

U="http://$FS"
fails "hang before headers: --timeout ends it" 1 'timed out after' 3000 --timeout 1s "$U/hang-headers"
fails "hang mid-body: --timeout ends it, the half body is not kept" 1 'timed out after' 3000 --timeout 1s "$U/hang-body"
fails "connection reset" 1 'reset by peer' 2000 "$U/reset"
fails "404 with Go's body" 1 'HTTP status 404: 404 page not found' 2000 "$U/404"
fails "500 with a body" 1 'HTTP status 500: profile not found' 2000 "$U/500"
fails "redirect to file:///etc/passwd refused" 1 "refused a redirect to 'file:///etc/passwd': only http and https" 2000 "$U/redirect-file"
fails "a redirect loop stops after 5" 1 'more than 5 redirects' 2000 "$U/redirect-loop"
fails "chunked reply past --max-size (counted in the write callback)" 1 'larger than --max-size \(1048576 bytes\)' 3000 --max-size 1M "$U/big?bytes=5000000"
fails "Content-Length past --max-size" 1 'larger than --max-size \(1048576 bytes\)' 2000 --max-size 1M "$U/big-length?bytes=5000000"
fails "a slow reply under the low-speed limit is stopped" 1 'stalled: under 1024 bytes/s for 1 s' 4000 --low-speed-time 1s "$U/slow"
fails "a truncated chunked body" 1 'transfer closed with outstanding read data' 2000 "$U/truncated"
fails "an HTML login page is not a profile" 1 'not a profile: an HTML page' 2000 "$U/html"
fails "an empty reply is not a profile" 1 'not a profile: an empty reply' 2000 "$U/empty"
fails "a closed port" 1 "Couldn't connect to server" 2000 "127.0.0.1:1"
fails "TLS without the CA: verified and refused" 1 'SSL certificate|certificate' 2000 "https://$TLS/ok"
fails "401 without the header" 1 'HTTP status 401: unauthorized' 2000 "$U/auth"
fails "404 is not retried" 1 'HTTP status 404' 2000 --retry 3 "$U/404?key=noretry"
hits=$(hits /404 noretry)
[ "$hits" = 1 ] && ok "404 with --retry 3: asked once" || not_ok "404 with --retry 3: asked once" "hits=$hits"

# passes NAME ARGS...: fetch into an empty directory; one saved file, no temporary
passes() {
	local name=$1 d="$tmp/p.$RANDOM$RANDOM"
	shift
	mkdir "$d"
	g fetch -o "$d" "$@"
	local files
	files=$(ls -A "$d")
	saved=""
	if [ "$rc" -eq 0 ] && [ "$(echo "$files" | wc -l)" -eq 1 ] && [ "${files#.}" = "$files" ]; then
		saved="$d/$files"
		ok "$name ($files; ${ms} ms)"
	else
		not_ok "$name" "rc=$rc files='$files'"
	fi
}

passes "gzip Content-Encoding is decoded" "$U/gzip"
cmp -s "$saved" ../samples/goroutine.debug2.txt && ok "the gzip reply is saved decoded, byte for byte" ||
	not_ok "the gzip reply is saved decoded, byte for byte"
g summary --format json "$U/gzip"
grep -q '"total": 101,' "$tmp/out" && ok "summary of a gzip-encoded URL: 101 goroutines" ||
	not_ok "summary of a gzip-encoded URL: 101 goroutines" "rc=$rc"
passes "a redirect to another port is followed" "$U/redirect-port"
passes "-H adds a header" -H 'Authorization: Bearer s3cret' "$U/auth"
g summary --header 'Authorization: Bearer s3cret' "$U/auth"
[ "$rc" -eq 0 ] && ok "summary --header adds a header" || not_ok "summary --header adds a header" "rc=$rc"
passes "the default user agent" "$U/user-agent"
grep -q 'agent/gostacks/[0-9.]*_libcurl/[0-9.]' "$saved" && ok "the user agent is gostacks/VERSION libcurl/X" ||
	not_ok "the user agent is gostacks/VERSION libcurl/X" "$(grep agent "$saved")"
passes "--user-agent" --user-agent probe/1 "$U/user-agent"
grep -q 'agent/probe/1' "$saved" && ok "--user-agent is sent" || not_ok "--user-agent is sent"
passes "--retry 1 after a reset connection" --retry 1 "$U/flaky?n=1&key=retry1"
hits=$(hits /flaky retry1)
[ "$hits" = 2 ] && [ "$ms" -ge 900 ] && ok "--retry: asked twice, after a 1 s backoff" ||
	not_ok "--retry: asked twice, after a 1 s backoff" "hits=$hits ms=$ms"
passes "TLS with --cacert" --cacert "$tmp/cert.pem" "https://$TLS/ok"
g summary --insecure "https://$TLS/ok" "https://$TLS/gzip"
[ "$rc" -eq 0 ] && [ "$(grep -c 'warning: --insecure' "$tmp/err")" -eq 1 ] &&
	ok "--insecure: accepted, warned once for two URLs" || not_ok "--insecure: accepted, warned once" "rc=$rc"
g summary --proxy "http://$FS" "http://gostacks-proxy-test.invalid/debug/pprof/goroutine?debug=2"
hits=$(hits proxy gostacks-proxy-test.invalid)
[ "$rc" -eq 0 ] && [ "$hits" = 1 ] && ok "--proxy: the request went through the proxy" ||
	not_ok "--proxy: the request went through the proxy" "rc=$rc hits=$hits"
http_proxy="http://$FS" g summary "http://gostacks-env-proxy.invalid:6060"
hits=$(hits proxy gostacks-env-proxy.invalid:6060)
[ "$rc" -eq 0 ] && [ "$hits" = 1 ] && ok "http_proxy from the environment is used" ||
	not_ok "http_proxy from the environment is used" "rc=$rc hits=$hits"
http_proxy="http://127.0.0.1:1" g summary --noproxy 127.0.0.1 "$U/ok"
[ "$rc" -eq 0 ] && ok "--noproxy bypasses the environment's proxy" || not_ok "--noproxy bypasses the proxy" "rc=$rc"

# several targets, -f hosts file, existing files, --force
d="$tmp/hosts"
printf '# pprof ports\n\n%s   # main\n  http://%s/gzip\n\t\n# done\n' "$FS" "$FS" >"$tmp/hosts.txt"
g fetch -o "$d" -f "$tmp/hosts.txt" "$U/ok"
[ "$rc" -eq 0 ] && [ "$(ls "$d" | wc -l)" -eq 3 ] && grep -q 'fetched 3 of 3, 0 failed' "$tmp/err" &&
	ok "-f hosts file (comments, blanks) plus an argument: 3 saved, summary line" ||
	not_ok "-f hosts file" "rc=$rc $(ls "$d")"
d="$tmp/exists"
mkdir "$d"
# files for 10 s either side: a VM clock may be stepped between the loop and the fetch
for s in $(seq -10 10); do
	: >"$d/127.0.0.1_${FS#*:}.goroutine.$(date -u -d "@$(($(date +%s) + s))" +%Y%m%dT%H%M%SZ).txt"
done
g fetch -o "$d" "$FS"
[ "$rc" -eq 1 ] && grep -q 'exists; not fetched (--force replaces)' "$tmp/err" &&
	[ "$(find "$d" -type f -size +0 | wc -l)" -eq 0 ] && [ -z "$(ls -A "$d" | grep '^\.')" ] &&
	ok "an existing file is not overwritten" || not_ok "an existing file is not overwritten" "rc=$rc"
g fetch -o "$d" --force "$FS"
[ "$rc" -eq 0 ] && [ "$(find "$d" -type f -size +0 | wc -l)" -eq 1 ] &&
	ok "--force replaces it" || not_ok "--force replaces it" "rc=$rc"

g fetch -o "$tmp/mixed" "$U/ok" "$U/404" "127.0.0.1:1"
[ "$rc" -eq 1 ] && [ "$(ls -A "$tmp/mixed" | wc -l)" -eq 1 ] &&
	grep -q 'fetched 1 of 3, 2 failed' "$tmp/err" && [ "$(grep -c 'error: ' "$tmp/err")" -eq 2 ] &&
	ok "one good, two bad: exit 1, one file, each failure with why" ||
	not_ok "one good, two bad" "rc=$rc"

mkdir "$tmp/cwd"
(cd "$tmp/cwd" && g fetch "$U/ok" && echo "$rc" >"$tmp/cwd.rc")
files=$(ls -A "$tmp/cwd")
[ "$(cat "$tmp/cwd.rc")" = 0 ] && [ "$files" = "$(sed -n 's/^Saved profile in //p' "$tmp/out")" ] &&
	[ "$(echo "$files" | wc -l)" -eq 1 ] && ok "without -o: saved in the current directory ($files)" ||
	not_ok "without -o: saved in the current directory" "files='$files'"

# Ctrl-C: the complete file stays, the partial one goes, exit 130
d="$tmp/sigint"
mkdir "$d"
t0=$(now_ms)
"$BIN" fetch -o "$d" --timeout 30s "$U/ok" "$U/hang-body" >"$tmp/out" 2>"$tmp/err" &
gp=$!
for i in $(seq 1 50); do [ -n "$(ls -A "$d" | grep '^\.')" ] && break; sleep 0.1; done
kill -INT "$gp"
wait "$gp"
rc=$?
ms=$(($(now_ms) - t0))
files=$(ls -A "$d")
[ "$rc" -eq 130 ] && [ "$(echo "$files" | wc -l)" -eq 1 ] && [ "${files#.}" = "$files" ] && [ "$ms" -lt 5000 ] &&
	ok "SIGINT: exit 130, the complete file kept, the partial one removed (${ms} ms)" ||
	not_ok "SIGINT" "rc=$rc files='$files' ms=$ms"

# usage errors
for args in "--timeout 5parsecs $FS" "-H NoColon $FS" "-p cpu $FS" "file:///etc/passwd" "" "--every 1s --count x $FS" "--count 3 $FS"; do
	# shellcheck disable=SC2086
	g fetch -o "$tmp/usage" $args
	[ "$rc" -eq 2 ] && [ ! -e "$tmp/usage" ] && ok "usage error: fetch $args" || not_ok "usage error: fetch $args" "rc=$rc"
done

# --------------------------------------------------------------------------- the fleet

d="$tmp/fleet"
set -- $FLEET
single=0
for host in "$1" "$2" "$3"; do # the slowest of three single fetches
	g fetch -o "$d" "$host"
	[ "$ms" -gt "$single" ] && single=$ms
done
g fetch -o "$d/all" --parallel 16 $FLEET
n=$(ls "$d/all" | wc -l)
echo "# fleet: 50 hosts, each reply delayed 300 ms: --parallel 16 took $ms ms; the slowest single fetch $single ms; one after another would be about $((50 * single)) ms"
[ "$rc" -eq 0 ] && [ "$n" -eq 50 ] && [ "$ms" -lt 3000 ] &&
	ok "fleet: 50 hosts with --parallel 16 in $ms ms (< 3000; sum of singles ~$((50 * single)))" ||
	not_ok "fleet: 50 hosts with --parallel 16" "rc=$rc files=$n ms=$ms"

echo "net: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
