# tests/servers.sh - sourced, after go-env.sh, by the scripts that start servers on
# 127.0.0.1 (net.sh, leaks.sh): $tmp, a directory removed at the end with every server
# started, the proxy variables cleared (nothing but 127.0.0.1 is contacted), and the
# helpers g and start.
unset http_proxy https_proxy HTTPS_PROXY HTTP_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gostacks-$NAME.XXXXXX") || exit 1
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { date +%s%3N; }

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
	echo "$NAME: $name did not start:" >&2
	cat "$tmp/$name.err" >&2
	exit 1
}
