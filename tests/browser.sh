#!/bin/bash
# The HTML report in a real browser: headless Chromium opens reports written by gostacks
# from file:// (nothing is served), takes a screenshot and dumps the DOM, and we check that
#   - the page has its groups (one <details> per group, the table, the icicle graph);
#   - no <script> element exists, even for tests/hostile.txt (names full of <script>);
#   - the page made no request: its Content-Security-Policy (default-src 'none') would
#     block one and Chromium logs that on the console, and the net log records every
#     request the page starts (initiator "null", the origin of a file:// page);
#   - nothing overflows and every group is there, measured in the DOM: a copy of the page
#     (without its CSP, with a measuring script added) reports every box whose content is
#     wider than the box (scrollWidth > clientWidth; a <pre> of a stack scrolls by design),
#     every SVG text outside its picture, every icicle label wider than its frame, and
#     counts the rows of the table, the bars, the line charts, the stacks, the histogram's
#     bars; at 1400 and at 800 pixels wide;
#   - it prints: with the print stylesheet in force the same has no overflow and every
#     stack is shown (their <details> are closed on screen), and Chromium prints a PDF.
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

# The measuring script: one line per finding, then "count NAME=N" lines, in a <pre>.
MEASURE='<script>(function () {
  var out = [], i, e, st, t, b, vb, r, rx, rw;
  var de = document.documentElement;
  if (de.scrollWidth > de.clientWidth + 1)
    out.push("overflow: the page is " + de.scrollWidth + " wide in " + de.clientWidth);
  var all = document.querySelectorAll("main *");
  for (i = 0; i < all.length; i++) {
    e = all[i];
    if (e.closest("svg") || e.closest("pre")) continue;
    st = getComputedStyle(e);
    if (st.display === "inline" || st.display === "none" || st.display === "contents") continue;
    if (e.scrollWidth > e.clientWidth + 1)
      out.push("overflow: <" + e.tagName.toLowerCase() + " class=" + e.className + "> " +
               e.scrollWidth + " > " + e.clientWidth + ": " + (e.textContent || "").slice(0, 60));
  }
  var texts = document.querySelectorAll("svg text");
  for (i = 0; i < texts.length; i++) {
    t = texts[i]; b = t.getBBox(); vb = t.ownerSVGElement.viewBox.baseVal;
    if (b.x < vb.x - 0.5 || b.x + b.width > vb.x + vb.width + 0.5)
      out.push("overflow: svg text outside its picture: " + t.textContent);
    r = t.parentNode.querySelector("rect");
    if (t.ownerSVGElement.classList.contains("flame") && r) {
      rx = +r.getAttribute("x"); rw = +r.getAttribute("width");
      if (b.x < rx - 0.5 || b.x + b.width > rx + rw + 0.5)
        out.push("overflow: icicle label " + b.width.toFixed(1) + " wide in a frame of " +
                 rw.toFixed(1) + ": " + t.textContent);
    }
  }
  var first = document.querySelector("table:not(.bars)");
  out.push("count rows=" + (first ? first.querySelectorAll("tbody tr").length : 0));
  out.push("count bars=" + document.querySelectorAll("table.bars tbody tr").length);
  out.push("count sparks=" + document.querySelectorAll("figure.spark").length);
  out.push("count details=" + document.querySelectorAll("details.group").length);
  out.push("count hist=" + document.querySelectorAll("svg.hist g").length);
  out.push("count labels=" + document.querySelectorAll("svg.flame text").length);
  var shown = 0, pres = document.querySelectorAll("details.group pre");
  for (i = 0; i < pres.length; i++) if (pres[i].checkVisibility()) shown++;
  out.push("count stacks_shown=" + shown);
  var p = document.createElement("pre"); p.id = "gs-measure"; p.textContent = out.join("\n");
  document.body.appendChild(p);
})();</script>'

# measure NAME WIDTH [print]: NAME.WIDTH[.print].measure lines from a measuring copy
measure() {
	local name=$1 width=$2 mode=${3:-} copy profile print
	copy="$OUT/$name.$width${mode:+.$mode}.m.html"
	# the CSP would block the measuring script: the copy has none; "print" puts the print
	# stylesheet in force on screen
	if [ -n "$mode" ]; then print='s/@media print{/@media all{/'; else print=''; fi
	sed -e '/Content-Security-Policy/d' -e "$print" "$OUT/$name.html" |
		MEASURE="$MEASURE" awk '{ i = index($0, "</body>")
			if (i) $0 = substr($0, 1, i - 1) ENVIRON["MEASURE"] substr($0, i)
			print }' >"$copy"
	profile=$(mktemp -d "${TMPDIR:-/tmp}/gostacks-chromium.XXXXXX")
	timeout -k 5 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--disable-background-networking --no-first-run --user-data-dir="$profile" \
		--window-size="$width",1200 --dump-dom "file://$copy" 2>/dev/null |
		sed -n '/<pre id="gs-measure">/,/<\/pre>/p' | sed -e 's/.*<pre id="gs-measure">//' \
		-e 's/<\/pre>.*//' -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g' \
		>"$OUT/$name.$width${mode:+.$mode}.measure"
	rm -rf "$profile"
}

count_of() { sed -n "s/^count $2=//p" "$1" | head -1; }

