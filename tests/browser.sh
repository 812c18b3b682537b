#!/bin/bash
# The HTML report in a real browser: headless Chromium opens reports written by gostacks
# from file:// (nothing is served), takes a screenshot and dumps the DOM, and we check that
#   - the page has its groups (one <details> per group, the table, the icicle graph);
#   - no <script> element exists, even for tests/hostile.txt (names full of <script>);
#   - the page made no request: its Content-Security-Policy (default-src 'none') would
#     block one and Chromium logs that on the console, and the net log records every
#     request the page starts (initiator "null", the origin of a file:// page).
# Chromium is installed from Debian when missing (apt-get, as `make deps` does); when that
# is not possible the check is skipped with a message and exit status 0.
#
#   tests/browser.sh BIN [OUTDIR]      (default OUTDIR: build/browser)
# Screenshots: OUTDIR/*.png. Run from the repository root (make test-browser).
set -u

if [ $# -lt 1 ]; then
	echo "usage: $0 BIN [OUTDIR]" >&2
	exit 2
fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
OUT=${2:-build/browser}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$OUT" || exit 2
OUT=$(cd "$OUT" && pwd)

find_chromium() {
	for c in chromium chromium-browser google-chrome; do
		if command -v "$c" >/dev/null 2>&1; then
			command -v "$c"
			return 0
		fi
	done
	return 1
}

CHROMIUM=$(find_chromium)
if [ -z "$CHROMIUM" ]; then
	sudo=""
	if [ "$(id -u)" != 0 ]; then
		if command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else sudo="none"; fi
	fi
	if [ "$sudo" != none ]; then
		echo "browser: installing chromium (apt-get)"
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends chromium >"$OUT/apt.log" 2>&1
	fi
	CHROMIUM=$(find_chromium)
	if [ -z "$CHROMIUM" ]; then
		echo "browser: SKIP: chromium is not installed and could not be (see $OUT/apt.log)"
		exit 0
	fi
fi

fail=0
pass=0
check() { # check NAME CONDITION-EXIT-STATUS MESSAGE
	if [ "$2" -eq 0 ]; then
		pass=$((pass + 1))
	else
		echo "FAIL $1: $3"
		fail=$((fail + 1))
	fi
}

# run NAME: screenshot NAME.png, DOM NAME.dom, console log NAME.log, net log NAME.net.json
run() {
	local name=$1 profile
	profile=$(mktemp -d "${TMPDIR:-/tmp}/gostacks-chromium.XXXXXX")
	set -- --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run \
		--user-data-dir="$profile" --enable-logging=stderr --v=0 \
		--hide-scrollbars --window-size=1400,2000
	timeout -k 5 120 "$CHROMIUM" "$@" --screenshot="$OUT/$name.png" \
		"file://$OUT/$name.html" >/dev/null 2>"$OUT/$name.shot.log"
	timeout -k 5 120 "$CHROMIUM" "$@" --log-net-log="$OUT/$name.net.json" --dump-dom \
		"file://$OUT/$name.html" >"$OUT/$name.dom" 2>"$OUT/$name.log"
	rm -rf "$profile"
}

# report NAME GROUPS ARGS...: write the report, open it, check it
report() {
	local name=$1 groups=$2 n
	shift 2
	(cd "$ROOT/tests" && NO_COLOR=1 "$BIN" "$@") >"$OUT/$name.html"
	check "$name" $? "gostacks $* failed"
	run "$name"
	[ -s "$OUT/$name.png" ] && [ "$(head -c 4 "$OUT/$name.png" | od -An -c | tr -d ' ')" = "211PNG" ]
	check "$name" $? "no screenshot in $OUT/$name.png"
	n=$(grep -o '<details class="group"' "$OUT/$name.dom" | wc -l)
	[ "$n" -eq "$groups" ]
	check "$name" $? "$n groups in the DOM, expected $groups"
	grep -q '<svg class="flame"' "$OUT/$name.dom" && grep -q '<table>' "$OUT/$name.dom"
	check "$name" $? "no table or no icicle graph in the DOM"
	grep -q "content=\"default-src 'none'; style-src 'unsafe-inline'\"" "$OUT/$name.dom"
	check "$name" $? "no Content-Security-Policy meta tag"
	! grep -qi '<script' "$OUT/$name.dom"
	check "$name" $? "a <script> element in the DOM"
	! grep -q 'INFO:CONSOLE' "$OUT/$name.log"
	check "$name" $? "the page wrote to the console: $(grep -m1 'INFO:CONSOLE' "$OUT/$name.log")"
	[ -s "$OUT/$name.net.json" ] && ! grep -q '"initiator":"null"' "$OUT/$name.net.json"
	check "$name" $? "the page made a request (net log $OUT/$name.net.json)"
}

# The browser itself must be able to see a request: a page with an image and no CSP.
printf '<!DOCTYPE html><title>probe</title><img src="http://127.0.0.1:9/x.png">\n' \
	>"$OUT/probe.html"
run probe
grep -q '"initiator":"null"' "$OUT/probe.net.json"
check probe $? "the net log does not show a page's request: the no-request check would be blind"

groups=$(cd "$ROOT/tests" && "$BIN" summary --format csv ../samples/goroutine.debug2.txt | tail -n +2 | wc -l)
report summary "$groups" summary --format html ../samples/goroutine.debug2.txt
report show 1 show --format html --where balancer_conn_wrappers.go:115 waits.txt
report hostile 3 summary --format html --by state,wait,where,labels hostile.txt
# a profile's summary and top: the sites shown (10 of each) with their stacks and a graph
report heap 10 summary --format html ../samples/heap.debug1.txt
report top 10 top --format html ../samples/block.debug1.txt
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$OUT/hostile.dom"
check hostile $? "the hostile names are not in the DOM as text"

echo "browser: $pass passed, $fail failed (screenshots: $OUT/*.png)"
[ "$fail" -eq 0 ]
