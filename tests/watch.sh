#!/bin/bash
# tests/watch.sh BIN - `gostacks watch` against a real pprof server whose goroutine count
# grows (samples/gen -serve -serve-leak: one more goroutine parked in
# main.serveLeakedHandler every 100 ms), on 127.0.0.1:
#   - on a terminal: run inside a tmux of our own (its own socket), read back with
#     capture-pane, steered with send-keys: the redrawn table, the leak marked suspect and
#     first by growth, s (sort), p (pause), a resize (nothing wider than the window, the
#     rows that do not fit counted), q (exit 0, the terminal given back), Ctrl-C (130), a
#     message while the screen is up (in the status line, then on stderr);
#   - through a pipe: one block per sample, no escape sequences; -o DIR saves samples.
# Skips (exit 0) when tmux or go is missing; `make deps` installs go, apt-get tmux.
set -u

NAME=watch
if ! command -v tmux >/dev/null 2>&1; then
	echo "watch: SKIPPED: 'tmux' is not installed (apt-get install tmux)"
	exit 0
fi
. "$(dirname "$0")/go-env.sh"
unset http_proxy https_proxy HTTPS_PROXY HTTP_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gostacks-watch.XXXXXX") || exit 1
TMUX_SOCK="$tmp/tmux.sock"
pids=""
cleanup() {
	tmux -S "$TMUX_SOCK" kill-server 2>/dev/null
	for p in $pids; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
unset TMUX

echo "watch: building samples/gen"
(cd ../samples/gen && go build -o "$tmp/gen" .) || { echo "watch: go build samples/gen failed" >&2; exit 1; }
mkfifo "$tmp/gen.in"
"$tmp/gen" -serve 127.0.0.1:0 -serve-leak 100ms -serve-timeout 5m <"$tmp/gen.in" >"$tmp/gen.out" 2>"$tmp/gen.err" &
pids="$pids $!"
exec {gen_fd}>"$tmp/gen.in"
for i in $(seq 1 200); do [ -s "$tmp/gen.out" ] && break; sleep 0.1; done
PP=$(sed -n 's/^listening on //p' "$tmp/gen.out")
[ -n "$PP" ] || { echo "watch: the server did not start" >&2; cat "$tmp/gen.err" >&2; exit 1; }
echo "watch: leaking pprof server on $PP"

t() { tmux -S "$TMUX_SOCK" "$@"; }
screen() { t capture-pane -p -t w; }
# until SECONDS PATTERN: waits for the pane to show PATTERN (grep -E); 0 or 1
until_shows() {
	local i
	for i in $(seq 1 $(($1 * 10))); do
		screen | grep -Eq -- "$2" && return 0
		sleep 0.1
	done
	return 1
}
# until_true SECONDS CMD...: waits for CMD to succeed; 0 or 1
until_true() {
	local i n=$(($1 * 10))
	shift
	for i in $(seq 1 "$n"); do
		"$@" && return 0
		sleep 0.1
	done
	return 1
}
error_above_status() { screen | tail -2 | head -1 | grep -q "^127.0.0.1:1: error: .*connect"; }
sample_no() { screen | sed -n 's/.* sample \([0-9]*\) at .*/\1/p' | head -1; }

# ------------------------------------------------------------------------ on a terminal
# The pane runs a script: watch, then its exit status and whether the terminal was given
# back in canonical mode with echo (stty), then it idles so the pane can be read.
cat >"$tmp/pane.sh" <<EOF
"$BIN" watch --every 1s "\$@" 2>"$tmp/pane.err"
echo "EXIT=\$?"
stty -a | tr ' ' '\n' | grep -xE -- '-?(icanon|echo)' | tr '\n' ' '; echo
sleep 120
EOF
t new-session -d -s w -x 120 -y 30 "bash $tmp/pane.sh $PP"

if until_shows 15 ' sample 4 at '; then ok "the table is drawn and redrawn ($(screen | head -1 | cut -c1-60)...)"; else
	not_ok "the table is drawn and redrawn" "$(screen | head -5)"; fi
first=$(screen | grep -E '^ *(suspect|leaked|stuck|new|gone)? +[0-9]+ ' | head -1)
case $first in
suspect*main.serveLeakedHandler*) ok "the leak is first by growth and marked suspect: $(echo $first | cut -c1-70)" ;;
*) not_ok "the leak is first by growth and marked suspect" "first row: $first" ;; esac
screen | grep -q 'MARK *COUNT *+FIRST *+LAST */MIN *WAIT *STATE *WHERE' &&
	ok "the columns: MARK COUNT +FIRST +LAST /MIN WAIT STATE WHERE" || not_ok "the columns" "$(screen | sed -n 4p)"
screen | grep -Eq 'goroutines in [0-9]+ groups: \+[1-9][0-9]* since the first sample' &&
	ok "the totals say how much the process grew" || not_ok "the totals" "$(screen | sed -n 2p)"
[ "$(screen | tail -1 | grep -c 'q quit  p pause  s sort: growth')" -eq 1 ] &&
	ok "the status line: the keys and the sort" || not_ok "the status line" "$(screen | tail -1)"