# pictures NAME ROWS BARS SPARKS HIST: the page NAME (written by report) measured at two
# widths and in print; the counts the page must have (- for any)
pictures() {
	local name=$1 rows=$2 bars=$3 sparks=$4 hist=$5 w f got what details
	for w in 1400 800; do
		measure "$name" "$w"
		f="$OUT/$name.$w.measure"
		[ -s "$f" ]
		check "$name" $? "no measurement at $w px (the measuring copy did not run)"
		! grep -q '^overflow' "$f"
		check "$name" $? "$w px: $(grep -m3 '^overflow' "$f" | tr '\n' ';')"
		for what in rows bars sparks hist; do
			eval "want=\$$what"
			[ "$want" = - ] && continue
			got=$(count_of "$f" "$what")
			[ "$got" = "$want" ]
			check "$name" $? "$w px: $got $what, expected $want"
		done
	done
	measure "$name" 1000 print
	f="$OUT/$name.1000.print.measure"
	! grep -q '^overflow' "$f"
	check "$name" $? "print: $(grep -m3 '^overflow' "$f" | tr '\n' ';')"
	details=$(count_of "$f" details)
	[ "$(count_of "$f" stacks_shown)" = "$details" ]
	check "$name" $? "print: $(count_of "$f" stacks_shown) of $details stacks shown"
	timeout -k 5 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
		--user-data-dir="$(mktemp -d "${TMPDIR:-/tmp}/gostacks-chromium.XXXXXX")" \
		--print-to-pdf="$OUT/$name.pdf" "file://$OUT/$name.html" >/dev/null 2>&1
	[ "$(head -c 4 "$OUT/$name.pdf" 2>/dev/null)" = "%PDF" ] && grep -qa '/Type /Page\b' "$OUT/$name.pdf"
	check "$name" $? "no PDF printed ($OUT/$name.pdf)"
}

# report NAME GROUPS ARGS...: write the report, open it, check it
report() {
	local name=$1 groups=$2 n flame=1
	shift 2
	case $1 in diff | trend) flame=0 ;; esac
	(cd "$ROOT/tests" && NO_COLOR=1 "$BIN" "$@") >"$OUT/$name.html"
	check "$name" $? "gostacks $* failed"
	run "$name"
	[ -s "$OUT/$name.png" ] && [ "$(head -c 4 "$OUT/$name.png" | od -An -c | tr -d ' ')" = "211PNG" ]
	check "$name" $? "no screenshot in $OUT/$name.png"
	n=$(grep -o '<details class="group"' "$OUT/$name.dom" | wc -l)
	[ "$groups" = - ] || [ "$n" -eq "$groups" ]
	check "$name" $? "$n groups in the DOM, expected $groups"
	grep -q '<table>' "$OUT/$name.dom" && { [ "$flame" = 0 ] || grep -q '<svg class="flame"' "$OUT/$name.dom"; }
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

# the pictures: no overflow, every group, on screen and on paper
rows() { (cd "$ROOT/tests" && "$BIN" "$@" --format csv 2>/dev/null) | tail -n +2 | wc -l; }
S=../samples/series/localhost_6060
three="../samples/goroutine.debug2.txt ../samples/sigquit.txt ../samples/panic.txt"
# shellcheck disable=SC2086
n=$(rows summary $three)
[ "$n" -ge 25 ]
check many $? "the 25+ groups page has $n groups"
# shellcheck disable=SC2086
report many "$n" summary --format html $three
pictures many "$n" 0 0 6
[ "$(count_of "$OUT/many.1400.measure" labels)" -ge 20 ]
check many $? "fewer than 20 icicle frames labelled with 25+ groups"
pictures summary "$groups" 0 0 6
pictures hostile 3 0 0 6
n=$(rows diff ../samples/sigquit.txt ../samples/goroutine.debug2.txt)
report diff - diff --format html ../samples/sigquit.txt ../samples/goroutine.debug2.txt
pictures diff "$n" "$n" 0 -
grep -q '<span class="badge s-green">new</span>' "$OUT/diff.dom" &&
	[ "$(grep -o 'class="badge s-[a-z]*">[a-z]*</span> *</td><td class="label">' "$OUT/diff.dom" |
		head -1 | grep -c new)" -eq 1 ]
check diff $? "new groups are not first in the bars"
n=$(rows diff hostile.txt waits.txt)
report diff-hostile - diff --format html hostile.txt waits.txt
pictures diff-hostile "$n" "$n" 0 -
series=$(cd "$ROOT/tests" && echo $S.goroutine.2026*.txt)
# shellcheck disable=SC2086
n=$(rows trend $series)
# shellcheck disable=SC2086
report trend - trend --format html $series
pictures trend "$n" 0 "$n" -
grep -q '<figure class="spark suspect">' "$OUT/trend.dom" &&
	[ "$(grep -o '<figure class="spark[a-z ]*">' "$OUT/trend.dom" | head -1)" = '<figure class="spark suspect">' ] &&
	grep -q 'class="rate"[^>]*>+100/min</text>' "$OUT/trend.dom"
check trend $? "the suspect is not first and highlighted, or its growth per minute not on its chart"
series=$(cd "$ROOT/tests" && echo $S.heap.2026*.txt.gz)
# shellcheck disable=SC2086
n=$(rows trend $series)
# shellcheck disable=SC2086
report trend-heap - trend --format html $series
pictures trend-heap "$n" 0 "$n" -

echo "browser: $pass passed, $fail failed (screenshots: $OUT/*.png)"
[ "$fail" -eq 0 ]