# while the screen is up stderr is held in memory, not in a file nobody asked for
ppid=$(t display -p -t w '#{pane_pid}')
wpid=$(awk -v p="$ppid" '$4 == p { print $1; exit }' /proc/[0-9]*/stat 2>/dev/null)
err=$(readlink "/proc/$wpid/fd/2" 2>/dev/null)
case $err in
/memfd:*) ok "stderr is held in memory while the screen is up ($err)" ;;
*) not_ok "stderr is held in memory while the screen is up" "pid $wpid fd 2: $err" ;; esac

t send-keys -t w s
until_shows 5 'sorted by count' && screen | tail -1 | grep -q 'sort: count' &&
	ok "s: sorted by count" || not_ok "s: sorted by count" "$(screen | sed -n 2p)"
t send-keys -t w s
until_shows 5 'sorted by wait' && ok "s again: sorted by wait" || not_ok "s again: sorted by wait"
t send-keys -t w s
until_shows 5 'sorted by growth' && ok "s again: back to growth" || not_ok "s again: back to growth"

t send-keys -t w p
until_shows 5 'PAUSED' || true
n1=$(sample_no)
sleep 2.5
n2=$(sample_no)
[ -n "$n1" ] && [ "$n1" = "$n2" ] && ok "p: paused at sample $n1 (no sample in 2.5 s)" ||
	not_ok "p: paused" "samples $n1 then $n2"
t send-keys -t w p
sleep 1.5
n3=$(sample_no)
[ -n "$n3" ] && [ "$n3" -gt "$n2" ] && ! screen | grep -q PAUSED &&
	ok "p again: sampling again (sample $n3)" || not_ok "p again: sampling again" "samples $n2 then $n3"

t resize-window -t w -x 64 -y 12
until_shows 5 'more groups? below' || true
# characters, not bytes: a shortened cell holds a 3-byte "…"
wide=$(screen | LC_ALL=C tr -d '\200-\277' | awk '{ if (length($0) > w) w = length($0) } END { print w + 0 }')
rows=$(screen | wc -l)
[ "$wide" -le 64 ] && [ "$rows" -le 12 ] && screen | grep -q 'more groups below' &&
	screen | tail -1 | grep -q 'q quit' &&
	ok "resized to 64x12: redrawn to fit (widest line $wide), the rest counted" ||
	not_ok "resized to 64x12" "widest $wide, $rows rows" "$(screen)"
t resize-window -t w -x 160 -y 40
until_shows 5 'serveLeakedHandler gen/serve.go:[0-9]+' && ! screen | grep -q 'more groups below' &&
	ok "resized to 160x40: every group, WHERE whole" || not_ok "resized to 160x40" "$(screen | head -8)"

t send-keys -t w q
if until_shows 5 '^EXIT='; then
	screen | grep -q '^EXIT=0' && ok "q: exit 0" || not_ok "q: exit 0" "$(screen | grep EXIT=)"
	screen | grep -q '^icanon echo' && ok "q: the terminal is given back (icanon echo)" ||
		not_ok "q: the terminal is given back" "$(screen | grep -A1 EXIT=)"
	! screen | grep -q 'MARK' && ok "q: the alternate screen is left" || not_ok "q: the alternate screen is left"
else
	not_ok "q quits" "$(screen | tail -3)"
fi
t kill-session -t w

# Ctrl-C: 130, the terminal given back
t new-session -d -s w -x 100 -y 24 "bash $tmp/pane.sh $PP"
until_shows 10 ' sample 1 at ' || true
t send-keys -t w C-c
until_shows 5 '^EXIT=' && screen | grep -q '^EXIT=130' && screen | grep -q '^icanon echo' &&
	ok "Ctrl-C: exit 130, the terminal given back" || not_ok "Ctrl-C" "$(screen | tail -4)"
t kill-session -t w

# a message while the screen is up goes to the status line, and to stderr afterwards
t new-session -d -s w -x 100 -y 24 "bash $tmp/pane.sh 127.0.0.1:1"
until_true 10 error_above_status &&
	ok "an error while the screen is up: above the status line" ||
	not_ok "an error while the screen is up: above the status line" "$(screen | tail -2)"
t send-keys -t w q
until_shows 5 '^EXIT=' || true
screen | grep -q '^EXIT=1' && grep -q "Couldn't connect" "$tmp/pane.err" &&
	ok "... and on stderr after the screen is left, exit 1 (no sample)" ||
	not_ok "... and on stderr after the screen is left" "$(screen | grep EXIT=) $(head -2 "$tmp/pane.err")"
t kill-session -t w

# ------------------------------------------------------------------------ through a pipe
timeout 30 "$BIN" watch --every 1s --count 3 "$PP" >"$tmp/out" 2>"$tmp/err"
rc=$?
blocks=$(grep -c " every 1s: sample [0-9]* at " "$tmp/out")
last=$(awk '/ sample 3 at /{ on = 1 } on && /serveLeakedHandler/' "$tmp/out")
[ "$rc" -eq 0 ] && [ "$blocks" -eq 3 ] && ! grep -q $'\033' "$tmp/out" &&
	ok "a pipe: one block per sample, 3 with --count 3, no escape sequences" ||
	not_ok "a pipe: one block per sample" "rc=$rc blocks=$blocks"
case $last in
suspect*) ok "a pipe: the leak is a suspect by the third sample" ;;
*) not_ok "a pipe: the leak is a suspect by the third sample" "$last" ;; esac

# a pipe fits the table to $COLUMNS as summary does (WHERE shortened, file:line kept);
# --wide keeps it whole
f=../samples/goroutine.debug2.txt
COLUMNS=60 timeout 10 "$BIN" watch --count 1 "$f" >"$tmp/narrow" 2>/dev/null
COLUMNS=60 timeout 10 "$BIN" watch --count 1 --wide "$f" >"$tmp/whole" 2>/dev/null
grep -q '…osures\.func1\.2 sites\.go:271' "$tmp/narrow" && ! grep -q '…' "$tmp/whole" &&
	grep -q 'main\.startClosures\.func1\.2 gen/sites\.go:271' "$tmp/whole" &&
	ok "a pipe: WHERE fits \$COLUMNS, file:line kept; --wide keeps it whole" ||
	not_ok "a pipe: WHERE fits \$COLUMNS; --wide keeps it whole" "$(grep 'sites.go:271' "$tmp/narrow" "$tmp/whole")"

# the runtime's proof: Go 1.27's goroutineleak?debug=2 marks 12 senders (leaked); watch marks
# their group so, counts it in the totals and, with --leaked, shows nothing else
f=modern/go1.27/goroutineleak.debug2.txt
timeout 10 "$BIN" watch --count 1 "$f" >"$tmp/leak" 2>/dev/null
timeout 10 "$BIN" watch --count 1 --leaked "$f" >"$tmp/leak1" 2>/dev/null
grep -Eq '^leaked +12 .*chan send +main\.backend fanout/main\.go:37' "$tmp/leak" &&
	grep -q '1 group proven leaked by the runtime' "$tmp/leak" &&
	[ "$(grep -c 'fanout/main\.go' "$tmp/leak1")" -eq 1 ] && grep -q '^12 goroutines in 1 group' "$tmp/leak1" &&
	ok "a goroutineleak dump: the proven group marked leaked; --leaked keeps only it" ||
	not_ok "a goroutineleak dump: the proven group marked leaked" "$(head -6 "$tmp/leak") / $(head -2 "$tmp/leak1")"

d="$tmp/saved"
timeout 30 "$BIN" watch --every 1s --count 2 -o "$d" "$PP" >"$tmp/out" 2>"$tmp/err"
rc=$?
n=$(ls "$d" 2>/dev/null | grep -c '^127\.0\.0\.1_'"${PP#*:}"'\.goroutine\.[0-9]\{8\}T[0-9]\{6\}Z\.txt$')
[ "$rc" -eq 0 ] && [ "$n" -eq 2 ] && [ -z "$(ls -A "$d" | grep '^\.')" ] &&
	"$BIN" trend "$d"/* 2>/dev/null | grep -q 'main.serveLeakedHandler' &&
	ok "-o DIR: both samples saved as fetch saves them, and trend reads them" ||
	not_ok "-o DIR: both samples saved" "rc=$rc files=$n $(ls -A "$d" 2>/dev/null)"

# SIGINT through a pipe: 130 after the block it printed, no half-saved file left in -o DIR
d="$tmp/intr"
"$BIN" watch --every 1s -o "$d" "$PP" >"$tmp/out" 2>"$tmp/err" &
wpid=$!
until_true 10 grep -q ' sample 2 at ' "$tmp/out" || true
kill -INT "$wpid"
wait "$wpid"
rc=$?
n=$(ls "$d" 2>/dev/null | grep -c '\.txt$')
[ "$rc" -eq 130 ] && [ "$n" -ge 2 ] && [ -z "$(ls -A "$d" | grep '^\.')" ] &&
	tail -1 "$tmp/out" | grep -q '^$' &&
	ok "SIGINT through a pipe: exit 130, $n samples saved whole, no temporary file left" ||
	not_ok "SIGINT through a pipe" "rc=$rc files=$n $(ls -A "$d" 2>/dev/null | tr '\n' ' ')"

timeout 20 "$BIN" watch --every 1s --count 5 -p heap "$PP" >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] && [ "$(grep -c 'no goroutine dump to watch' "$tmp/err")" -eq 1 ] &&
	ok "a heap profile: said once, exit 1 (watch shows goroutines)" ||
	not_ok "a heap profile: said once, exit 1" "rc=$rc"

for args in "-" "$PP $PP" "-o $tmp/o ../samples/goroutine.debug2.txt" "--every 0.5s $PP" "--sort size $PP"; do
	# shellcheck disable=SC2086
	timeout 10 "$BIN" watch --count 1 $args </dev/null >/dev/null 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 2 ] && ok "usage error: watch $args ($(head -1 "$tmp/err" | cut -c1-60))" ||
		not_ok "usage error: watch $args" "rc=$rc"
done

echo "watch: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
